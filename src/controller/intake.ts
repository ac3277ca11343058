/**
 * The intake slice: what the server says, merged into the state — stored messages (pushed,
 * acknowledged, fetched), typing, read markers, name changes, conversations (reconciled with what
 * this tab holds), what reached it (delivered markers), and the conversation shown (its cached messages, pending sends and history).
 * It reports the messages the page hears about as `received` / `sent` and knows nobody above it.
 */
import type { Clock, TimerHandle } from '../core/clock.js';
import { lastStoredId, markUpTo, mergeMessages } from '../core/messages.js';
import type { Conversation, Message, UserSummary } from '../core/protocol.js';
import type { RealtimeEvents } from '../net/realtime.js';
import type { ParleyStore } from '../store/store.js';
import type { StateCell } from './cell.js';
import { OLDER_PAGE, type ConversationsSlice } from './conversations.js';
import type { DeliverySlice } from './delivery.js';
import type { Failures } from './failures.js';
import { pendingMessage } from './outbox.js';
import type { ReceiptsSlice } from './receipts.js';
import type { SessionSlice } from './session.js';
import { Slice } from './slice.js';
import {
  type ChatState,
  messageArrived,
  reconcileConversation,
  typingChanged,
  unreadCleared,
  upsertConversation,
  withUsers,
} from './state.js';
import type { Arrival, ChatSync } from './sync.js';
import { AfterDraw } from './timers.js';

/**
 * After an unread count changes with the panel closed, the server's list is asked again once
 * nothing has changed for this long: pushes of a message and of its conversation can cross (from
 * two server processes, or a count the server made while the visitor's read marker was on its
 * way), and every tab then ends on the server's count.
 */
export const UNREAD_SETTLE_MS = 2000;

/** After older history could not be fetched, scrolling to the top tries again this much later. */
export const OLDER_RETRY_MS = 5000;

export interface IntakeOptions {
  clock: Clock;
  cell: StateCell;
  store: ParleyStore;
  sync: ChatSync;
  delivery: DeliverySlice;
  receipts: ReceiptsSlice;
  session: SessionSlice;
  conversations: ConversationsSlice;
  failures: Failures;
  signal: AbortSignal;
}

export type IntakeEvents = {
  /** A message from someone else, new to this tab. */
  received: [message: Message];
  /** The server stored a message this page sent. */
  sent: [message: Message];
};

export class IntakeSlice extends Slice<IntakeOptions, IntakeEvents> {
  private _settle: TimerHandle | undefined;
  /** Cache writes of pushed messages, run once they are drawn (all at once if the engine goes). */
  private readonly _drawn = new AfterDraw();

  constructor(options: IntakeOptions) {
    super(options);
    options.signal.addEventListener('abort', () => this._drawn.flush(), { once: true });
  }

  /** Runs `job` after the draw, unless the visitor changed meanwhile (a logout forgets them). */
  private _afterDraw(session: ChatState['session']): (key: string, job: () => void) => void {
    return (key, job) =>
      this._drawn.run(key, () => {
        if (this._state.session === session) job();
      });
  }

  /** Pushes of each conversation so far: a list fetched meanwhile is older than such a push. */
  private readonly _pushes = new Map<string, number>();

  /** Merges one stored message that arrived `how` (pushed, acknowledged, or fetched). */
  receive(message: Message, how: Arrival): void {
    const { receipts } = this._o;
    if (this._aborted) return;
    const before = this._state.unreadCount;
    const { patch, own, active, seen, unknown } = messageArrived(this._state, message, how === 'live');
    // A conversation we do not know yet (an agent started it): fetch the list.
    if (unknown) void this._o.failures.guard('loading conversations', () => this.refresh());
    this._set(patch);
    if (this._state.unreadCount !== before) this._settleUnread();
    // Shown first, stored after: a pushed message is drawn before its cache writes start.
    const save = how === 'live' ? this._afterDraw(this._state.session) : (_key: string, job: () => void) => job();
    if (patch.conversations) save('conversations', () => this._saveConversations());
    if (active) save(`messages:${message.groupId}`, () => this._saveMessages(message.groupId));
    // After the writes above (a pushed id vouches for the cursor only seconds later, see
    // cursor.ts): the stored cursor is written once they have landed.
    this._o.sync.note(message.id, how);
    if (own && this._o.delivery.stored(message.key)) this.emit('sent', message);
    if (!seen && !own) {
      this.emit('received', message);
      // Shown in the open panel, however it arrived (live or caught up): the server learns it is
      // read (after the draw; read even if the panel closes in between: the visitor saw it).
      if (active && this._state.panelOpen)
        receipts.batch(() => void this._o.failures.guard('marking messages read', () => this.markRead()));
    }
    // Whatever reached this tab from somebody else, new or not: the server learns it was delivered.
    if (!own) receipts.delivered(message.groupId, message.id);
  }

