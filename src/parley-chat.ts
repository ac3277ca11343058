/**
 * `<parley-chat>`: the widget. It owns the one ChatController (state, network, storage) and
 * renders the UI elements with its state; the elements report intent as `parley-*` events, which
 * this element turns into controller calls.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { styles } from './widget/chat.styles.js';
import { property, query, state } from 'lit/decorators.js';
import { parseInstallSettings, type InstallSettings } from './core/config.js';
import { CLIENT_ERROR_CODES } from './core/errors.js';
import { normalizeHex, readableTextColor } from './core/color.js';
import { systemClock, type Clock } from './core/clock.js';
import { resolveStrings, type Strings } from './core/locale.js';
import { ERROR_CODES, type ConversationOptions, type Message, type Metadata } from './core/protocol.js';
import { parseConversationDefaults, parseStartParams, type ParsedOptions } from './core/conversation-options.js';
import { ChatController, ChatStateController } from './controller/index.js';
import { EngagementController } from './controller/engagement.js';
import { playTone } from './controller/sound.js';
import { ParleyElement } from './ui/base.js';
import type { ParleyLauncher } from './ui/launcher/launcher.js';
import { installPageApi, type PageApiTarget } from './page-api.js';
import { withEarlyRequest } from './net/rest.js';
import type { ChatBody, ChatView } from './widget/chat-body.js';
import './ui/launcher/launcher.js';
import './ui/greeting/greeting.js';

/** Errors that mean "the chat server did not answer" (as opposed to a refusal). */
function isUnreachable(code: string | undefined): boolean {
  return code === CLIENT_ERROR_CODES.network || code === CLIENT_ERROR_CODES.timeout || code === ERROR_CODES.internal;
}

/** The parsed options, after saying in the console what was wrong with the page's input. */
function reported({ value, errors, unknown }: ParsedOptions): ConversationOptions {
  for (const error of errors) console.error(`[parley] ${error}`);
  if (unknown.length) console.warn(`[parley] unknown settings ignored: ${unknown.join(', ')}`);
  return value;
}

type ChatBodyModule = typeof import('./widget/chat-body.js');

