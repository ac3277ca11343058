/** How the staff app names people, roles and statuses (from the strings table). */
import { CONVERSATION_STATUS } from '../../../src/core/protocol-enums.js';
import type { Conversation, UserSummary } from '../../../src/core/protocol.js';
import { lang, strings } from './strings.js';

const ROLE_NAMES: Record<string, string> = {
  superadmin: strings.roleSuperadmin,
  admin: strings.roleAdmin,
  agent: strings.roleAgent,
  operator: strings.roleOperator,
  bot: strings.roleBot,
  user: strings.roleUser,
};

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

export function statusName(status: number): string {
  if (status === CONVERSATION_STATUS.resolved) return strings.statusResolved;
  if (status === CONVERSATION_STATUS.spam) return strings.statusSpam;
  return strings.statusOpen;
}

/** The visitor of a conversation (its first member who is a visitor), if any. */
export function visitorOf(c: Conversation): UserSummary | undefined {
  return c.members.find((m) => m.role === 'user');
}

/** A member's name, else their id. */
export function nameIn(c: Conversation, userId: string): string {
  return c.members.find((m) => m.userId === userId)?.userName || userId;
}

/** How a conversation is called in lists and headings: its visitor, else its title. */
export function titleOf(c: Conversation): string {
  return visitorOf(c)?.userName || c.groupName || c.groupId;
}

const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' });

/** A message's time: the hour today, the day before. */
export function formatTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  return new Date(now).toDateString() === d.toDateString() ? time.format(d) : day.format(d);
}
