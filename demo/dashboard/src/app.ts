/**
 * `<parley-dashboard>`: the staff app. Signs a staff member in (the token kept in this browser's
 * storage until they sign out), follows the URL (`router.ts`), keeps the inbox and the open
 * conversation current over socket.io, and turns what the views report (a reply, an action, a
 * link followed) into calls to the server that served it — and no other.
 */
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { CONVERSATION_STATUS } from '../../../src/core/protocol-enums.js';
import { ERROR_CODES } from '../../../src/core/protocol-errors.js';
import type { Conversation, Message } from '../../../src/core/protocol.js';
import type { StaffMe } from '../../../src/core/staff-protocol.js';
import { ApiError, createApi, signIn, type Api } from './api.js';
import type { ConversationAction, PdConversation } from './conversation.js';
import './conversation.js';
import './inbox.js';
import { connectLive, type Connection } from './live.js';
import { roleName } from './names.js';
import { Router, TABS, type Route, type Tab } from './router.js';
import type { Credentials } from './sign-in.js';
import './sign-in.js';
import { format, strings } from './strings.js';
import { formStyles, shellStyles } from './styles.js';
import { inboxFilter, inTab, upsert } from './inbox-state.js';

const STORAGE_KEY = 'parley-dashboard';
/** The server the app talks to: the one that served it. */
const SERVER = location.origin;

interface Stored {
  appId: string;
  token: string;
}

function readStored(): Stored | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    return typeof v?.appId === 'string' && typeof v.token === 'string' ? { appId: v.appId, token: v.token } : undefined;
  } catch {
    return undefined;
  }
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: strings.connectionConnecting,
  online: strings.connectionOnline,
  offline: strings.connectionOffline,
};

export class ParleyDashboard extends LitElement {
  static override styles = [formStyles, shellStyles];

  @state() private stored = readStored();
  @state() private me?: StaffMe;
  @state() private signInError = '';
  @state() private busy = false;
  @state() private connection: Connection = 'connecting';
  @state() private route: Route;
  @state() private list: Conversation[] = [];
  @state() private listLoading = false;
  @state() private open?: Conversation;
  @state() private missing = false;
  @state() private messages: Message[] = [];
  @state() private sending = false;
  @state() private error = '';

  #api?: Api;
  #disconnect?: () => void;
  readonly #router = new Router((route) => void this.#routeTo(route));
  /** Bumped on every route change: answers for an older route are dropped. */
  #routeSeq = 0;

  constructor() {
    super();
    this.route = this.#router.route;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = strings.documentTitle;
    if (this.stored) void this.#start(this.stored);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disconnect?.();
  }

