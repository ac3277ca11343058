// @ts-check
/**
 * The agent console: sign in as an agent, see conversations live, read a visitor's history,
 * reply (text, suggested-reply buttons, saved quick replies picked with "/"), assign, resolve,
 * reopen, and set oneself "Away" (no new conversations; visitors see the away message). It uses
 * the reference server's Platform API and console endpoints with the agent's session token, and
 * socket.io (the server's `/vendor/socket.io.esm.min.js`) for live updates, typing indicators and
 * read receipts. It talks only to the server that served it (`location.origin`): no page can
 * point it, or the credentials typed into it, anywhere else. The query parameter `appId`
 * prefills sign-in; `lang` picks the language of the strings (locale.js), which go into the
 * page's markup at start.
 */
import { ApiError, createApi, signIn } from './api.js';
import { matchQuickReplies, newKey, parseButtons, suggestedRepliesMetadata } from './compose.js';
import { format, lang, localize, t } from './locale.js';
import { CONVERSATION_STATUS, ERROR_CODES, OPEN_CONVERSATION_STATUSES } from './protocol.js';
import { conversationItem, formatTime, h, messageItem, nameIn, roleName, statusName, visitorOf } from './view.js';

/**
 * @typedef {import('./api.js').Api} Api
 * @typedef {import('./api.js').Conversation} Conversation
 * @typedef {import('./api.js').Message} Message
 * @typedef {import('./api.js').Me} Me
 * @typedef {import('./api.js').Teammate} Teammate
 * @typedef {import('./api.js').QuickReply} QuickReply
 * @typedef {import('./api.js').AgentStatus} AgentStatus
 * @typedef {{ on(event: string, fn: (...args: any[]) => void): unknown, emit(event: string, ...args: unknown[]): unknown,
 *   close(): unknown, connect(): unknown, connected: boolean }} Socket
 * @typedef {'mine' | 'unassigned' | 'open' | 'resolved'} Tab
 */

const STORAGE_KEY = 'parley-console';
/** The server the console talks to: the one that served it, and no other. */
const SERVER = location.origin;
/** socket.io-client's browser build, from the same server (the page's CSP allows only it). */
const SOCKET_IO = '/vendor/socket.io.esm.min.js';
const OPEN = OPEN_CONVERSATION_STATUSES;
const TYPING_IDLE_MS = 3000;
const TYPING_SHOWN_MS = 8000;

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
}

const $ = {
  loginView: byId('login-view'),
  loginForm: /** @type {HTMLFormElement} */ (byId('login-form')),
  loginError: byId('login-error'),
  consoleView: byId('console-view'),
  me: byId('me'),
  connection: byId('connection'),
  myStatus: byId('my-status'),
  away: /** @type {HTMLButtonElement} */ (byId('away')),
  statusError: byId('status-error'),
  logout: byId('logout'),
  tabs: /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('[data-tab]')]),
  list: byId('conversation-list'),
  listEmpty: byId('list-empty'),
  noConversation: byId('no-conversation'),
  pane: byId('conversation-pane'),
  title: byId('conversation-title'),
  meta: byId('conversation-meta'),
  assignee: /** @type {HTMLSelectElement} */ (byId('assignee')),
  takeOver: /** @type {HTMLButtonElement} */ (byId('take-over')),
  resolve: /** @type {HTMLButtonElement} */ (byId('resolve')),
  reopen: /** @type {HTMLButtonElement} */ (byId('reopen')),
  spam: /** @type {HTMLButtonElement} */ (byId('spam')),
  actionError: byId('action-error'),
  messages: byId('messages'),
  typing: byId('typing'),
  composer: /** @type {HTMLFormElement} */ (byId('composer')),
  text: /** @type {HTMLTextAreaElement} */ (byId('composer-text')),
  buttons: /** @type {HTMLTextAreaElement} */ (byId('composer-buttons')),
  buttonsDetails: /** @type {HTMLDetailsElement} */ (byId('buttons-details')),
  quickList: byId('quick-reply-list'),
  visitor: byId('visitor'),
  quickReplies: byId('quick-replies'),
  quickForm: /** @type {HTMLFormElement} */ (byId('quick-reply-form')),
  quickError: byId('quick-reply-error'),
  team: byId('team'),
};

