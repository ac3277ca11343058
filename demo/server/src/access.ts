/**
 * Who is calling the Platform API and the console endpoints, and what they may touch.
 *
 * The Platform API takes the app's `Api-Key` (an integration: full access) or, for the agent
 * console, `Authorization: Bearer <agent session token>` — so no API key is ever put in a
 * browser page. A bearer caller is a staff user and acts as themselves, within their role
 * (`roles.ts`). Visitors' and bots' tokens are refused (403 PL-S-03).
 */
import { appForApiKey, platformApp, safeEqual, bearerToken, userForRequest } from './context.js';
import type { Deps } from './context.js';
import { fail } from './errors.js';
import type { Ctx } from './http.js';
import { findApp } from './repo/apps.js';
import type { AppRow } from './repo/apps.js';
import type { ConversationRow } from './repo/conversations.js';
import type { UserRow } from './repo/users.js';
import { can, canSeeConversation } from './roles.js';
import type { Permission } from './roles.js';
import type { Rules } from './rules.js';

export interface Caller {
  app: AppRow;
  /** The signed-in staff user (bearer callers); undefined for the app's Api-Key. */
  staff?: UserRow | undefined;
}

export interface StaffCaller extends Caller {
  staff: UserRow;
}

/** A staff user behind `Authorization: Bearer …`: 401 PL-S-01 when invalid, 403 PL-S-03 for visitors and bots. */
export async function staffFromBearer(deps: Deps, ctx: Ctx): Promise<StaffCaller> {
  const token = bearerToken(ctx);
  const found = token ? await userForRequest(deps, ctx, token) : undefined;
  if (!found) throw fail.invalidToken();
  if (found.user.role === 'user' || found.user.role === 'bot') throw fail.forbidden('agents only');
  return { app: found.app, staff: found.user };
}

/** A Platform API caller: the app's `Api-Key`, else an agent's bearer token; neither → 401 PL-K-02. */
export async function platformCaller(deps: Deps, ctx: Ctx): Promise<Caller> {
  const key = ctx.header('api-key');
  if (key !== undefined && key.trim() !== '') return { app: await platformApp(deps, ctx) };
  if (bearerToken(ctx)) return staffFromBearer(deps, ctx);
  throw fail.missingApiKey();
}

/**
 * An administration caller for the app named in the path: the server's admin key, the app's own
 * `Api-Key`, or a staff member of that app (bearer). Another app's key or staff: 403 PL-S-03.
 */
export async function appCaller(deps: Deps, ctx: Ctx): Promise<Caller> {
  const appId = ctx.params['appId'] ?? '';
  const key = ctx.header('api-key')?.trim();
  if (key !== undefined && key !== '') {
    const app = await findApp(deps.db, appId);
    if (safeEqual(key, deps.adminKey)) {
      if (!app) throw fail.appNotFound();
      return { app };
    }
    const owner = await appForApiKey(deps, ctx, key);
    if (!owner) throw fail.invalidApiKey();
    if (!app) throw fail.appNotFound();
    if (owner.app_id !== app.app_id) throw fail.forbidden('this key belongs to another app');
    return { app };
  }
  if (!bearerToken(ctx)) throw fail.missingApiKey();
  const caller = await staffFromBearer(deps, ctx);
  if (caller.app.app_id !== appId) throw fail.forbidden('you are not a member of this app');
  return caller;
}

/** 403 PL-S-03 unless the caller may do `permission` (Api-Key callers may do everything). */
export function requirePermission(caller: Caller, permission: Permission): void {
  if (caller.staff && !can(caller.staff.role, permission))
    throw fail.forbidden(`your role (${caller.staff.role}) may not do this (it needs "${permission}")`);
}

/** 403 PL-S-03 when a staff caller may not see the conversation (operators: only theirs). */
export function requireVisible(caller: Caller, conv: ConversationRow, rules: Rules): void {
  if (!caller.staff) return;
  const user = { userId: caller.staff.user_id, role: caller.staff.role };
  if (!canSeeConversation(user, conv.assignee, rules.conversationRules.routing)) {
    throw fail.forbidden('operators see only the conversations assigned to them');
  }
}
