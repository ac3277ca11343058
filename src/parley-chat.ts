/**
 * `<parley-chat>`: the widget, a thin shell. It owns the one ChatController (state, network,
 * storage) and the page API, and renders the launcher, the greeting and — once its chunk has
 * loaded (`widget/panel-loader.ts`) — the panel, `<parley-chat-body>`, which handles the
 * conversation's intent itself. What to show is worked out in `willUpdate` (`widget/frame.ts`), drawn by `widget/shell-view.ts`;
 * sounds, theme and loading follow in `updated`; `render()` only reads. Its public events are
 * typed (`ParleyWidgetOpenEvent`… in `ui/events.ts`, in `HTMLElementEventMap`).
 */
import { nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Metadata } from './core/protocol.js';
import { parseConversationDefaults, parseStartParams } from './core/conversation-options.js';
import { ChatStateController, type ChatController } from './controller/index.js';
import { EngagementController } from './controller/engagement.js';
import { playTone } from './controller/sound.js';
import { ParleyElement } from './ui/base.js';
import { ParleyWidgetCloseEvent, ParleyWidgetOpenEvent } from './ui/events.js';
import type { ParleyLauncher } from './ui/launcher/launcher.js';
import { CHAT_SHADOW_ROOT, visitorLocale } from './ui/launcher/first-stage.js';
import { defineSoon, nextTask } from './widget/staging.js';
import { installPageApi, reported, type PageApiTarget } from './page-api.js';
import { styles } from './widget/chat.styles.js';
import type { ChatView, ParleyChatBody } from './widget/chat-body.js';
import { frameOf, hostStateOf, openingView, type Frame } from './widget/frame.js';
import { renderShell, type ShellHandlers } from './widget/shell-view.js';
import { PanelLoader } from './widget/panel-loader.js';
import { startChat } from './widget/start.js';
import { handOverFirstStage } from './widget/takeover.js';
import { ThemeController } from './widget/theme.js';
import { WidgetLocale } from './widget/locale.js';
import './ui/launcher/launcher.js';
import './ui/greeting/greeting.js';

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
  /** The root the loader's first stage may have attached already (lit then renders into it). */
  static override shadowRootOptions = CHAT_SHADOW_ROOT;

  /** The app id (alternative to `settings.appId`). */
  @property({ attribute: 'app-id' }) appId = '';

  /** The chat server's base URL (alternative to `settings.server`; default: this page's origin). */
  @property() server = '';

  /** The install settings as a site passes them (`window.parleySettings`). */
  @property({ attribute: false }) settings?: Record<string, unknown>;

  /** The clock the widget's timers run on (greeting delay, office-hours boundaries). */
  @property({ attribute: false }) clock: Clock = systemClock;

  @query('parley-launcher') private launcher?: ParleyLauncher;
  @query('parley-chat-body') private body?: ParleyChatBody | null;

  /** 'conversation' or the conversation list (multiple threads). */
  @state() private view: ChatView = 'conversation';
  /** Opened before the visitor's conversations were known: choose the view once they are. */
  #viewPending = false;

  #chat?: ChatController;
  #state?: ChatStateController;
  #engagement?: EngagementController;
  readonly #panel = new PanelLoader(this);
  #frame?: Frame;
  readonly #theme = new ThemeController(this);
  #greeted = '';
  readonly #locale = new WidgetLocale(this);
  #visible = true;
  /** The install settings were unusable: the widget shows nothing (said in the console). */
  #failed = false;
  /** Settings to preview, kept for an engine that has not started yet. */
  #preview?: Record<string, unknown>;

  /** Renders after the loader's first stage, not before it: its nodes go, lit's end marker must stay. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.renderOptions.renderBefore = undefined;
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Properties set before the element was defined (the loader's `settings`) are restored at
    // the first update, so start after it, in a task of its own (widget/staging.ts).
    void this.updateComplete.then(nextTask).then(() => {
      if (this.isConnected && !this.#chat) this.#start();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chat?.destroy();
    if (this.#state) this.removeController(this.#state);
    if (this.#engagement) this.removeController(this.#engagement);
    this.#chat = this.#state = this.#engagement = undefined;
  }

  #start(): void {
    const raw = { appId: this.appId || undefined, server: this.server || undefined, ...(this.settings ?? {}) };
    const started = startChat(this, raw, this.clock);
    this.#failed = !started;
    if (!started) return this.requestUpdate();
    const { chat } = started;
    this.#chat = chat;
    void this.setLocale(chat.install.userLocale);
    if (this.#preview) chat.previewSettings(this.#preview);
    this.#state = new ChatStateController(this, chat);
    this.#engagement = new EngagementController(this, {
      appId: chat.install.appId,
      clock: this.clock,
      state: () => this.#state?.value,
      teamId: () => chat.teamId,
      isMobile: () => matchMedia('(max-width: 480px)').matches,
    });
    installPageApi(this);
    void nextTask().then(() => chat.init()); // the engine's start in a task of its own
  }

  /** Works out what to show, and reflects it on the host (`state`, `position`) for the styles. */
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const state = this.#state?.value;
    this.#frame = frameOf(state, this.#visible, () => this.#engagement?.greeting());
    this.setAttribute('state', hostStateOf(this.#frame, state, this.#visible && !this.#failed));
    if (this.#frame) this.setAttribute('position', this.#frame.state.settings.chatWidget.position);
  }

  /** The theme, the panel's chunk, and the greeting's sound follow what was rendered. */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    handOverFirstStage(this); // the loader's first stage goes once the launcher is ours
    const frame = this.#frame;
    if (!frame) return;
    const { state, greeting } = frame;
    const key = greeting?.join('\n') ?? '';
    if (key && key !== this.#greeted)
      playTone(state.settings.chatWidget.notificationTone, state.settings.chatWidget.greetingMessageVolume);
    this.#greeted = key;
    this.#theme.set(state.settings.chatWidget);
    // Open: the panel now. A restored conversation will be shown soon: load it while idle; else fetch it.
    if (state.panelOpen) void this.#panel.load();
    else if (state.session) this.#panel.loadWhenIdle();
    else this.#panel.preloadWhenIdle();
  }

  // ---- page API ---------------------------------------------------------------------------------

  open(): void {
    const chat = this.#chat;
    if (!chat || chat.state.panelOpen) return;
    this.#engagement?.markChatted();
    this.view = openingView(chat.state);
    // A visitor new on this device (e.g. known by userId) learns their conversations only now:
    // several → the list, unless a view was asked for meanwhile.
    this.#viewPending = chat.state.conversations.length === 0;
    void chat.open().then(() => {
      if (this.#viewPending) this.view = openingView(chat.state);
      this.#viewPending = false;
    });
    this.emit(new ParleyWidgetOpenEvent());
    void this.#panel.load().then(async (ready) => {
      if (!ready) return;
      await this.updateComplete;
      await this.body?.focusComposer();
    });
  }

  close(): void {
    const chat = this.#chat;
    if (!chat || !chat.state.panelOpen) return;
    const hadFocus = this.shadowRoot?.activeElement !== null && this.shadowRoot?.activeElement !== this.launcher;
    chat.close();
    this.emit(new ParleyWidgetCloseEvent());
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
    this.#show('conversation');
    return this.#chat?.startConversation(options);
  }

  /**
   * Defaults for the next conversation (`defaultAgentIds`, `defaultBotIds`, `defaultAssignee`,
   * `teamId`, `skipRouting`, `conversationTitle`, `metadata`), merged over earlier ones.
   */
  updateSettings(settings: Record<string, unknown>): void {
    this.#chat?.setConversationDefaults(reported(parseConversationDefaults(settings)));
    this.requestUpdate(); // a new team may have other office hours
  }

  /** Shows the widget with these server settings until the next push (the staff app's preview). */
  previewSettings(raw: Record<string, unknown>): void {
    this.#preview = raw;
    this.#chat?.previewSettings(raw);
  }

  /**
   * Speaks `tag`'s language from now on (a BCP 47 tag; anything else: the page's or browser's),
   * and tells the server, for the staff. Resolves once its strings show.
   */
  async setLocale(tag?: unknown): Promise<void> {
    const chat = this.#chat;
    if (!chat) return;
    const locale = visitorLocale(tag);
    chat.setLocale(locale.tag);
    await this.#locale.set(locale, chat.install.labels);
  }

  async openConversation(groupId: string): Promise<void> {
    this.#show('conversation');
    await this.#chat?.selectConversation(groupId);
  }

  openConversationList(): void {
    this.#show(this.#chat?.state.settings.chatWidget.isSingleThreaded ? this.view : 'list');
  }

  /** Opens the panel on `view` (no later choice of view overrides it). */
  #show(view: ChatView): void {
    this.open();
    this.view = view;
    this.#viewPending = false;
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

  readonly #on: ShellHandlers = {
    open: () => this.open(),
    close: () => this.close(),
    toggle: () => this.toggle(),
    loadPanel: () => void this.#panel.load(),
    dismissGreeting: () => this.#engagement?.dismissGreeting(),
    markChatted: () => this.#engagement?.markChatted(),
    showList: () => (this.view = 'list'),
    openConversation: (groupId) => void this.openConversation(groupId),
    startConversation: () => void this.startConversation(),
  };

  override render() {
    const [frame, chat] = [this.#frame, this.#chat];
    if (!frame || !chat) return nothing;
    const notice = () => this.#engagement?.notice();
    return renderShell(
      { chat, frame, locale: this.#locale, panelReady: this.#panel.ready, view: this.view, notice },
      this.#on,
    );
  }
}

defineSoon(() => ParleyChat.define('parley-chat'));

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
