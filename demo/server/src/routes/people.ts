/**
 * Teammates leaving and the app changing hands (the admin key, the app's `Api-Key`, or a staff
 * bearer token of the app within the permission table's people rows, `src/core/people-grants.ts`):
 *
 * - `DELETE /admin/v1/apps/:appId/teammates/:userId` → `true`. Who may delete whom is
 *   `TEAMMATE_RULES.delete` (nobody deletes the super admin, themselves, or a bot: bots are
 *   deactivated). In one transaction: their open conversations become unassigned, their row
 *   becomes a tombstone (deactivated, no e-mail, password or preferences; name and picture stay
 *   for their past messages), their sessions end, and the rules forget them (teams, default
 *   agent). Then their sockets close, and under automatic routing each of those conversations
 *   goes to the next available agent ("Assigned to …"); otherwise (or with nobody available) it
 *   stays unassigned, in everybody's inbox.
 * - `POST /admin/v1/apps/:appId/owner` `{userId}` → `{owner, previousOwner}` (teammates): the
 *   super admin hands the app to an active admin, who becomes super admin; they become an admin.
 */
import { statusOf } from '../agent-status.js';
import { appCaller } from '../access.js';
import type { Caller } from '../access.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, str, MAX_ID_LENGTH } from '../input.js';
import { managerCredential, mayChange } from '../permissions.js';
import { rulesWithout } from '../people.js';
import type { AppRow } from '../repo/apps.js';
import { setRole } from '../repo/console.js';
import { findConversation } from '../repo/conversations.js';
import { lockUser, tombstone, unassignOpen } from '../repo/people.js';
import { findRules, saveRules, staffLoad } from '../repo/routing.js';
import { endSessionsOf } from '../repo/sessions.js';
import { findUser, toSummary } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import type { Routing } from '../routing.js';
import { readRules } from '../rules.js';

const ADMIN = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;

export interface PeopleServices {
  actions: ConversationActions;
  routing: Routing;
}

/** A teammate as the teammates endpoints answer (`Teammate` in src/core/staff-protocol.ts). */
export async function teammateView(deps: Deps, app: AppRow, u: UserRow) {
  const load = (await staffLoad(deps.db, app.app_id)).find((s) => s.user_id === u.user_id);
  return {
    ...toSummary(u),
    email: u.email ?? undefined,
    deactivated: u.deactivated,
    connected: deps.presence.isConnected(app.app_id, u.user_id),
    ...(u.role === 'bot' ? {} : { status: statusOf(u) }),
    openConversations: load?.open ?? 0,
  };
}

/** A teammate of the app named in the path (not a visitor, not deleted), else 404 AL-U-01. */
async function teammateIn(deps: Deps, caller: Caller, userId: string): Promise<UserRow> {
  const u = await findUser(deps.db, caller.app.app_id, userId);
  if (!u || u.role === 'user' || u.deleted_at !== null) throw fail.userNotFound();
  return u;
}

export function peopleRoutes(router: Router, deps: Deps, services: PeopleServices): void {
  const { db } = deps;
  const { actions, routing } = services;

  /** Conversations left without an assignee: the next available agent (automatic routing), else everybody's inbox. */
  async function reroute(app: AppRow, groupIds: readonly string[]): Promise<void> {
    const { conversationRules: rules } = await actions.rules(app.app_id);
    for (const groupId of groupIds) {
      const conv = await findConversation(db, app.app_id, groupId);
      if (!conv) continue;
      const picked =
        rules.routing === 'automatic' ? await routing.pickAgent(app.app_id, rules, conv.metadata) : undefined;
      const target = picked ? await findUser(db, app.app_id, picked) : undefined;
      const opts = { notify: true, takeOverFromBot: false, enforceLimit: false };
      if (!target || (await actions.changeAssignee(app, conv, target, opts)) !== 'updated')
        await deps.chat.publishConversation(app.app_id, groupId);
    }
  }

  router.add(
    'DELETE',
    '/admin/v1/apps/:appId/teammates/:userId',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const appId = caller.app.app_id;
      const target = await teammateIn(deps, caller, ctx.params['userId'] ?? '');
      if (caller.staff?.user_id === target.user_id) throw fail.forbidden('you cannot delete yourself');
      if (!mayChange(managerCredential(caller.staff?.role), 'delete', target.role))
        throw fail.forbidden(`you may not delete this teammate (${target.role})`);
      const unassigned = await db.tx(async (sql) => {
        // Conversations first, then the user row: the order assignments lock in.
        const groupIds = await unassignOpen(sql, appId, target.user_id);
        // Their role may have changed meanwhile: the rule holds for the role they have now.
        const locked = await lockUser(sql, appId, target.user_id);
        if (!locked || locked.deleted_at !== null) throw fail.userNotFound();
        if (!mayChange(managerCredential(caller.staff?.role), 'delete', locked.role))
          throw fail.forbidden(`you may not delete this teammate (${locked.role})`);
        await tombstone(sql, appId, target.user_id);
        await endSessionsOf(sql, appId, target.user_id);
        const rules = readRules(await findRules(sql, appId, { forUpdate: true }));
        const next = rulesWithout(rules, target.user_id);
        if (JSON.stringify(next) !== JSON.stringify(rules)) await saveRules(sql, appId, next);
        return groupIds;
      });
      await deps.sockets?.disconnectUser(appId, target.user_id);
      await reroute(caller.app, unassigned);
      return success(true);
    },
    ADMIN,
  );

  router.add(
    'POST',
    '/admin/v1/apps/:appId/owner',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const owner = caller.staff;
      if (!owner) throw fail.forbidden('only the super admin hands over the app');
      const appId = caller.app.app_id;
      const userId = str(asObject(await ctx.body()), 'userId', { required: true, max: MAX_ID_LENGTH }).trim();
      const heir = await teammateIn(deps, caller, userId);
      if (heir.user_id === owner.user_id) throw fail.invalidField('userId', 'is already the super admin');
      const changed = await db.tx(async (sql) => {
        // Both rows locked in one order (by id), so two transfers at once take turns.
        const [first, second] = [owner.user_id, heir.user_id].sort();
        const rows = [await lockUser(sql, appId, first!), await lockUser(sql, appId, second!)];
        const now = (id: string) => rows.find((r) => r?.user_id === id);
        if (now(owner.user_id)?.role !== 'superadmin') throw fail.forbidden('you are no longer the super admin');
        const h = now(heir.user_id);
        if (!h || h.role !== 'admin' || h.deactivated || h.deleted_at !== null)
          throw fail.invalidField('userId', 'must be an active admin of this app');
        // The owner steps down first: there is never a moment with two super admins.
        const previous = await setRole(sql, appId, owner.user_id, 'admin');
        const next = await setRole(sql, appId, heir.user_id, 'superadmin');
        return { previous: previous!, next: next! };
      });
      // Both keep their sessions: every request reads the role anew, and both see every conversation.
      for (const u of [changed.next, changed.previous]) deps.chat.notifier.toStaff(appId, 'user', toSummary(u));
      return success({
        owner: await teammateView(deps, caller.app, changed.next),
        previousOwner: await teammateView(deps, caller.app, changed.previous),
      });
    },
    ADMIN,
  );
}
