/**
 * The widget's own endpoints: configuration, session, conversations, history, send, read.
 * Every answer uses the success envelope (`{status:"success",generatedAt,response}`) except the
 * configuration, which keeps the product's `{code:"SUCCESS",response}`.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '../../../../src/core/protocol.js';
import { widgetApp, widgetSession, userForToken } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, bool, id, messageInput, metadata, queryInt, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import { identityVerified } from '../identity.js';
import { pseudonymFor } from '../pseudonym.js';
import type { AppRow } from '../repo/apps.js';
import { findMember, latestOpenConversation } from '../repo/conversations.js';
import type { ConversationRow } from '../repo/conversations.js';
import { isHumanStaff } from '../rules.js';
import { presenceFigures } from '../team-presence.js';
import { listMessages, messagesForUserAfter, toMessage } from '../repo/messages.js';
import { createSession } from '../repo/sessions.js';
import { ensureUser, findUser, isStaffAddress, touchLogin, upsertKnownVisitor } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 100;
export const MAX_CATCH_UP = 500;
/** Anonymous visitors' ids are `v-<16 hex>`, made by the server; no page may claim one as userId. */
export const ANONYMOUS_PREFIX = 'v-';

export function sessionOf(app: AppRow, user: UserRow, token: string): Session {
  const s: Session = {
    appId: app.app_id,
    userId: user.user_id,
    token,
    userName: user.user_name,
    anonymous: user.anonymous,
  };
  if (user.email) s.email = user.email;
  if (user.image_link) s.imageLink = user.image_link;
  return s;
}

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

  // The configuration (`/users/v3/chat/plugin/settings`) is in `widget-config.ts`.

  router.add(
    'POST',
    '/widget/v1/session',
    async (ctx) => {
      const body = asObject(await ctx.body());
      const { app, settings } = await widgetApp(deps, ctx, str(body, 'appId', { required: true, max: 200 }));
      if (settings.chatWidget.disableChatWidget) throw fail.widgetDisabled();
      const token = str(body, 'token', { max: 200 });
      const userId = id(body, 'userId');
      // With an identity secret, a userId needs its accessToken; without one nobody vouches for it.
      const verified = userId !== undefined && Boolean(app.identity_secret);
      if (
        userId !== undefined &&
        !identityVerified(app.identity_secret, userId, str(body, 'accessToken', { max: 200 }))
      )
        throw fail.identityNotVerified();
      const details = {
        userName: str(body, 'userName', { max: MAX_NAME_LENGTH }),
        email: str(body, 'email', { max: 320 }),
        imageLink: str(body, 'imageLink', { max: 2000 }),
        phone: str(body, 'contactNumber', { max: 50 }),
        metadata: body['metadata'] === undefined ? undefined : metadata(body['metadata']),
      };

      if (token !== undefined) {
        const found = await userForToken(deps, token);
        if (found && found.app.app_id === app.app_id && found.user.role === 'user') {
          if (userId === undefined) {
            await touchLogin(db, app.app_id, found.user.user_id);
            return success(sessionOf(app, found.user, token));
          }
          if (userId === found.user.user_id) {
            const user = verified
              ? await upsertKnownVisitor(db, app.app_id, { userId, ...details })
              : (await touchLogin(db, app.app_id, userId), found.user);
            if (user) return success(sessionOf(app, user, token));
          }
        }
      }

      if (userId === undefined) {
        const newId = `${ANONYMOUS_PREFIX}${randomBytes(8).toString('hex')}`;
        const user = await ensureUser(db, app.app_id, {
          userId: newId,
          userName: details.userName ?? (settings.chatWidget.pseudonymsEnabled ? pseudonymFor(newId) : newId),
          role: 'user',
          anonymous: true,
          email: details.email,
          imageLink: details.imageLink,
          phone: details.phone,
          metadata: details.metadata ?? {},
        });
        await touchLogin(db, app.app_id, newId);
        return success(sessionOf(app, user, await createSession(db, app.app_id, newId)));
      }

      // Staff and visitors never share an address; anonymous ids are the server's, resumed only
      // with their own token.
      if (await isStaffAddress(db, app.app_id, userId)) throw fail.forbidden('this user cannot use the chat widget');
      const existing = await findUser(db, app.app_id, userId);
      if (userId.startsWith(ANONYMOUS_PREFIX) || existing?.anonymous)
        throw fail.forbidden('this userId belongs to an anonymous visitor');
      if (existing?.deactivated) throw fail.forbidden('this user is deactivated');
      // Only a verified session may change an existing visitor's profile.
      const user = existing && !verified ? existing : await upsertKnownVisitor(db, app.app_id, { userId, ...details });
      if (!user || user.role !== 'user') throw fail.forbidden('this user cannot use the chat widget');
      if (user === existing) await touchLogin(db, app.app_id, userId);
      const unverified = existing !== undefined && !verified;
      return success(sessionOf(app, user, await createSession(db, app.app_id, user.user_id, unverified)));
    },
    WIDGET,
  );

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
