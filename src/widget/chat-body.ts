/**
 * `<parley-chat-body>`: the chat panel of `<parley-chat>` — the panel with its header, the
 * conversation (or the list of conversations), the forms (lead, e-mail, CSAT) and the composer.
 * Loaded as one lazy chunk with the panel's elements (src/widget/panel-loader.ts): a page view that
 * never reaches for the chat downloads and parses only the launcher and the greeting.
 *
 * It renders into its own light DOM, so `<parley-panel>` and everything in it stay in the
 * widget's shadow tree: `exportparts`, the widget's styles and a page's `parley-chat::part(…)`
 * reach them as before, and its styles (`chat-body.styles.ts`) are adopted by that tree.
 *
 * Props down: the controller's `state`, the `view`, the banner's `connection`, the `heading`,
 * the welcome/away `notice` and the `strings`. It provides the strings, the locale and the
 * environment (server, file URLs) to every element inside by context (src/ui/context.ts).
 * Intent it turns into controller calls itself (send, retry, discard, replies, forms, ratings,
 * files); what changes the widget's view bubbles up to `<parley-chat>` untouched:
 * `parley-close`, `parley-show-list`, `parley-open-conversation`, `parley-start-conversation`.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { en, type Strings } from '../core/locale.js';
import { CONVERSATION_STATUS } from '../core/protocol.js';
import type { ChatController, ChatState } from '../controller/index.js';
import type { Notice } from '../controller/engagement.js';
import { submitForm } from '../controller/forms.js';
import type { ParleySubmitEvent } from '../ui/content/events.js';
import { environmentContext, localeContext, stringsContext, type ChatEnvironment } from '../ui/context.js';
import { ParleyElement } from '../ui/base.js';
import { needElement } from '../ui/lazy.js';
import type {
  ParleyCsatSubmitEvent,
  ParleyInputEvent,
  ParleyReplyEvent,
  ParleyRetryEvent,
  ParleySendEvent,
  ParleyTtsToggleEvent,
} from '../ui/events.js';
import type { ParleyAttachmentEvent, ParleyFilesEvent } from '../ui/attachments/events.js';
import { acceptAttribute, type AttachmentItem } from '../core/attachments.js';
import { chatBodyStyles } from './chat-body.styles.js';
import type { ParleyChatComposer } from './chat-composer.js';
import { ChatMedia } from './media.js';
import { DraftKeeper } from './drafts.js';
import { needsLead, renderIdentity, renderLeadForm, renderList, renderNotice, renderPoweredBy } from './chat-parts.js';
import '../ui/panel-elements.js';
import './chat-composer.js';

export type ChatView = 'conversation' | 'list';

const NO_ITEMS: readonly AttachmentItem[] = Object.freeze([]);

/**
 * @summary The chat panel inside `<parley-chat>` (internal: defined lazily with the panel's chunk).
 */
export class ParleyChatBody extends ParleyElement {
  /** Adopted by the tree this element renders into (see `connectedCallback`). */
  static override styles = chatBodyStyles;

  /** The widget's one ChatController. */
  @property({ attribute: false }) chat?: ChatController;

  /** Its state (a new object on every change). */
  @property({ attribute: false }) state?: ChatState;

  @property() view: ChatView = 'conversation';

  /** What the panel's banner shows (`ConnectionState` of `<parley-panel>`). */
  @property() connection = 'connected';

  /** The panel's title. */
  @property() heading = '';

  /** The welcome or away notice, at the top of the conversation, if any. */
  @property({ attribute: false }) notice?: Notice;

  @provide({ context: stringsContext })
  @property({ attribute: false })
  strings: Strings = en;

  /** The language's BCP 47 tag, for dates, numbers, plurals and speech. */
  @provide({ context: localeContext })
  @property()
  locale = '';

  @provide({ context: environmentContext }) protected environment: ChatEnvironment = { server: '' };

  @query('parley-chat-composer') private composer?: ParleyChatComposer | null;

  @state() private busy = false;
  @state() private formError = '';
  @state() private leadDone = false;

  #media?: ChatMedia;
  #drafts?: DraftKeeper;
  #offReceived?: () => void;

