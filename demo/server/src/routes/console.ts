/**
 * The agent console's own endpoints (`Authorization: Bearer <agent session token>` from
 * `POST /agent/v1/session`), for what the Platform API has no read endpoint for:
 *
 * - `GET /agent/v1/me` → who I am (with my `status`), my role's permissions, the routing rule
 * - `GET|PUT /agent/v1/me/status` `{status: "online" | "away"}` → `{status}` (`agent-status.ts`)
 * - `GET /agent/v1/conversations?status=open|resolved|spam|all&assigned=me|unassigned|all&tag=&limit=`
 * - `GET /agent/v1/conversations/:groupId` (both with staff's `tags` and `blocked`: `staff-view.ts`), `GET /agent/v1/conversations/:groupId/messages?after&before&limit`
 * - `POST /agent/v1/conversations/:groupId/read` `{id}` (read receipts for the visitor)
 * - `GET|POST /agent/v1/quick-replies`, `DELETE /agent/v1/quick-replies/:id` (saved replies)
 * - my profile and notification preferences: `routes/profile.ts`; tags, blocking, the CSAT
 *   report: `routes/staff-tools.ts`
 *
 * Operators see only conversations assigned to them unless the routing rule is "notify
 * everybody".
 */
import {
  CONVERSATION_STATUS,
  CONVERSATION_STATUSES,
  OPEN_CONVERSATION_STATUSES,
  type ConversationStatus,
} from '../../../../src/core/protocol.js';
import { readStatus, statusOf } from '../agent-status.js';
import type { AgentStatuses } from '../agent-status.js';
import { requireVisible, staffFromBearer } from '../access.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import { asObject, queryInt, str } from '../input.js';
import { deleteQuickReply, insertQuickReply, listConversations, listQuickReplies } from '../repo/console.js';
import type { QuickReplyRow } from '../repo/console.js';
import { findConversation, findMember } from '../repo/conversations.js';
import { listMessages, toMessage } from '../repo/messages.js';
import { toSummary } from '../repo/users.js';
import { permissionsOf, seesAllConversations } from '../roles.js';
import { staffViews } from '../staff-view.js';

const CONSOLE = { cors: 'any', allowHeaders: 'Content-Type, Authorization' } as const;

/** Statuses the console lists by name. */
export const STATUS_FILTERS: Readonly<Record<string, readonly ConversationStatus[]>> = {
  open: OPEN_CONVERSATION_STATUSES,
  resolved: [CONVERSATION_STATUS.resolved],
  spam: [CONVERSATION_STATUS.spam],
  all: CONVERSATION_STATUSES,
};
export const ASSIGNED_FILTERS = ['me', 'unassigned', 'all'] as const;
export const MAX_LIST = 200;
export const MAX_QUICK_REPLIES = 500;
const SHORTCUT = /^[\p{L}\p{N}_-]{1,40}$/u;

export interface ConsoleServices {
  actions: ConversationActions;
  statuses: AgentStatuses;
}

function quickReply(r: QuickReplyRow) {
  return {
    id: Number(r.id),
    shortcut: r.shortcut,
    message: r.message,
    createdBy: r.created_by,
    createdAtTime: r.created_at.getTime(),
  };
}