/** The panel (its elements, forms and media), loaded once, on the visitor's first move towards the chat. */
let panelModule: Promise<ChatBodyModule | undefined> | undefined;
function loadPanel(): Promise<ChatBodyModule | undefined> {
  panelModule ??= import('./widget/chat-body.js').catch((error: unknown) => {
    panelModule = undefined;
    console.error('[parley] could not load the chat panel', error);
    return undefined;
  });
  return panelModule;
}

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

  @query('parley-launcher') private launcher?: ParleyLauncher;

  /** The clock the widget's timers run on (greeting delay, office-hours boundaries). */
  @property({ attribute: false }) clock: Clock = systemClock;

  /** 'conversation' or the conversation list (multiple threads). */
  @state() private view: ChatView = 'conversation';
  /** Opened before the visitor's conversations were known: choose the view once they are. */
  #viewPending = false;

  #chat?: ChatController;
  #state?: ChatStateController;
  #engagement?: EngagementController;
  #greeted = '';
  /** The panel, once its chunk has loaded. */
  #body?: ChatBody;
  #idlePrefetch = false;
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
    this.#body?.dispose();
    this.#engagement = this.#body = undefined;
    this.#idlePrefetch = false;
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
    // The loader may have asked for the widget configuration already (see src/loader.ts).
    // (Once: a later start, after the element is moved, asks again.)
    const early = (this as { parleySettingsRequest?: unknown }).parleySettingsRequest;
    delete (this as { parleySettingsRequest?: unknown }).parleySettingsRequest;
    const chat = new ChatController({ install, clock: this.clock, fetch: withEarlyRequest(early) });
    this.#chat = chat;
    this.#state = new ChatStateController(this, chat);
    this.#engagement = new EngagementController(this, {
      appId: install.appId,
      clock: this.clock,
      state: () => this.#state?.value,
      isMobile: () => matchMedia('(max-width: 480px)').matches,
    });
    chat.addEventListener('message-received', (e) => this.#received(e as CustomEvent<{ message?: Message }>));
    chat.addEventListener('message-sent', (e) => {
      const { detail } = e as CustomEvent<{ message?: Message }>;
      this.dispatchEvent(new CustomEvent('parley-message-sent', { detail, bubbles: true, composed: true }));
    });
    const existing = (window as Window & { Parley?: { q?: unknown } }).Parley;
    if (!existing || Array.isArray(existing.q)) installPageApi(this);
    void chat.init();
  }

  /** A new agent or bot message: a sound while the panel is closed, read aloud, re-announced. */
  #received({ detail }: CustomEvent<{ message?: Message }>): void {
    const state = this.#state?.value;
    if (state && !state.panelOpen) playTone(state.settings.chatWidget.notificationVolume);
    if (detail.message) this.#body?.speak(detail.message);
    this.dispatchEvent(new CustomEvent('parley-message-received', { detail, bubbles: true, composed: true }));
  }

  /** Loads the panel's chunk (once) and creates the panel for this widget. */
  async #loadBody(): Promise<ChatBody | undefined> {
    const module = await loadPanel();
    const chat = this.#chat;
    if (!module || !chat || !this.isConnected) return undefined;
    if (this.#body) return this.#body;
    this.#body = new module.ChatBody(this, {
      chat,
      engagement: this.#engagement,
      strings: this.#strings,
      view: () => this.view,
      showList: () => (this.view = 'list'),
      close: () => this.close(),
      openConversation: (groupId) => void this.openConversation(groupId),
      startConversation: () => void this.startConversation(),
    });
    this.requestUpdate();
    return this.#body;
  }

  #prefetchBody = (): void => {
    if (!this.#body) void this.#loadBody();
  };

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
    void this.#loadBody().then(async (body) => {
      await this.updateComplete;
      body?.focusComposer();
    });
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

  /**
   * Starts a new conversation with the product's parameters (`conversationTitle`, `agentIds`,
   * `botIds`, `assignee`, `teamId`, `clientGroupId`, `skipRouting`, `metadata`); resolves with its
   * groupId. Bad values are reported in the console and left out.
   */
  async startConversation(params: Record<string, unknown> = {}): Promise<string | undefined> {
    const options = reported(parseStartParams(params));
    this.open();
    this.view = 'conversation';
    this.#viewPending = false;
    return this.#chat?.startConversation(options);
  }

  /**
   * Defaults for the next conversation (`defaultAgentIds`, `defaultBotIds`, `defaultAssignee`,
   * `teamId`, `skipRouting`, `conversationTitle`, `metadata`), merged over earlier ones.
   */
  updateSettings(settings: Record<string, unknown>): void {
    this.#chat?.setConversationDefaults(reported(parseConversationDefaults(settings)));
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
    const failed = state.connection === 'idle' && state.error && open;
    const connection =
      failed && state.error === ERROR_CODES.identityNotVerified
        ? 'refused'
        : unreachable || failed
          ? 'failed'
          : state.connection;
    const greeting = open ? undefined : this.#engagement?.greeting();
    // A restored conversation will be shown soon: fetch the panel while the browser is idle.
    if (open) this.#prefetchBody();
    else if (state.session && !this.#body && !this.#idlePrefetch) {
      this.#idlePrefetch = true;
      (window.requestIdleCallback ?? setTimeout)(this.#prefetchBody);
    }
    this.#soundGreeting(greeting, chatWidget.greetingMessageVolume);
    const title = chatWidget.title || this.#chat?.install.conversationTitle || s.headerTitle;
    return html`
      ${this.#body?.render(state, connection, title) ?? nothing}
      ${
        greeting
          ? html`<parley-greeting
            .message=${greeting}
            position=${chatWidget.position}
            .strings=${s}
            @parley-greeting-open=${this.open}
            @parley-greeting-dismiss=${() => this.#engagement?.dismissGreeting()}
          ></parley-greeting>`
          : nothing
      }
      <parley-launcher
        exportparts="launcher"
        @pointerenter=${this.#prefetchBody}
        @focusin=${this.#prefetchBody}
        ?open=${open}
        unread=${open ? 0 : state.unreadCount}
        icon=${typeof chatWidget.iconIndex === 'number' ? chatWidget.iconIndex : 0}
        image=${chatWidget.iconIndex === 'image' ? chatWidget.widgetImageLink : ''}
        .strings=${s}
        @parley-toggle=${this.toggle}
      ></parley-launcher>
    `;
  }

  #soundGreeting(lines: string[] | undefined, volume: number): void {
    const key = lines?.join('\n') ?? '';
    if (key && key !== this.#greeted) playTone(volume);
    this.#greeted = key;
  }
}

ParleyChat.define('parley-chat');

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