const state = {
  /** @type {Api | undefined} */ api: undefined,
  appId: '',
  /** @type {Me | undefined} */ me: undefined,
  /** My own status, as the server last said. @type {AgentStatus} */ status: /** @type {AgentStatus} */ ('online'),
  /** A status change is on its way to the server. */ statusPending: false,
  /** @type {Tab} */ tab: 'mine',
  /** @type {Map<string, Conversation>} */ conversations: new Map(),
  /** @type {string | undefined} */ selected: undefined,
  /** @type {Message[]} */ messages: [],
  /** Highest message id each member has read in the open conversation. @type {Map<string, number>} */ readBy:
    new Map(),
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */ typing: new Map(),
  /** @type {Teammate[]} */ teammates: [],
  /** @type {QuickReply[]} */ quickReplies: [],
  /** @type {QuickReply[]} */ quickMatches: [],
  quickActive: 0,
  /** @type {Socket | undefined} */ socket: undefined,
  /** @type {ReturnType<typeof setTimeout> | undefined} */ typingTimer: undefined,
  typingSent: false,
  lastReadSent: 0,
};

const meId = () => state.me?.user.userId ?? '';
const can = (/** @type {string} */ p) => state.me?.permissions.includes(p) ?? false;
const api = () => {
  if (!state.api) throw new Error('not signed in');
  return state.api;
};

// ---- sign in / out -------------------------------------------------------------------------

/** The session saved in this tab, when it is one with this server. @returns {{ appId: string, token: string } | undefined} */
function stored() {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return v && v.server === SERVER && typeof v.appId === 'string' && typeof v.token === 'string'
      ? { appId: v.appId, token: v.token }
      : undefined;
  } catch {
    return undefined;
  }
}

function showLogin(message = '') {
  const params = new URLSearchParams(location.search);
  const form = $.loginForm.elements;
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.namedItem(name));
  if (!field('appId').value) field('appId').value = params.get('appId') ?? 'demo-app';
  $.loginError.textContent = message;
  $.consoleView.hidden = true;
  $.loginView.hidden = false;
  field('email').focus();
}

$.loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData($.loginForm);
  const appId = String(data.get('appId') ?? '').trim();
  const email = String(data.get('email') ?? '').trim();
  const password = String(data.get('password') ?? '');
  if (!appId || !email || !password) {
    $.loginError.textContent = t.loginIncomplete;
    return;
  }
  $.loginError.textContent = '';
  try {
    const session = await signIn(SERVER, { appId, email, password });
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ server: SERVER, appId, token: session.token }));
    await start(appId, session.token);
  } catch (err) {
    $.loginError.textContent = err instanceof ApiError && err.status === 401 ? t.loginWrong : describe(err);
  }
});

$.logout.addEventListener('click', () => {
  // The token ends on the server (with its sockets) — asked before the page forgets it; signing
  // out here does not wait for the answer, and an offline server leaves it to expire.
  state.api?.signOut().catch(() => {});
  sessionStorage.removeItem(STORAGE_KEY);
  stop();
  showLogin();
});

function stop() {
  state.socket?.close();
  state.socket = undefined;
  state.api = undefined;
  state.me = undefined;
  state.conversations.clear();
  state.selected = undefined;
  state.messages = [];
}

/** @param {unknown} err */
function describe(err) {
  if (err instanceof ApiError) return format(t.errorWithCode, { message: err.message, code: err.code });
  // A request that got no answer at all (the server or the network is down).
  return t.errorNetwork;
}

/**
 * @param {string} appId
 * @param {string} token
 */
async function start(appId, token) {
  state.appId = appId;
  state.api = createApi(SERVER, appId, token);
  state.me = await state.api.me();
  $.loginView.hidden = true;
  $.consoleView.hidden = false;
  $.me.textContent = format(t.meLine, { name: state.me.user.userName, role: roleName(state.me.user.role) });
  $.statusError.textContent = '';
  renderStatus(state.me.status);
  for (const tab of $.tabs)
    tab.hidden = !state.me.seesAll && (tab.dataset['tab'] === 'unassigned' || tab.dataset['tab'] === 'open');
  $.quickForm.hidden = !can('createQuickReplies');
  await Promise.all([loadList(), loadQuickReplies(), loadTeam()]);
  await connectSocket(appId, token);
  $.tabs.find((tab) => tab.getAttribute('aria-pressed') === 'true')?.focus();
}

// ---- socket --------------------------------------------------------------------------------

/**
 * @param {string} appId
 * @param {string} token
 */