  /** Someone started or stopped typing (a "stopped" that never comes expires). */
  typing(event: RealtimeEvents['typing']): void {
    const { groupId, userId, typing } = event;
    const { receipts } = this._o;
    if (groupId !== this._state.activeGroupId || userId === this._state.session?.userId) return;
    receipts.typingStopped(userId);
    if (typing) receipts.typing(userId, () => this.typing({ ...event, typing: false }));
    const patch = typingChanged(this._state, userId, typing);
    if (patch) this._set(patch);
  }

  /**
   * Someone read up to a message (`state` 'read': the visitor in another tab, or the others in the
   * conversation), or a client of the others got it ('delivered').
   */
  read({ groupId, userId, id }: RealtimeEvents['read'], state: 'read' | 'delivered' = 'read'): void {
    const s = this._state;
    // The server tells the other members of a delivered marker: it is never the visitor's own.
    if (userId === s.session?.userId) {
      // The visitor read it in another tab.
      this._o.receipts.noteRead(groupId, id);
      const c = s.conversations.find((x) => x.groupId === groupId);
      if (!c || c.unreadCount === 0) return;
      if ((c.lastMessage?.id ?? 0) <= id) {
        this._set(unreadCleared(s, groupId));
      } else {
        // Read up to a message before the last: only the server knows how many of those after it
        // count (notices, the visitor's own messages from another tab, ones this tab never saw).
        void this._o.failures.guard('loading conversations', () => this.refresh());
      }
    } else if (groupId === s.activeGroupId) {
      this._set({ messages: markUpTo(s.messages, id, state) });
      this._saveMessages(groupId);
    }
  }

  /** Someone's name or avatar changed; when it is the visitor, their session follows. */
  user(user: UserSummary): void {
    let session = this._state.session;
    if (session && user.userId === session.userId) {
      session = { ...session, userName: user.userName, ...(user.imageLink ? { imageLink: user.imageLink } : {}) };
      this._o.session.save(session);
    }
    this._set({ session, users: withUsers(this._state.users, [], [user], session) });
  }

  /**
   * The list as the server sent it, each reconciled with the one held. A conversation pushed after
   * the list was asked for (`pushesBefore`: the pushes counted then) keeps what the push said:
   * the list is the older view (a resolve pushed while it was on its way stays resolved).
   */
  replace(fetched: readonly Conversation[], pushesBefore?: ReadonlyMap<string, number>): void {
    const held = new Map(this._state.conversations.map((c) => [c.groupId, c]));
    const list = fetched.map((c) => {
      const newer = pushesBefore && (this._pushes.get(c.groupId) ?? 0) !== (pushesBefore.get(c.groupId) ?? 0);
      return newer ? (held.get(c.groupId) ?? this._reconcile(c)) : this._reconcile(c);
    });
    this._set({ conversations: list, users: withUsers(this._state.users, list, [], this._state.session) });
    this._saveConversations();
  }

  upsert(incoming: Conversation): void {
    this._pushes.set(incoming.groupId, (this._pushes.get(incoming.groupId) ?? 0) + 1);
    const before = this._state.unreadCount;
    const conversation = this._reconcile(incoming);
    const conversations = upsertConversation(this._state.conversations, conversation);
    this._set({ conversations, users: withUsers(this._state.users, [conversation], [], this._state.session) });
    this._saveConversations();
    if (this._state.unreadCount !== before) this._settleUnread();
  }

  /** The server's list again once the counts have been still for UNREAD_SETTLE_MS (panel closed). */
  private _settleUnread(): void {
    const { clock, failures } = this._o;
    if (this._settle !== undefined) clock.clearTimeout(this._settle);
    this._settle = clock.setTimeout(() => {
      this._settle = undefined;
      if (this._aborted || this._state.panelOpen || this._state.unreadCount === 0) return;
      void failures.guard('loading conversations', () => this.refresh());
    }, UNREAD_SETTLE_MS);
  }

  /** The server's list again (unread counts included). */
  async refresh(): Promise<void> {
    const session = this._state.session;
    if (!session) return;
    const pushesBefore = new Map(this._pushes);
    const list = await this._o.conversations.list(session.token);
    if (!this._aborted && this._state.session === session) this.replace(list, pushesBefore);
  }

