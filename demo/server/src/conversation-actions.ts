/**
 * Changing conversations and users on behalf of agents, integrations and the rules: status
 * (open / resolved / spam), assignee (with the open-conversation limit and bot take-over), user
 * details, and the system notices (contentType 10) that tell everybody what happened. Every
 * change is pushed: `conversation` to members and staff, `message` for a notice, `user` for a
 * user update. (A visitor writing in a resolved conversation reopens it: `chat.ts`.)
 */
import { randomUUID } from 'node:crypto';
import { en, format } from '../../../src/core/locale.js';
import {
  CONTENT_TYPES,
  CONVERSATION_STATUS,
  MESSAGE_TYPE,
  OPEN_CONVERSATION_STATUSES,
} from '../../../src/core/protocol.js';
import type { Message, Metadata, NoticeKind, UserSummary } from '../../../src/core/protocol.js';
import type { Chat } from './chat.js';
import type { Db, Sql } from './db.js';
import type { AppRow } from './repo/apps.js';
import * as consoleRepo from './repo/console.js';
import type { UserPatch } from './repo/console.js';
import { addMembers, lockConversation, memberIds, setAssignee } from './repo/conversations.js';
import type { ConversationRow } from './repo/conversations.js';
import { afterInsert, insertMessage, toMessage } from './repo/messages.js';
import type { MessageRow } from './repo/messages.js';
import { contactsOf, findRules, lockAssignee, openCount, removeBots, setStatus } from './repo/routing.js';
import { findUser, toSummary } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { lockWaiting, leaveQueue } from './repo/queue.js';
import { isHumanStaff, readRules, rulesFor } from './rules.js';
import type { Rules } from './rules.js';

export type ChangeResult = 'updated' | 'already updated';
export type AssignResult = ChangeResult | 'AGENT_IS_ALREADY_ENGAGED';

/** Statuses the Platform API sets: 0 open, 2 resolved, 3 spam. */
export const SETTABLE_STATUSES = [
  CONVERSATION_STATUS.open,
  CONVERSATION_STATUS.resolved,
  CONVERSATION_STATUS.spam,
] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Sender of notices that nobody in particular caused (auto-resolve, reassignment). */
export const SYSTEM_SENDER = 'system';

export interface StatusOptions {
  actor?: UserRow | undefined;
  notify: boolean;
  /** The sweeper resolved it after inactivity. */
  auto?: boolean;
}

export interface AssignOptions {
  actor?: UserRow | undefined;
  notify: boolean;
  /** Removes every bot from the conversation (except the new assignee, when it is one). */
  takeOverFromBot: boolean;
  /** Answers AGENT_IS_ALREADY_ENGAGED when a human assignee is at the app's maximum. */
  enforceLimit: boolean;
}

function statusNotice(
  status: SettableStatus,
  actor: UserRow | undefined,
  auto: boolean,
): { kind: NoticeKind; text: string } {
  if (status === CONVERSATION_STATUS.resolved && auto) return { kind: 'autoResolved', text: en.noticeAutoResolved };
  const name = actor?.user_name;
  switch (status) {
    case CONVERSATION_STATUS.resolved:
      return { kind: 'resolved', text: name ? format(en.noticeResolvedBy, { name }) : en.noticeResolved };
    case CONVERSATION_STATUS.spam:
      return { kind: 'spam', text: name ? format(en.noticeSpamBy, { name }) : en.noticeSpam };
    default:
      return { kind: 'reopened', text: name ? format(en.noticeReopenedBy, { name }) : en.noticeReopened };
  }
}

