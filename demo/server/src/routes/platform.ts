/**
 * The Platform API, with the product's paths, headers (`Api-Key`, `Of-User-Id`) and
 * envelopes: create a conversation, send a message.
 */
import { platformApp } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import { asObject, id, messageInput, metadata, str, MAX_ID_LENGTH, MAX_NAME_LENGTH } from '../input.js';
import { ensureVisitors, findUserOrStaffByEmail } from '../repo/users.js';

const API = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Of-User-Id, Authorization' } as const;

function truthy(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

export function platformRoutes(router: Router, deps: Deps): void {
  const { db, chat } = deps;

  router.add(
    'POST',
    '/rest/ws/group/conversation',
    async (ctx) => {
      const app = await platformApp(deps, ctx);
      const body = asObject(await ctx.body());
      const groupName = str(body, 'groupName', { required: true, max: MAX_NAME_LENGTH });
      const list = body['groupMemberList'];
      if (list === undefined || list === null) throw fail.missingField('groupMemberList');
      if (!Array.isArray(list)) throw fail.invalidField('groupMemberList', 'must be an array of strings');
      if (list.length === 0) throw fail.missingField('groupMemberList');
      if (!list.every((m): m is string => typeof m === 'string' && m.trim() !== '' && m.length <= MAX_ID_LENGTH)) {
        throw fail.invalidField('groupMemberList', 'must be an array of strings');
      }
      const clientGroupId = id(body, 'clientGroupId');
      const meta = metadata(body['metadata']);
      const skipRouting = truthy(meta['SKIP_ROUTING']);
      const assignee = meta['CONVERSATION_ASSIGNEE'];
      if (assignee !== undefined && skipRouting && !list.includes(assignee)) {
        throw fail.invalidField('metadata.CONVERSATION_ASSIGNEE', 'must be in groupMemberList');
      }
      const memberIds = [...new Set(list)];
      await ensureVisitors(db, app.app_id, memberIds);
      const row = await chat.createConversation(app.app_id, {
        memberIds,
        groupName,
        metadata: meta,
        clientGroupId,
        assignee: skipRouting ? assignee : undefined,
        withBot: !skipRouting,
      });
      const conversation = await chat.view(app.app_id, row);
      return success({ ...conversation, groupId: row.group_id, clientGroupId: row.client_group_id ?? row.group_id });
    },
    API,
  );

  const send = (legacy: boolean) => async (ctx: Ctx) => {
    const app = await platformApp(deps, ctx);
    const body = asObject(await ctx.body());
    const input = messageInput(body);
    if (!legacy) delete input.type;
    const from = str(body, 'fromUserName', { max: MAX_ID_LENGTH }) ?? (legacy ? ctx.header('of-user-id')?.trim() : undefined);
    if (from === undefined || from === '') throw fail.missingField('fromUserName');
    const sender = await findUserOrStaffByEmail(db, app.app_id, from);
    if (!sender || sender.deactivated) throw fail.userNotFound();
    return success(await chat.sendMessage(app, sender, input, { join: true }));
  };

  router.add('POST', '/rest/ws/message/v2/send', send(false), API);
  router.add('POST', '/rest/ws/message/send', send(true), API);
}
