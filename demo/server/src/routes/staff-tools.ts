/**
 * What staff add to conversations and visitors, and what they read about them
 * (`Authorization: Bearer <agent session token>`):
 *
 * - `GET /agent/v1/tags` → the app's tags; `POST /agent/v1/tags` `{name, colour?}`,
 *   `DELETE /agent/v1/tags/:id` (admins and agents)
 * - `PUT /agent/v1/conversations/:groupId/tags` `{tagIds}` → the conversation as staff get it
 *   (any staff member, on the conversations they may see)
 * - `PUT /agent/v1/users/:userId/block` `{blocked}` → `{userId, blocked}` (admins and agents)
 * - `GET /agent/v1/reports/csat?from&to&teamId` → `CsatReport` (`csat-report.ts`; admins and agents)
 *
 * Tag and block changes are pushed to staff as `conversation` (never to visitors).
 */
import { requireVisible, staffFromBearer } from '../access.js';
import type { ConsoleServices } from './console.js';
import type { Deps } from '../context.js';
import { csatReport, readPeriod } from '../csat-report.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, str } from '../input.js';
import { seesAllConversations } from '../roles.js';
import { conversationsOfUser, findConversation } from '../repo/conversations.js';
import { csatCounts } from '../repo/reports.js';
import {
  countAppTags,
  countTags,
  deleteTag,
  insertTag,
  listTags,
  setBlocked,
  setConversationTags,
} from '../repo/tags.js';
import type { TagRow } from '../repo/tags.js';
import { findUsers } from '../repo/users.js';
import { staffViews } from '../staff-view.js';
import {
  MAX_TAG_NAME,
  MAX_TAGS,
  MAX_TAGS_PER_CONVERSATION,
  TAG_COLOURS,
  type Tag,
  type TagColour,
} from '../../../../src/core/staff-protocol.js';

const CONSOLE = { cors: 'any', allowHeaders: 'Content-Type, Authorization' } as const;

function tag(r: TagRow): Tag {
  return {
    id: Number(r.id),
    name: r.name,
    colour: r.colour as TagColour,
    createdBy: r.created_by,
    createdAtTime: r.created_at.getTime(),
  };
}

/** `tagIds`: an array of at most 20 tag ids (repeats count once). */
function readTagIds(value: unknown): number[] {
  if (value === undefined || value === null) throw fail.missingField('tagIds');
  if (!Array.isArray(value) || !value.every((v): v is number => Number.isSafeInteger(v) && (v as number) > 0))
    throw fail.invalidField('tagIds', 'must be an array of tag ids');
  const ids = [...new Set(value)];
  if (ids.length > MAX_TAGS_PER_CONVERSATION)
    throw fail.invalidField('tagIds', `must have at most ${MAX_TAGS_PER_CONVERSATION} tags`);
  return ids;
}

