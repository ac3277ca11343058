/**
 * `<parley-chat>`: the widget. It owns the one ChatController (state, network, storage) and
 * renders the UI elements with its state; the elements report intent as `parley-*` events, which
 * this element turns into controller calls.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { styles } from './widget/chat.styles.js';
import { property, query, state } from 'lit/decorators.js';
import { parseInstallSettings, type InstallSettings } from './core/config.js';
import { normalizeHex, readableTextColor } from './core/color.js';
import { systemClock, type Clock } from './core/clock.js';
import { format, resolveStrings, type Strings } from './core/locale.js';
import type { Conversation, LeadField, Message, Metadata } from './core/protocol.js';
import { ChatController, ChatStateController, type ChatState } from './controller/index.js';
import { EngagementController, type Notice } from './controller/engagement.js';
import { playTone } from './controller/sound.js';
import { postJson } from './net/submit.js';
import type { ParleySubmitEvent } from './ui/content/events.js';
import { ParleyElement } from './ui/base.js';
import type { ParleyComposer } from './ui/composer/composer.js';
import type { ParleyLauncher } from './ui/launcher/launcher.js';
import type {
  ParleyCsatSubmitEvent,
  ParleyInputEvent,
  ParleyLeadSubmitEvent,
  ParleyOpenConversationEvent,
  ParleyReplyEvent,
  ParleySendEvent,
  ParleyRetryEvent,
  ParleyTtsToggleEvent,
} from './ui/events.js';
import { installPageApi, type PageApiTarget } from './page-api.js';
import { ChatMedia, dropOverlayStyles } from './widget/media.js';
import './ui/launcher/launcher.js';
import './ui/greeting/greeting.js';

/** Errors that mean "the chat server did not answer" (as opposed to a refusal). */
function isUnreachable(code: string | undefined): boolean {
  return code === 'PL-N-02' || code === 'PL-N-03' || code === 'PL-X-01';
}

/** The panel's elements, loaded once, on the visitor's first move towards the chat. */
let panelElements: Promise<unknown> | undefined;
function loadPanel(): Promise<unknown> {
  panelElements ??= import('./ui/panel-elements.js').catch((error: unknown) => {
    panelElements = undefined;
    console.error('[parley] could not load the chat panel', error);
  });
  return panelElements;
}

/**
 * The one field of the "leave your email" ask. One array for every render: a new array would be
 * new `fields` for the lead form, which then forgets the errors it is showing.
 */
const EMAIL_FIELD: readonly LeadField[] = Object.freeze([{ field: 'email', type: 'email', required: true }]);

/**
 * @summary The Parley chat widget: a launcher and a chat panel, driven by the app's settings.
 * @tag parley-chat
 * @event parley-widget-open - The visitor opened the chat.
 * @event parley-widget-close - The visitor closed the chat.
 * @event parley-message-received - A new agent or bot message arrived; `detail.message`.
 * @event parley-message-sent - The server stored a message of the visitor; `detail.message`.
 * @csspart launcher - The launcher button.
 * @csspart panel - The chat window.
 * @csspart header - The panel's header.
 * @csspart message - One message bubble.
 * @csspart composer - The message input area.
 * @cssprop --parley-primary-color - Brand colour (default: the app's `primaryColor`).
 * @cssprop --parley-primary-text-color - Text on the brand colour (default: computed for contrast).
 * @cssprop --parley-z-index - Stacking order of the widget (default 2147483000).
 */
export class ParleyChat extends ParleyElement implements PageApiTarget {
  static override styles = [ParleyElement.styles, styles, dropOverlayStyles];

  /** The app id (alternative to `settings.appId`). */
  @property({ attribute: 'app-id' }) appId = '';

  /** The chat server's base URL (alternative to `settings.server`; default: this page's origin). */
  @property() server = '';

  /** The install settings as a site passes them (`window.parleySettings`). */
  @property({ attribute: false }) settings?: Record<string, unknown>;

  @query('parley-composer') private composer?: ParleyComposer;
  @query('parley-launcher') private launcher?: ParleyLauncher;

  /** The clock the widget's timers run on (greeting delay, office-hours boundaries). */
  @property({ attribute: false }) clock: Clock = systemClock;

