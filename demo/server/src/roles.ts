/**
 * What the people behind the console may see, by role (the dashboard's roles table): admins and
 * agents every conversation; operators only the conversations assigned to them — all of them
 * when the routing rule is "notify everybody". What each role may do is the permission table
 * (`permissions.ts`), re-exported here. Pure.
 */
import type { UserRole } from '../../../src/core/protocol.js';
import { PERMISSIONS, can } from './permissions.js';
import type { Permission } from './permissions.js';
import type { RoutingMode } from './rules.js';

export { can } from './permissions.js';
export type { Permission } from './permissions.js';

/** The permissions of a role, for the console to show only what the server allows. */
export function permissionsOf(role: UserRole): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p));
}

/** Whether someone of `role` sees every conversation of the app (the console's "All" tab). */
export function seesAllConversations(role: UserRole, routing: RoutingMode): boolean {
  if (role === 'superadmin' || role === 'admin' || role === 'agent') return true;
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
