/**
 * Conformance of the Platform API to the product documentation (`platform-api.txt`): every
 * documented request, sent as the documentation writes it, each documented response case, the
 * effects (stored state and socket pushes), and bad input for every endpoint.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Conversation, Message, UserSummary } from '../../src/core/protocol.js';
import {
  addBot,
  addTeammate,
  adminSession,
  agentSocket,
  bearerOf,
  call,
  conversationAsAgent,
  createConversation,
  messagesAsAgent,
  patchQuery,
  setRules,
} from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { JsonResponse, TestApp } from './support.js';

const STATUS = '/rest/ws/group/status/change';
const ASSIGNEE = '/rest/ws/group/assignee/change';
const DETAIL = '/rest/ws/user/v2/detail';
const UPDATE = '/rest/ws/user/update';

/** The documented error envelope, exactly. */
function expectError(res: JsonResponse<unknown>, status: number, code: string, description?: string): void {
  expect([res.status, errorCode(res)], JSON.stringify(res.body)).to.deep.equal([status, code]);
  const body = res.body as ApiError;
  expect(Object.keys(body).sort()).to.deep.equal(['errorResponse', 'generatedAt', 'status']);
  expect(body.status).to.equal('error');
  expect(body.generatedAt).to.be.a('number');
  expect(body.errorResponse[0]!.displayMessage).to.equal('unable to process');
  if (description !== undefined) expect(body.errorResponse[0]!.description).to.equal(description);
}

/** The documented success envelope with `response`. */
function expectSuccess(res: JsonResponse<unknown>, response?: unknown): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  const body = res.body as { status: string; generatedAt: number; response: unknown };
  expect(Object.keys(body).sort()).to.deep.equal(['generatedAt', 'response', 'status']);
  expect(body.status).to.equal('success');
  expect(body.generatedAt).to.be.a('number');
  if (response !== undefined) expect(body.response).to.deep.equal(response);
}

