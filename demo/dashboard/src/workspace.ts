/**
 * The staff app's state and what can be done to it, as a lit reactive controller: the signed-in
 * staff member, the inbox of the current route, the open conversation with its messages, who is
 * typing and how far the visitor has received and read (and this app's delivered markers), and the team. It talks to the
 * server that served the app (REST and socket.io) and asks its host to render after each change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ERROR_CODES } from '../../../src/core/protocol-errors.js';
import { MESSAGE_TYPE, type Conversation, type Message, type UserSummary } from '../../../src/core/protocol.js';
import type { StaffMe, Teammate } from '../../../src/core/staff-protocol.js';
import { ApiError, createApi, signIn, type Api } from './api.js';
import { perform, type ConversationAction } from './conversation-actions.js';
import { belongs, inboxFilter, upsert, withMessage, withUser } from './inbox-state.js';
import { ConversationDetails } from './conversation-details.js';
import { DeliveredAcks } from './delivered-acks.js';
import { connectLive, type Connection, type Live } from './live.js';
import type { Reply } from './reply-box.js';
import type { Route } from './router.js';
import { format, strings } from './strings.js';
import { readStored, writeStored, type Stored } from './stored.js';

export class Workspace implements ReactiveController {
  stored = readStored();
  me?: StaffMe;
  signInError = '';
  busy = false;
  connection: Connection = 'connecting';
  route: Route = { tab: 'mine' };
  list: Conversation[] = [];
  listLoading = false;
  open?: Conversation;
  /** The route names a conversation this staff member cannot see (or that does not exist). */
  missing = false;
  messages: Message[] = [];
  sending = false;
  /** The last reply's or conversation action's problem. */
  error = '';
  /** What the last conversation action did, when it says so (a transcript sent). */
  notice = '';
  /** The last change of this staff member's own status that failed. */
  statusError = '';
  team: Teammate[] = [];
  /** Who is typing in the open conversation, how far its members have read, its visitor. */
  readonly details = new ConversationDetails(() => this.#host.requestUpdate());

  readonly #host: ReactiveControllerHost;
  readonly #server: string;
  #api?: Api;
  #live?: Live;
  readonly #acks = new DeliveredAcks((groupId, id) => this.#live?.delivered(groupId, id) ?? Promise.resolve(false));
  /** Bumped on every route change: answers for an older route are dropped. */
  #routeSeq = 0;
  /** Messages of the conversation being opened that arrived while its history was read. */
  #early: Message[] = [];

  constructor(host: ReactiveControllerHost, server: string) {
    this.#host = host;
    this.#server = server;
    host.addController(this);
  }

  readonly #visible = () => this.#markRead();

  hostConnected(): void {
    if (this.stored) void this.#start(this.stored);
    // Messages that arrived while the tab was hidden are read once it shows.
    document.addEventListener('visibilitychange', this.#visible);
  }

  hostDisconnected(): void {
    this.#live?.close();
    document.removeEventListener('visibilitychange', this.#visible);
  }

  /** The signed-in staff member's client (undefined while signed out). */
  get api(): Api | undefined {
    return this.#api;
  }

  /** Reads the team again (after a change to it). */
  async reloadTeam(): Promise<void> {
    if (this.#api && this.can('viewTeammates')) this.#set({ team: await this.#api.teammates() });
  }

  /** Reads who they are again (their role or name changed). */
  async refreshMe(): Promise<void> {
    if (this.#api) this.#set({ me: await this.#api.me() });
  }

  can(permission: string): boolean {
    return this.me?.permissions.includes(permission) ?? false;
  }

  async signIn(credentials: { appId: string; email: string; password: string }): Promise<void> {
    this.#set({ busy: true, signInError: '' });
    try {
      const session = await signIn(this.#server, credentials);
      const stored = { appId: session.appId, token: session.token };
      writeStored(stored);
      this.stored = stored;
      await this.#start(stored);
    } catch (err) {
      this.signInError = err instanceof ApiError && err.status === 401 ? strings.signInWrong : (err as Error).message;
    } finally {
      this.#set({ busy: false });
    }
  }

  async signOut(): Promise<void> {
    await this.#api?.signOut().catch(() => undefined);
    this.#ended('');
  }

  /** Shows `route`: its tab's conversations and its conversation. */
  async routeTo(route: Route): Promise<void> {
    const api = this.#api;
    const me = this.me;
    this.route = route;
    if (this.open?.groupId !== route.groupId) this.#leaveConversation();
    this.#host.requestUpdate();
    if (!api || !me) return;
    const seq = ++this.#routeSeq;
    this.#early = [];
    this.#set({ listLoading: true, missing: false });
    try {
      const id = route.settings === undefined && route.report === undefined ? route.groupId : undefined;
      const [list, open, fetched] = await Promise.all([
        api.conversations(inboxFilter(route.tab, me, route.tag)),
        id === undefined ? undefined : api.conversation(id).catch(() => undefined),
        id === undefined ? [] : api.messages(id).catch(() => []),
      ]);
      if (seq !== this.#routeSeq) return;
      const early = this.#early.filter((m) => m.groupId === id && !fetched.some((x) => x.key === m.key));
      const messages: Message[] = [...fetched, ...early].sort((a, b) => a.id - b.id);
      Object.assign(this, { list, open, messages, missing: id !== undefined && !open });
      if (open) this.#received(open.groupId, fetched, true);
      // The list brings each conversation's last message: this app has it now.
      for (const c of list)
        if (c.lastMessage && c.groupId !== open?.groupId) this.#received(c.groupId, [c.lastMessage], false);
      this.#markRead();
      if (open) this.#loadVisitor(api, open);
    } catch (err) {
      if (seq === this.#routeSeq) this.error = (err as Error).message;
    } finally {
      if (seq === this.#routeSeq) this.#set({ listLoading: false });
    }
  }

  /** Sends a reply in the open conversation; true once it is stored. */
  async reply(reply: Reply): Promise<boolean> {
    const api = this.#api;
    const open = this.open;
    if (!api || !open) return false;
    this.#set({ sending: true, error: '' });
    try {
      this.#messageArrived(await api.send({ groupId: open.groupId, key: crypto.randomUUID(), ...reply }));
      return true;
    } catch (err) {
      this.error = format(strings.sendFailed, { reason: (err as Error).message });
      return false;
    } finally {
      this.#set({ sending: false });
    }
  }

  /** Does `action` to the open conversation. */
  async act(action: ConversationAction): Promise<void> {
    const api = this.#api;
    const open = this.open;
    const me = this.me;
    if (!api || !open || !me) return;
    this.#set({ error: '', notice: '' });
    try {
      const { conversation, atLimit, transcript } = await perform(api, open.groupId, me.user.userId, action);
      if (atLimit) this.error = strings.agentAtLimit;
      if (transcript === 'no-address') this.error = strings.transcriptNoAddress;
      else if (transcript)
        this.notice = transcript === 'queued' ? strings.transcriptQueued : strings.transcriptDuplicate;
      this.#conversationChanged(conversation);
    } catch (err) {
      this.#set({ error: format(strings.actionFailed, { reason: (err as Error).message }) });
    }
  }

  /** Sets this staff member away (no new conversations) or back. */
  async setAway(away: boolean): Promise<void> {
    const api = this.#api;
    if (!api || !this.me) return;
    this.#set({ statusError: '' });
    try {
      const { status } = await api.setMyStatus(away ? 'away' : 'online');
      if (this.me) this.#set({ me: { ...this.me, status } });
    } catch (err) {
      this.#set({ statusError: (err as Error).message });
    }
  }

  /** This staff member is (or stopped) typing in the open conversation. */
  typingNow(typing: boolean): void {
    const open = this.open;
    if (open && this.me && open.members.some((m) => m.userId === this.me?.user.userId))
      this.#live?.typing(open.groupId, typing);
  }

  async #start(stored: Stored) {
    const api = createApi(this.#server, stored.appId, stored.token);
    try {
      this.me = await api.me();
      // A token of another app than the one saved beside it (an edited store): not resumed.
      if (this.me.appId !== stored.appId) throw new ApiError(401, ERROR_CODES.invalidToken, strings.sessionEnded);
    } catch (err) {
      const ended = err instanceof ApiError && err.code === ERROR_CODES.invalidToken;
      this.#ended(ended ? strings.sessionEnded : (err as Error).message);
      return;
    }
    this.#api = api;
    void this.routeTo(this.route);
    void this.reloadTeam().catch(() => undefined);
    this.#live = connectLive(this.#server, stored.appId, stored.token, {
      connection: (c) => {
        // Back online: what changed meanwhile.
        if (c === 'online' && this.connection === 'offline') void this.routeTo(this.route);
        this.#set({ connection: c });
      },
      conversation: (c) => this.#conversationChanged(c),
      message: (m) => this.#messageArrived(m),
      typing: (e) => this.#typingChanged(e.groupId, e.userId, e.typing),
      read: (e) => {
        if (e.groupId === this.open?.groupId && e.userId !== this.me?.user.userId) this.details.read(e.userId, e.id);
      },
      delivered: (e) => {
        if (e.groupId === this.open?.groupId) this.details.delivered(e.userId, e.id);
      },
      user: (u) => this.#userChanged(u),
      status: (e) => {
        if (this.me) this.#set({ me: { ...this.me, status: e.status } });
      },
      // The team's statuses changed: read them again (the assignee list, the Teammates page).
      presence: () => void this.reloadTeam().catch(() => undefined),
      ended: () => this.#ended(strings.sessionEnded),
      closedByServer: () => void this.#checkSession(api),
    });
  }

  /** After the server closed the socket: the session lives (reconnect) or has ended (sign in again). */
  async #checkSession(api: Api) {
    try {
      this.#set({ me: await api.me() });
      this.#live?.reconnect();
    } catch (err) {
      if (err instanceof ApiError && err.code === ERROR_CODES.invalidToken) this.#ended(strings.sessionEnded);
      else this.#live?.reconnect();
    }
  }

  #ended(reason: string) {
    writeStored(undefined);
    this.#live?.close();
    this.#live = undefined;
    this.#api = undefined;
    this.#set({ me: undefined, stored: undefined, signInError: reason });
  }

  #leaveConversation() {
    this.details.clear();
    Object.assign(this, { open: undefined, messages: [], error: '' });
  }

  #conversationChanged(c: Conversation) {
    if (!this.me) return;
    this.list = upsert(this.list, c, belongs(c, this.route, this.me));
    if (this.open?.groupId === c.groupId) this.open = c;
    this.#host.requestUpdate();
  }

  /** Told of each new message from somebody else (for a notification). */
  onIncoming?: (m: Message, conversation: Conversation | undefined) => void;

  #messageArrived(m: Message) {
    const me = this.me?.user.userId;
    const here = this.open?.groupId === m.groupId;
    this.#received(m.groupId, [m], here);
    // Its conversation is being opened: kept for when its history has been read.
    if (!here && this.listLoading && this.route.groupId === m.groupId) this.#early.push(m);
    const staff = this.team.some((t) => t.userId === m.fromUserName);
    if (m.fromUserName !== me && !staff)
      this.onIncoming?.(m, this.list.find((c) => c.groupId === m.groupId) ?? (here ? this.open : undefined));
    this.list = withMessage(this.list, m, m.fromUserName === me || here);
    if (here && !this.messages.some((x) => x.key === m.key)) {
      this.messages = [...this.messages, m].sort((a, b) => a.id - b.id);
      // Their message ends their typing; a visitor's brings their details (online, last seen) up to date.
      this.#typingChanged(m.groupId, m.fromUserName, false);
      const visitor = this.open?.members.find((x) => x.role === 'user');
      if (this.open && this.#api && m.fromUserName === visitor?.userId) this.#loadVisitor(this.#api, this.open);
      this.#markRead();
    }
    this.#host.requestUpdate();
  }

  #loadVisitor(api: Api, open: Conversation) {
    void this.details.loadVisitor(api, open, () => this.open?.groupId === open.groupId, this.can('viewUsers'));
  }

  #typingChanged(groupId: string, userId: string, typing: boolean) {
    if (groupId === this.open?.groupId && userId !== this.me?.user.userId) this.details.typingChanged(userId, typing);
  }

  #userChanged(u: UserSummary) {
    this.list = this.list.map((c) => withUser(c, u));
    if (this.open) this.open = withUser(this.open, u);
    this.#host.requestUpdate();
  }

  /**
   * Visitor messages reached this app: a delivered marker for the highest (once per task), where
   * this staff member is a member (only members have markers) — unless the open conversation is read at once (read implies
   * delivered), as it is while the tab shows.
   */
  #received(groupId: string, messages: readonly Message[], here: boolean) {
    const id = Math.max(0, ...messages.filter((m) => m.type === MESSAGE_TYPE.fromVisitor).map((m) => m.id));
    const c = here ? this.open : this.list.find((x) => x.groupId === groupId);
    if (id === 0 || (here && document.visibilityState === 'visible')) return;
    // One not held yet (its push may come after its message) is tried: the server answers whether they are in it.
    if (!c || c.members.some((x) => x.userId === this.me?.user.userId)) this.#acks.note(groupId, id);
  }

  /** The open conversation is read to its last message: the server is told, and its list entry has nothing unread. */
  #markRead() {
    const last = this.messages.at(-1);
    const open = this.open;
    if (!open || !last || document.visibilityState !== 'visible') return;
    void this.#api?.markRead(open.groupId, last.id).catch(() => undefined);
    this.list = this.list.map((c) => (c.groupId === open.groupId && c.unreadCount > 0 ? { ...c, unreadCount: 0 } : c));
  }

  #set(changes: Partial<Workspace>) {
    Object.assign(this, changes);
    this.#host.requestUpdate();
  }
}