async function connectSocket(appId, token) {
  $.connection.textContent = t.connectionConnecting;
  /** @type {{ io: (url: string, opts: object) => Socket }} */
  const mod = await import(SOCKET_IO);
  const socket = mod.io(SERVER, { auth: { appId, token }, transports: ['websocket'] });
  state.socket = socket;
  let connectedBefore = false;
  socket.on('connect', () => {
    $.connection.textContent = t.connectionOnline;
    if (connectedBefore) void catchUp();
    connectedBefore = true;
  });
  socket.on('disconnect', (/** @type {string} */ reason) => {
    $.connection.textContent = t.connectionReconnecting;
    // The server closed the socket itself: the session ended (sign-out elsewhere, a new role or
    // password, deactivation, expiry) — or the server shut down. socket.io does not reconnect
    // after that on its own: ask the server whether the session lives, then go on or sign in.
    if (reason === 'io server disconnect') void afterServerClosed(socket);
  });
  socket.on('connect_error', (/** @type {{ data?: { errorCode?: string } }} */ err) => {
    if (err?.data?.errorCode === ERROR_CODES.invalidToken) {
      sessionStorage.removeItem(STORAGE_KEY);
      stop();
      showLogin(t.sessionEnded);
    } else $.connection.textContent = t.connectionOffline;
  });
  socket.on('conversation', (/** @type {Conversation} */ c) => onConversation(c));
  socket.on('message', (/** @type {Message} */ m) => void onMessage(m));
  socket.on('typing', (/** @type {{ groupId: string, userId: string, typing: boolean }} */ e) => onTyping(e));
  socket.on('read', (/** @type {{ groupId: string, userId: string, id: number }} */ r) => onRead(r));
  socket.on('user', (/** @type {import('./api.js').UserSummary} */ u) => onUser(u));
  socket.on('presence', () => void loadTeam());
  socket.on('agent:status', (/** @type {{ status: AgentStatus }} */ e) => renderStatus(e.status));
}

/** @param {Socket} socket */
async function afterServerClosed(socket) {
  try {
    await api().me();
    if (state.socket === socket) socket.connect();
  } catch (err) {
    if (state.socket !== socket) return;
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      sessionStorage.removeItem(STORAGE_KEY);
      stop();
      showLogin(t.sessionEnded);
    } else socket.connect();
  }
}

/** After a reconnect: reload the list and whatever arrived in the open conversation meanwhile. */
async function catchUp() {
  void api()
    .myStatus()
    .then((r) => renderStatus(r.status))
    .catch(() => {});
  await loadList();
  if (state.selected) {
    const last = state.messages.at(-1)?.id ?? 0;
    const newer = await api().messages(state.selected, last);
    for (const m of newer) addMessage(m);
    renderMessages();
  }
}

// ---- my status (available / away) ---------------------------------------------------------

/** @param {AgentStatus} status */
function renderStatus(status) {
  state.status = status === 'away' ? 'away' : 'online';
  const away = state.status === 'away';
  $.away.setAttribute('aria-pressed', String(away));
  $.myStatus.textContent = away ? t.myStatusAway : t.myStatusAvailable;
  $.myStatus.classList.toggle('away', away);
}

$.away.addEventListener('click', async () => {
  if (state.statusPending || !state.api) return;
  state.statusPending = true;
  $.statusError.textContent = '';
  try {
    // The button shows what the server answers, not what was asked.
    const { status } = await api().setMyStatus(state.status === 'away' ? 'online' : 'away');
    renderStatus(status);
  } catch (err) {
    $.statusError.textContent = describe(err);
  } finally {
    state.statusPending = false;
  }
});

// ---- conversation list ---------------------------------------------------------------------

/** @param {Tab} tab */
function filterOf(tab) {
  switch (tab) {
    case 'mine':
      return { status: 'open', assigned: 'me' };
    case 'unassigned':
      return { status: 'open', assigned: 'unassigned' };
    case 'resolved':
      return { status: 'resolved', assigned: state.me?.seesAll ? 'all' : 'me' };
    default:
      return { status: 'open', assigned: 'all' };
  }
}

/** Whether a conversation belongs in the current tab. @param {Conversation} c */
function inTab(c) {
  const mine = c.assignee === meId();
  const open = OPEN.includes(c.status);
  switch (state.tab) {
    case 'mine':
      return open && mine;
    case 'unassigned':
      return open && !c.assignee;
    case 'resolved':
      return c.status === CONVERSATION_STATUS.resolved && (state.me?.seesAll || mine);
    default:
      return open && (state.me?.seesAll || mine);
  }
}

