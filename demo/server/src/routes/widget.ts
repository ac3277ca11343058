/**
 * The widget's own endpoints: conversations, history, send, read, presence — each answering in the
 * success envelope (`{status:"success",generatedAt,response}`). The session is in
 * `widget-session.ts`; the configuration, which keeps the product's `{code:"SUCCESS",response}`,
 * in `widget-config.ts`.
 */
import { widgetSession } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, bool, id, messageInput, metadata, queryInt, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import { findMember, latestOpenConversation } from '../repo/conversations.js';
import type { ConversationRow } from '../repo/conversations.js';
import { isHumanStaff } from '../rules.js';
import { presenceFigures } from '../team-presence.js';
import { listMessages, messagesForUserAfter, toMessage } from '../repo/messages.js';
import { findUser } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import { widgetSessionRoutes } from './widget-session.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 100;
export const MAX_CATCH_UP = 500;
/** At most this many agents or bots named when a visitor starts a conversation. */
export const MAX_NAMED_STAFF = 10;

export function widgetRoutes(router: Router, deps: Deps): void {
  const { db, chat } = deps;

  /**
   * `raw` (the request's `field`): a user id or a list of them (at most MAX_NAMED_STAFF), each an
   * active staff user or bot of `appId` that `fits` — else 400 naming the field.
   */
  async function staffList(
    appId: string,
    raw: unknown,
    field: string,
    what: string,
    fits: (u: UserRow) => boolean,
  ): Promise<string[]> {
    if (raw === undefined || raw === null || raw === '') return [];
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length > MAX_NAMED_STAFF) throw fail.invalidField(field, `must name at most ${MAX_NAMED_STAFF} users`);
    if (!list.every((v): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID_LENGTH))
      throw fail.invalidField(field, 'must be user ids');
    const ids = [...new Set(list)];
    for (const userId of ids) {
      const u = await findUser(db, appId, userId);
      if (!u || u.role === 'user' || u.deactivated || !fits(u))
        throw fail.invalidField(field, `must be ${what} of this app`);
    }
    return ids;
  }

  // The configuration (`/users/v3/chat/plugin/settings`) is in `widget-config.ts`; the session
  // (`POST /widget/v1/session`) in `widget-session.ts`.
  widgetSessionRoutes(router, deps);

  router.add(
    'GET',
    '/widget/v1/conversations',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      return success(await chat.listConversations(app.app_id, user.user_id));
    },
    WIDGET,
  );

  router.add(
    'POST',
    '/widget/v1/conversations',
    async (ctx) => {
      const { app, settings, user } = await widgetSession(deps, ctx);
      const appId = app.app_id;
      const body = asObject(await ctx.body());
      const groupName = str(body, 'groupName', { max: MAX_NAME_LENGTH });
      const meta = metadata(body['metadata']);
      // The product's startConversation parameters (see README, "The page API").
      const teamId = id(body, 'teamId', MAX_NAME_LENGTH);
      if (teamId !== undefined) meta['teamId'] = teamId;
      const clientGroupId = id(body, 'clientGroupId');
      const skipRouting = bool(body, 'skipRouting') ?? false;
      const agentIds = await staffList(appId, body['agentIds'], 'agentIds', 'agents', (u) => isHumanStaff(u.role));
      const botIds = await staffList(appId, body['botIds'], 'botIds', 'bots', (u) => u.role === 'bot');
      const assignee = (await staffList(appId, id(body, 'assignee'), 'assignee', 'an agent or a bot', () => true))[0];

      // A visitor's clientGroupIds are their own (scope = their id): the same id is the same
      // conversation for them, and never one an integration or another visitor made.
      const mine = async (row: ConversationRow) => {
        if (!(await findMember(db, row.group_id, user.user_id))) throw fail.conflict('clientGroupId is taken');
        return success(await chat.view(appId, row, user.user_id));
      };
      const known =
        clientGroupId === undefined ? undefined : await chat.findByClientGroupId(appId, clientGroupId, user.user_id);
      if (known) return mine(known);
      if (settings.chatWidget.isSingleThreaded) {
        const open = await latestOpenConversation(db, appId, user.user_id);
        if (open) return success(await chat.view(appId, open, user.user_id));
      }
      const row = await chat.createConversation(appId, {
        memberIds: [user.user_id, ...agentIds, ...botIds, ...(assignee ? [assignee] : [])],
        groupName: groupName?.trim() ? groupName : user.user_name,
        metadata: meta,
        clientGroupId,
        clientScope: user.user_id,
        assignee,
        // A named assignee is the routing; skipRouting leaves it unassigned for the console.
        withBot: !skipRouting && !assignee,
      });
      // Another request may have taken the clientGroupId meanwhile.
      return mine(row);
    },
    WIDGET,
  );

  router.add(
    'GET',
    '/widget/v1/conversations/:groupId',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      const row = await chat.requireMember(app.app_id, ctx.params['groupId']!, user.user_id);
      return success(await chat.view(app.app_id, row, user.user_id));
    },
    WIDGET,
  );

  router.add(
    'GET',
    '/widget/v1/conversations/:groupId/messages',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      const row = await chat.requireMember(app.app_id, ctx.params['groupId']!, user.user_id);
      const limit = Math.max(1, queryInt(ctx.query, 'limit', DEFAULT_PAGE, MAX_PAGE));
      const after = ctx.query.has('after') ? queryInt(ctx.query, 'after', 0) : undefined;
      const before = ctx.query.has('before') ? queryInt(ctx.query, 'before', 0) : undefined;
      const rows = await listMessages(db, row.group_id, { after, before, limit });
      return success(rows.map(toMessage));
    },
    WIDGET,
  );

  router.add(
    'GET',
    '/widget/v1/messages',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      const after = queryInt(ctx.query, 'after', 0);
      const limit = Math.max(1, queryInt(ctx.query, 'limit', MAX_CATCH_UP, MAX_CATCH_UP));
      const rows = await messagesForUserAfter(db, app.app_id, user.user_id, after, limit);
      return success(rows.map(toMessage));
    },
    WIDGET,
  );

  router.add(
    'POST',
    '/widget/v1/messages',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      const input = messageInput(await ctx.body());
      if (input.key === undefined) throw fail.missingField('key');
      if (input.groupId === undefined) throw fail.missingField('groupId');
      delete input.type;
      delete input.clientGroupId;
      return success(await chat.sendMessage(app, user, input));
    },
    WIDGET,
  );

  router.add(
    'POST',
    '/widget/v1/conversations/:groupId/read',
    async (ctx) => {
      const { app, user } = await widgetSession(deps, ctx);
      const body = asObject(await ctx.body());
      const readId = body['id'];
      if (readId === undefined || readId === null) throw fail.missingField('id');
      if (typeof readId !== 'number' || !Number.isSafeInteger(readId) || readId < 0) {
        throw fail.invalidField('id', 'must be a non-negative integer');
      }
      await chat.markRead(app.app_id, user.user_id, ctx.params['groupId']!, readId);
      return success(true);
    },
    WIDGET,
  );

  router.add(
    'GET',
    '/widget/v1/presence',
    async (ctx) => {
      const { app } = await widgetSession(deps, ctx);
      return success(await presenceFigures(deps.db, deps.presence, app.app_id));
    },
    WIDGET,
  );
}
