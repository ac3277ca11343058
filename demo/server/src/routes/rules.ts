/**
 * Conversation rules, auto-resolve and teammates (roles) of an app. Callers: the server's
 * admin key, the app's `Api-Key`, or a signed-in staff member of the app (bearer) within their
 * role — only admins change rules or roles; agents may read them; operators neither.
 *
 * - `GET /admin/v1/apps/:appId/rules` → `{conversationRules, autoResolve}` (defaults filled in)
 * - `PATCH /admin/v1/apps/:appId/rules` `{conversationRules?, autoResolve?}` (each partial) → the same
 * - `GET /admin/v1/apps/:appId/teammates` → agents, admins, operators and bots, with presence and load
 * - `POST /admin/v1/apps/:appId/teammates` `{email, userName, role, password, userId?, imageLink?}`
 *   (or `{userId, userName, role: "bot"}` for a bot)
 * - `PATCH /admin/v1/apps/:appId/teammates/:userId` `{role?, userName?, imageLink?, deactivated?, password?}`,
 *   one transaction; a new password or role, or a deactivation, ends the teammate's sessions and
 *   closes their sockets (a staff member's own new password keeps the session it was set with)
 */
import type { ApiErrorItem, UserRole } from '../../../../src/core/protocol.js';
import { ERROR_CODES } from '../../../../src/core/protocol.js';
import { appCaller } from '../access.js';
import { statusOf } from '../agent-status.js';
import { bearerToken } from '../context.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import type { Sql } from '../db.js';
import { errorItem, fail } from '../errors.js';
import { success } from '../http.js';
import type { JsonReply, Router } from '../http.js';
import { asObject, bool, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import { hashPassword } from '../passwords.js';
import type { AppRow } from '../repo/apps.js';
import { listStaff, setPasswordHash, setRole, updateUser } from '../repo/console.js';
import { contactsOf, findRules, saveRules, staffLoad } from '../repo/routing.js';
import { endSessionsOf, hashToken } from '../repo/sessions.js';
import { ensureUser, findUser, findUsers, toSummary } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import { mayManage } from '../permissions.js';
import { seesAllConversations } from '../roles.js';
import { applyRulesPatch, ASSIGNABLE_ROLES, isHumanStaff, readRules, validateRulesPatch } from '../rules.js';
import type { Rules, StaffRole } from '../rules.js';

const ADMIN = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD = 8;

/** Moves staff sockets in or out of the room that receives every conversation (realtime.ts). */
export interface StaffRooms {
  setStaffRoom(appId: string, userId: string, join: boolean): void;
}

export interface RulesServices {
  actions: ConversationActions;
  staffRooms: StaffRooms;
}

/** The documented error envelope with one item per problem (HTTP 400). */
function problems(errors: readonly ApiErrorItem[]): JsonReply {
  return { status: 400, body: { status: 'error', errorResponse: [...errors], generatedAt: Date.now() } };
}

/** Every id the rules name must be a user of the right kind in the app. */
async function crossCheck(sql: Sql, appId: string, rules: Rules): Promise<ApiErrorItem[]> {
  const c = rules.conversationRules;
  const ids = [
    c.botId,
    c.defaultAgentId,
    ...Object.values(c.channelBots),
    ...c.teams.flatMap((t) => t.agentIds),
  ].filter((x) => x !== '');
  const users = await findUsers(sql, appId, [...new Set(ids)]);
  const role = (id: string) => users.find((u) => u.user_id === id && !u.deactivated)?.role;
  const out: ApiErrorItem[] = [];
  const bad = (path: string, what: string) => out.push(errorItem(ERROR_CODES.invalidField, `${path} must be ${what}`));
  if (c.botId !== '' && role(c.botId) !== 'bot') bad('conversationRules.botId', 'a bot of this app');
  for (const [channel, bot] of Object.entries(c.channelBots)) {
    if (role(bot) !== 'bot') bad(`conversationRules.channelBots.${channel}`, 'a bot of this app');
  }
  const human = (id: string) => {
    const r = role(id);
    return r !== undefined && isHumanStaff(r);
  };
  if (c.defaultAgentId !== '' && !human(c.defaultAgentId))
    bad('conversationRules.defaultAgentId', 'an agent of this app');
  c.teams.forEach((t, i) => {
    t.agentIds.forEach((a, j) => {
      if (!human(a)) bad(`conversationRules.teams[${i}].agentIds[${j}]`, 'an agent of this app');
    });
  });
  if (c.defaultTeamId !== '' && !c.teams.some((t) => t.teamId === c.defaultTeamId))
    bad('conversationRules.defaultTeamId', 'one of the teams');
  return out;
}

/**
 * A staff caller may change only the teammates the table lets them (`permissions.ts`: an admin
 * changes agents' and operators' roles; nobody changes the super admin's role or deactivates
 * them; the super admin's password is theirs or the owner's keys'). Key callers manage everybody
 * but the super admin's role and activity.
 */
function requireManages(
  manager: UserRole | undefined,
  target: UserRole,
  change: { role: unknown; deactivated: boolean | undefined; password: unknown },
): void {
  const what: Array<'role' | 'deactivate' | 'password'> = [];
  if (change.role !== undefined) what.push('role');
  if (change.deactivated !== undefined) what.push('deactivate');
  if (change.password !== undefined) what.push('password');
  for (const w of what) {
    if (!mayManage(manager, target, w))
      throw fail.forbidden(`you may not change this teammate's ${w === 'deactivate' ? 'activity' : w}`);
  }
}

function staffRole(value: unknown): StaffRole {
  if (typeof value !== 'string' || !(ASSIGNABLE_ROLES as readonly string[]).includes(value)) {
    throw fail.invalidField('role', `must be one of ${ASSIGNABLE_ROLES.join(', ')}`);
  }
  return value as StaffRole;
}

export function rulesRoutes(router: Router, deps: Deps, services: RulesServices): void {
  const { db, presence } = deps;
  const { actions, staffRooms } = services;

  /** After a rules or role change: operators join the all-conversations room only under "notify everybody". */
  async function refreshRooms(app: AppRow, only?: UserRow): Promise<void> {
    const { routing } = (await actions.rules(app.app_id)).conversationRules;
    const staff = only ? [only] : (await listStaff(db, app.app_id)).filter((u) => u.role === 'operator');
    for (const u of staff)
      staffRooms.setStaffRoom(app.app_id, u.user_id, seesAllConversations(u.role, routing) && !u.deactivated);
  }

  async function teammate(app: AppRow, u: UserRow) {
    const load = (await staffLoad(db, app.app_id)).find((s) => s.user_id === u.user_id);
    return {
      ...toSummary(u),
      email: u.email ?? undefined,
      deactivated: u.deactivated,
      connected: presence.isConnected(app.app_id, u.user_id),
      ...(u.role === 'bot' ? {} : { status: statusOf(u) }),
      openConversations: load?.open ?? 0,
    };
  }

  router.add(
    'GET',
    '/admin/v1/apps/:appId/rules',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      return success(await actions.rules(caller.app.app_id));
    },
    ADMIN,
  );

  router.add(
    'PATCH',
    '/admin/v1/apps/:appId/rules',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const checked = validateRulesPatch((await ctx.body()) ?? {});
      if (!checked.ok) return problems(checked.errors);
      const appId = caller.app.app_id;
      // One transaction on the locked rules row: a concurrent patch waits, then merges into this
      // one's result, and the checks see the rules exactly as they will be stored.
      const { next, crossed } = await db.tx(async (sql) => {
        const merged = applyRulesPatch(readRules(await findRules(sql, appId, { forUpdate: true })), checked.value);
        const errors = await crossCheck(sql, appId, merged);
        if (errors.length === 0) await saveRules(sql, appId, merged);
        return { next: merged, crossed: errors };
      });
      if (crossed.length > 0) return problems(crossed);
      await refreshRooms(caller.app);
      return success(next);
    },
    ADMIN,
  );

  router.add(
    'GET',
    '/admin/v1/apps/:appId/teammates',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const staff = await listStaff(db, caller.app.app_id);
      return success(await Promise.all(staff.map((u) => teammate(caller.app, u))));
    },
    ADMIN,
  );

  router.add(
    'POST',
    '/admin/v1/apps/:appId/teammates',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const body = asObject(await ctx.body());
      const appId = caller.app.app_id;
      const userName = str(body, 'userName', { required: true, max: MAX_NAME_LENGTH }).trim();
      const imageLink = str(body, 'imageLink', { max: 2000 });
      // A bot (for channel bots): an id and a name, no password; it never signs in.
      const role: UserRole = body['role'] === 'bot' ? 'bot' : staffRole(body['role'] ?? 'agent');
      let created: UserRow;
      if (role === 'bot') {
        const userId = str(body, 'userId', { required: true, max: MAX_ID_LENGTH }).trim();
        if (await findUser(db, appId, userId)) throw fail.conflict(`user ${userId} already exists`);
        created = await ensureUser(db, appId, { userId, userName, role, imageLink });
      } else {
        const email = str(body, 'email', { required: true, max: 320 }).trim();
        if (!EMAIL.test(email)) throw fail.invalidField('email', 'is not an e-mail address');
        const userId = str(body, 'userId', { max: MAX_ID_LENGTH })?.trim() || email;
        const password = str(body, 'password', { required: true, max: 1000 });
        if (password.length < MIN_PASSWORD)
          throw fail.invalidField('password', `must have at least ${MIN_PASSWORD} characters`);
        if (await findUser(db, appId, userId)) throw fail.conflict(`user ${userId} already exists`);
        created = await ensureUser(db, appId, {
          userId,
          userName,
          email,
          role,
          imageLink,
          passwordHash: await hashPassword(password),
        });
      }
      if (created.role !== role) throw fail.conflict(`user ${created.user_id} already exists`);
      return success(await teammate(caller.app, created));
    },
    ADMIN,
  );

  router.add(
    'PATCH',
    '/admin/v1/apps/:appId/teammates/:userId',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const appId = caller.app.app_id;
      const target = await findUser(db, appId, ctx.params['userId'] ?? '');
      if (!target || target.role === 'user') throw fail.userNotFound();
      const body = asObject(await ctx.body());
      const role: UserRole | undefined = body['role'] === undefined ? undefined : staffRole(body['role']);
      const deactivated = bool(body, 'deactivated');
      if (target.role === 'bot' && role !== undefined) throw fail.invalidField('role', 'cannot be changed for a bot');
      if (caller.staff?.user_id === target.user_id && (role !== undefined || deactivated === true)) {
        throw fail.forbidden('you cannot change your own role or deactivate yourself');
      }
      const self = caller.staff?.user_id === target.user_id;
      if (!self) requireManages(caller.staff?.role, target.role, { role, deactivated, password: body['password'] });
      const userName = str(body, 'userName', { max: MAX_NAME_LENGTH })?.trim();
      if (userName === '') throw fail.invalidField('userName', 'must not be blank');
      const imageLink = str(body, 'imageLink', { max: 2000 })?.trim();
      const password = str(body, 'password', { max: 1000 });
      if (password !== undefined && password.length < MIN_PASSWORD)
        throw fail.invalidField('password', `must have at least ${MIN_PASSWORD} characters`);
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const newRole = role !== undefined && role !== target.role ? role : undefined;
      // What was granted with the old password or role ends with it: every session of theirs (a
      // staff member setting their own password keeps the one they did it with).
      const revoke = newRole !== undefined || passwordHash !== undefined || deactivated === true;
      const own = caller.staff?.user_id === target.user_id;
      const keepHash = own ? hashToken(bearerToken(ctx) ?? '') : '';
      const profile = userName !== undefined || imageLink !== undefined;
      // One transaction: all of the change lands, or none of it (no other query runs meanwhile).
      const updated = await db.tx(async (sql) => {
        let u = target;
        if (newRole !== undefined) u = (await setRole(sql, appId, target.user_id, newRole)) ?? u;
        if (passwordHash !== undefined) await setPasswordHash(sql, appId, target.user_id, passwordHash);
        if (deactivated !== undefined || profile) {
          const patch = { deactivated, userName, imageLink: imageLink || undefined };
          u = (await updateUser(sql, appId, target.user_id, patch)) ?? u;
        }
        if (revoke) await endSessionsOf(sql, appId, target.user_id, keepHash);
        return u;
      });
      if (revoke) await deps.sockets?.disconnectUser(appId, target.user_id, keepHash);
      if (profile) {
        // The new name or avatar, to everybody who shares a conversation with them and to staff.
        const contacts = await contactsOf(db, appId, target.user_id);
        const to = contacts.includes(target.user_id) ? contacts : [...contacts, target.user_id];
        deps.chat.notifier.toUsers(appId, to, 'user', toSummary(updated));
        deps.chat.notifier.toStaff(appId, 'user', toSummary(updated), to);
      }
      if (updated.role !== 'bot') await refreshRooms(caller.app, updated);
      return success(await teammate(caller.app, updated));
    },
    ADMIN,
  );
}