export class ConversationActions {
  readonly #freed = new Set<(appId: string) => void>();
  readonly #resolving = new Set<(sql: Sql, app: AppRow, conv: ConversationRow) => Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly chat: Chat,
  ) {}

  /** Calls `listener` after an agent may have room for another conversation (one closed or moved; the rules changed). */
  onFreed(listener: (appId: string) => void): void {
    this.#freed.add(listener);
  }

  /** Calls `listener` in the transaction of each resolve (`transcript.ts`): it commits with the status or not at all. */
  onResolving(listener: (sql: Sql, app: AppRow, conv: ConversationRow) => Promise<void>): void {
    this.#resolving.add(listener);
  }

  freed(appId: string): void {
    for (const listener of this.#freed) listener(appId);
  }

  /** The app's conversation rules and auto-resolve settings (defaults filled in). */
  async rules(appId: string): Promise<Rules> {
    return readRules(await findRules(this.db, appId));
  }

  /**
   * Sets the status; a notice (unless `notify` is false) and a `conversation` push follow a change.
   * The status and its notice are one transaction: nobody reads one without the other, and a
   * failure leaves neither. The UPDATE locks the row, so a concurrent change of the same
   * conversation waits and then sees this one's status: two resolves give one notice and
   * "already updated", and notices come in the order of the changes.
   */
  async changeStatus(
    app: AppRow,
    conv: ConversationRow,
    status: SettableStatus,
    o: StatusOptions,
  ): Promise<ChangeResult> {
    const appId = app.app_id;
    const outcome = await this.db.tx(async (sql) => {
      if (!(await setStatus(sql, conv.group_id, status))) return undefined;
      if (status === CONVERSATION_STATUS.resolved)
        for (const listener of this.#resolving) await listener(sql, app, conv);
      if (!o.notify) return { notice: undefined };
      const { kind, text } = statusNotice(status, o.actor, o.auto ?? false);
      const meta: Metadata = { notice: kind, status: String(status) };
      if (o.actor) meta['by'] = o.actor.user_id;
      return { notice: await this.storeNotice(sql, appId, conv.group_id, text, meta, o.actor?.user_id) };
    });
    if (!outcome) return 'already updated';
    if (outcome.notice) await this.pushNotice(appId, outcome.notice);
    await this.chat.publishConversation(appId, conv.group_id);
    if (status !== CONVERSATION_STATUS.open) this.freed(appId);
    return 'updated';
  }

  /**
   * Makes `assignee` (staff or bot) the assignee and a member. Already the assignee: nothing
   * changes ("already updated") unless a take-over removes bots. One transaction with its notice
   * "Assigned to …", on the locked conversation row: concurrent changes take turns, each sees the
   * assignee the one before left, and the notices come in the order of the changes.
   */
  async changeAssignee(app: AppRow, conv: ConversationRow, assignee: UserRow, o: AssignOptions): Promise<AssignResult> {
    const appId = app.app_id;
    const rules = o.enforceLimit ? await this.rules(appId) : undefined;
    const outcome = await this.db.tx(
      async (sql): Promise<{ result: AssignResult; notice?: MessageRow; from?: string }> => {
        const current = (await lockConversation(sql, appId, conv.group_id)) ?? conv;
        const keepBot = assignee.role === 'bot' ? assignee.user_id : undefined;
        if (current.assignee === assignee.user_id) {
          const removed = o.takeOverFromBot ? await removeBots(sql, appId, conv.group_id, keepBot) : [];
          return { result: removed.length > 0 ? 'updated' : 'already updated' };
        }
        // The limit of the conversation's team (its own, else the app's).
        const max = rules ? rulesFor(rules.conversationRules, current.metadata).maxOpenPerAgent : 0;
        if (max > 0 && isHumanStaff(assignee.role) && OPEN_CONVERSATION_STATUSES.includes(current.status)) {
          // Assignments to this agent take turns, so two at once cannot both pass the limit.
          await lockAssignee(sql, appId, assignee.user_id);
          if ((await openCount(sql, appId, assignee.user_id, conv.group_id)) >= max)
            return { result: 'AGENT_IS_ALREADY_ENGAGED' };
        }
        await addMembers(sql, conv.group_id, [assignee.user_id]);
        await setAssignee(sql, conv.group_id, assignee.user_id);
        // Assigned by hand (or reassigned): out of the waiting queue.
        if (current.status === CONVERSATION_STATUS.waiting)
          await setStatus(sql, conv.group_id, CONVERSATION_STATUS.open);
        if (o.takeOverFromBot) await removeBots(sql, appId, conv.group_id, keepBot);
        const from = current.assignee ?? undefined;
        if (!o.notify) return { result: 'updated', from };
        const meta: Metadata = { notice: 'assigned', assignee: assignee.user_id };
        if (o.actor) meta['by'] = o.actor.user_id;
        const text = format(en.noticeAssigned, { name: assignee.user_name });
        return {
          result: 'updated',
          from,
          notice: await this.storeNotice(sql, appId, conv.group_id, text, meta, o.actor?.user_id),
        };
      },
    );
    if (outcome.result !== 'updated') return outcome.result;
    if (outcome.notice) await this.pushNotice(appId, outcome.notice);
    await this.chat.publishConversation(appId, conv.group_id);
    if (outcome.from) this.freed(appId);
    return 'updated';
  }

  /**
   * Takes a waiting conversation (status 7) out of the queue for `agent`, under their limit
   * `max` (0 = none): open, assigned, the notice "Assigned to …". False when it no longer waits,
   * another process is taking it (its row is locked: skipped, never waited for), or the agent is
   * at the limit. One transaction, so the conversation is assigned once, to one agent.
   */
  async takeFromQueue(app: AppRow, groupId: string, agent: UserRow, max: number): Promise<boolean> {
    const appId = app.app_id;
    const notice = await this.db.tx(async (sql) => {
      if (!(await lockWaiting(sql, appId, groupId))) return undefined;
      if (max > 0) {
        await lockAssignee(sql, appId, agent.user_id);
        if ((await openCount(sql, appId, agent.user_id, groupId)) >= max) return undefined;
      }
      await addMembers(sql, groupId, [agent.user_id]);
      if (!(await leaveQueue(sql, groupId, agent.user_id))) return undefined;
      const text = format(en.noticeAssigned, { name: agent.user_name });
      return this.storeNotice(sql, appId, groupId, text, { notice: 'assigned', assignee: agent.user_id });
    });
    if (!notice) return false;
    await this.pushNotice(appId, notice);
    await this.chat.publishConversation(appId, groupId);
    return true;
  }

  /** Posts a system notice (contentType 10) in the conversation and pushes it like any message. */
  async notice(
    appId: string,
    groupId: string,
    text: string,
    metadata: Metadata,
    from = SYSTEM_SENDER,
  ): Promise<Message> {
    const row = await this.db.tx((sql) => this.storeNotice(sql, appId, groupId, text, metadata, from));
    return this.pushNotice(appId, row);
  }

  /** Stores a system notice with `sql` (inside the caller's transaction); push it once committed. */
  private async storeNotice(
    sql: Sql,
    appId: string,
    groupId: string,
    text: string,
    metadata: Metadata,
    from = SYSTEM_SENDER,
  ): Promise<MessageRow> {
    const inserted = await insertMessage(sql, appId, {
      key: `notice:${groupId}:${randomUUID()}`,
      groupId,
      fromUser: from,
      type: MESSAGE_TYPE.toVisitor,
      contentType: CONTENT_TYPES.notification,
      message: text,
      metadata: { ...metadata, skipBot: 'true' },
    });
    // The key is new, so the insert cannot meet a stored one.
    if (!inserted) throw new Error('a notice key was already taken');
    await afterInsert(sql, inserted);
    return inserted;
  }

  /** Pushes a stored notice to the conversation's members and staff, like any message. */
  private async pushNotice(appId: string, row: MessageRow): Promise<Message> {
    const message = toMessage(row);
    const recipients = await memberIds(this.db, row.group_id);
    this.chat.notifier.toUsers(appId, recipients, 'message', message);
    this.chat.notifier.toStaff(appId, 'message', message, recipients);
    return message;
  }

  /** Updates a user's details and pushes `user` to them, everybody who shares a conversation with them, and staff. */
  async updateUser(appId: string, userId: string, patch: UserPatch): Promise<UserRow | undefined> {
    const updated = await consoleRepo.updateUser(this.db, appId, userId, patch);
    if (!updated) return undefined;
    const summary: UserSummary = toSummary(updated);
    const contacts = await contactsOf(this.db, appId, userId);
    const to = contacts.includes(userId) ? contacts : [...contacts, userId];
    this.chat.notifier.toUsers(appId, to, 'user', summary);
    this.chat.notifier.toStaff(appId, 'user', summary, to);
    return updated;
  }

  /** A user who can be an assignee: staff or bot, active. */
  async findAssignable(appId: string, userId: string): Promise<UserRow | undefined> {
    const user = await findUser(this.db, appId, userId);
    return user && user.role !== 'user' && !user.deactivated ? user : undefined;
  }
}
