import { expect } from '@open-wc/testing';
import type { ApiError, Conversation, Message } from '../../src/core/protocol.js';
import {
  agentSession,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  history,
  liveServer,
  newConversation,
  platformCall,
  record,
  request,
  responseOf,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

describe('server: Platform API', () => {
  let app: TestApp;
  const api = <T = unknown>(path: string, body: unknown, headers: Record<string, string> = {}) =>
    platformCall<T>(app, path, body, headers);

  before(async () => {
    app = await createTestApp();
  });
  afterEach(() => closeSockets());

  it('creates a conversation with the documented body; the bot joins and users are created', async () => {
    const res = await api<Conversation>('/rest/ws/group/conversation', {
      groupName: ' group name',
      groupMemberList: ['user-id-to-be-added-in-conversation'],
    });
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.generatedAt).to.be.a('number');
    const c = responseOf(res);
    expect(c.groupId).to.match(/^\d+$/);
    expect(c.groupName).to.equal(' group name');
    expect(c.members.map((m) => m.userId).sort()).to.deep.equal(
      [app.botId, 'user-id-to-be-added-in-conversation'].sort(),
    );
    expect(c.assignee).to.equal(app.botId);
  });

  it('skips routing and sets the assignee with SKIP_ROUTING + CONVERSATION_ASSIGNEE', async () => {
    const c = responseOf(
      await api<Conversation>('/rest/ws/group/conversation', {
        groupName: 'Direct',
        groupMemberList: ['direct-user', app.agentId],
        clientGroupId: 7001,
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
      }),
    );
    expect(c.assignee).to.equal(app.agentId);
    expect(c.clientGroupId).to.equal('7001');
    expect(c.members.map((m) => m.userId)).to.not.include(app.botId);
    const again = responseOf(
      await api<Conversation>('/rest/ws/group/conversation', {
        groupName: 'Direct',
        groupMemberList: ['direct-user'],
        clientGroupId: '7001',
      }),
    );
    expect(again.groupId).to.equal(c.groupId);
    const notMember = await api('/rest/ws/group/conversation', {
      groupName: 'x',
      groupMemberList: ['u'],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
    });
    expect([notMember.status, errorCode(notMember)]).to.deep.equal([400, 'PL-R-03']);
  });

  it('sends the documented rich message with v2/send, storing metadata values as strings, and pushes it', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'message');
    const res = await api<Message>('/rest/ws/message/v2/send', {
      groupId: c.groupId,
      message: 'Do you want more updates?',
      fromUserName: app.agentId,
      metadata: {
        contentType: '300',
        templateId: '6',
        skipBot: true,
        payload:
          '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]',
      },
    });
    const m = responseOf(res);
    expect(m).to.include({
      groupId: c.groupId,
      message: 'Do you want more updates?',
      fromUserName: app.agentId,
      type: 4,
      contentType: 0,
    });
    expect(m.metadata).to.deep.equal({
      contentType: '300',
      templateId: '6',
      skipBot: 'true',
      payload:
        '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]',
    });
    await eventually(() => pushed.some((p) => p.id === m.id), 'the visitor gets the message');
    const conv = responseOf(
      await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${c.groupId}`, {
        headers: { Authorization: `Bearer ${visitor.token}` },
      }),
    );
    expect(conv.members.map((u) => u.userId)).to.include(app.agentId);
  });

  it('sends an attachment with /message/send, the sender named by Of-User-Id (an agent e-mail), idempotent by key', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const body = {
      type: 5,
      contentType: 1,
      message: 'This is an image description',
      groupId: c.groupId,
      metadata: { skipBot: true },
      key: `m4jgfy-${c.groupId}`,
      fileMeta: {
        blobKey: '2953a1e4-5777-4952-82d1-de3729ec5585_Screenshot.png',
        name: 'ABX.png',
        size: 182025,
        contentType: 'image/png',
        thumbnailUrl: 'https://example.com/thumb.png',
        createdAtTime: 1735049558019,
      },
      source: 1,
    };
    const first = responseOf(await api<Message>('/rest/ws/message/send', body, { 'of-user-id': app.agentId }));
    expect(first).to.include({ contentType: 1, type: 5, fromUserName: app.agentId, key: body.key });
    expect(first.fileMeta).to.deep.include({
      blobKey: body.fileMeta.blobKey,
      name: 'ABX.png',
      size: 182025,
      contentType: 'image/png',
    });
    const repeat = responseOf(await api<Message>('/rest/ws/message/send', body, { 'Of-User-Id': app.agentId }));
    expect(repeat).to.deep.equal(first);
    expect((await history(app, visitor, c.groupId)).filter((m) => m.key === body.key)).to.have.length(1);
  });

  it('names the sender by a staff e-mail in any case or a visitor id, and says which of sender and conversation is missing', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const send = (body: Record<string, unknown>) =>
      api<Message>('/rest/ws/message/v2/send', { groupId: c.groupId, ...body });
    // Not yet a member: the agent joins with the message (Platform API sends may).
    const byEmail = responseOf(await send({ message: 'by e-mail', fromUserName: app.agentId.toUpperCase() }));
    expect(byEmail.fromUserName).to.equal(app.agentId);
    const byVisitor = responseOf(await send({ message: 'as the visitor', fromUserName: visitor.userId }));
    expect(byVisitor).to.include({ fromUserName: visitor.userId, type: 5 });
    expect(errorCode(await send({ message: 'x', fromUserName: 'nobody-here' }))).to.equal('AL-U-01');
    expect(errorCode(await send({ message: 'x', fromUserName: app.agentId, groupId: '999999999' }))).to.equal(
      'AL-G-01',
    );
    const texts = (await history(app, visitor, c.groupId)).map((m) => m.message);
    expect(texts).to.include.members(['by e-mail', 'as the visitor']);
    expect(texts).not.to.include('x');
  });

  it('accepts the Api-Key header in any letter case', async () => {
    const res = await request(`${app.url}/rest/ws/group/conversation`, {
      body: { groupName: 'case', groupMemberList: ['case-user'] },
      headers: { 'API-KEY': app.apiKey },
    });
    expect(res.status).to.equal(200);
  });

  describe('errors', () => {
    let groupId: string;
    before(async () => {
      const visitor = await visitorSession(app);
      groupId = (await newConversation(app, visitor)).groupId;
    });

    it('401 PL-K-02 without a key and PL-K-01 with a wrong one', async () => {
      const missing = await request(`${app.url}/rest/ws/message/v2/send`, {
        body: { groupId, message: 'x', fromUserName: app.agentId },
      });
      expect([missing.status, errorCode(missing)]).to.deep.equal([401, 'PL-K-02']);
      const wrong = await api(
        '/rest/ws/message/v2/send',
        { groupId, message: 'x', fromUserName: app.agentId },
        { 'Api-Key': 'wrong' },
      );
      expect([wrong.status, errorCode(wrong)]).to.deep.equal([401, 'PL-K-01']);
    });

    it('400 PL-R-01 for malformed JSON', async () => {
      const res = await request(`${app.url}/rest/ws/message/v2/send`, {
        rawBody: '{"groupId": ',
        headers: { 'Api-Key': app.apiKey },
      });
      expect([res.status, errorCode(res)]).to.deep.equal([400, 'PL-R-01']);
      expect(res.body).to.deep.include({ status: 'error' });
      expect((res.body as ApiError).errorResponse[0]).to.deep.equal({
        errorCode: 'PL-R-01',
        description: 'malformed JSON body',
        displayMessage: 'unable to process',
      });
    });

    it('400 PL-R-02 for missing fields and PL-R-03 for wrong types', async () => {
      const cases: Array<[string, unknown, string]> = [
        ['/rest/ws/group/conversation', { groupMemberList: ['a'] }, 'PL-R-02'],
        ['/rest/ws/group/conversation', { groupName: 'x' }, 'PL-R-02'],
        ['/rest/ws/group/conversation', { groupName: 'x', groupMemberList: [] }, 'PL-R-02'],
        ['/rest/ws/group/conversation', { groupName: 'x', groupMemberList: 'a' }, 'PL-R-03'],
        ['/rest/ws/group/conversation', { groupName: 5, groupMemberList: ['a'] }, 'PL-R-03'],
        ['/rest/ws/message/v2/send', { groupId, message: 'x' }, 'PL-R-02'],
        ['/rest/ws/message/v2/send', { message: 'x', fromUserName: app.agentId }, 'PL-R-02'],
        ['/rest/ws/message/v2/send', { groupId, message: '', fromUserName: app.agentId }, 'PL-R-02'],
        ['/rest/ws/message/v2/send', { groupId, fromUserName: app.agentId }, 'PL-R-02'],
        ['/rest/ws/message/v2/send', { groupId, message: 'x', fromUserName: app.agentId, metadata: 'x' }, 'PL-R-03'],
        [
          '/rest/ws/message/v2/send',
          { groupId, message: 'x', fromUserName: app.agentId, contentType: 'html' },
          'PL-R-03',
        ],
        ['/rest/ws/message/v2/send', [1, 2], 'PL-R-03'],
      ];
      for (const [path, body, code] of cases) {
        const res = await api(path, body);
        expect([res.status, errorCode(res)], `${path} ${JSON.stringify(body)}`).to.deep.equal([400, code]);
      }
    });

    it('404 AL-G-01 for an unknown group and AL-U-01 for an unknown sender', async () => {
      const group = await api('/rest/ws/message/v2/send', {
        groupId: '424242424',
        message: 'x',
        fromUserName: app.agentId,
      });
      expect([group.status, errorCode(group)]).to.deep.equal([404, 'AL-G-01']);
      const client = await api('/rest/ws/message/v2/send', {
        clientGroupId: 'no-such-client-group',
        message: 'x',
        fromUserName: app.agentId,
      });
      expect([client.status, errorCode(client)]).to.deep.equal([404, 'AL-G-01']);
      const user = await api('/rest/ws/message/v2/send', {
        groupId,
        message: 'x',
        fromUserName: 'nobody@nowhere.test',
      });
      expect([user.status, errorCode(user)]).to.deep.equal([404, 'AL-U-01']);
      expect(user.body).to.deep.include({ status: 'error' });
    });

    it('403 PL-S-02 when a visitor who is not a member is named as the sender', async () => {
      const other = await visitorSession(app);
      const res = await api('/rest/ws/message/v2/send', { groupId, message: 'x', fromUserName: other.userId });
      expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-S-02']);
    });

    it("does not let one app's key reach another app's conversation", async () => {
      const other = await createTestApp();
      const res = await request(`${app.url}/rest/ws/message/v2/send`, {
        body: { groupId, message: 'x', fromUserName: app.agentId },
        headers: { 'Api-Key': other.apiKey },
      });
      expect([res.status, errorCode(res)]).to.deep.equal([404, 'AL-G-01']);
    });
  });
});

describe('server: admin', () => {
  it('creates apps only with the admin key, and refuses a taken appId', async () => {
    const { url, adminKey } = await liveServer();
    const missing = await request(`${url}/admin/v1/apps`, { body: {} });
    expect([missing.status, errorCode(missing)]).to.deep.equal([401, 'PL-K-02']);
    const wrong = await request(`${url}/admin/v1/apps`, { body: {}, headers: { 'Api-Key': 'nope' } });
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([401, 'PL-K-01']);
    const appId = `named-${Date.now().toString(36)}`;
    const created = responseOf(
      await request<Envelope<{ appId: string; apiKey: string; agentId: string; botId: string }>>(
        `${url}/admin/v1/apps`,
        {
          body: { appId },
          headers: { 'Api-Key': adminKey },
        },
      ),
    );
    expect(created).to.include({ appId, agentId: 'agent@parley.test', botId: 'parley-bot' });
    const taken = await request(`${url}/admin/v1/apps`, { body: { appId }, headers: { 'Api-Key': adminKey } });
    expect([taken.status, errorCode(taken)]).to.deep.equal([409, 'PL-R-03']);
  });

  it('signs agents in with their password only', async () => {
    const app = await createTestApp();
    const agent = await agentSession(app);
    expect(agent).to.include({ userId: app.agentId, anonymous: false });
    const bad = await request(`${app.url}/agent/v1/session`, {
      body: { appId: app.appId, email: app.agentId, password: 'wrong' },
    });
    expect([bad.status, errorCode(bad)]).to.deep.equal([401, 'PL-S-01']);
  });
});