describe('Platform API conformance', () => {
  let app: TestApp;
  let sam: Teammate;

  before(async () => {
    app = await createTestApp();
    sam = await addTeammate(app, 'Sam Support');
  });
  afterEach(() => closeSockets());

  describe('POST /rest/ws/group/conversation', () => {
    it('creates the documented example; rules add the bot and assign it; missing users are created', async () => {
      const res = await call<Conversation>(app, '/rest/ws/group/conversation', {
        body: { groupName: ' group name', groupMemberList: ['user-id-to-be-added-in-conversation'] },
      });
      expectSuccess(res);
      const c = responseOf(res);
      expect(c.groupId).to.match(/^\d+$/);
      expect(c.clientGroupId).to.equal(c.groupId);
      expect(c.status).to.equal(0);
      expect(c.assignee).to.equal(app.botId);
      expect(c.members.map((m) => m.userId).sort()).to.deep.equal(
        [app.botId, 'user-id-to-be-added-in-conversation'].sort(),
      );
      const users = responseOf(
        await call<Array<{ userId: string }>>(app, DETAIL, {
          body: { userIdList: ['user-id-to-be-added-in-conversation'] },
        }),
      );
      expect(users.map((u) => u.userId)).to.deep.equal(['user-id-to-be-added-in-conversation']);
    });

    it('takes a numeric clientGroupId and answers the same conversation for it again', async () => {
      const first = await createConversation(app, {
        groupName: 'Numbered',
        clientGroupId: 424201,
        groupMemberList: ['numbered-user'],
      });
      expect(first.clientGroupId).to.equal('424201');
      const again = await createConversation(app, {
        groupName: 'Numbered',
        clientGroupId: '424201',
        groupMemberList: ['numbered-user'],
      });
      expect(again.groupId).to.equal(first.groupId);
    });

    it('SKIP_ROUTING with CONVERSATION_ASSIGNEE: no rules, that assignee', async () => {
      const c = await createConversation(app, {
        groupName: 'Direct',
        groupMemberList: ['direct-user', sam.userId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: sam.userId },
      });
      expect(c.assignee).to.equal(sam.userId);
      expect(c.members.map((m) => m.userId)).to.not.include(app.botId);
      expect(c.metadata).to.include({ SKIP_ROUTING: 'true', CONVERSATION_ASSIGNEE: sam.userId });
    });

    it('SKIP_ROUTING alone: assigned to no one; CONVERSATION_ASSIGNEE without SKIP_ROUTING is ignored', async () => {
      const nobody = await createConversation(app, {
        groupName: 'Nobody',
        groupMemberList: ['lonely-user'],
        metadata: { SKIP_ROUTING: 'true' },
      });
      expect(nobody.assignee).to.equal(undefined);
      expect(nobody.members.map((m) => m.userId)).to.deep.equal(['lonely-user']);
      const routed = await createConversation(app, {
        groupName: 'Routed',
        groupMemberList: ['routed-user', sam.userId],
        metadata: { CONVERSATION_ASSIGNEE: sam.userId },
      });
      expect(routed.assignee).to.equal(app.botId);
    });

    it('pushes the new conversation to the members and to agents', async () => {
      const visitor = await visitorSession(app, { userId: 'pushed-user' });
      const agent = await adminSession(app);
      const [vs, as] = await Promise.all([connect(app, { token: visitor.token }), agentSocket(app, agent)]);
      const toVisitor = record(vs, 'conversation');
      const toAgent = record(as, 'conversation');
      const c = await createConversation(app, { groupName: 'Pushed', groupMemberList: ['pushed-user'] });
      await eventually(() => toVisitor.some((x) => x.groupId === c.groupId), 'the visitor hears of it');
      await eventually(() => toAgent.some((x) => x.groupId === c.groupId), 'the agent hears of it');
    });

    it('refuses bad input with the documented error shape', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ groupMemberList: ['a'] }, 400, 'PL-R-02'],
        [{ groupName: '  ', groupMemberList: ['a'] }, 400, 'PL-R-02'],
        [{ groupName: 'x' }, 400, 'PL-R-02'],
        [{ groupName: 'x', groupMemberList: [] }, 400, 'PL-R-02'],
        [{ groupName: 'x', groupMemberList: 'a' }, 400, 'PL-R-03'],
        [{ groupName: 'x', groupMemberList: [1] }, 400, 'PL-R-03'],
        [{ groupName: 7, groupMemberList: ['a'] }, 400, 'PL-R-03'],
        [{ groupName: 'x', groupMemberList: ['a'], clientGroupId: { id: 1 } }, 400, 'PL-R-03'],
        [{ groupName: 'x', groupMemberList: ['a'], metadata: 'x' }, 400, 'PL-R-03'],
        [{ groupName: 'x', groupMemberList: ['a'], metadata: { SKIP_ROUTING: 'maybe' } }, 400, 'PL-R-03'],
        [
          {
            groupName: 'x',
            groupMemberList: ['a'],
            metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: sam.userId },
          },
          400,
          'PL-R-03',
        ],
        [
          { groupName: 'x', groupMemberList: ['a', 'b'], metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: 'b' } },
          400,
          'PL-R-03',
        ],
        [[1, 2], 400, 'PL-R-03'],
      ];
      for (const [body, status, code] of cases) {
        const res = await call(app, '/rest/ws/group/conversation', { body });
        expectError(res, status, code);
      }
      expectError(
        await call(app, '/rest/ws/group/conversation', { rawBody: '{"groupName": "x",' }),
        400,
        'PL-R-01',
        'malformed JSON body',
      );
      expectError(
        await call(app, '/rest/ws/group/conversation', {
          body: { groupName: 'x', groupMemberList: ['a'] },
          noKey: true,
        }),
        401,
        'PL-K-02',
      );
      expectError(
        await call(app, '/rest/ws/group/conversation', {
          body: { groupName: 'x', groupMemberList: ['a'] },
          headers: { 'Api-Key': 'not-a-key' },
        }),
        401,
        'PL-K-01',
      );
    });
  });

  describe('POST /rest/ws/user/v2/detail', () => {
    it('answers the documented fields, with presence and the latest message time', async () => {
      const visitor = await visitorSession(app, {
        userId: 'detail-user',
        userName: 'Dee Tail',
        imageLink: 'https://example.com/dee.png',
        contactNumber: '+912345678954',
      });
      const c = await newConversation(app, visitor);
      const socket = await connect(app, { token: visitor.token });
      const ack = await sendOverSocket(socket, {
        key: uniqueKey(),
        groupId: c.groupId,
        message: 'hello',
        metadata: { skipBot: 'true' },
      });
      expect(ack.ok).to.equal(true);
      responseOf(
        await call<Message>(app, '/rest/ws/message/v2/send', {
          body: { groupId: c.groupId, message: 'Hi Dee', fromUserName: app.agentId },
        }),
      );

      const res = await request<{ status: string; response: Array<Record<string, unknown>> }>(
        `${app.url}${DETAIL}?fetchLatestMessageTime=True`,
        { body: { userIdList: ['detail-user', 'no-such-user'] }, headers: { 'API-key': app.apiKey } },
      );
      expectSuccess(res);
      const [d] = res.body.response;
      expect(res.body.response).to.have.length(1);
      expect(d).to.include({
        userId: 'detail-user',
        userName: 'Dee Tail',
        connected: true,
        imageLink: 'https://example.com/dee.png',
        deactivated: false,
        phoneNumber: '+912345678954',
        unreadCount: 1,
      });
      for (const field of ['lastSeenAtTime', 'createdAtTime', 'lastLoggedInAtTime', 'lastMessageAtTime']) {
        expect(d![field], field).to.be.a('number');
      }
      expect(d!['lastMessageAtTime']).to.equal(ack.ok ? ack.data.createdAtTime : 0);

      socket.close();
      await eventually(async () => {
        const again = responseOf(
          await call<Array<Record<string, unknown>>>(app, DETAIL, { body: { userIdList: ['detail-user'] } }),
        );
        return again[0]!['connected'] === false;
      }, 'the visitor shows as disconnected');
      const without = responseOf(
        await call<Array<Record<string, unknown>>>(app, DETAIL, { body: { userIdList: ['detail-user'] } }),
      );
      expect(without[0]).to.not.have.property('lastMessageAtTime');
    });

    it('refuses bad input', async () => {
      const cases: Array<[unknown, string]> = [
        [{}, 'PL-R-02'],
        [{ userIdList: [] }, 'PL-R-02'],
        [{ userIdList: 'userId1' }, 'PL-R-03'],
        [{ userIdList: [1, 2] }, 'PL-R-03'],
        ['userId1', 'PL-R-03'],
      ];
      for (const [body, code] of cases) expectError(await call(app, DETAIL, { body }), 400, code);
      expectError(
        await call(app, `${DETAIL}?fetchLatestMessageTime=perhaps`, { body: { userIdList: ['a'] } }),
        400,
        'PL-R-03',
      );
      expectError(await call(app, DETAIL, { rawBody: '{"userIdList": [' }), 400, 'PL-R-01');
      expectError(await call(app, DETAIL, { body: { userIdList: ['a'] }, noKey: true }), 401, 'PL-K-02');
    });
  });

  describe('POST /rest/ws/message/v2/send and /rest/ws/message/send', () => {
    let groupId: string;
    let clientGroupId: string;
    before(async () => {
      clientGroupId = `send-${Date.now().toString(36)}`;
      groupId = (await createConversation(app, { groupName: 'Send', clientGroupId, groupMemberList: ['send-user'] }))
        .groupId;
    });

    it('sends plain text as the documented body, and by clientGroupId', async () => {
      const res = await call<Message>(app, '/rest/ws/message/v2/send', {
        body: { groupId, message: 'Hi John', fromUserName: app.agentId },
      });
      expectSuccess(res);
      expect(responseOf(res)).to.include({
        groupId,
        message: 'Hi John',
        contentType: 0,
        type: 4,
        fromUserName: app.agentId,
      });
      const byClient = responseOf(
        await call<Message>(app, '/rest/ws/message/v2/send', {
          body: { clientGroupId, message: 'by client id', fromUserName: app.agentId },
        }),
      );
      expect(byClient.groupId).to.equal(groupId);
    });

    it('accepts every content type (0-10), HTML and the documented rich message with skipBot', async () => {
      for (const contentType of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
        const m = responseOf(
          await call<Message>(app, '/rest/ws/message/v2/send', {
            body: {
              groupId,
              message: contentType === 3 ? '<p>Hello <b>there</b></p>' : `type ${contentType}`,
              fromUserName: app.agentId,
              contentType,
            },
          }),
        );
        expect(m.contentType).to.equal(contentType);
      }
      const rich = responseOf(
        await call<Message>(app, '/rest/ws/message/v2/send', {
          body: {
            groupId,
            message: 'Do you want more updates?',
            fromUserName: app.agentId,
            metadata: {
              contentType: '300',
              templateId: '6',
              skipBot: true,
              payload:
                '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]',
            },
          },
        }),
      );
      expect(rich.metadata).to.include({ contentType: '300', templateId: '6', skipBot: 'true' });
      expect(JSON.parse(rich.metadata['payload']!)).to.have.length(2);
    });

    it('sends the documented attachment request (lower-case headers, type, key, fileMeta, source)', async () => {
      const body = {
        type: 5,
        contentType: 1,
        message: 'This is an image description',
        groupId,
        metadata: { skipBot: true },
        key: uniqueKey('m4jgfy'),
        fileMeta: {
          blobKey: '2953a1e4-5777-4952-82d1-de3729ec5585_KM_BUCKET_Screenshot.png',
          name: 'ABX.png',
          size: 182025,
          contentType: 'image/png',
          thumbnailUrl:
            'https://repository-images.githubusercontent.com/144950190/23ec0480-2654-11ea-9ad2-fa477c4870e5',
          createdAtTime: 1735049558019,
        },
        source: 1,
      };
      const res = await request<{ status: string; response: Message }>(`${app.url}/rest/ws/message/send`, {
        body,
        headers: { 'of-user-id': app.agentId, 'content-type': 'application/json', 'API-key': app.apiKey },
      });
      expectSuccess(res);
      expect(res.body.response).to.include({ contentType: 1, type: 5, key: body.key, fromUserName: app.agentId });
      expect(res.body.response.fileMeta).to.include({ name: 'ABX.png', size: 182025, contentType: 'image/png' });
    });

    it('refuses bad input', async () => {
      const cases: Array<[unknown, number, string]> = [
        [{ groupId, message: 'x' }, 400, 'PL-R-02'],
        [{ message: 'x', fromUserName: app.agentId }, 400, 'PL-R-02'],
        [{ groupId, fromUserName: app.agentId }, 400, 'PL-R-02'],
        [{ groupId, message: 'x', fromUserName: app.agentId, contentType: 42 }, 400, 'PL-R-03'],
        [{ groupId, message: 'x', fromUserName: app.agentId, metadata: [1] }, 400, 'PL-R-03'],
        [{ groupId, message: 5, fromUserName: app.agentId }, 400, 'PL-R-03'],
        [{ groupId, message: 'x', fromUserName: app.agentId, fileMeta: { name: 'no blob key' } }, 400, 'PL-R-02'],
        [{ groupId: '999999999', message: 'x', fromUserName: app.agentId }, 404, 'AL-G-01'],
        [{ groupId, message: 'x', fromUserName: 'nobody@nowhere.test' }, 404, 'AL-U-01'],
      ];
      for (const [body, status, code] of cases)
        expectError(await call(app, '/rest/ws/message/v2/send', { body }), status, code);
      expectError(await call(app, '/rest/ws/message/send', { body: { groupId, message: 'x' } }), 400, 'PL-R-02');
      expectError(
        await call(app, '/rest/ws/message/send', {
          body: { groupId, message: 'x' },
          headers: { 'Of-User-Id': 'ghost' },
        }),
        404,
        'AL-U-01',
      );
      expectError(await call(app, '/rest/ws/message/v2/send', { rawBody: 'not json' }), 400, 'PL-R-01');
      expectError(
        await call(app, '/rest/ws/message/v2/send', {
          body: { groupId, message: 'x', fromUserName: app.agentId },
          noKey: true,
        }),
        401,
        'PL-K-02',
      );
    });
  });

  describe('PATCH /rest/ws/group/status/change', () => {
    it('resolves: "updated", a notice, the conversation pushed as resolved; then "already updated"', async () => {
      const visitor = await visitorSession(app);
      const c = await newConversation(app, visitor);
      const socket = await connect(app, { token: visitor.token });
      const convs = record(socket, 'conversation');
      const msgs = record(socket, 'message');

      const res = await patchQuery(app, STATUS, { groupId: c.groupId, status: '2' }, { 'Of-User-Id': app.agentId });
      expectSuccess(res, 'updated');
      await eventually(
        () => convs.some((x) => x.groupId === c.groupId && x.status === 2),
        'the visitor sees it resolved',
      );
      await eventually(
        () => msgs.some((m) => m.groupId === c.groupId && m.contentType === 10),
        'the visitor gets the notice',
      );
      const notice = msgs.find((m) => m.contentType === 10)!;
      expect(notice.message).to.equal('Conversation resolved by Alex Agent');
      expect(notice.metadata).to.include({ notice: 'resolved', status: '2', by: app.agentId });

      expectSuccess(
        await patchQuery(app, STATUS, { groupId: c.groupId, status: '2' }, { 'Of-User-Id': app.agentId }),
        'already updated',
      );
      const stored = await messagesAsAgent(app, await adminSession(app), c.groupId);
      expect(stored.filter((m) => m.contentType === 10)).to.have.length(1);
    });

    it('reopens (0) and marks spam (3); sendNotifyMessage=false posts no notice', async () => {
      const c = await createConversation(app, { groupName: 'Statuses', groupMemberList: ['status-user'] });
      expectSuccess(
        await patchQuery(app, STATUS, { groupId: c.groupId, status: '2', sendNotifyMessage: 'false' }),
        'updated',
      );
      expectSuccess(
        await patchQuery(app, STATUS, { groupId: c.groupId, status: '0' }, { 'of-user-id': sam.userId }),
        'updated',
      );
      expectSuccess(await patchQuery(app, STATUS, { groupId: c.groupId, status: '3' }), 'updated');
      const agent = await adminSession(app);
      expect((await conversationAsAgent(app, agent, c.groupId)).status).to.equal(3);
      const notices = (await messagesAsAgent(app, agent, c.groupId))
        .filter((m) => m.contentType === 10)
        .map((m) => m.message);
      expect(notices).to.deep.equal(['Conversation reopened by Sam Support', 'Conversation marked as spam']);
    });

    it('takes a PATCH with Content-Type: application/json and no body, headers in any letter case', async () => {
      const c = await createConversation(app, { groupName: 'Bare', groupMemberList: ['bare-user'] });
      const res = await fetch(`${app.url}${STATUS}?groupId=${c.groupId}&status=2&sendNotifyMessage=false`, {
        method: 'PATCH',
        headers: { 'CONTENT-TYPE': 'application/json', 'OF-USER-ID': app.agentId, 'API-KEY': app.apiKey },
      });
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { response: string }).response).to.equal('updated');
    });

    it('answers the documented "wrong conversation id" error, and refuses bad input', async () => {
      const wrong = await patchQuery(app, STATUS, { groupId: '123456789', status: '2' });
      expectError(wrong, 404, 'AL-G-01', 'group not found');
      const c = await createConversation(app, { groupName: 'Bad status', groupMemberList: ['bad-status-user'] });
      expectError(await patchQuery(app, STATUS, { status: '2' }), 400, 'PL-R-02');
      expectError(await patchQuery(app, STATUS, { groupId: c.groupId }), 400, 'PL-R-02');
      expectError(await patchQuery(app, STATUS, { groupId: c.groupId, status: '5' }), 400, 'PL-R-03');
      expectError(await patchQuery(app, STATUS, { groupId: c.groupId, status: 'closed' }), 400, 'PL-R-03');
      expectError(
        await patchQuery(app, STATUS, { groupId: c.groupId, status: '2', sendNotifyMessage: 'nope' }),
        400,
        'PL-R-03',
      );
      expectError(
        await patchQuery(app, STATUS, { groupId: c.groupId, status: '2' }, { 'Of-User-Id': 'ghost@nowhere.test' }),
        404,
        'AL-U-01',
      );
      expectError(
        await call(app, `${STATUS}?groupId=${c.groupId}&status=2`, { method: 'PATCH', rawBody: '{oops' }),
        400,
        'PL-R-01',
      );
      expectError(
        await call(app, `${STATUS}?groupId=${c.groupId}&status=2`, { method: 'PATCH', noKey: true }),
        401,
        'PL-K-02',
      );
      expect((await conversationAsAgent(app, await adminSession(app), c.groupId)).status).to.equal(0);
    });
  });

  describe('POST /rest/ws/user/update', () => {
    it('updates the Of-User-Id user, merges metadata, and pushes the new name and avatar live', async () => {
      const visitor = await visitorSession(app, { userId: 'update-user', userName: 'Old Name' });
      await newConversation(app, visitor);
      const socket = await connect(app, { token: visitor.token });
      const users = record(socket, 'user');
      const agentPush = record(await agentSocket(app, await adminSession(app)), 'user');
      const res = await call(app, UPDATE, {
        headers: { 'Of-User-Id': 'update-user' },
        body: {
          email: 'new@example.com',
          displayName: 'New Name',
          imageLink: 'https://example.com/new.png',
          metadata: { 'key-1': 'value-1' },
        },
      });
      expectSuccess(res, 'success');
      const expected: UserSummary = {
        userId: 'update-user',
        userName: 'New Name',
        imageLink: 'https://example.com/new.png',
        role: 'user',
      };
      await eventually(() => users.some((u) => u.userName === 'New Name'), 'the visitor hears of the new name');
      expect(users.at(-1)).to.deep.equal(expected);
      await eventually(
        () => agentPush.some((u) => u.userId === 'update-user' && u.userName === 'New Name'),
        'agents hear of it',
      );
      await call(app, UPDATE, { headers: { 'of-user-id': 'update-user' }, body: { metadata: { 'key-2': 'value-2' } } });
      const [d] = responseOf(
        await call<Array<Record<string, unknown>>>(app, DETAIL, { body: { userIdList: ['update-user'] } }),
      );
      expect(d).to.include({
        userName: 'New Name',
        email: 'new@example.com',
        imageLink: 'https://example.com/new.png',
      });
      expect(d!['metadata']).to.deep.include({ 'key-1': 'value-1', 'key-2': 'value-2' });
    });

    it('refuses bad input, unknown users and agents', async () => {
      await visitorSession(app, { userId: 'update-bad-user' });
      const h = { 'Of-User-Id': 'update-bad-user' };
      expectError(await call(app, UPDATE, { body: { displayName: 'x' } }), 400, 'PL-R-02');
      expectError(
        await call(app, UPDATE, { headers: { 'Of-User-Id': 'ghost-user' }, body: { displayName: 'x' } }),
        404,
        'AL-U-01',
      );
      expectError(await call(app, UPDATE, { headers: h, body: { email: 'not-an-email' } }), 400, 'PL-R-03');
      expectError(await call(app, UPDATE, { headers: h, body: { displayName: 42 } }), 400, 'PL-R-03');
      expectError(await call(app, UPDATE, { headers: h, body: { displayName: '   ' } }), 400, 'PL-R-03');
      expectError(await call(app, UPDATE, { headers: h, body: { imageLink: 'javascript:alert(1)' } }), 400, 'PL-R-03');
      expectError(await call(app, UPDATE, { headers: h, body: { metadata: 'x' } }), 400, 'PL-R-03');
      expectError(await call(app, UPDATE, { headers: h, rawBody: '{' }), 400, 'PL-R-01');
      expectError(
        await call(app, UPDATE, { headers: { 'Of-User-Id': app.agentId }, body: { displayName: 'Hacked' } }),
        403,
        'PL-S-03',
      );
      expectError(await call(app, UPDATE, { headers: h, body: { displayName: 'x' }, noKey: true }), 401, 'PL-K-02');
    });
  });

  describe('PATCH /rest/ws/group/assignee/change', () => {
    it('assigns: "updated", a notice, the assignee in the pushed conversation; again "already updated"', async () => {
      const visitor = await visitorSession(app);
      const c = await newConversation(app, visitor);
      const socket = await connect(app, { token: visitor.token });
      const convs = record(socket, 'conversation');
      const msgs = record(socket, 'message');
      const res = await patchQuery(
        app,
        ASSIGNEE,
        { groupId: c.groupId, assignee: sam.userId },
        { 'Of-User-Id': app.agentId },
      );
      expectSuccess(res, 'updated');
      await eventually(
        () => convs.some((x) => x.groupId === c.groupId && x.assignee === sam.userId),
        'the visitor sees the new assignee',
      );
      const pushed = convs.filter((x) => x.assignee === sam.userId).at(-1)!;
      expect(pushed.members.find((m) => m.userId === sam.userId)).to.include({
        userName: 'Sam Support',
        role: 'agent',
      });
      expect(pushed.members.map((m) => m.userId)).to.include(app.botId);
      await eventually(() => msgs.some((m) => m.contentType === 10), 'the visitor gets the notice');
      expect(msgs.find((m) => m.contentType === 10)).to.deep.include({ message: 'Assigned to Sam Support' });
      expectSuccess(await patchQuery(app, ASSIGNEE, { groupId: c.groupId, assignee: sam.userId }), 'already updated');
    });

    it('takeOverFromBot removes the bots, and the bot stops answering', async () => {
      const visitor = await visitorSession(app);
      const c = await newConversation(app, visitor);
      expectSuccess(
        await patchQuery(app, ASSIGNEE, {
          groupId: c.groupId,
          assignee: app.agentId,
          sendNotifyMessage: 'false',
          takeOverFromBot: 'true',
        }),
        'updated',
      );
      const agent = await adminSession(app);
      const conv = await conversationAsAgent(app, agent, c.groupId);
      expect(conv.assignee).to.equal(app.agentId);
      expect(conv.members.map((m) => m.userId)).to.not.include(app.botId);
      // Already assigned, bots already gone: nothing to do.
      expectSuccess(
        await patchQuery(app, ASSIGNEE, { groupId: c.groupId, assignee: app.agentId, takeOverFromBot: 'true' }),
        'already updated',
      );
      const socket = await connect(app, { token: visitor.token });
      const quiet = await sendOverSocket(socket, { key: uniqueKey(), groupId: c.groupId, message: 'hello?' });
      const reply = responseOf(
        await call<Message>(app, '/rest/ws/message/v2/send', {
          body: { groupId: c.groupId, message: 'I am here', fromUserName: app.agentId },
        }),
      );
      // The bot answers within the same listener pass as other messages; a later bot conversation proves it had its turn.
      const other = await newConversation(app, visitor);
      const pushed = record(socket, 'message');
      await sendOverSocket(socket, { key: uniqueKey(), groupId: other.groupId, message: 'hi' });
      await eventually(
        () => pushed.some((m) => m.groupId === other.groupId && m.fromUserName === app.botId),
        'the bot answers elsewhere',
      );
      const stored = (await messagesAsAgent(app, agent, c.groupId)).filter((m) => m.contentType !== 10);
      expect(stored.map((m) => m.id)).to.deep.equal([quiet.ok ? quiet.data.id : -1, reply.id]);
    });

    it('answers AGENT_IS_ALREADY_ENGAGED when the agent is at their maximum of open conversations', async () => {
      const limited = await createTestApp();
      const pat = await addTeammate(limited, 'Pat Busy');
      await setRules(limited, { conversationRules: { maxOpenPerAgent: 1 } });
      const one = await createConversation(limited, { groupName: 'One', groupMemberList: ['limit-user-1'] });
      const two = await createConversation(limited, { groupName: 'Two', groupMemberList: ['limit-user-2'] });
      expectSuccess(await patchQuery(limited, ASSIGNEE, { groupId: one.groupId, assignee: pat.userId }), 'updated');
      expectSuccess(
        await patchQuery(limited, ASSIGNEE, { groupId: two.groupId, assignee: pat.userId }),
        'AGENT_IS_ALREADY_ENGAGED',
      );
      expect((await conversationAsAgent(limited, pat.session, one.groupId)).assignee).to.equal(pat.userId);
      // Once the first is resolved, there is room again.
      expectSuccess(await patchQuery(limited, STATUS, { groupId: one.groupId, status: '2' }), 'updated');
      expectSuccess(await patchQuery(limited, ASSIGNEE, { groupId: two.groupId, assignee: pat.userId }), 'updated');
    });

    it('answers the documented "wrong agent id" and "wrong conversation id" errors, and refuses bad input', async () => {
      const c = await createConversation(app, { groupName: 'Bad assignee', groupMemberList: ['bad-assignee-user'] });
      const wrongAgent = await patchQuery(app, ASSIGNEE, { groupId: c.groupId, assignee: 'nobody@nowhere.test' });
      expectError(wrongAgent, 404, 'AL-U-01', 'user not found');
      expect((wrongAgent.body as ApiError).errorResponse).to.deep.equal([
        { errorCode: 'AL-U-01', description: 'user not found', displayMessage: 'unable to process' },
      ]);
      const wrongGroup = await patchQuery(app, ASSIGNEE, { groupId: '987654321', assignee: sam.userId });
      expectError(wrongGroup, 404, 'AL-G-01', 'group not found');
      expectError(
        await patchQuery(app, ASSIGNEE, { groupId: c.groupId, assignee: 'bad-assignee-user' }),
        404,
        'AL-U-01',
      );
      expectError(await patchQuery(app, ASSIGNEE, { groupId: c.groupId }), 400, 'PL-R-02');
      expectError(await patchQuery(app, ASSIGNEE, { assignee: sam.userId }), 400, 'PL-R-02');
      expectError(
        await patchQuery(app, ASSIGNEE, { groupId: c.groupId, assignee: sam.userId, takeOverFromBot: 'yes' }),
        400,
        'PL-R-03',
      );
      expectError(
        await call(app, `${ASSIGNEE}?groupId=${c.groupId}&assignee=${sam.userId}`, { method: 'PATCH', rawBody: '[' }),
        400,
        'PL-R-01',
      );
      expectError(
        await call(app, `${ASSIGNEE}?groupId=${c.groupId}&assignee=${sam.userId}`, { method: 'PATCH', noKey: true }),
        401,
        'PL-K-02',
      );
      expect((await conversationAsAgent(app, await adminSession(app), c.groupId)).assignee).to.equal(app.botId);
    });
  });

  describe('agent session tokens as the console credential', () => {
    it('work on the Platform API as the agent, within their role', async () => {
      const c = await createConversation(app, { groupName: 'Console', groupMemberList: ['console-user'] });
      const m = responseOf(
        await call<Message>(app, '/rest/ws/message/v2/send', {
          noKey: true,
          headers: bearerOf(sam.session),
          body: { groupId: c.groupId, message: 'From the console' },
        }),
      );
      expect(m.fromUserName).to.equal(sam.userId);
      expectError(
        await call(app, '/rest/ws/message/v2/send', {
          noKey: true,
          headers: bearerOf(sam.session),
          body: { groupId: c.groupId, message: 'x', fromUserName: app.agentId },
        }),
        403,
        'PL-S-03',
      );
      expectSuccess(
        await call(app, `${STATUS}?groupId=${c.groupId}&status=2`, {
          method: 'PATCH',
          noKey: true,
          headers: bearerOf(sam.session),
        }),
        'updated',
      );
      const notice = (await messagesAsAgent(app, sam.session, c.groupId)).find((x) => x.contentType === 10)!;
      expect(notice.message).to.equal('Conversation resolved by Sam Support');
    });

    it("refuses visitors' and invalid tokens", async () => {
      const visitor = await visitorSession(app);
      const c = await newConversation(app, visitor);
      expectError(
        await call(app, `${STATUS}?groupId=${c.groupId}&status=2`, {
          method: 'PATCH',
          noKey: true,
          headers: bearerOf(visitor),
        }),
        403,
        'PL-S-03',
      );
      expectError(
        await call(app, `${STATUS}?groupId=${c.groupId}&status=2`, {
          method: 'PATCH',
          noKey: true,
          headers: { Authorization: 'Bearer nope' },
        }),
        401,
        'PL-S-01',
      );
    });
  });

  describe('isolation between apps', () => {
    it("another app's key reaches none of this app's conversations or users", async () => {
      const other = await createTestApp();
      const c = await createConversation(app, { groupName: 'Mine', groupMemberList: ['isolated-user'] });
      const asOther = { ...app, apiKey: other.apiKey };
      expectError(await patchQuery(asOther, STATUS, { groupId: c.groupId, status: '2' }), 404, 'AL-G-01');
      expectError(await patchQuery(asOther, ASSIGNEE, { groupId: c.groupId, assignee: other.agentId }), 404, 'AL-G-01');
      expectError(
        await call(asOther, UPDATE, { headers: { 'Of-User-Id': 'isolated-user' }, body: { displayName: 'x' } }),
        404,
        'AL-U-01',
      );
      expectSuccess(await call(asOther, DETAIL, { body: { userIdList: ['isolated-user'] } }), []);
    });
  });

  it('a bot can be made assignee (CONVERSATION_ASSIGNEE of a bot)', async () => {
    await addBot(app, 'helper-bot', 'Helper Bot');
    const c = await createConversation(app, {
      groupName: 'To a bot',
      groupMemberList: ['bot-user', 'helper-bot'],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: 'helper-bot' },
    });
    expect(c.assignee).to.equal('helper-bot');
  });
});
