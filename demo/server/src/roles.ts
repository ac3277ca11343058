/**
 * What the people behind the console may do, by role (the dashboard's roles table): admins do
 * everything; agents handle every conversation, assign to others and write quick replies but
 * change no settings or roles; operators see only the conversations assigned to them — all of
 * them when the routing rule is "notify everybody" — take over from bots and use quick replies.
 * Pure.
 */
import type { UserRole } from '../../../src/core/protocol.js';
import type { RoutingMode } from './rules.js';

export const PERMISSIONS = [
  /** Change conversation rules, auto-resolve and other settings. */
  'changeSettings',
  /** Add teammates and change their roles. */
  'changeRoles',
  /** Read the conversation rules and the teammates list. */
  'viewSettings',
  /** Assign a conversation to somebody else. */
  'assignOthers',
  /** Create and delete saved quick replies. */
  'createQuickReplies',
  /** Pick saved quick replies. */
  'useQuickReplies',
  /** Update visitors' details. */
  'updateUsers',
  /** Create conversations through the Platform API. */
  'createConversations',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<'admin' | 'agent' | 'operator', readonly Permission[]>> = {
  admin: PERMISSIONS,
  agent: [
    'viewSettings',
    'assignOthers',
    'createQuickReplies',
    'useQuickReplies',
    'updateUsers',
    'createConversations',
  ],
  operator: ['useQuickReplies'],
};

export function can(role: UserRole, permission: Permission): boolean {
  return role === 'admin' || role === 'agent' || role === 'operator' ? GRANTS[role].includes(permission) : false;
}

/** The permissions of a role, for the console to show only what the server allows. */
export function permissionsOf(role: UserRole): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p));
}

/** Whether someone of `role` sees every conversation of the app (the console's "All" tab). */
export function seesAllConversations(role: UserRole, routing: RoutingMode): boolean {
  if (role === 'admin' || role === 'agent') return true;
  return role === 'operator' && routing === 'notifyEverybody';
}

/** Whether a staff user may see (read, answer, resolve) a conversation assigned to `assignee`. */
export function canSeeConversation(
  user: { userId: string; role: UserRole },
  assignee: string | null,
  routing: RoutingMode,
): boolean {
  return seesAllConversations(user.role, routing) || (user.role === 'operator' && assignee === user.userId);
}