async function loadList() {
  const list = await api().conversations(filterOf(state.tab));
  state.conversations = new Map(list.map((c) => [c.groupId, c]));
  renderList();
}

function renderList() {
  const items = [...state.conversations.values()].filter(inTab).sort((a, b) => b.updatedAtTime - a.updatedAtTime);
  $.list.replaceChildren(
    ...items.map((c) => conversationItem(c, { selected: c.groupId === state.selected, meId: meId() })),
  );
  $.listEmpty.hidden = items.length > 0;
}

for (const tab of $.tabs) {
  tab.addEventListener('click', () => {
    state.tab = /** @type {Tab} */ (tab.dataset['tab']);
    for (const other of $.tabs) other.setAttribute('aria-pressed', String(other === tab));
    void loadList().catch(showActionError);
  });
}

$.list.addEventListener('click', (event) => {
  const button = /** @type {HTMLElement | null} */ (
    event.target instanceof Element ? event.target.closest('[data-group-id]') : null
  );
  const groupId = button?.dataset['groupId'];
  if (groupId) void open(groupId).catch(showActionError);
});

/** @param {Conversation} c */
function onConversation(c) {
  const known = state.conversations.get(c.groupId);
  // Staff pushes carry no unread count of ours: keep the one we know.
  state.conversations.set(
    c.groupId,
    known && c.unreadCount === 0 && !c.members.some((m) => m.userId === meId())
      ? { ...c, unreadCount: known.unreadCount }
      : c,
  );
  renderList();
  if (c.groupId === state.selected) renderHeader();
}

/** @param {Message} m */
async function onMessage(m) {
  let c = state.conversations.get(m.groupId);
  if (!c) {
    try {
      c = await api().conversation(m.groupId);
    } catch {
      return; // not ours to see
    }
  }
  const updated = { ...c, lastMessage: m, updatedAtTime: Math.max(c.updatedAtTime, m.createdAtTime) };
  if (m.groupId === state.selected) {
    addMessage(m);
    renderMessages();
    clearTyping(m.fromUserName);
    void markRead();
  } else if (m.fromUserName !== meId()) updated.unreadCount = (c.unreadCount ?? 0) + 1;
  state.conversations.set(m.groupId, updated);
  renderList();
}

/** @param {{ groupId: string, userId: string, typing: boolean }} e */
function onTyping(e) {
  if (e.groupId !== state.selected || e.userId === meId()) return;
  clearTyping(e.userId);
  if (e.typing)
    state.typing.set(
      e.userId,
      setTimeout(() => clearTyping(e.userId), TYPING_SHOWN_MS),
    );
  renderTyping();
}

/** @param {string} userId */
function clearTyping(userId) {
  const timer = state.typing.get(userId);
  if (timer !== undefined) clearTimeout(timer);
  if (state.typing.delete(userId)) renderTyping();
}

function renderTyping() {
  const c = state.selected ? state.conversations.get(state.selected) : undefined;
  const names = c ? [...state.typing.keys()].map((u) => nameIn(c, u)) : [];
  $.typing.textContent =
    names.length === 0
      ? ''
      : format(names.length === 1 ? t.typingOne : t.typingMany, { names: names.join(t.listSeparator) });
}

/** @param {{ groupId: string, userId: string, id: number }} r */
function onRead(r) {
  if (r.groupId !== state.selected || r.userId === meId()) return;
  state.readBy.set(r.userId, Math.max(state.readBy.get(r.userId) ?? 0, r.id));
  renderMessages();
}

/** @param {import('./api.js').UserSummary} u */
function onUser(u) {
  for (const [id, c] of state.conversations) {
    if (c.members.some((m) => m.userId === u.userId)) {
      state.conversations.set(id, {
        ...c,
        members: c.members.map((m) => (m.userId === u.userId ? { ...m, ...u } : m)),
      });
    }
  }
  renderList();
  if (state.selected) {
    renderHeader();
    renderMessages();
    const c = state.conversations.get(state.selected);
    if (c && visitorOf(c)?.userId === u.userId) void loadVisitor(c);
  }
}

// ---- one conversation ----------------------------------------------------------------------

