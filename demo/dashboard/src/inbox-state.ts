/** Which conversations each inbox tab holds, on the server (`inboxFilter`) and as they change live (`inTab`). */
import { CONVERSATION_STATUS, OPEN_CONVERSATION_STATUSES } from '../../../src/core/protocol-enums.js';
import type { Conversation } from '../../../src/core/protocol.js';
import type { InboxFilter, StaffMe } from '../../../src/core/staff-protocol.js';
import type { Tab } from './router.js';

/** The server's filter for a tab (staff who see only their own get only their own). */
export function inboxFilter(tab: Tab, me: StaffMe): InboxFilter {
  switch (tab) {
    case 'mine':
      return { status: 'open', assigned: 'me' };
    case 'unassigned':
      return { status: 'open', assigned: 'unassigned' };
    case 'open':
      return { status: 'open', assigned: 'all' };
    case 'resolved':
      return { status: 'resolved', assigned: me.seesAll ? 'all' : 'me' };
  }
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