  /** 'conversation' or the conversation list (multiple threads). */
  @state() private view: 'conversation' | 'list' = 'conversation';
  /** Opened before the visitor's conversations were known: choose the view once they are. */
  #viewPending = false;
  @state() private busy = false;
  @state() private formError = '';
  @state() private leadDone = false;

  #chat?: ChatController;
  #state?: ChatStateController;
  #engagement?: EngagementController;
  #greeted = '';
  #media?: ChatMedia;
  #strings: Strings = resolveStrings();
  #theme = new CSSStyleSheet();
  #visible = true;

  override connectedCallback(): void {
    super.connectedCallback();
    // Properties set before the element was defined (the loader's `settings`) are restored at
    // the first update, so start after it.
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.#chat) this.#start();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chat?.destroy();
    if (this.#state) this.removeController(this.#state);
    if (this.#engagement) this.removeController(this.#engagement);
    this.#media?.dispose(this);
    this.#engagement = this.#media = undefined;
    this.#chat = undefined;
    this.#state = undefined;
  }

  #start(): void {
    const raw = { appId: this.appId || undefined, server: this.server || undefined, ...(this.settings ?? {}) };
    const parsed = parseInstallSettings(raw);
    if (!parsed.ok) {
      console.error(`[parley] ${parsed.error}`);
      return;
    }
    for (const warning of parsed.warnings) console.warn(`[parley] ${warning}`);
    const install: InstallSettings = parsed.value;
    this.#strings = resolveStrings(install.labels);
    const chat = new ChatController({ install, clock: this.clock });
    this.#chat = chat;
    this.#state = new ChatStateController(this, chat);
    this.#engagement = new EngagementController(this, {
      appId: install.appId,
      clock: this.clock,
      state: () => this.#state?.value,
      isMobile: () => matchMedia('(max-width: 480px)').matches,
    });
    this.#media = new ChatMedia(this, {
      chat,
      draft: { get: () => this.composer?.value ?? '', set: (text) => this.composer && (this.composer.value = text) },
    });
    chat.addEventListener('message-received', (e) => this.#announceMessage(e as CustomEvent, 'parley-message-received'));
    chat.addEventListener('message-sent', (e) => this.#announceMessage(e as CustomEvent, 'parley-message-sent'));
    const existing = (window as Window & { Parley?: { q?: unknown } }).Parley;
    if (!existing || Array.isArray(existing.q)) installPageApi(this);
    void chat.init();
  }

  #announceMessage(event: CustomEvent, type: string): void {
    const state = this.#state?.value;
    if (type === 'parley-message-received' && state && !state.panelOpen) {
      playTone(state.settings.chatWidget.notificationVolume);
    }
    const message = (event.detail as { message?: Message }).message;
    if (type === 'parley-message-received' && message) this.#media?.speak(message);
    this.dispatchEvent(new CustomEvent(type, { detail: event.detail, bubbles: true, composed: true }));
  }

  override firstUpdated(): void {
    if (this.shadowRoot) this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, this.#theme];
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const state = this.#state?.value;
    if (!state) return;
    const { chatWidget } = state.settings;
    const primary = normalizeHex(chatWidget.primaryColor);
    const theme = primary
      ? `:host{--parley-primary-color:${primary};--parley-primary-text-color:${readableTextColor(primary)}}`
      : '';
    this.#theme.replaceSync(theme);
  }

  // ---- page API ---------------------------------------------------------------------------------

  open(): void {
    const chat = this.#chat;
    if (!chat || chat.state.panelOpen) return;
    this.#engagement?.markChatted();
    const { conversations, settings } = chat.state;
    this.view = !settings.chatWidget.isSingleThreaded && conversations.length > 1 ? 'list' : 'conversation';
    // A visitor new on this device (e.g. known by userId) learns their conversations only now:
    // several → the list, unless a view was asked for meanwhile.
    this.#viewPending = conversations.length === 0;
    void chat.open().then(() => {
      if (!this.#viewPending) return;
      this.#viewPending = false;
      const state = chat.state;
      if (!state.settings.chatWidget.isSingleThreaded && state.conversations.length > 1) this.view = 'list';
    });
    this.dispatchEvent(new CustomEvent('parley-widget-open', { bubbles: true, composed: true }));
    void loadPanel()
      .then(() => customElements.whenDefined('parley-composer'))
      .then(() => this.updateComplete)
      .then(() => this.composer?.focus());
  }

  close(): void {
    const chat = this.#chat;
    if (!chat || !chat.state.panelOpen) return;
    const hadFocus = this.shadowRoot?.activeElement !== null && this.shadowRoot?.activeElement !== this.launcher;
    chat.close();
    this.dispatchEvent(new CustomEvent('parley-widget-close', { bubbles: true, composed: true }));
    if (hadFocus) void this.updateComplete.then(() => this.launcher?.focus());
  }

  toggle(): void {
    if (this.#chat?.state.panelOpen) this.close();
    else this.open();
  }

  launchConversation(): void {
    this.open();
  }

  async startConversation(params: { conversationTitle?: string; metadata?: Metadata } = {}): Promise<void> {
    this.open();
    this.view = 'conversation';
    this.#viewPending = false;
    await this.#chat?.startConversation({ groupName: params.conversationTitle, metadata: params.metadata });
  }

  async openConversation(groupId: string): Promise<void> {
    this.open();
    this.view = 'conversation';
    this.#viewPending = false;
    await this.#chat?.selectConversation(groupId);
  }

  openConversationList(): void {
    this.open();
    this.#viewPending = false;
    if (!this.#chat?.state.settings.chatWidget.isSingleThreaded) this.view = 'list';
  }

  async sendMessage(params: { message: string; metadata?: Metadata }): Promise<void> {
    const chat = this.#chat;
    if (!chat || typeof params?.message !== 'string') return;
    if (!chat.state.session) await chat.open();
    await chat.send(params.message, { metadata: params.metadata });
  }

  async updateUser(details: Record<string, unknown>): Promise<void> {
    const code = await this.#chat?.updateUser(details);
    if (code) console.error(`[parley] updateUser failed (${code})`);
  }

  async logout(): Promise<void> {
    await this.#chat?.logout();
  }

  display(show: boolean): void {
    this.#visible = show;
    this.requestUpdate();
  }

  // ---- rendering --------------------------------------------------------------------------------

  override render() {
    const state = this.#state?.value;
    // Ready, or the server cannot be reached yet (no cached settings): a quiet launcher whose
    // panel says so while the controller keeps trying. Disabled or blocked: nothing at all.
    const unreachable = state?.status === 'error' && isUnreachable(state.error);
    const shown = this.#visible && (state?.status === 'ready' || unreachable);
    this.setAttribute('state', shown ? 'ready' : 'hidden');
    if (!state || !shown) return nothing;
    const s = this.#strings;
    const { chatWidget } = state.settings;
    this.setAttribute('position', chatWidget.position);
    const open = state.panelOpen;
    const connection = unreachable || (state.connection === 'idle' && state.error && open) ? 'failed' : state.connection;
    const active = state.conversations.find((c) => c.groupId === state.activeGroupId);
    const assignee = active?.assignee ? state.users.get(active.assignee) : undefined;
    const single = chatWidget.isSingleThreaded;
    this.#media?.sync(chatWidget, open);
    const greeting = open ? undefined : this.#engagement?.greeting();
    // A restored conversation will be shown soon: fetch the panel while the browser is idle.
    if (open) void loadPanel();
    else if (state.session && !panelElements) (window.requestIdleCallback ?? setTimeout)(() => void loadPanel());
    this.#soundGreeting(greeting, chatWidget.greetingMessageVolume);
    return html`
      <parley-panel
        exportparts="panel, header"
        ?open=${open}
        .title=${chatWidget.title || this.#chat?.install.conversationTitle || s.headerTitle}
        subtitle=${chatWidget.teamName}
        connection=${connection}
        .strings=${s}
        @parley-close=${this.close}
      >
        ${assignee
          ? html`<parley-agent-badge slot="header-start" name=${assignee.userName} image=${assignee.imageLink ?? ''} .strings=${s}></parley-agent-badge>`
          : nothing}
        <parley-header-actions
          slot="header-end"
          ?show-back=${!single && this.view === 'conversation' && state.conversations.length > 0}
          ?tts-available=${chatWidget.voiceOutput && Boolean(this.#media?.tts.available)}
          ?tts-on=${Boolean(this.#media?.tts.enabled)}
          .strings=${s}
          @parley-show-list=${() => (this.view = 'list')}
          @parley-tts-toggle=${(e: ParleyTtsToggleEvent) => this.#media?.tts.setEnabled(e.detail.on)}
        ></parley-header-actions>
        ${this.#media?.overlay(s, open) ?? nothing}
        ${this.view === 'list' && !single ? this.#renderList(state, s) : this.#renderConversation(state, active, s)}
        ${chatWidget.showPoweredBy
          ? html`<p class="powered" slot="footer" part="powered-by">
              <a href="https://github.com/parley-chat/parley" target="_blank" rel="noopener noreferrer">${s.poweredBy}</a>
            </p>`
          : nothing}
      </parley-panel>
      ${greeting
        ? html`<parley-greeting
            .message=${greeting}
            position=${chatWidget.position}
            .strings=${s}
            @parley-greeting-open=${this.open}
            @parley-greeting-dismiss=${() => this.#engagement?.dismissGreeting()}
          ></parley-greeting>`
        : nothing}
      <parley-launcher
        exportparts="launcher"
        @pointerenter=${loadPanel}
        @focusin=${loadPanel}
        ?open=${open}
        unread=${open ? 0 : state.unreadCount}
        icon=${typeof chatWidget.iconIndex === 'number' ? chatWidget.iconIndex : 0}
        image=${chatWidget.iconIndex === 'image' ? chatWidget.widgetImageLink : ''}
        .strings=${s}
        @parley-toggle=${this.toggle}
      ></parley-launcher>
    `;
  }

  #renderList(state: ChatState, s: Strings) {
    return html`<parley-conversation-list
      .conversations=${state.conversations}
      .users=${state.users}
      self-id=${state.session?.userId ?? ''}
      can-start-new
      locale=${this.#chat?.install.userLocale ?? ''}
      .strings=${s}
      @parley-open-conversation=${(e: ParleyOpenConversationEvent) => void this.openConversation(e.detail.groupId)}
      @parley-start-conversation=${() => void this.startConversation()}
    ></parley-conversation-list>`;
  }

  #renderConversation(state: ChatState, active: Conversation | undefined, s: Strings) {
    const { settings, session } = state;
    const single = settings.chatWidget.isSingleThreaded;
    const needsLead =
      settings.collectLead && settings.leadCollection.length > 0 && !this.leadDone && !session?.email &&
      !state.messages.some((m) => m.fromUserName === session?.userId);
    if (needsLead) {
      return html`<div class="extras">
          <parley-lead-form
            .fields=${settings.leadCollection}
            intro=${s.leadIntro}
            submit-label=${s.leadStart}
            ?busy=${this.busy}
            .strings=${s}
            @parley-lead-submit=${(e: ParleyLeadSubmitEvent) => this.#saveUser(e.detail.values, true)}
          ></parley-lead-form>
          ${this.formError ? html`<p role="alert">${this.formError}</p>` : nothing}
        </div>
        ${this.#composer(s, true)}`;
    }
    const notice = this.#engagement?.notice();
    const resolved = active?.status === 2;
    return html`
      ${notice ? this.#renderNotice(notice, s) : nothing}
      <parley-message-list
        exportparts="message, avatar, name, meta"
        .messages=${state.messages}
        self-id=${session?.userId ?? ''}
        .users=${state.users}
        .typing=${state.typing}
        .strings=${s}
        .fileUrl=${this.#media?.fileUrl(session?.token)}
        locale=${this.#chat?.install.userLocale ?? ''}
        server=${this.#chat?.install.server ?? ''}
        @parley-retry=${(e: ParleyRetryEvent) => this.#chat?.retry(e.detail.key)}
        @parley-discard=${(e: ParleyRetryEvent) => this.#chat?.discard(e.detail.key)}
        @parley-reply=${this.#handleReply}
        @parley-submit=${(e: ParleySubmitEvent) => e.respondWith(postJson(e.detail.url, e.detail.data))}
      ></parley-message-list>
      <div class="extras">
        ${resolved
          ? html`<parley-resolved
              mode=${single ? 'single' : 'multiple'}
              ?can-start-new=${!single}
              .strings=${s}
              @parley-start-conversation=${() => void this.startConversation()}
              @parley-reopen=${() => this.composer?.focus()}
            ></parley-resolved>`
          : nothing}
        ${resolved && settings.collectFeedback && active
          ? html`<parley-csat
              base=${settings.chatWidget.csatRatingBase}
              .rating=${active.rating}
              ?busy=${this.busy}
              .strings=${s}
              @parley-csat-submit=${(e: ParleyCsatSubmitEvent) => this.#rate(active.groupId, e.detail.rating, e.detail.comment)}
            ></parley-csat>`
          : nothing}
      </div>
      ${session?.anonymous
        ? html`<p class="identity" part="identity">
            ${format(s.identity, { name: state.users.get(session.userId)?.userName ?? session.userName })}
          </p>`
        : nothing}
      ${this.#composer(s, state.status !== 'ready')}
    `;
  }

  #renderNotice(notice: Notice, s: Strings) {
    const email = this.#state?.value.session?.email;
    return html`<div class="extras">
      <parley-notice message=${notice.message} tone=${notice.kind === 'away' ? 'away' : 'info'}>
        ${notice.collectEmail && !email
          ? html`<parley-lead-form
              .fields=${EMAIL_FIELD}
              intro=${s.emailPrompt}
              ?busy=${this.busy}
              .strings=${s}
              @parley-lead-submit=${(e: ParleyLeadSubmitEvent) => this.#saveUser(e.detail.values, false)}
            ></parley-lead-form>`
          : nothing}
        ${notice.collectEmail && email ? html`<p>${format(s.emailThanks, { email })}</p>` : nothing}
        ${this.formError ? html`<p role="alert">${this.formError}</p>` : nothing}
      </parley-notice>
    </div>`;
  }

  #composer(s: Strings, disabled: boolean) {
    const widget = this.#state?.value.settings.chatWidget;
    const media = this.#media;
    return html`${widget && media ? media.chips(widget, s) : nothing}
      <parley-composer
        slot="footer"
        exportparts="composer"
        ?disabled=${disabled}
        ?allow-empty=${Boolean(widget?.attachment && media?.pending)}
        .strings=${s}
        @parley-send=${this.#handleSend}
        @parley-input=${this.#handleInput}
      >
        ${widget && media ? media.composerButtons(widget, s, disabled) : nothing}
      </parley-composer>`;
  }

  #soundGreeting(lines: string[] | undefined, volume: number): void {
    const key = lines?.join('\n') ?? '';
    if (key && key !== this.#greeted) playTone(volume);
    this.#greeted = key;
  }

  async #saveUser(values: Record<string, string>, lead: boolean): Promise<void> {
    const chat = this.#chat;
    if (!chat) return;
    this.busy = true;
    this.formError = '';
    const { name, ...rest } = values;
    const code = await chat.updateUser({ ...rest, ...(name ? { displayName: name } : {}) });
    this.busy = false;
    if (code) this.formError = this.#strings.errorSaving;
    else if (lead) this.leadDone = true;
  }

  async #rate(groupId: string, rating: number, comment: string): Promise<void> {
    this.busy = true;
    const code = await this.#chat?.rate(groupId, rating, comment.trim() || undefined);
    this.busy = false;
    if (code) console.error(`[parley] could not save the rating (${code})`);
  }

  #handleSend = (event: ParleySendEvent): void => {
    if (!this.#chat) return event.preventDefault();
    this.#engagement?.markChatted();
    if (event.detail.text) void this.#chat.send(event.detail.text);
    this.#media?.uploads.submit();
    this.#chat.setTyping(false);
  };

  #handleReply = (event: ParleyReplyEvent): void => {
    const { message, metadata } = event.detail;
    void this.#chat?.send(message, { metadata });
  };

  #handleInput = (event: ParleyInputEvent): void => {
    this.#chat?.setTyping(event.detail.value.trim() !== '');
  };
}

ParleyChat.define('parley-chat');

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
