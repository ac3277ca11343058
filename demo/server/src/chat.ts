/**
 * The chat service: conversations, messages and receipts (delivered, read), shared by every
 * entry point (widget REST, socket.io, Platform API, the bot). It owns the idempotent send path (refusing
 * blocked visitors) and tells the `Notifier` (socket.io) about every change (staff get tags and
 * `blocked` too: `staff-view.ts`); it knows nothing about HTTP or sockets.
 */
import { randomUUID } from 'node:crypto';
import { CONTENT_TYPES, CONVERSATION_STATUS, MESSAGE_TYPE } from '../../../src/core/protocol.js';
import type { Conversation, Message } from '../../../src/core/protocol.js';
import type {
  ConversationRouter,
  MessageEvent,
  MessageListener,
  NewConversationOptions,
  Notifier,
} from './chat-types.js';
import { conversationViews } from './conversation-views.js';
import type { Db } from './db.js';
import { fail } from './errors.js';
import type { MessageInput } from './input.js';
import type { Logger } from './log.js';
import type { AppRow } from './repo/apps.js';
import * as conversations from './repo/conversations.js';
import type { ConversationRow } from './repo/conversations.js';
import { MessageWriter } from './repo/message-writer.js';
import * as messages from './repo/messages.js';
import { markReceipt, type Receipt } from './repo/receipts.js';
import { findBot, isStaff } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { setWaiting } from './repo/queue.js';
import { isBlocked } from './repo/tags.js';
import { reopenConversation } from './repo/visitor-updates.js';
import { staffViews } from './staff-view.js';

export type {
  ConversationRouter,
  MessageEvent,
  MessageListener,
  NewConversationOptions,
  Notifier,
} from './chat-types.js';

const silent: Notifier = { toUsers() {}, toStaff() {}, toApp() {} };

