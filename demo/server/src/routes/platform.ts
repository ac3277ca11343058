/**
 * The Platform API, with the product's paths, headers (`Api-Key`, `Of-User-Id`, any letter
 * case), query parameters and envelopes (`../shared/product/platform-api.txt`):
 *
 * - `POST /rest/ws/group/conversation` — create (conversation rules unless `SKIP_ROUTING`)
 * - `POST /rest/ws/user/v2/detail[?fetchLatestMessageTime=true]` — user details (plus the
 *   visitor's `locale`, a BCP 47 tag, when known)
 * - `POST /rest/ws/message/v2/send`, `POST /rest/ws/message/send` — send
 * - `PATCH /rest/ws/group/status/change?groupId&status&sendNotifyMessage` — "updated" / "already updated"
 * - `POST /rest/ws/user/update` (`Of-User-Id` = the user; also takes `locale`) — "success"
 * - `PATCH /rest/ws/group/assignee/change?groupId&assignee&sendNotifyMessage&takeOverFromBot` —
 *   "updated" / "already updated" / "AGENT_IS_ALREADY_ENGAGED"
 *
 * Each takes the app's `Api-Key`, or an agent's session token (`access.ts`) for the console.
 * The PATCH endpoints read their parameters from the query (falling back to a JSON body, which
 * may be absent).
 */
