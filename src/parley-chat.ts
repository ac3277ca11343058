/**
 * `<parley-chat>`: the widget. It owns the one ChatController (state, network, storage) and
 * renders the UI elements with its state; the elements report intent as `parley-*` events, which
 * this element turns into controller calls.
 */
import { html, css, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { parseInstallSettings, type InstallSettings } from './core/config.js';
import { normalizeHex, readableTextColor } from './core/color.js';
import { resolveStrings, type Strings } from './core/locale.js';
import type { Metadata } from './core/protocol.js';
import { ChatController, ChatStateController } from './controller/index.js';
import { ParleyElement } from './ui/base.js';
import type { ParleyComposer } from './ui/composer/composer.js';
import type { ParleyLauncher } from './ui/launcher/launcher.js';
import type { ParleyInputEvent, ParleyReplyEvent, ParleySendEvent, ParleyRetryEvent } from './ui/events.js';
import { installPageApi, type PageApiTarget } from './page-api.js';
import './ui/index.js';

const styles = css`
  :host {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--parley-z-index, 2147483000);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
    font-family: var(--parley-font-family, system-ui, sans-serif);
    font-size: 15px;
    line-height: 1.4;
    color: #1f2328;
    /* The page's styles stop here: nothing inherits into the widget but what we set. */
    text-align: start;
    letter-spacing: normal;
  }
  :host([position='left']) {
    right: auto;
    left: 20px;
    align-items: flex-start;
  }
  :host([state='hidden']) {
    display: none;
  }
  parley-panel:not([open]) {
    display: none;
  }
  parley-message-list {
    flex: 1;
    min-height: 0;
  }
`;

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
  static override styles = [ParleyElement.styles, styles];

  /** The app id (alternative to `settings.appId`). */
  @property({ attribute: 'app-id' }) appId = '';

  /** The chat server's base URL (alternative to `settings.server`; default: this page's origin). */
  @property() server = '';

  /** The install settings as a site passes them (`window.parleySettings`). */
  @property({ attribute: false }) settings?: Record<string, unknown>;

  @query('parley-composer') private composer?: ParleyComposer;
  @query('parley-launcher') private launcher?: ParleyLauncher;

  #chat?: ChatController;
  #state?: ChatStateController;
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
    const chat = new ChatController({ install });
    this.#chat = chat;
    this.#state = new ChatStateController(this, chat);
    chat.addEventListener('message-received', (e) => this.#announceMessage(e as CustomEvent, 'parley-message-received'));
    chat.addEventListener('message-sent', (e) => this.#announceMessage(e as CustomEvent, 'parley-message-sent'));
    const existing = (window as Window & { Parley?: { q?: unknown } }).Parley;
    if (!existing || Array.isArray(existing.q)) installPageApi(this);
    void chat.init();
  }

  #announceMessage(event: CustomEvent, type: string): void {
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
    void chat.open();
    this.dispatchEvent(new CustomEvent('parley-widget-open', { bubbles: true, composed: true }));
    void this.updateComplete.then(() => this.composer?.focus());
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
    await this.#chat?.startConversation({ groupName: params.conversationTitle, metadata: params.metadata });
  }

  async openConversation(groupId: string): Promise<void> {
    this.open();
    await this.#chat?.selectConversation(groupId);
  }

  openConversationList(): void {
    this.open();
  }

  async sendMessage(params: { message: string; metadata?: Metadata }): Promise<void> {
    const chat = this.#chat;
    if (!chat || typeof params?.message !== 'string') return;
    if (!chat.state.session) await chat.open();
    await chat.send(params.message, { metadata: params.metadata });
  }

  async updateUser(_details: Record<string, unknown>): Promise<void> {
    // Wired to the server's user update with the configuration work.
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
    const shown = this.#visible && state?.status === 'ready';
    this.setAttribute('state', shown ? 'ready' : 'hidden');
    if (!state || !shown) return nothing;
    const s = this.#strings;
    const { chatWidget } = state.settings;
    this.setAttribute('position', chatWidget.position);
    const open = state.panelOpen;
    const connection = state.connection === 'idle' && state.error && open ? 'failed' : state.connection;
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
        <parley-message-list
          exportparts="message, avatar, name, meta"
          .messages=${state.messages}
          self-id=${state.session?.userId ?? ''}
          .users=${state.users}
          .typing=${state.typing}
          .strings=${s}
          locale=${this.#chat?.install.userLocale ?? ''}
          server=${this.#chat?.install.server ?? ''}
          @parley-retry=${(e: ParleyRetryEvent) => this.#chat?.retry(e.detail.key)}
          @parley-discard=${(e: ParleyRetryEvent) => this.#chat?.discard(e.detail.key)}
          @parley-reply=${this.#handleReply}
        ></parley-message-list>
        <parley-composer
          slot="footer"
          exportparts="composer"
          .strings=${s}
          @parley-send=${this.#handleSend}
          @parley-input=${this.#handleInput}
        ></parley-composer>
      </parley-panel>
      <parley-launcher
        exportparts="launcher"
        ?open=${open}
        unread=${open ? 0 : state.unreadCount}
        icon=${typeof chatWidget.iconIndex === 'number' ? chatWidget.iconIndex : 0}
        image=${chatWidget.iconIndex === 'image' ? chatWidget.widgetImageLink : ''}
        .strings=${s}
        @parley-toggle=${this.toggle}
      ></parley-launcher>
    `;
  }

  #handleSend = (event: ParleySendEvent): void => {
    if (!this.#chat) return event.preventDefault();
    void this.#chat.send(event.detail.text);
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
