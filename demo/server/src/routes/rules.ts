/**
 * Conversation rules, auto-resolve and teammates (roles) of an app. Callers: the server's
 * admin key, the app's `Api-Key`, or a signed-in staff member of the app (bearer) within their
 * role — only admins change rules or roles; agents may read them; operators neither.
 *
 * - `GET /admin/v1/apps/:appId/rules` → `{conversationRules, autoResolve}` (defaults filled in)
 * - `PATCH /admin/v1/apps/:appId/rules` `{conversationRules?, autoResolve?}` (each partial) → the same;
 *   each team's own rules are checked like the app's (`teams[i].routing`, …), its bots too
 * - `GET /admin/v1/apps/:appId/teammates` → agents, admins, operators and bots, with presence and load
 * - `POST /admin/v1/apps/:appId/teammates` `{email, userName, role, password, userId?, imageLink?}`
 *   (or `{userId, userName, role: "bot"}` for a bot); the e-mail unique among the app's staff; a
 *   deleted teammate's id comes back as that person
 * - `PATCH /admin/v1/apps/:appId/teammates/:userId` `{role?, userName?, imageLink?, deactivated?, password?}`,
 *   one transaction; a new password or role, or a deactivation, ends the teammate's sessions and
 *   closes their sockets (a staff member's own new password keeps the session it was set with)
 *
 * Who may change whom, and give which role, is the permission table's (`src/core/people-grants.ts`).
 * Deleting teammates and handing the app over: `routes/people.ts`.
 */
import { parseHttpUrl } from '../../../../src/core/http-url.js';
import type { ApiErrorItem, UserRole } from '../../../../src/core/protocol.js';
import { ERROR_CODES } from '../../../../src/core/protocol.js';
import { appCaller } from '../access.js';
import { bearerToken } from '../context.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import type { Sql } from '../db.js';
import { errorItem, fail } from '../errors.js';
import { success } from '../http.js';
import type { JsonReply, Router } from '../http.js';
import { asObject, bool, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import type { Json } from '../input.js';
import { hashPassword } from '../passwords.js';
import type { AppRow } from '../repo/apps.js';
import { listStaff, setPasswordHash, setRole, updateUser } from '../repo/console.js';
import { lockEmails, revive, staffEmailTaken } from '../repo/people.js';
import { contactsOf, findRules, saveRules } from '../repo/routing.js';
import { endSessionsOf, hashToken } from '../repo/sessions.js';
import { ensureUser, findUser, findUsers, toSummary } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import { EMAIL, MIN_PASSWORD } from '../people.js';
import { can, managerCredential, mayChange, mayGive } from '../permissions.js';
import type { TeammateChange } from '../permissions.js';
import { teammateView } from './people.js';
import { seesAllConversations } from '../roles.js';
import { applyRulesPatch, ASSIGNABLE_ROLES, isHumanStaff, readRules, validateRulesPatch } from '../rules.js';
import type { Rules, StaffRole } from '../rules.js';

const ADMIN = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;
export { MIN_PASSWORD } from '../people.js';

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
    ...c.teams.flatMap((t) => [...t.agentIds, t.botId ?? '', ...Object.values(t.channelBots ?? {})]),
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
    const at = `conversationRules.teams[${i}]`;
    t.agentIds.forEach((a, j) => {
      if (!human(a)) bad(`${at}.agentIds[${j}]`, 'an agent of this app');
    });
    if (t.botId && role(t.botId) !== 'bot') bad(`${at}.botId`, 'a bot of this app');
    for (const [channel, bot] of Object.entries(t.channelBots ?? {}))
      if (role(bot) !== 'bot') bad(`${at}.channelBots.${channel}`, 'a bot of this app');
  });
  if (c.defaultTeamId !== '' && !c.teams.some((t) => t.teamId === c.defaultTeamId))
    bad('conversationRules.defaultTeamId', 'one of the teams');
  return out;
}

/**
 * A caller may make each change only as the permission table lets them (`TEAMMATE_RULES` by the
 * teammate's role, `ROLE_GRANTS` for the new role); a key caller is the owner's (`apiKey`).
 */
function requireManages(
  manager: UserRole | undefined,
  target: UserRole,
  change: { role: UserRole | undefined; deactivated: boolean | undefined; password: unknown; profile: boolean },
): void {
  const credential = managerCredential(manager);
  const what: TeammateChange[] = [];
  if (change.role !== undefined && change.role !== target) what.push('role');
  if (change.deactivated !== undefined) what.push('deactivate');
  if (change.password !== undefined) what.push('password');
  if (change.profile) what.push('profile');
  for (const w of what) {
    if (!mayChange(credential, w, target))
      throw fail.forbidden(`you may not change this teammate's ${w === 'deactivate' ? 'activity' : w}`);
  }
  if (what.includes('role') && !mayGive(credential, change.role!))
    throw fail.forbidden(`you may not make anybody ${change.role === 'admin' ? 'an admin' : `an ${change.role}`}`);
}