  /** After a catch-up: what else changed while away, and what the open panel now shows is read. */
  async caughtUp(): Promise<void> {
    await this.refresh();
    if (this._state.panelOpen) await this.markRead();
  }

  /** The visitor has seen the active conversation up to its last message. */
  async markRead(): Promise<void> {
    const { session, activeGroupId, conversations, messages } = this._state;
    if (!session || !activeGroupId) return;
    const conversation = conversations.find((c) => c.groupId === activeGroupId);
    if (conversation && conversation.unreadCount > 0) {
      this._set(unreadCleared(this._state, activeGroupId));
      this._saveConversations();
    }
    const last = lastStoredId(messages);
    if (last) await this._o.receipts.markRead(session.token, activeGroupId, last);
  }

  /** Makes `groupId` the active conversation, showing its cached messages and pending sends. */
  async activate(groupId: string): Promise<void> {
    const [cached, outbox] = await Promise.all([this._o.store.getMessages(groupId), this._o.delivery.pending(groupId)]);
    if (this._aborted) return;
    const self = this._state.session?.userId ?? '';
    const pending = outbox.map((item) => pendingMessage(item, self));
    const current = this._state.activeGroupId === groupId ? this._state.messages : [];
    this._o.receipts.clearTyping();
    const messages = mergeMessages(mergeMessages(cached, current), pending);
    this._set({ activeGroupId: groupId, messages, typing: [], loadingOlder: false });
    this._o.session.savePrefs({ activeGroupId: groupId });
  }

  /** Shows another of the visitor's conversations (a known one), marked read in the open panel. */
  async select(groupId: string): Promise<void> {
    if (!this._state.conversations.some((c) => c.groupId === groupId)) return;
    await this.activate(groupId);
    await this.loadHistory(groupId);
    if (this._state.panelOpen) await this.markRead();
  }

  /** The active conversation's messages after the last one held, page by page. */
  async loadHistory(groupId: string): Promise<void> {
    const session = this._state.session;
    if (!session) return;
    const after = lastStoredId(this._state.messages);
    for await (const batch of this._o.conversations.history(session.token, groupId, after)) {
      if (this._aborted || this._state.activeGroupId !== groupId) return;
      for (const m of batch) this.receive(m, 'fetched');
    }
  }

  /** Conversations whose first message is held: the server had nothing older. */
  private readonly _complete = new Set<string>();
  /** When asking for older history last failed: the next try waits OLDER_RETRY_MS. */
  private _olderFailedAt = -Infinity;

  /** The page of history before the oldest message held of the active conversation (one at a time). */
  async loadOlder(): Promise<void> {
    const { session, activeGroupId: groupId, messages, loadingOlder } = this._state;
    const oldest = messages.find((m) => m.id !== undefined)?.id;
    if (!session || !groupId || !oldest || loadingOlder || this._complete.has(groupId)) return;
    if (this._o.clock.now() - this._olderFailedAt < OLDER_RETRY_MS) return;
    this._set({ loadingOlder: true });
    try {
      const batch = await this._o.conversations.older(session.token, groupId, oldest);
      if (this._aborted || this._state.activeGroupId !== groupId || this._state.session !== session) return;
      if (batch.length < OLDER_PAGE) this._complete.add(groupId);
      // What the visitor saw is kept (the cache holds the newest MESSAGE_CAP of a conversation).
      this._set({ messages: mergeMessages(this._state.messages, batch) });
      this._saveMessages(groupId);
    } catch (error) {
      this._olderFailedAt = this._o.clock.now();
      throw error;
    } finally {
      if (!this._aborted && this._state.loadingOlder) this._set({ loadingOlder: false });
    }
  }

  /** `incoming` from the server, reconciled with what this tab holds (see reconcileConversation). */
  private _reconcile(incoming: Conversation): Conversation {
    const s = this._state;
    const held = s.conversations.find((c) => c.groupId === incoming.groupId);
    const shown =
      incoming.groupId === s.activeGroupId && this._o.sync.caughtUp
        ? { messages: s.messages, selfId: s.session?.userId }
        : undefined;
    return reconcileConversation(incoming, held, this._o.receipts.readUpTo(incoming.groupId), shown);
  }

  private _saveConversations(): void {
    void this._o.store.setConversations(this._state.conversations);
  }

  private _saveMessages(groupId: string): void {
    const s = this._state;
    // As held: the store keeps the stored ones, and writes only what changed at the end.
    if (s.activeGroupId === groupId) void this._o.store.setMessages(groupId, s.messages);
  }
}