/** @param {string} groupId */
async function open(groupId) {
  const [c, messages] = await Promise.all([api().conversation(groupId), api().messages(groupId)]);
  state.selected = groupId;
  state.conversations.set(groupId, { ...c, unreadCount: 0 });
  state.messages = [];
  state.readBy.clear();
  for (const timer of state.typing.values()) clearTimeout(timer);
  state.typing.clear();
  state.lastReadSent = 0;
  for (const m of messages) addMessage(m);
  $.noConversation.hidden = true;
  $.pane.hidden = false;
  $.actionError.textContent = '';
  renderList();
  renderHeader();
  renderMessages();
  renderTyping();
  void loadVisitor(c);
  void markRead();
  $.text.focus();
}

/** @param {Message} m */
function addMessage(m) {
  if (state.messages.some((x) => x.id === m.id)) return;
  state.messages.push(m);
  state.messages.sort((a, b) => a.id - b.id);
}

function renderHeader() {
  const c = state.selected ? state.conversations.get(state.selected) : undefined;
  if (!c) return;
  const visitor = visitorOf(c);
  $.title.textContent = visitor?.userName ?? c.groupName;
  const assignee = c.assignee ? nameIn(c, c.assignee) : t.assignedToNobody;
  $.meta.textContent = format(t.conversationMeta, { status: statusName(c.status), assignee, id: c.groupId });
  $.resolve.hidden = c.status === CONVERSATION_STATUS.resolved;
  $.reopen.hidden = c.status === CONVERSATION_STATUS.open || c.status === CONVERSATION_STATUS.inProgress;
  $.spam.hidden = c.status === CONVERSATION_STATUS.spam;
  const bot = c.assignee ? c.members.find((m) => m.userId === c.assignee && m.role === 'bot') : undefined;
  $.takeOver.hidden = !bot;
  renderAssigneeOptions(c);
}

/** @param {Conversation} c */
function renderAssigneeOptions(c) {
  /** @type {Array<{ userId: string, userName: string, role: string }>} */
  let people = state.teammates.filter((p) => !p.deactivated);
  if (people.length === 0 && state.me) people = [state.me.user];
  if (!can('assignOthers')) people = people.filter((p) => p.userId === meId());
  const options = [h('option', { value: '', disabled: true, selected: !c.assignee }, [t.assigneeNobody])];
  const seen = new Set();
  for (const p of people) {
    seen.add(p.userId);
    const label =
      p.userId === meId()
        ? format(t.assigneeYou, { name: p.userName })
        : p.role === 'bot'
          ? format(t.assigneeBot, { name: p.userName })
          : p.userName;
    options.push(h('option', { value: p.userId, selected: c.assignee === p.userId }, [label]));
  }
  if (c.assignee && !seen.has(c.assignee))
    options.push(h('option', { value: c.assignee, selected: true, disabled: true }, [nameIn(c, c.assignee)]));
  $.assignee.replaceChildren(...options);
}

function renderMessages() {
  const c = state.selected ? state.conversations.get(state.selected) : undefined;
  if (!c) return;
  const visitorIds = c.members.filter((m) => m.role === 'user').map((m) => m.userId);
  const seenUpTo = Math.max(0, ...visitorIds.map((id) => state.readBy.get(id) ?? 0));
  const stick = $.messages.scrollHeight - $.messages.scrollTop - $.messages.clientHeight < 40;
  $.messages.replaceChildren(
    ...state.messages.map((m) => messageItem(m, { conversation: c, meId: meId(), seen: m.id <= seenUpTo })),
  );
  if (stick || state.messages.length < 30) $.messages.scrollTop = $.messages.scrollHeight;
}

async function markRead() {
  const last = state.messages.at(-1);
  if (!state.selected || !last || last.id <= state.lastReadSent || document.visibilityState !== 'visible') return;
  state.lastReadSent = last.id;
  try {
    await api().markRead(state.selected, last.id);
  } catch {
    state.lastReadSent = 0;
  }
}
document.addEventListener('visibilitychange', () => void markRead());