/** A picture: an http(s) URL, or undefined. */
function pictureOf(body: Json): string | undefined {
  const imageLink = str(body, 'imageLink', { max: 2000 })?.trim();
  if (imageLink && !parseHttpUrl(imageLink)) throw fail.invalidField('imageLink', 'must be an http(s) URL');
  return imageLink || undefined;
}

function staffRole(value: unknown): StaffRole {
  if (typeof value !== 'string' || !(ASSIGNABLE_ROLES as readonly string[]).includes(value)) {
    throw fail.invalidField('role', `must be one of ${ASSIGNABLE_ROLES.join(', ')}`);
  }
  return value as StaffRole;
}

export function rulesRoutes(router: Router, deps: Deps, services: RulesServices): void {
  const { db } = deps;
  const { actions, staffRooms } = services;

  /** After a rules or role change: operators join the all-conversations room only under "notify everybody". */
  async function refreshRooms(app: AppRow, only?: UserRow): Promise<void> {
    const { routing } = (await actions.rules(app.app_id)).conversationRules;
    const staff = only ? [only] : (await listStaff(db, app.app_id)).filter((u) => u.role === 'operator');
    for (const u of staff)
      staffRooms.setStaffRoom(app.app_id, u.user_id, seesAllConversations(u.role, routing) && !u.deactivated);
  }

  const teammate = (app: AppRow, u: UserRow) => teammateView(deps, app, u);

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
      const body = (await ctx.body()) ?? {};
      // Agents change the rules and auto-resolve; the waiting queue stays the admins' (roles table).
      const queue = (body as { conversationRules?: { queue?: unknown } }).conversationRules?.queue;
      if (queue !== undefined && caller.staff && !can(caller.staff.role, 'changeSettings'))
        throw fail.forbidden(`your role (${caller.staff.role}) may not change conversationRules.queue`);
      const checked = validateRulesPatch(body);
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
      // A higher limit, another team or the queue switched on: waiting conversations may go now.
      actions.freed(appId);
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
      const imageLink = pictureOf(body);
      // A bot (for channel bots): an id and a name, no password; it never signs in.
      const role: UserRole = body['role'] === 'bot' ? 'bot' : staffRole(body['role'] ?? 'agent');
      if (role !== 'bot' && !mayGive(managerCredential(caller.staff?.role), role))
        throw fail.forbidden(`you may not make anybody ${role === 'admin' ? 'an admin' : `an ${role}`}`);
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
        const passwordHash = await hashPassword(password);
        created = await db.tx(async (sql) => {
          // E-mails are unique among the app's staff: additions and profile changes take turns.
          await lockEmails(sql, appId);
          if (await staffEmailTaken(sql, appId, email, userId))
            throw fail.conflict(`email ${email} belongs to another teammate`);
          const existing = await findUser(sql, appId, userId);
          if (existing?.deleted_at) {
            const back = { userId, userName, email, role, imageLink, passwordHash };
            return (await revive(sql, appId, back)) ?? existing;
          }
          if (existing) throw fail.conflict(`user ${userId} already exists`);
          return ensureUser(sql, appId, { userId, userName, email, role, imageLink, passwordHash });
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
      if (!target || target.role === 'user' || target.deleted_at !== null) throw fail.userNotFound();
      const body = asObject(await ctx.body());
      const role: UserRole | undefined = body['role'] === undefined ? undefined : staffRole(body['role']);
      const deactivated = bool(body, 'deactivated');
      if (target.role === 'bot' && role !== undefined) throw fail.invalidField('role', 'cannot be changed for a bot');
      if (caller.staff?.user_id === target.user_id && (role !== undefined || deactivated === true)) {
        throw fail.forbidden('you cannot change your own role or deactivate yourself');
      }
      const userName = str(body, 'userName', { max: MAX_NAME_LENGTH })?.trim();
      if (userName === '') throw fail.invalidField('userName', 'must not be blank');
      const imageLink = pictureOf(body);
      const self = caller.staff?.user_id === target.user_id;
      const change = { role, deactivated, password: body['password'], profile: Boolean(userName || imageLink) };
      if (!self) requireManages(caller.staff?.role, target.role, change);
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