export function consoleRoutes(router: Router, deps: Deps, services: ConsoleServices): void {
  const { db, chat } = deps;
  const { actions, statuses } = services;

  /** The conversation in the path, when the caller may see it. */
  async function visibleConversation(ctx: Ctx) {
    const caller = await staffFromBearer(deps, ctx);
    const conv = await findConversation(db, caller.app.app_id, ctx.params['groupId'] ?? '');
    if (!conv) throw fail.groupNotFound();
    requireVisible(caller, conv, await actions.rules(caller.app.app_id));
    return { caller, conv };
  }

  router.add(
    'GET',
    '/agent/v1/me',
    async (ctx) => {
      const { app, staff } = await staffFromBearer(deps, ctx);
      const rules = await actions.rules(app.app_id);
      return success({
        appId: app.app_id,
        user: { ...toSummary(staff), email: staff.email ?? undefined },
        permissions: permissionsOf(staff.role),
        routing: rules.conversationRules.routing,
        seesAll: seesAllConversations(staff.role, rules.conversationRules.routing),
        status: statusOf(staff),
      });
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/me/status',
    async (ctx) => {
      const { staff } = await staffFromBearer(deps, ctx);
      return success({ status: statusOf(staff) });
    },
    CONSOLE,
  );

  router.add(
    'PUT',
    '/agent/v1/me/status',
    async (ctx) => {
      const { staff } = await staffFromBearer(deps, ctx);
      const status = readStatus(asObject(await ctx.body())['status']);
      return success({ status: await statuses.set(staff, status) });
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/conversations',
    async (ctx) => {
      const { app, staff } = await staffFromBearer(deps, ctx);
      const status = ctx.query.get('status') ?? 'open';
      const statuses = STATUS_FILTERS[status];
      if (!statuses || !Object.prototype.hasOwnProperty.call(STATUS_FILTERS, status)) {
        throw fail.invalidField('status', `must be one of ${Object.keys(STATUS_FILTERS).join(', ')}`);
      }
      const assigned = ctx.query.get('assigned') ?? 'all';
      if (!(ASSIGNED_FILTERS as readonly string[]).includes(assigned))
        throw fail.invalidField('assigned', 'must be me, unassigned or all');
      const limit = Math.max(1, queryInt(ctx.query, 'limit', 100, MAX_LIST));
      const tag = ctx.query.has('tag') ? queryInt(ctx.query, 'tag', 0) : undefined;
      const rules = await actions.rules(app.app_id);
      const seesAll = seesAllConversations(staff.role, rules.conversationRules.routing);
      const assignee = !seesAll || assigned === 'me' ? staff.user_id : assigned === 'unassigned' ? null : undefined;
      const rows = await listConversations(db, app.app_id, { statuses, assignee, limit, tag });
      return success(await staffViews(db, app.app_id, await chat.views(app.app_id, rows, staff.user_id)));
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/conversations/:groupId',
    async (ctx) => {
      const { caller, conv } = await visibleConversation(ctx);
      const view = await chat.view(caller.app.app_id, conv, caller.staff.user_id);
      return success((await staffViews(db, caller.app.app_id, [view]))[0]);
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/conversations/:groupId/messages',
    async (ctx) => {
      const { conv } = await visibleConversation(ctx);
      const limit = Math.max(1, queryInt(ctx.query, 'limit', 100, MAX_LIST));
      const after = ctx.query.has('after') ? queryInt(ctx.query, 'after', 0) : undefined;
      const before = ctx.query.has('before') ? queryInt(ctx.query, 'before', 0) : undefined;
      return success((await listMessages(db, conv.group_id, { after, before, limit })).map(toMessage));
    },
    CONSOLE,
  );

  router.add(
    'POST',
    '/agent/v1/conversations/:groupId/read',
    async (ctx) => {
      const { caller, conv } = await visibleConversation(ctx);
      const body = asObject(await ctx.body());
      const readId = body['id'];
      if (readId === undefined || readId === null) throw fail.missingField('id');
      if (typeof readId !== 'number' || !Number.isSafeInteger(readId) || readId < 0)
        throw fail.invalidField('id', 'must be a non-negative integer');
      // Only members have a read marker (and visitors see receipts from them); others read silently.
      if (!(await findMember(db, conv.group_id, caller.staff.user_id))) return success(false);
      await chat.markRead(caller.app.app_id, caller.staff.user_id, conv.group_id, readId);
      return success(true);
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/quick-replies',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      return success((await listQuickReplies(db, caller.app.app_id)).map(quickReply));
    },
    CONSOLE,
  );

  router.add(
    'POST',
    '/agent/v1/quick-replies',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const body = asObject(await ctx.body());
      const shortcut = str(body, 'shortcut', { required: true, max: 40 }).trim().replace(/^\//, '');
      if (!SHORTCUT.test(shortcut))
        throw fail.invalidField('shortcut', 'must be letters, digits, "_" or "-" (at most 40)');
      const message = str(body, 'message', { required: true, max: 5000 });
      if ((await listQuickReplies(db, caller.app.app_id)).length >= MAX_QUICK_REPLIES) {
        throw fail.invalidField('quick replies', `are limited to ${MAX_QUICK_REPLIES}`);
      }
      const row = await insertQuickReply(db, caller.app.app_id, shortcut, message, caller.staff.user_id);
      if (!row) throw fail.conflict(`shortcut /${shortcut} already exists`);
      return success(quickReply(row));
    },
    CONSOLE,
  );

  router.add(
    'DELETE',
    '/agent/v1/quick-replies/:id',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const raw = ctx.params['id'] ?? '';
      if (!/^\d{1,15}$/.test(raw)) throw fail.invalidField('id', 'must be a quick reply id');
      if (!(await deleteQuickReply(db, caller.app.app_id, Number(raw)))) throw fail.notFound();
      return success(true);
    },
    CONSOLE,
  );
}