  override render() {
    if (!this.me) {
      if (this.stored && !this.signInError) return nothing;
      const appId = new URL(location.href).searchParams.get('appId') ?? '';
      return html`<pd-sign-in .appId=${appId} .error=${this.signInError} ?busy=${this.busy} @pd-sign-in=${this.#signIn}></pd-sign-in>`;
    }
    const me = this.me;
    return html`<header>
        <h1>${strings.brand}</h1>
        <p class="me">${format(strings.meLine, { name: me.user.userName, role: roleName(me.user.role) })}</p>
        <p class="connection" role="status">${CONNECTION_TEXT[this.connection]}</p>
        <button type="button" class="quiet" @click=${this.#signOut}>${strings.signOut}</button>
      </header>
      <div class="body ${this.route.groupId ? 'open' : ''}" @pd-navigate=${(e: CustomEvent<Route>) => this.#router.go(e.detail)}>
        <nav aria-label=${strings.navLabel}>
          <pd-inbox
            .tab=${this.route.tab}
            .tabs=${this.#tabs()}
            .conversations=${this.list}
            .selected=${this.route.groupId ?? ''}
            ?loading=${this.listLoading}
          ></pd-inbox>
        </nav>
        <main aria-label=${this.open ? format(strings.conversationLabel, { name: this.open.groupName }) : strings.noConversation}>
          <button type="button" class="quiet back" @click=${() => this.#router.go({ tab: this.route.tab })}>${strings.back}</button>
          ${
            this.open
              ? html`<pd-conversation
                .conversation=${this.open}
                .messages=${this.messages}
                .me=${me.user.userId}
                ?sending=${this.sending}
                .error=${this.error}
                @pd-reply=${this.#reply}
                @pd-action=${this.#action}
              ></pd-conversation>`
              : html`<p class="empty">${this.missing ? strings.conversationNotFound : strings.noConversation}</p>`
          }
        </main>
      </div>`;
  }

  #tabs(): readonly Tab[] {
    return this.me?.seesAll ? TABS : TABS.filter((t) => t === 'mine' || t === 'resolved');
  }

  async #signIn(e: CustomEvent<Credentials>) {
    this.busy = true;
    this.signInError = '';
    try {
      const session = await signIn(SERVER, e.detail);
      const stored = { appId: session.appId, token: session.token };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
      this.stored = stored;
      await this.#start(stored);
    } catch (err) {
      this.signInError = err instanceof ApiError && err.status === 401 ? strings.signInWrong : (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  async #start(stored: Stored) {
    const api = createApi(SERVER, stored.token);
    try {
      this.me = await api.me();
    } catch (err) {
      this.#ended(
        err instanceof ApiError && err.code === ERROR_CODES.invalidToken
          ? strings.sessionEnded
          : (err as Error).message,
      );
      return;
    }
    this.#api = api;
    this.#disconnect = connectLive(SERVER, stored.appId, stored.token, {
      connection: (c) => {
        this.connection = c;
        // Back online: what changed meanwhile.
        if (c === 'online') void this.#routeTo(this.route);
      },
      conversation: (c) => this.#conversationChanged(c),
      message: (m) => this.#messageArrived(m),
      ended: () => this.#ended(strings.sessionEnded),
    });
  }

  #ended(reason: string) {
    localStorage.removeItem(STORAGE_KEY);
    this.#disconnect?.();
    this.#disconnect = undefined;
    this.#api = undefined;
    this.me = undefined;
    this.stored = undefined;
    this.signInError = reason;
  }

  async #signOut() {
    await this.#api?.signOut().catch(() => undefined);
    this.#ended('');
  }

  /** Loads what `route` shows: its tab's conversations and its conversation. */
  async #routeTo(route: Route) {
    const api = this.#api;
    const me = this.me;
    this.route = route;
    if (!api || !me) return;
    const seq = ++this.#routeSeq;
    this.listLoading = true;
    if (this.open?.groupId !== route.groupId) {
      this.open = undefined;
      this.messages = [];
      this.error = '';
    }
    this.missing = false;
    try {
      const [list, open, messages] = await Promise.all([
        api.conversations(inboxFilter(route.tab, me)),
        route.groupId === undefined ? undefined : api.conversation(route.groupId).catch(() => undefined),
        route.groupId === undefined ? [] : api.messages(route.groupId).catch(() => []),
      ]);
      if (seq !== this.#routeSeq) return;
      this.list = list;
      this.open = open;
      this.missing = route.groupId !== undefined && !open;
      this.messages = messages;
      const last = messages.at(-1);
      if (open && last) void api.markRead(open.groupId, last.id).catch(() => undefined);
    } catch (err) {
      if (seq === this.#routeSeq) this.error = (err as Error).message;
    } finally {
      if (seq === this.#routeSeq) this.listLoading = false;
    }
  }

  #conversationChanged(c: Conversation) {
    if (!this.me) return;
    this.list = upsert(this.list, c, inTab(c, this.route.tab, this.me));
    if (this.open?.groupId === c.groupId) this.open = c;
  }

  #messageArrived(m: Message) {
    const known = this.list.find((c) => c.groupId === m.groupId);
    if (known && this.me) {
      const mine = m.fromUserName === this.me.user.userId;
      const open = this.open?.groupId === m.groupId;
      const updated = {
        ...known,
        lastMessage: m,
        updatedAtTime: m.createdAtTime,
        unreadCount: mine || open ? known.unreadCount : known.unreadCount + 1,
      };
      this.list = upsert(this.list, updated, true);
    }
    if (this.open?.groupId !== m.groupId || this.messages.some((x) => x.key === m.key)) return;
    this.messages = [...this.messages, m].sort((a, b) => a.id - b.id);
    void this.#api?.markRead(m.groupId, m.id).catch(() => undefined);
  }

  async #reply(e: CustomEvent<string>) {
    const api = this.#api;
    const open = this.open;
    // The event's target is gone once it has been dispatched: keep the view that sent it.
    const view = e.target as PdConversation;
    if (!api || !open) return;
    this.sending = true;
    this.error = '';
    try {
      const m = await api.send({ groupId: open.groupId, message: e.detail, key: crypto.randomUUID() });
      view.clearReply();
      this.#messageArrived(m);
    } catch (err) {
      this.error = format(strings.sendFailed, { reason: (err as Error).message });
    } finally {
      this.sending = false;
    }
  }

  async #action(e: CustomEvent<ConversationAction>) {
    const api = this.#api;
    const open = this.open;
    const me = this.me;
    if (!api || !open || !me) return;
    this.error = '';
    try {
      if (e.detail === 'assign') await api.assign(open.groupId, me.user.userId);
      else
        await api.setStatus(
          open.groupId,
          e.detail === 'resolve' ? CONVERSATION_STATUS.resolved : CONVERSATION_STATUS.open,
        );
      this.#conversationChanged(await api.conversation(open.groupId));
    } catch (err) {
      this.error = format(strings.actionFailed, { reason: (err as Error).message });
    }
  }
}

customElements.define('parley-dashboard', ParleyDashboard);