import { parseHttpUrl } from '../../../../src/core/http-url.js';
import { platformCaller, requirePermission, requireVisible } from '../access.js';
import type { Caller } from '../access.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import { bodyOf, flag, groupRef, param, settableStatus, textParam } from './platform-params.js';
import type { Ctx, Router } from '../http.js';
import { id, locale, messageInput, messageSource, metadata, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import { userActivity } from '../repo/console.js';
import { findSenderIn } from '../repo/conversations.js';
import { findMessageByKey } from '../repo/messages.js';
import { staffEmailTaken } from '../repo/people.js';
import { ensureVisitors, findStaffByLogin, findUserRef, findUsers, resolveUserRefs } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';

export const API = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Of-User-Id, Authorization' } as const;
export const MAX_USER_IDS = 200;

/** What the Platform API needs besides the common dependencies. */
export interface PlatformServices {
  actions: ConversationActions;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function platformRoutes(router: Router, deps: Deps, services: PlatformServices): void {
  const { db, chat, presence } = deps;
  const { actions } = services;

  /** The user named by `Of-User-Id` (id, or a staff e-mail): AL-U-01 when unknown. */
  async function ofUser(ctx: Ctx, caller: Caller, required: boolean): Promise<UserRow | undefined> {
    const named = ctx.header('of-user-id')?.trim();
    if (named === undefined || named === '') {
      if (required) throw fail.missingField('Of-User-Id');
      return undefined;
    }
    if (named.length > MAX_ID_LENGTH) throw fail.invalidField('Of-User-Id', 'is too long');
    const user = await findUserRef(db, caller.app.app_id, named);
    if (!user) throw fail.userNotFound();
    return user;
  }

  /** Who acts: the signed-in agent, else the `Of-User-Id` user (optional). */
  async function actorOf(ctx: Ctx, caller: Caller): Promise<UserRow | undefined> {
    return caller.staff ?? (await ofUser(ctx, caller, false));
  }

  router.add(
    'POST',
    '/rest/ws/group/conversation',
    async (ctx) => {
      const caller = await platformCaller(deps, ctx);
      const appId = caller.app.app_id;
      const body = await bodyOf(ctx);
      const groupName = str(body, 'groupName', { required: true, max: MAX_NAME_LENGTH });
      const list = body['groupMemberList'];
      if (list === undefined || list === null) throw fail.missingField('groupMemberList');
      if (!Array.isArray(list)) throw fail.invalidField('groupMemberList', 'must be an array of strings');
      if (list.length === 0) throw fail.missingField('groupMemberList');
      if (list.length > MAX_USER_IDS)
        throw fail.invalidField('groupMemberList', `must have at most ${MAX_USER_IDS} users`);
      if (!list.every((m): m is string => typeof m === 'string' && m.trim() !== '' && m.length <= MAX_ID_LENGTH)) {
        throw fail.invalidField('groupMemberList', 'must be an array of strings');
      }
      const clientGroupId = id(body, 'clientGroupId');
      const meta = metadata(body['metadata']);
      const skipRouting = flag(meta['SKIP_ROUTING'], 'metadata.SKIP_ROUTING', false);
      const named = skipRouting ? meta['CONVERSATION_ASSIGNEE']?.trim() || undefined : undefined;
      // Staff may be named by id or e-mail; everybody else is a visitor (created when new).
      const memberIds = [...new Set(await resolveUserRefs(db, appId, list))];
      const [assignee] = named === undefined ? [] : await resolveUserRefs(db, appId, [named]);
      if (assignee !== undefined && !memberIds.includes(assignee)) {
        throw fail.invalidField('metadata.CONVERSATION_ASSIGNEE', 'must be in groupMemberList');
      }
      if (assignee !== undefined && !(await actions.findAssignable(appId, assignee))) {
        throw fail.invalidField('metadata.CONVERSATION_ASSIGNEE', 'must be an agent or a bot');
      }
      if (clientGroupId !== undefined) {
        // The same clientGroupId is the same conversation only for the same people.
        const known = await chat.findByClientGroupId(appId, clientGroupId);
        if (known && !(await chat.hasMembers(known.group_id, memberIds)))
          throw fail.conflict('clientGroupId belongs to a conversation with other members');
      }
      await ensureVisitors(db, appId, memberIds);
      const row = await chat.createConversation(appId, {
        memberIds,
        groupName,
        metadata: meta,
        clientGroupId,
        assignee,
        withBot: !skipRouting,
      });
      const conversation = await chat.view(appId, row);
      return success({ ...conversation, groupId: row.group_id, clientGroupId: row.client_group_id ?? row.group_id });
    },
    API,
  );

  router.add(
    'POST',
    '/rest/ws/user/v2/detail',
    async (ctx) => {
      const caller = await platformCaller(deps, ctx);
      const appId = caller.app.app_id;
      const withLatest = flag(ctx.query.get('fetchLatestMessageTime') ?? undefined, 'fetchLatestMessageTime', false);
      const body = await bodyOf(ctx);
      const list = body['userIdList'];
      if (list === undefined || list === null) throw fail.missingField('userIdList');
      if (
        !Array.isArray(list) ||
        !list.every((u): u is string => typeof u === 'string' && u !== '' && u.length <= MAX_ID_LENGTH)
      ) {
        throw fail.invalidField('userIdList', 'must be an array of user ids');
      }
      if (list.length === 0) throw fail.missingField('userIdList');
      if (list.length > MAX_USER_IDS) throw fail.invalidField('userIdList', `must have at most ${MAX_USER_IDS} ids`);
      const asked = [...new Set(list)];
      const resolved = await resolveUserRefs(db, appId, asked);
      const ids = [...new Set(resolved)];
      const [users, activity] = await Promise.all([findUsers(db, appId, ids), userActivity(db, appId, ids)]);
      const now = Date.now();
      const details = ids.flatMap((userId) => {
        const u = users.find((x) => x.user_id === userId);
        if (!u) return [];
        const a = activity.find((x) => x.user_id === userId);
        const connected = presence.isConnected(appId, userId);
        const d: Record<string, unknown> = {
          userId: u.user_id,
          userName: u.user_name,
          connected,
          createdAtTime: u.created_at.getTime(),
          deactivated: u.deactivated,
          blocked: u.blocked,
          unreadCount: a?.unread ?? 0,
        };
        const seen = connected ? now : u.last_seen_at?.getTime();
        if (seen !== undefined) d['lastSeenAtTime'] = seen;
        if (u.image_link) d['imageLink'] = u.image_link;
        if (u.phone) d['phoneNumber'] = u.phone;
        if (u.email) d['email'] = u.email;
        if (u.locale) d['locale'] = u.locale;
        if (u.last_logged_in_at) d['lastLoggedInAtTime'] = u.last_logged_in_at.getTime();
        if (withLatest && a?.last_message_at) d['lastMessageAtTime'] = a.last_message_at.getTime();
        d['metadata'] = u.metadata ?? {};
        d['roleType'] = u.role;
        return [d];
      });
      return success(details);
    },
    API,
  );

  const send = (legacy: boolean) => async (ctx: Ctx) => {
    const caller = await platformCaller(deps, ctx);
    const appId = caller.app.app_id;
    const body = await bodyOf(ctx);
    const input = messageInput(body);
    if (!legacy) delete input.type;
    const source = messageSource(body['source']);
    if (source !== undefined) input.source = source;
    const named =
      str(body, 'fromUserName', { max: MAX_ID_LENGTH }) ?? (legacy ? ctx.header('of-user-id')?.trim() : undefined);
    const from = named === undefined || named === '' ? caller.staff?.user_id : named;
    if (from === undefined) throw fail.missingField('fromUserName');
    // With a groupId, the sender and the conversation come in one query.
    const target = input.groupId === undefined ? undefined : await findSenderIn(db, appId, from, input.groupId);
    const sender = input.groupId === undefined ? await findUserRef(db, appId, from) : target?.sender;
    if (!sender || sender.deactivated) throw fail.userNotFound();
    const found = target && (target.found ?? null);
    if (caller.staff) {
      if (sender.user_id !== caller.staff.user_id) throw fail.forbidden('agents send as themselves');
      // A repeat of a stored key answers the stored message (chat.ts), wherever it was sent.
      if (input.key === undefined || !(await findMessageByKey(db, appId, sender.user_id, input.key))) {
        const conversation = found?.conversation ?? (await chat.findGroup(appId, input));
        requireVisible(caller, conversation, await actions.rules(appId));
      }
    }
    return success(await chat.sendMessage(caller.app, sender, input, { join: true, found }));
  };

  router.add('POST', '/rest/ws/message/v2/send', send(false), API);
  router.add('POST', '/rest/ws/message/send', send(true), API);

  router.add(
    'PATCH',
    '/rest/ws/group/status/change',
    async (ctx) => {
      const caller = await platformCaller(deps, ctx);
      const appId = caller.app.app_id;
      const body = await bodyOf(ctx);
      const { groupId, clientGroupId } = groupRef(ctx, body);
      const status = settableStatus(param(ctx, body, 'status'));
      const notify = flag(param(ctx, body, 'sendNotifyMessage'), 'sendNotifyMessage', true);
      const conv = await chat.findGroup(appId, { groupId, clientGroupId });
      const actor = await actorOf(ctx, caller);
      requireVisible(caller, conv, await actions.rules(appId));
      return success(await actions.changeStatus(caller.app, conv, status, { actor, notify }));
    },
    API,
  );

  router.add(
    'POST',
    '/rest/ws/user/update',
    async (ctx) => {
      const caller = await platformCaller(deps, ctx);
      const appId = caller.app.app_id;
      const target = (await ofUser(ctx, caller, true))!;
      const body = await bodyOf(ctx);
      if (caller.staff) {
        if (target.user_id !== caller.staff.user_id) {
          if (target.role !== 'user') throw fail.forbidden("agents' details are changed by the agents themselves");
          requirePermission(caller, 'updateUsers');
        }
      } else if (target.role !== 'user') {
        throw fail.forbidden("this API updates users; agents' and bots' details are changed in the console");
      }
      const email = str(body, 'email', { max: 320 })?.trim();
      if (email !== undefined && email !== '' && !EMAIL.test(email))
        throw fail.invalidField('email', 'is not an e-mail address');
      // A staff member's e-mail is their sign-in: unique among the app's staff (as in their profile).
      if (target.role !== 'user' && email && (await staffEmailTaken(deps.db, appId, email, target.user_id)))
        throw fail.conflict(`email ${email} belongs to another teammate`);
      const displayName = str(body, 'displayName', { max: MAX_NAME_LENGTH });
      if (displayName !== undefined && displayName.trim() === '')
        throw fail.invalidField('displayName', 'must not be blank');
      const imageLink = str(body, 'imageLink', { max: 2000 })?.trim();
      if (imageLink !== undefined && imageLink !== '' && !parseHttpUrl(imageLink))
        throw fail.invalidField('imageLink', 'must be an http(s) URL');
      const meta = body['metadata'] === undefined || body['metadata'] === null ? undefined : metadata(body['metadata']);
      await actions.updateUser(appId, target.user_id, {
        userName: displayName?.trim(),
        email: email || undefined,
        imageLink: imageLink || undefined,
        metadata: meta,
        locale: locale(body),
      });
      return success('success');
    },
    API,
  );

  router.add(
    'PATCH',
    '/rest/ws/group/assignee/change',
    async (ctx) => {
      const caller = await platformCaller(deps, ctx);
      const appId = caller.app.app_id;
      const body = await bodyOf(ctx);
      const { groupId, clientGroupId } = groupRef(ctx, body);
      const assigneeId = textParam(ctx, body, 'assignee', true)!;
      const notify = flag(param(ctx, body, 'sendNotifyMessage'), 'sendNotifyMessage', true);
      const takeOverFromBot = flag(param(ctx, body, 'takeOverFromBot'), 'takeOverFromBot', false);
      const conv = await chat.findGroup(appId, { groupId, clientGroupId });
      const found = await findStaffByLogin(db, appId, assigneeId);
      const assignee = found && !found.deactivated ? found : undefined;
      if (!assignee) throw fail.userNotFound();
      const actor = await actorOf(ctx, caller);
      requireVisible(caller, conv, await actions.rules(appId));
      if (caller.staff && assignee.user_id !== caller.staff.user_id) requirePermission(caller, 'assignOthers');
      return success(
        await actions.changeAssignee(caller.app, conv, assignee, {
          actor,
          notify,
          takeOverFromBot,
          enforceLimit: true,
        }),
      );
    },
    API,
  );
}
