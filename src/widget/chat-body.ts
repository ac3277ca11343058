/**
 * The chat panel of `<parley-chat>`: the panel with its header, the conversation (or the list of
 * conversations), the forms (lead, e-mail, CSAT) and the composer with its media. Composition
 * code, loaded as one lazy chunk with the panel's elements: a page view that never reaches for
 * the chat downloads and parses only the launcher and the greeting.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { format, type Strings } from '../core/locale.js';
import { CONVERSATION_STATUS, type Conversation, type LeadField, type Message } from '../core/protocol.js';
import type { ChatController, ChatState } from '../controller/index.js';
import type { EngagementController, Notice } from '../controller/engagement.js';
import { postJson } from '../net/submit.js';
import type { ParleySubmitEvent } from '../ui/content/events.js';
import type { ParleyComposer } from '../ui/composer/composer.js';
import type {
  ParleyCsatSubmitEvent,
  ParleyInputEvent,
  ParleyLeadSubmitEvent,
  ParleyOpenConversationEvent,
  ParleyReplyEvent,
  ParleyRetryEvent,
  ParleySendEvent,
  ParleyTtsToggleEvent,
} from '../ui/events.js';
import { ChatMedia, dropOverlayStyles } from './media.js';
import '../ui/panel-elements.js';

/**
 * The one field of the "leave your email" ask. One array for every render: a new array would be
 * new `fields` for the lead form, which then forgets the errors it is showing.
 */
const EMAIL_FIELD: readonly LeadField[] = Object.freeze([{ field: 'email', type: 'email', required: true }]);

export type ChatView = 'conversation' | 'list';

/** What the panel asks of the top element. */
export interface ChatBodyOptions {
  chat: ChatController;
  engagement: EngagementController | undefined;
  strings: Strings;
  view(): ChatView;
  showList(): void;
  close(): void;
  openConversation(groupId: string): void;
  startConversation(): void;
}