  /** Renders into the element itself: the panel stays in `<parley-chat>`'s shadow tree. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    const sheet = chatBodyStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    // Back after a move: the media and the listener come back with the next update.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#offReceived?.();
    this.#media?.dispose();
    this.#offReceived = this.#media = undefined;
  }

  /** Puts the focus in the composer (after opening, after "reopen"). */
  async focusComposer(): Promise<void> {
    await this.updateComplete;
    await this.composer?.focusText();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const chat = this.chat;
    if (!chat) return;
    if (changed.has('chat') || !this.#media) {
      // A new controller (the widget was moved): a new start for the media and the forms.
      this.#media?.dispose();
      this.#media = new ChatMedia(this, chat);
      this.#drafts = new DraftKeeper(chat.drafts);
      this.#listen(chat);
      this.busy = this.leadDone = false;
      this.formError = '';
    }
    const media = this.#media!;
    const widget = this.state?.settings.chatWidget;
    if (widget) media.sync(widget, this.state?.panelOpen ?? false);
    const fileUrl = media.fileUrl(this.state?.session?.token);
    if (this.environment.fileUrl !== fileUrl || this.environment.server !== chat.install.server)
      this.environment = { server: chat.install.server, fileUrl };
  }

  /** Reads incoming agent and bot messages aloud while the visitor has read-aloud on. */
  #listen(chat: ChatController): void {
    this.#offReceived?.();
    this.#offReceived = chat.on('message-received', (e) => this.#media?.speak(e.detail.message));
  }

  override render() {
    const { state, chat } = this;
    const media = this.#media;
    if (!state || !chat || !media) return nothing;
    const s = this.strings;
    const { chatWidget } = state.settings;
    const active = state.conversations.find((c) => c.groupId === state.activeGroupId);
    const assignee = active?.assignee ? state.users.get(active.assignee) : undefined;
    const single = chatWidget.isSingleThreaded;
    const list = this.view === 'list' && !single;
    return html`<parley-panel
      exportparts="panel, header"
      ?open=${state.panelOpen}
      .title=${this.heading}
      subtitle=${chatWidget.teamName}
      connection=${this.connection}
    >
      ${
        assignee
          ? html`<parley-agent-badge slot="header-start" name=${assignee.userName} image=${assignee.imageLink ?? ''}></parley-agent-badge>`
          : nothing
      }
      <parley-header-actions
        slot="header-end"
        ?show-back=${!single && this.view === 'conversation' && state.conversations.length > 0}
        ?tts-available=${chatWidget.voiceOutput && Boolean(media.tts?.available)}
        ?tts-on=${media.tts?.enabled ?? false}
        @parley-tts-toggle=${(e: ParleyTtsToggleEvent) => media.tts?.setEnabled(e.detail.on)}
      ></parley-header-actions>
      ${media.overlay(s, state.panelOpen)} ${list ? renderList(state) : this.#renderConversation(state)}
      ${renderPoweredBy(chatWidget.showPoweredBy, s)}
    </parley-panel>`;
  }

  #renderConversation(state: ChatState) {
    const s = this.strings;
    const { settings, session } = state;
    const active = state.conversations.find((c) => c.groupId === state.activeGroupId);
    const form = { busy: this.busy, error: this.formError };
    if (needsLead(state, this.leadDone)) {
      return html`${renderLeadForm(settings.leadCollection, s, form, (e) => void this.#saveUser(e.detail.values, true))}
        ${this.#renderComposer(state, true)}`;
    }
    const resolved = active?.status === CONVERSATION_STATUS.resolved;
    const single = settings.chatWidget.isSingleThreaded;
    const notice = this.notice;
    const rate = resolved && settings.collectFeedback;
    if (rate) void needElement('parley-csat');
    return html`
      <parley-message-list
        exportparts="message, avatar, name, meta"
        .messages=${state.messages}
        self-id=${session?.userId ?? ''}
        .users=${state.users}
        .typing=${state.typing}
        ?loading-older=${state.loadingOlder}
        @parley-load-older=${() => void this.chat?.loadOlder()}
        @parley-retry=${(e: ParleyRetryEvent) => this.chat?.retry(e.detail.key)}
        @parley-discard=${(e: ParleyRetryEvent) => this.chat?.discard(e.detail.key)}
        @parley-reply=${this.#handleReply}
        @parley-submit=${(e: ParleySubmitEvent) => e.respondWith(submitForm(e.detail.url, e.detail.data))}
      >
        ${notice ? renderNotice(notice, s, session?.email, form, (e) => void this.#saveUser(e.detail.values, false)) : nothing}
      </parley-message-list>
      <div class="extras">
        ${
          resolved
            ? html`<parley-resolved
              mode=${single ? 'single' : 'multiple'}
              ?can-start-new=${!single}
              @parley-reopen=${() => void this.focusComposer()}
            ></parley-resolved>`
            : nothing
        }
        ${
          rate && active
            ? html`<parley-csat
              base=${settings.chatWidget.csatRatingBase}
              .rating=${active.rating}
              ?busy=${this.busy}
              @parley-csat-submit=${(e: ParleyCsatSubmitEvent) => this.#rate(active.groupId, e.detail.rating, e.detail.comment)}
            ></parley-csat>`
            : nothing
        }
      </div>
      ${renderIdentity(state, s)}
      ${this.#renderComposer(state, state.status !== 'ready')}
    `;
  }

  #renderComposer(state: ChatState, disabled: boolean) {
    const widget = state.settings.chatWidget;
    const media = this.#media!;
    return html`<parley-chat-composer
      slot="footer"
      exportparts="composer"
      .items=${widget.attachment ? media.uploads.items : NO_ITEMS}
      ?attachments=${widget.attachment}
      accept=${acceptAttribute(widget.allowedAttachmentTypes)}
      max-mb=${widget.maxAttachmentSize}
      ?voice=${widget.voiceInput}
      ?disabled=${disabled}
      @parley-send=${this.#handleSend}
      @parley-input=${this.#handleInput}
      @parley-files=${(e: ParleyFilesEvent) => media.uploads.add(e.detail.files)}
      @parley-attachment=${(e: ParleyAttachmentEvent) => media.uploads[e.detail.action](e.detail.id)}
    ></parley-chat-composer>`;
  }

  async #saveUser(values: Record<string, string>, lead: boolean): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    this.busy = true;
    this.formError = '';
    const { name, ...rest } = values;
    const code = await chat.updateUser({ ...rest, ...(name ? { displayName: name } : {}) });
    if (!code && lead) this.leadDone = true;
    this.busy = false;
    this.formError = code ? this.strings.errorSaving : '';
  }

  async #rate(groupId: string, rating: number, comment: string): Promise<void> {
    const chat = this.chat;
    if (!chat) return;
    this.busy = true;
    const code = await chat.rate(groupId, rating, comment.trim() || undefined);
    this.busy = false;
    if (code) console.error(`[parley] could not save the rating (${code})`);
  }

  #handleSend = (event: ParleySendEvent): void => {
    const chat = this.chat;
    if (!chat) return;
    if (event.detail.text) this.#drafts?.sent(this.#draftKey(), chat.send(event.detail.text));
    this.#media?.sendFiles();
    chat.setTyping(false);
  };

  #handleReply = (event: ParleyReplyEvent): void => {
    const { message, metadata, url } = event.detail;
    if (!url) void this.chat?.send(message, { metadata });
  };

  #handleInput = (event: ParleyInputEvent): void => {
    this.chat?.setTyping(event.detail.value.trim() !== '');
    this.#drafts?.typed(this.#draftKey(), event.detail.value);
  };

  /** Drafts are kept per conversation; '' before the first one exists. */
  #draftKey = (): string => this.state?.activeGroupId ?? '';

  protected override updated(): void {
    this.#drafts?.show(this.#draftKey(), this.composer, () => {
      const me = this.state?.session?.userId;
      return [...(this.state?.messages ?? [])].reverse().find((m) => m.fromUserName === me)?.message;
    });
  }
}

ParleyChatBody.define('parley-chat-body');

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat-body': ParleyChatBody;
  }
}