/** @param {Conversation} c */
async function loadVisitor(c) {
  const visitor = visitorOf(c);
  if (!visitor) {
    $.visitor.replaceChildren();
    return;
  }
  try {
    const [d] = await api().userDetail(visitor.userId);
    if (!d || state.selected !== c.groupId) return;
    /** @type {Array<[string, string]>} */
    const rows = [
      [t.visitorName, String(d['userName'] ?? '')],
      [t.visitorUserId, String(d['userId'] ?? '')],
      [
        t.visitorStatus,
        d['connected']
          ? t.visitorOnline
          : typeof d['lastSeenAtTime'] === 'number'
            ? format(t.visitorLastSeen, { time: formatTime(d['lastSeenAtTime']) })
            : t.visitorOffline,
      ],
    ];
    if (d['email']) rows.push([t.visitorEmail, String(d['email'])]);
    if (d['phoneNumber']) rows.push([t.visitorPhone, String(d['phoneNumber'])]);
    const meta =
      d['metadata'] && typeof d['metadata'] === 'object'
        ? Object.entries(/** @type {Record<string, unknown>} */ (d['metadata']))
        : [];
    for (const [k, v] of meta.slice(0, 20)) rows.push([k, String(v)]);
    $.visitor.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, [k]), h('dd', {}, [v])]));
  } catch {
    $.visitor.replaceChildren();
  }
}

/** @param {unknown} err */
function showActionError(err) {
  $.actionError.textContent = describe(err);
}

/**
 * Runs a conversation action, showing its outcome.
 * @param {() => Promise<string>} action
 */
async function act(action) {
  $.actionError.textContent = '';
  try {
    const result = await action();
    if (result === 'AGENT_IS_ALREADY_ENGAGED') $.actionError.textContent = t.agentAtLimit;
    // The socket brings the new state; reload in case it is a conversation we see but are not pushed.
    if (state.selected) state.conversations.set(state.selected, await api().conversation(state.selected));
    renderList();
    renderHeader();
  } catch (err) {
    showActionError(err);
  }
}

$.resolve.addEventListener(
  'click',
  () => void act(() => api().setStatus(/** @type {string} */ (state.selected), CONVERSATION_STATUS.resolved)),
);
$.reopen.addEventListener(
  'click',
  () => void act(() => api().setStatus(/** @type {string} */ (state.selected), CONVERSATION_STATUS.open)),
);
$.spam.addEventListener(
  'click',
  () => void act(() => api().setStatus(/** @type {string} */ (state.selected), CONVERSATION_STATUS.spam)),
);
$.takeOver.addEventListener(
  'click',
  () => void act(() => api().assign(/** @type {string} */ (state.selected), meId(), true)),
);
$.assignee.addEventListener('change', () => {
  const to = $.assignee.value;
  if (to) void act(() => api().assign(/** @type {string} */ (state.selected), to));
});

// ---- composer ------------------------------------------------------------------------------

function isMember() {
  const c = state.selected ? state.conversations.get(state.selected) : undefined;
  return Boolean(c?.members.some((m) => m.userId === meId()));
}

/** @param {boolean} typing */
function sendTyping(typing) {
  if (!state.socket || !state.selected || !isMember() || state.typingSent === typing) return;
  state.typingSent = typing;
  state.socket.emit('typing', { groupId: state.selected, typing });
}

$.text.addEventListener('input', () => {
  updateQuickReplies();
  if ($.text.value.trim() === '') {
    sendTyping(false);
    return;
  }
  sendTyping(true);
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => sendTyping(false), TYPING_IDLE_MS);
});

$.text.addEventListener('keydown', (event) => {
  const listOpen = !$.quickList.hidden;
  if (listOpen && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    const n = state.quickMatches.length;
    state.quickActive = (state.quickActive + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
    renderQuickReplies();
  } else if (listOpen && (event.key === 'Enter' || event.key === 'Tab')) {
    event.preventDefault();
    pickQuickReply(state.quickActive);
  } else if (listOpen && event.key === 'Escape') {
    event.preventDefault();
    closeQuickReplies();
  } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $.composer.requestSubmit();
  }
});

$.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const groupId = state.selected;
  const text = $.text.value;
  const buttons = parseButtons($.buttons.value);
  if (!groupId || (text.trim() === '' && buttons.length === 0)) return;
  /** @type {{ groupId: string, message: string, key: string, metadata?: Record<string, string> }} */
  const message = {
    groupId,
    message: text.trim() === '' ? buttons.map((b) => b.title).join(' / ') : text,
    key: newKey(),
  };
  if (buttons.length > 0) message.metadata = suggestedRepliesMetadata(buttons);
  $.actionError.textContent = '';
  // Cleared at once so the agent can write the next message; put back if sending fails.
  const buttonsText = $.buttons.value;
  $.text.value = '';
  $.buttons.value = '';
  $.buttonsDetails.open = false;
  clearTimeout(state.typingTimer);
  sendTyping(false);
  try {
    addMessage(await api().send(message));
    renderMessages();
  } catch (err) {
    if ($.text.value === '') $.text.value = text;
    if ($.buttons.value === '') $.buttons.value = buttonsText;
    showActionError(err);
  }
  $.text.focus();
});