export class Chat {
  #notifier: Notifier = silent;
  #router: ConversationRouter | undefined;
  readonly #listeners = new Set<MessageListener>();
  readonly #writer: MessageWriter;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    this.#writer = new MessageWriter(db, db.sole);
  }

  attach(notifier: Notifier): void {
    this.#notifier = notifier;
  }

  get notifier(): Notifier {
    return this.#notifier;
  }

  /** Routes conversations created with `withBot` by the app's rules instead of "the app's bot". */
  setRouter(router: ConversationRouter): void {
    this.#router = router;
  }

  /** Calls `listener` after each newly stored message (never for a repeat); returns its remover. */
  onMessage(listener: MessageListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Conversations as the protocol shapes them, with unread counts for `forUser`. */
  views(appId: string, rows: readonly ConversationRow[], forUser?: string): Promise<Conversation[]> {
    return conversationViews(this.db, appId, rows, forUser);
  }

  async view(appId: string, row: ConversationRow, forUser?: string): Promise<Conversation> {
    return (await this.views(appId, [row], forUser))[0]!;
  }

  /** Pushes the conversation to its members (each with their own unread count) and to staff. */
  async publishConversation(appId: string, groupId: string): Promise<void> {
    const row = await conversations.findConversation(this.db, appId, groupId);
    if (!row) return;
    const [base] = await this.views(appId, [row]);
    const counts = await conversations.unreadCounts(this.db, [groupId]);
    const [staff] = await staffViews(this.db, appId, [base!]);
    const memberIds = base!.members.map((m) => m.userId);
    // Staff members get tags and `blocked`; visitors never do. Only those who see it (`counts`).
    for (const m of base!.members.filter((x) => counts.some((c) => c.user_id === x.userId))) {
      const unreadCount = counts.find((c) => c.user_id === m.userId)?.unread ?? 0;
      this.#notifier.toUsers(appId, [m.userId], 'conversation', { ...(isStaff(m.role) ? staff! : base!), unreadCount });
    }
    this.#notifier.toStaff(appId, 'conversation', staff!, memberIds);
  }

  async listConversations(appId: string, userId: string): Promise<Conversation[]> {
    return this.views(appId, await conversations.conversationsOfUser(this.db, appId, userId), userId);
  }

  /** The conversation, when `userId` is one of its members (404 AL-G-01 / 403 PL-S-02). */
  async requireMember(appId: string, groupId: string, userId: string): Promise<ConversationRow> {
    const row = await conversations.findConversation(this.db, appId, groupId);
    if (!row) throw fail.groupNotFound();
    if (!(await conversations.findMember(this.db, groupId, userId))) throw fail.notMember();
    return row;
  }

  async findGroup(
    appId: string,
    ref: { groupId?: string | undefined; clientGroupId?: string | undefined },
  ): Promise<ConversationRow> {
    if (ref.groupId === undefined && ref.clientGroupId === undefined) throw fail.missingField('groupId');
    // A conversation without its own clientGroupId answers to its groupId (as the product does).
    const row =
      ref.groupId !== undefined
        ? await conversations.findConversation(this.db, appId, ref.groupId)
        : ((await conversations.findByClientGroupId(this.db, appId, ref.clientGroupId!, '')) ??
          (await conversations.findConversation(this.db, appId, ref.clientGroupId!)));
    if (!row) throw fail.groupNotFound();
    return row;
  }

  /** The conversation with `clientGroupId` in `scope` ('' = the Platform API's ids). */
  findByClientGroupId(appId: string, clientGroupId: string, scope = ''): Promise<ConversationRow | undefined> {
    return conversations.findByClientGroupId(this.db, appId, clientGroupId, scope);
  }

  /** Whether every one of `userIds` is a member of the conversation (hidden from them or not). */
  async hasMembers(groupId: string, userIds: readonly string[]): Promise<boolean> {
    const members = await conversations.everyMemberId(this.db, groupId);
    return userIds.every((id) => members.includes(id));
  }

  /** Creates a conversation (or returns the one with the same clientGroupId) and announces it. */
  async createConversation(appId: string, o: NewConversationOptions): Promise<ConversationRow> {
    const scope = o.clientScope ?? '';
    if (o.clientGroupId !== undefined) {
      const existing = await conversations.findByClientGroupId(this.db, appId, o.clientGroupId, scope);
      if (existing) return existing;
    }
    let routed: Awaited<ReturnType<ConversationRouter['route']>> = { memberIds: [] };
    if (o.withBot && this.#router) routed = await this.#router.route(appId, o);
    else if (o.withBot) {
      const bot = await findBot(this.db, appId);
      if (bot) routed = { memberIds: [bot.user_id], assignee: bot.user_id };
    }
    const row = await this.db.tx(async (sql) => {
      const inserted = await conversations.insertConversation(sql, appId, {
        groupName: o.groupName,
        clientGroupId: o.clientGroupId,
        clientScope: scope,
        assignee: o.assignee ?? routed.assignee,
        metadata: o.metadata ?? {},
      });
      if (!inserted) return undefined;
      const ids = [...new Set([...o.memberIds, ...routed.memberIds])];
      await conversations.addMembers(sql, inserted.group_id, ids);
      return (routed.waiting && (await setWaiting(sql, inserted.group_id))) || inserted;
    });
    if (!row) return (await conversations.findByClientGroupId(this.db, appId, o.clientGroupId!, scope))!;
    await this.publishConversation(appId, row.group_id);
    if (row.status === CONVERSATION_STATUS.waiting) await this.#router?.queued(appId, row);
    return row;
  }

  /** Adds users to a conversation and announces the change. */
  async addMembers(appId: string, groupId: string, userIds: readonly string[]): Promise<void> {
    await conversations.addMembers(this.db, groupId, userIds);
    await this.publishConversation(appId, groupId);
  }

  async assign(appId: string, groupId: string, assignee: string): Promise<void> {
    await this.db.tx(async (sql) => {
      await conversations.addMembers(sql, groupId, [assignee]);
      await conversations.setAssignee(sql, groupId, assignee);
    });
    await this.publishConversation(appId, groupId);
  }

  /**
   * Stores a message once per key and sender and pushes it to every member's sockets. A repeat
   * of a sender's stored key answers the stored message, whatever group it names, and pushes
   * nothing; keys are each sender's own, so nobody can take a key somebody else (the bot's
   * `<bot>:reply:<id>`, an integration's) will use. `join` lets staff post in conversations they
   * are not in yet (Platform API). Visitors may not post system notices (contentType 10).
   */
  async sendMessage(
    app: AppRow,
    sender: UserRow,
    input: MessageInput,
    opts: { join?: boolean; found?: conversations.ConversationFor | null } = {},
  ): Promise<Message> {
    const appId = app.app_id;
    if (sender.role === 'user' && input.contentType === CONTENT_TYPES.notification)
      throw fail.invalidField('contentType', 'is reserved for system notices');
    if (input.key !== undefined) {
      const stored = await messages.findMessageByKey(this.db, appId, sender.user_id, input.key);
      if (stored) return messages.toMessage(stored);
    }
    // `opts.found`: the caller read it already (null: there is none).
    const found =
      input.groupId === undefined
        ? undefined
        : opts.found !== undefined
          ? (opts.found ?? undefined)
          : await conversations.findConversationFor(this.db, appId, input.groupId, sender.user_id);
    if (input.groupId !== undefined && !found) throw fail.groupNotFound();
    // A blocked visitor's message is refused (read with the conversation; a socket's row may be older).
    if (sender.role === 'user' && (found ? found.userBlocked : await isBlocked(this.db, appId, sender.user_id)))
      throw fail.blocked();
    const conv = found?.conversation ?? (await this.findGroup(appId, input));
    const join = !(found?.isMember ?? (await conversations.findMember(this.db, conv.group_id, sender.user_id)));
    if (join && (!opts.join || !isStaff(sender.role))) throw fail.notMember();
    const key = input.key ?? randomUUID();
    const newMessage: messages.NewMessage = {
      key,
      groupId: conv.group_id,
      fromUser: sender.user_id,
      type: input.type ?? (sender.role === 'user' ? MESSAGE_TYPE.fromVisitor : MESSAGE_TYPE.toVisitor),
      contentType: input.contentType,
      message: input.message,
      metadata: input.metadata,
      fileMeta: input.fileMeta,
      source: input.source,
    };
    // A visitor writing in a resolved conversation reopens it (single- and multi-thread alike).
    const reopens = sender.role === 'user' && conv.status === CONVERSATION_STATUS.resolved;
    // Most messages are one statement (the writer's, gathered with others under load). A join
    // or a reopening is one transaction with the message: they land together or not at all, and
    // a key a concurrent request stored first changes nothing here, so nobody joins a
    // conversation their message did not go to.
    const stored =
      !join && !reopens
        ? await this.#writer
            .store(appId, newMessage)
            .then((done) => done && { ...done, joined: false, reopened: false })
        : await this.db.tx(async (sql) => {
            const row = await messages.insertMessage(sql, appId, newMessage);
            if (!row) return undefined;
            const joined = join && (await conversations.addMembers(sql, conv.group_id, [sender.user_id])).length > 0;
            await messages.afterInsert(sql, row);
            const reopened = reopens && (await reopenConversation(sql, conv.group_id)) !== undefined;
            return { row, joined, reopened, memberIds: undefined };
          });
    if (!stored) {
      // A concurrent request with the same key won the insert: answer what it stored.
      return messages.toMessage((await messages.findMessageByKey(this.db, appId, sender.user_id, key))!);
    }
    const { row, joined, reopened } = stored;
    const message = messages.toMessage(row);
    // Pushed once committed, as stored: the join only when this request added the member.
    if (joined || reopened) await this.publishConversation(appId, conv.group_id);
    // The writer read them once its batch was committed; otherwise read them now.
    const recipients = stored.memberIds ?? (await conversations.memberIds(this.db, conv.group_id));
    this.#notifier.toUsers(appId, recipients, 'message', message);
    this.#notifier.toStaff(appId, 'message', message, recipients);
    const event: MessageEvent = { app, sender, conversation: conv, message };
    for (const listener of this.#listeners) {
      setImmediate(() => {
        Promise.resolve()
          .then(() => listener(event))
          .catch((err: unknown) => this.log.error('message listener failed', err));
      });
    }
    return message;
  }

  /** Moves the user's read marker (and delivered with it) and tells every member (their other tabs too). */
  markRead(appId: string, userId: string, groupId: string, id: number): Promise<number> {
    return this.#mark('read', appId, userId, groupId, id);
  }

  /** Moves the user's delivered marker (a client of theirs has the messages) and tells the others. */
  markDelivered(appId: string, userId: string, groupId: string, id: number): Promise<number> {
    return this.#mark('delivered', appId, userId, groupId, id);
  }

  async #mark(receipt: Receipt, appId: string, userId: string, groupId: string, id: number): Promise<number> {
    const moved = await markReceipt(this.db, receipt, appId, groupId, userId, id);
    // Nothing moved: say why (no such conversation, not a member).
    if (!moved) await this.requireMember(appId, groupId, userId);
    const stored = moved?.upTo ?? id;
    const members = moved?.memberIds ?? (await conversations.memberIds(this.db, groupId));
    const to = receipt === 'read' ? members : members.filter((m) => m !== userId);
    this.#notifier.toUsers(appId, to, receipt, { groupId, userId, id: stored });
    return stored;
  }

  /** Relays a typing indicator to the other members. */
  async typing(appId: string, userId: string, groupId: string, typing: boolean): Promise<void> {
    await this.requireMember(appId, groupId, userId);
    const members = await conversations.memberIds(this.db, groupId);
    const others = members.filter((id) => id !== userId);
    this.#notifier.toUsers(appId, others, 'typing', { groupId, userId, typing });
    // The agent console shows visitors typing in conversations the agent is not (yet) in.
    this.#notifier.toStaff(appId, 'typing', { groupId, userId, typing }, members);
  }
}