export class ChatBody {
  readonly media: ChatMedia;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #o: ChatBodyOptions;
  #busy = false;
  #formError = '';
  #leadDone = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ChatBodyOptions) {
    this.#host = host;
    this.#o = options;
    this.media = new ChatMedia(host, {
      chat: options.chat,
      draft: { get: () => this.#composer()?.value ?? '', set: (text) => this.#setDraft(text) },
    });
    const root = host.shadowRoot;
    const sheet = dropOverlayStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  dispose(): void {
    this.media.dispose(this.#host);
  }

  /** Puts the focus in the composer (after opening, after "reopen"). */
  focusComposer(): void {
    this.#composer()?.focus();
  }

  /** Reads an incoming message aloud when the visitor has read-aloud on. */
  speak(message: Message): void {
    this.media.speak(message);
  }

  /** The panel, open or closed; `connection` is what its banner shows. */
  render(state: ChatState, connection: string, title: string) {
    const s = this.#o.strings;
    const { chatWidget } = state.settings;
    const open = state.panelOpen;
    const active = state.conversations.find((c) => c.groupId === state.activeGroupId);
    const assignee = active?.assignee ? state.users.get(active.assignee) : undefined;
    const single = chatWidget.isSingleThreaded;
    const view = this.#o.view();
    this.media.sync(chatWidget, open);
    return html`<parley-panel
      exportparts="panel, header"
      ?open=${open}
      .title=${title}
      subtitle=${chatWidget.teamName}
      connection=${connection}
      .strings=${s}
      @parley-close=${() => this.#o.close()}
    >
      ${
        assignee
          ? html`<parley-agent-badge slot="header-start" name=${assignee.userName} image=${assignee.imageLink ?? ''} .strings=${s}></parley-agent-badge>`
          : nothing
      }
      <parley-header-actions
        slot="header-end"
        ?show-back=${!single && view === 'conversation' && state.conversations.length > 0}
        ?tts-available=${chatWidget.voiceOutput && this.media.tts.available}
        ?tts-on=${this.media.tts.enabled}
        .strings=${s}
        @parley-show-list=${() => this.#o.showList()}
        @parley-tts-toggle=${(e: ParleyTtsToggleEvent) => this.media.tts.setEnabled(e.detail.on)}
      ></parley-header-actions>
      ${this.media.overlay(s, open)}
      ${view === 'list' && !single ? this.#renderList(state) : this.#renderConversation(state, active)}
      ${
        chatWidget.showPoweredBy
          ? html`<p class="powered" slot="footer" part="powered-by">
            <a href="https://github.com/parley-chat/parley" target="_blank" rel="noopener noreferrer">${s.poweredBy}</a>
          </p>`
          : nothing
      }
    </parley-panel>`;
  }

  #renderList(state: ChatState) {
    return html`<parley-conversation-list
      .conversations=${state.conversations}
      .users=${state.users}
      self-id=${state.session?.userId ?? ''}
      can-start-new
      locale=${this.#o.chat.install.userLocale ?? ''}
      .strings=${this.#o.strings}
      @parley-open-conversation=${(e: ParleyOpenConversationEvent) => this.#o.openConversation(e.detail.groupId)}
      @parley-start-conversation=${() => this.#o.startConversation()}
    ></parley-conversation-list>`;
  }

  #renderConversation(state: ChatState, active: Conversation | undefined) {
    const s = this.#o.strings;
    const { settings, session } = state;
    const single = settings.chatWidget.isSingleThreaded;
    const needsLead =
      settings.collectLead &&
      settings.leadCollection.length > 0 &&
      !this.#leadDone &&
      !session?.email &&
      !state.messages.some((m) => m.fromUserName === session?.userId);
    if (needsLead) {
      return html`<div class="extras">
          <parley-lead-form
            .fields=${settings.leadCollection}
            intro=${s.leadIntro}
            submit-label=${s.leadStart}
            ?busy=${this.#busy}
            .strings=${s}
            @parley-lead-submit=${(e: ParleyLeadSubmitEvent) => this.#saveUser(e.detail.values, true)}
          ></parley-lead-form>
          ${this.#formError ? html`<p role="alert">${this.#formError}</p>` : nothing}
        </div>
        ${this.#renderComposer(state, true)}`;
    }
    const notice = this.#o.engagement?.notice();
    const resolved = active?.status === CONVERSATION_STATUS.resolved;
    const { install } = this.#o.chat;
    return html`
      ${notice ? this.#renderNotice(notice, session?.email) : nothing}
      <parley-message-list
        exportparts="message, avatar, name, meta"
        .messages=${state.messages}
        self-id=${session?.userId ?? ''}
        .users=${state.users}
        .typing=${state.typing}
        .strings=${s}
        .fileUrl=${this.media.fileUrl(session?.token)}
        locale=${install.userLocale ?? ''}
        server=${install.server}
        @parley-retry=${(e: ParleyRetryEvent) => this.#o.chat.retry(e.detail.key)}
        @parley-discard=${(e: ParleyRetryEvent) => this.#o.chat.discard(e.detail.key)}
        @parley-reply=${this.#handleReply}
        @parley-submit=${(e: ParleySubmitEvent) => e.respondWith(postJson(e.detail.url, e.detail.data))}
      ></parley-message-list>
      <div class="extras">
        ${
          resolved
            ? html`<parley-resolved
              mode=${single ? 'single' : 'multiple'}
              ?can-start-new=${!single}
              .strings=${s}
              @parley-start-conversation=${() => this.#o.startConversation()}
              @parley-reopen=${() => this.focusComposer()}
            ></parley-resolved>`
            : nothing
        }
        ${
          resolved && settings.collectFeedback && active
            ? html`<parley-csat
              base=${settings.chatWidget.csatRatingBase}
              .rating=${active.rating}
              ?busy=${this.#busy}
              .strings=${s}
              @parley-csat-submit=${(e: ParleyCsatSubmitEvent) => this.#rate(active.groupId, e.detail.rating, e.detail.comment)}
            ></parley-csat>`
            : nothing
        }
      </div>
      ${
        session?.anonymous
          ? html`<p class="identity" part="identity">
            ${format(s.identity, { name: state.users.get(session.userId)?.userName ?? session.userName })}
          </p>`
          : nothing
      }
      ${this.#renderComposer(state, state.status !== 'ready')}
    `;
  }

  #renderNotice(notice: Notice, email: string | undefined) {
    const s = this.#o.strings;
    return html`<div class="extras">
      <parley-notice message=${notice.message} tone=${notice.kind === 'away' ? 'away' : 'info'}>
        ${
          notice.collectEmail && !email
            ? html`<parley-lead-form
              .fields=${EMAIL_FIELD}
              intro=${s.emailPrompt}
              ?busy=${this.#busy}
              .strings=${s}
              @parley-lead-submit=${(e: ParleyLeadSubmitEvent) => this.#saveUser(e.detail.values, false)}
            ></parley-lead-form>`
            : nothing
        }
        ${notice.collectEmail && email ? html`<p>${format(s.emailThanks, { email })}</p>` : nothing}
        ${this.#formError ? html`<p role="alert">${this.#formError}</p>` : nothing}
      </parley-notice>
    </div>`;
  }

  #renderComposer(state: ChatState, disabled: boolean) {
    const s = this.#o.strings;
    const widget = state.settings.chatWidget;
    return html`${this.media.chips(widget, s)}
      <parley-composer
        slot="footer"
        exportparts="composer"
        ?disabled=${disabled}
        ?allow-empty=${widget.attachment && this.media.pending}
        .strings=${s}
        @parley-send=${this.#handleSend}
        @parley-input=${this.#handleInput}
      >
        ${this.media.composerButtons(widget, s, disabled)}
      </parley-composer>`;
  }

  #composer(): ParleyComposer | null | undefined {
    return this.#host.shadowRoot?.querySelector('parley-composer');
  }

  #setDraft(text: string): void {
    const composer = this.#composer();
    if (composer) composer.value = text;
  }

  #setForm(busy: boolean, formError = this.#formError): void {
    this.#busy = busy;
    this.#formError = formError;
    this.#host.requestUpdate();
  }

  async #saveUser(values: Record<string, string>, lead: boolean): Promise<void> {
    this.#setForm(true, '');
    const { name, ...rest } = values;
    const code = await this.#o.chat.updateUser({ ...rest, ...(name ? { displayName: name } : {}) });
    if (!code && lead) this.#leadDone = true;
    this.#setForm(false, code ? this.#o.strings.errorSaving : '');
  }

  async #rate(groupId: string, rating: number, comment: string): Promise<void> {
    this.#setForm(true);
    const code = await this.#o.chat.rate(groupId, rating, comment.trim() || undefined);
    this.#setForm(false);
    if (code) console.error(`[parley] could not save the rating (${code})`);
  }

  #handleSend = (event: ParleySendEvent): void => {
    const { chat, engagement } = this.#o;
    engagement?.markChatted();
    if (event.detail.text) void chat.send(event.detail.text);
    this.media.uploads.submit();
    chat.setTyping(false);
  };

  #handleReply = (event: ParleyReplyEvent): void => {
    const { message, metadata } = event.detail;
    void this.#o.chat.send(message, { metadata });
  };

  #handleInput = (event: ParleyInputEvent): void => {
    this.#o.chat.setTyping(event.detail.value.trim() !== '');
  };
}