// ---- quick replies -------------------------------------------------------------------------

async function loadQuickReplies() {
  try {
    state.quickReplies = await api().quickReplies();
  } catch {
    state.quickReplies = [];
  }
  renderQuickReplyManager();
}

function updateQuickReplies() {
  state.quickMatches = matchQuickReplies(state.quickReplies, $.text.value);
  state.quickActive = 0;
  renderQuickReplies();
}

function renderQuickReplies() {
  const open = state.quickMatches.length > 0;
  $.quickList.hidden = !open;
  $.quickList.replaceChildren(
    ...state.quickMatches.map((r, i) =>
      h(
        'li',
        {
          id: `quick-reply-${r.id}`,
          role: 'option',
          'aria-selected': String(i === state.quickActive),
          'data-index': String(i),
        },
        [h('strong', {}, [`/${r.shortcut}`]), ' ', h('span', {}, [r.message])],
      ),
    ),
  );
  const active = state.quickMatches[state.quickActive];
  if (open && active) $.text.setAttribute('aria-activedescendant', `quick-reply-${active.id}`);
  else $.text.removeAttribute('aria-activedescendant');
}

/** @param {number} index */
function pickQuickReply(index) {
  const r = state.quickMatches[index];
  if (!r) return;
  $.text.value = r.message;
  closeQuickReplies();
  $.text.focus();
  $.text.setSelectionRange(r.message.length, r.message.length);
  sendTyping(true);
}

function closeQuickReplies() {
  state.quickMatches = [];
  renderQuickReplies();
}

$.quickList.addEventListener('mousedown', (event) => {
  const li =
    event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-index]')) : null;
  if (!li) return;
  event.preventDefault();
  pickQuickReply(Number(li.dataset['index']));
});

function renderQuickReplyManager() {
  $.quickReplies.replaceChildren(
    ...state.quickReplies.map((r) =>
      h('li', {}, [
        h('strong', {}, [`/${r.shortcut}`]),
        ' ',
        h('span', {}, [r.message]),
        can('createQuickReplies')
          ? h(
              'button',
              {
                type: 'button',
                'data-delete': String(r.id),
                'aria-label': format(t.quickReplyDeleteLabel, { shortcut: r.shortcut }),
              },
              [t.quickReplyDelete],
            )
          : null,
      ]),
    ),
  );
}

$.quickReplies.addEventListener('click', async (event) => {
  const button =
    event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-delete]')) : null;
  if (!button) return;
  try {
    await api().deleteQuickReply(Number(button.dataset['delete']));
    await loadQuickReplies();
  } catch (err) {
    $.quickError.textContent = describe(err);
  }
});

$.quickForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData($.quickForm);
  $.quickError.textContent = '';
  try {
    await api().addQuickReply(String(data.get('shortcut') ?? ''), String(data.get('message') ?? ''));
    $.quickForm.reset();
    await loadQuickReplies();
  } catch (err) {
    $.quickError.textContent = describe(err);
  }
});

// ---- team ----------------------------------------------------------------------------------

async function loadTeam() {
  if (!state.api) return;
  try {
    state.teammates = can('viewSettings') ? await api().teammates() : [];
  } catch {
    state.teammates = [];
  }
  $.team.replaceChildren(
    ...state.teammates
      .filter((p) => p.role !== 'bot' && !p.deactivated)
      .map((p) =>
        h('li', { class: !p.connected ? 'offline' : p.status === 'away' ? 'away' : 'online' }, [
          h('span', { class: 'dot', 'aria-hidden': 'true' }),
          format(t.teamLine, {
            name: p.userName,
            role: roleName(p.role),
            presence: !p.connected ? t.teamOffline : p.status === 'away' ? t.teamAway : t.teamOnline,
            open: p.openConversations,
          }),
        ]),
      ),
  );
  const c = state.selected ? state.conversations.get(state.selected) : undefined;
  if (c) renderAssigneeOptions(c);
}

// ---- boot ----------------------------------------------------------------------------------

document.documentElement.lang = lang;
localize(document);

const saved = stored();
if (saved) {
  start(saved.appId, saved.token).catch(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    stop();
    showLogin();
  });
} else showLogin();