export function staffToolRoutes(router: Router, deps: Deps, services: Pick<ConsoleServices, 'actions'>): void {
  const { db, chat } = deps;
  const { actions } = services;

  router.add(
    'GET',
    '/agent/v1/tags',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      return success((await listTags(db, caller.app.app_id)).map(tag));
    },
    CONSOLE,
  );

  router.add(
    'POST',
    '/agent/v1/tags',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const body = asObject(await ctx.body());
      const name = str(body, 'name', { required: true, max: 200 }).trim().replace(/\s+/g, ' ');
      if (name === '' || [...name].length > MAX_TAG_NAME)
        throw fail.invalidField('name', `must be 1 to ${MAX_TAG_NAME} characters`);
      const colour = str(body, 'colour') || 'grey';
      if (!(TAG_COLOURS as readonly string[]).includes(colour))
        throw fail.invalidField('colour', `must be one of ${TAG_COLOURS.join(', ')}`);
      if ((await countTags(db, caller.app.app_id)) >= MAX_TAGS)
        throw fail.invalidField('tags', `are limited to ${MAX_TAGS}`);
      const row = await insertTag(db, caller.app.app_id, { name, colour, createdBy: caller.staff.user_id });
      if (!row) throw fail.conflict(`tag "${name}" already exists`);
      return success(tag(row));
    },
    CONSOLE,
  );

  router.add(
    'DELETE',
    '/agent/v1/tags/:id',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const raw = ctx.params['id'] ?? '';
      if (!/^\d{1,15}$/.test(raw)) throw fail.invalidField('id', 'must be a tag id');
      const groups = await db.tx((sql) => deleteTag(sql, caller.app.app_id, Number(raw)));
      if (!groups) throw fail.notFound();
      for (const groupId of groups) await chat.publishConversation(caller.app.app_id, groupId);
      return success(true);
    },
    CONSOLE,
  );

  router.add(
    'PUT',
    '/agent/v1/conversations/:groupId/tags',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const appId = caller.app.app_id;
      const conv = await findConversation(db, appId, ctx.params['groupId'] ?? '');
      if (!conv) throw fail.groupNotFound();
      requireVisible(caller, conv, await actions.rules(appId));
      const ids = readTagIds(asObject(await ctx.body())['tagIds']);
      await db.tx(async (sql) => {
        if ((await countAppTags(sql, appId, ids)) !== ids.length)
          throw fail.invalidField('tagIds', 'names a tag that does not exist');
        await setConversationTags(sql, conv.group_id, ids);
      });
      await chat.publishConversation(appId, conv.group_id);
      const view = await chat.view(appId, conv, caller.staff.user_id);
      return success((await staffViews(db, appId, [view]))[0]);
    },
    CONSOLE,
  );

  router.add(
    'PUT',
    '/agent/v1/users/:userId/block',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const appId = caller.app.app_id;
      const userId = ctx.params['userId'] ?? '';
      const blocked = asObject(await ctx.body())['blocked'];
      if (blocked === undefined || blocked === null) throw fail.missingField('blocked');
      if (typeof blocked !== 'boolean') throw fail.invalidField('blocked', 'must be true or false');
      // Every conversation of the visitor's, those their fresh start hid from them too (retention.ts).
      const conversations = await conversationsOfUser(db, appId, userId, true);
      // Staff who see only their own (operators) block the visitors of the conversations they see.
      const rules = await actions.rules(appId);
      const visible = conversations.filter((c) => {
        try {
          requireVisible(caller, c, rules);
          return true;
        } catch {
          return false;
        }
      });
      const seesAll = seesAllConversations(caller.staff.role, rules.conversationRules.routing);
      if (!seesAll && visible.length === 0)
        throw fail.forbidden('operators block only the visitors of the conversations they see');
      if (!(await setBlocked(db, appId, userId, blocked))) throw fail.userNotFound();
      for (const conv of conversations) await chat.publishConversation(appId, conv.group_id);
      return success({ userId, blocked });
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/reports/csat',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const appId = caller.app.app_id;
      const period = readPeriod(ctx.query);
      const rules = (await actions.rules(appId)).conversationRules;
      const teamId = ctx.query.get('teamId') || undefined;
      if (teamId !== undefined && !rules.teams.some((t) => t.teamId === teamId))
        throw fail.invalidField('teamId', 'is not a team of the conversation rules');
      const rows = await csatCounts(db, appId, { ...period, defaultTeamId: rules.defaultTeamId, teamId });
      const assignees = [...new Set(rows.flatMap((r) => (r.assignee === null ? [] : [r.assignee])))];
      const users = assignees.length > 0 ? await findUsers(db, appId, assignees) : [];
      return success(
        csatReport({ ...period, teamId }, rows, {
          users: new Map(users.map((u) => [u.user_id, u.user_name])),
          teams: new Map(rules.teams.map((t) => [t.teamId, t.name])),
        }),
      );
    },
    CONSOLE,
  );
}
