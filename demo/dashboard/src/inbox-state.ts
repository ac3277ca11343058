/**
 * Which conversations each inbox tab holds, on the server (`inboxFilter`) and as they change live
 * (`inTab`, `belongs`), and how the list follows a new message or a member's new name.
 */
import { CONVERSATION_STATUS, OPEN_CONVERSATION_STATUSES } from '../../../src/core/protocol-enums.js';
import type { Conversation, Message, UserSummary } from '../../../src/core/protocol.js';
import type { InboxFilter, StaffConversation, StaffMe } from '../../../src/core/staff-protocol.js';
import type { Route, Tab } from './router.js';

/** The server's filter for a tab (staff who see only their own get only their own), and a tag's. */
export function inboxFilter(tab: Tab, me: StaffMe, tag?: number): InboxFilter {
  const only = tag === undefined ? {} : { tag };
  switch (tab) {
    case 'mine':
      return { status: 'open', assigned: 'me', ...only };
    case 'unassigned':
      return { status: 'open', assigned: 'unassigned', ...only };
    case 'open':
      return { status: 'open', assigned: 'all', ...only };
    case 'resolved':
      return { status: 'resolved', assigned: me.seesAll ? 'all' : 'me', ...only };
  }
}

/** The tags a conversation carries (staff get them; a visitor's view has none). */
export const tagsOf = (c: Conversation) => (c as Partial<StaffConversation>).tags ?? [];

/** Whether a conversation, as it is now, belongs in the inbox a route shows (its tab and tag). */
export function belongs(c: Conversation, route: Pick<Route, 'tab' | 'tag'>, me: StaffMe): boolean {
  return inTab(c, route.tab, me) && (route.tag === undefined || tagsOf(c).some((t) => t.id === route.tag));
}

/** Whether a conversation, as it is now, belongs in a tab. */
export function inTab(c: Conversation, tab: Tab, me: StaffMe): boolean {
  const open = (OPEN_CONVERSATION_STATUSES as readonly number[]).includes(c.status);
  const mine = c.assignee === me.user.userId;
  switch (tab) {
    case 'mine':
      return open && mine;
    case 'unassigned':
      return open && !c.assignee;
    case 'open':
      return open && (me.seesAll || mine);
    case 'resolved':
      return c.status === CONVERSATION_STATUS.resolved && (me.seesAll || mine);
  }
}

/** The list with `c` in (newest activity first) or out of it. */
export function upsert(list: readonly Conversation[], c: Conversation, belongs: boolean): Conversation[] {
  const rest = list.filter((x) => x.groupId !== c.groupId);
  if (!belongs) return rest;
  return [c, ...rest].sort((a, b) => b.updatedAtTime - a.updatedAtTime);
}

/**
 * The list after a message: its conversation (if listed) moves up with it as its last message,
 * one more unread unless `read` (their own, or the conversation is open).
 */
export function withMessage(list: readonly Conversation[], m: Message, read: boolean): Conversation[] {
  const known = list.find((c) => c.groupId === m.groupId);
  if (!known) return [...list];
  const unreadCount = read ? known.unreadCount : known.unreadCount + 1;
  return upsert(list, { ...known, lastMessage: m, updatedAtTime: m.createdAtTime, unreadCount }, true);
}

/** The conversation with a member's new details (name, picture), if they are a member. */
export function withUser(c: Conversation, u: UserSummary): Conversation {
  return c.members.some((m) => m.userId === u.userId)
    ? { ...c, members: c.members.map((m) => (m.userId === u.userId ? { ...m, ...u } : m)) }
    : c;
}
