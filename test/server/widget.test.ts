import { expect } from '@open-wc/testing';
import type { ChatWidgetSettings, Conversation, Message, Session } from '../../src/core/protocol.js';
import {
  bearer,
  createTestApp,
  errorCode,
  history,
  liveServer,
  newConversation,
  request,
  responseOf,
  sessionBody,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

interface SettingsBody {
  code: string;
  response: { chatWidget: ChatWidgetSettings; collectFeedback: boolean };
}

describe('server: widget settings endpoint', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({ chatWidget: { primaryColor: '#ff0000' } });
  });

  it('answers the app settings merged over defaults, readable from the page origin', async () => {
    // The page is another origin than the server: reading the body at all proves the CORS headers.
    const res = await request<SettingsBody>(`${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`);
    expect(res.status).to.equal(200);
    expect(res.body.code).to.equal('SUCCESS');
    expect(res.body.response.chatWidget.primaryColor).to.equal('#ff0000');
    expect(res.body.response.chatWidget.position).to.equal('right');
    expect(res.body.response.chatWidget.allowedAttachmentTypes).to.deep.equal([
      'image/*',
      'application/pdf',
      'text/plain',
    ]);
  });

  it('is 404 PL-A-01 for an unknown app and 400 PL-R-02 without appId', async () => {
    const unknown = await request(`${app.url}/users/v3/chat/plugin/settings?appId=no-such-app`);
    expect(unknown.status).to.equal(404);
    expect(errorCode(unknown)).to.equal('PL-A-01');
    const missing = await request(`${app.url}/users/v3/chat/plugin/settings`);
    expect(missing.status).to.equal(400);
    expect(errorCode(missing)).to.equal('PL-R-02');
  });
});

describe('server: widget session', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it('creates an anonymous visitor with a pseudonym', async () => {
    const s = await visitorSession(app);
    expect(s.appId).to.equal(app.appId);
    expect(s.anonymous).to.equal(true);
    expect(s.userId).to.match(/^v-[0-9a-f]{16}$/);
    expect(s.userName).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+/);
    expect(s.token).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('resumes a stored session with the same token and user', async () => {
    const first = await visitorSession(app);
    const again = await visitorSession(app, { token: first.token });
    expect(again).to.deep.equal(first);
  });

  it('gives a fresh session for an unknown token', async () => {
    const s = await visitorSession(app, { token: 'not-a-real-token' });
    expect(s.token).to.not.equal('not-a-real-token');
  });

  it('creates and updates a known visitor the site names', async () => {
    const s = await visitorSession(app, { userId: 'customer-42', userName: 'Ada', email: 'ada@example.com' });
    expect(s).to.include({ userId: 'customer-42', userName: 'Ada', email: 'ada@example.com', anonymous: false });
    const renamed = await visitorSession(app, { userId: 'customer-42', userName: 'Ada L.' });
    expect(renamed.userName).to.equal('Ada L.');
    expect(renamed.email).to.equal('ada@example.com');
  });

  it('refuses to hand out a session for an agent or the bot (403 PL-S-03)', async () => {
    for (const userId of [app.agentId, app.botId]) {
      // Even when the site signs the id: staff and visitors never share an address.
      const res = await request(`${app.url}/widget/v1/session`, { body: await sessionBody(app, { userId }) });
      expect(res.status).to.equal(403);
      expect(errorCode(res)).to.equal('PL-S-03');
    }
  });

  it('is 404 for an unknown app, 400 without appId, 400 PL-R-01 for malformed JSON', async () => {
    const unknown = await request(`${app.url}/widget/v1/session`, { body: { appId: 'nope-app' } });
    expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'PL-A-01']);
    const missing = await request(`${app.url}/widget/v1/session`, { body: {} });
    expect([missing.status, errorCode(missing)]).to.deep.equal([400, 'PL-R-02']);
    const bad = await request(`${app.url}/widget/v1/session`, { rawBody: '{"appId":' });
    expect([bad.status, errorCode(bad)]).to.deep.equal([400, 'PL-R-01']);
  });

  it('refuses a disabled widget with 403 PL-W-01', async () => {
    const disabled = await createTestApp({ chatWidget: { disableChatWidget: true } });
    const res = await request(`${disabled.url}/widget/v1/session`, { body: { appId: disabled.appId } });
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-W-01']);
  });

  it('rejects requests with a bad bearer token (401 PL-S-01)', async () => {
    const res = await request(`${app.url}/widget/v1/conversations`, { headers: { Authorization: 'Bearer nope' } });
    expect([res.status, errorCode(res)]).to.deep.equal([401, 'PL-S-01']);
    const none = await request(`${app.url}/widget/v1/conversations`);
    expect([none.status, errorCode(none)]).to.deep.equal([401, 'PL-S-01']);
  });
});

describe('server: domain restriction', () => {
  it('refuses a page origin outside allowedDomains with 403 PL-O-01, readable by the widget', async () => {
    const app = await createTestApp({ chatWidget: { allowedDomains: ['example.com'] } });
    const settings = await request(`${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`);
    expect([settings.status, errorCode(settings)]).to.deep.equal([403, 'PL-O-01']);
    const session = await request(`${app.url}/widget/v1/session`, { body: { appId: app.appId } });
    expect([session.status, errorCode(session)]).to.deep.equal([403, 'PL-O-01']);
  });

  it('allows the page origin when its host is listed (port and case ignored)', async () => {
    const app = await createTestApp({ chatWidget: { allowedDomains: [`${location.hostname.toUpperCase()}:1`] } });
    const s = await visitorSession(app);
    expect(s.appId).to.equal(app.appId);
  });

  it('checks the origin of authenticated requests against the app of the token', async () => {
    const { url, adminKey } = await liveServer();
    const app = await createTestApp();
    const s = await visitorSession(app);
    const patch = await request(`${url}/admin/v1/apps/${app.appId}/settings`, {
      method: 'PATCH',
      body: { chatWidget: { allowedDomains: ['example.com'] } },
      headers: { 'Api-Key': adminKey },
    });
    expect(patch.status).to.equal(200);
    const res = await request(`${app.url}/widget/v1/conversations`, { headers: bearer(s) });
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-O-01']);
  });
});

describe('server: widget conversations and messages', () => {
  let app: TestApp;
  let visitor: Session;
  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
  });

  it('creates a conversation with the visitor and the bot, named after the visitor', async () => {
    const c = await newConversation(app, visitor);
    expect(c.groupId).to.match(/^\d+$/);
    expect(c.groupName).to.equal(visitor.userName);
    expect(c.status).to.equal(0);
    expect(c.assignee).to.equal(app.botId);
    expect(c.members.map((m) => m.userId).sort()).to.deep.equal([app.botId, visitor.userId].sort());
    expect(c.unreadCount).to.equal(0);
  });

  it("lists the visitor's conversations newest first with last message and unread count", async () => {
    const s = await visitorSession(app);
    const older = await newConversation(app, s, { groupName: 'Older', metadata: { page: '/pricing' } });
    const newer = await newConversation(app, s, { groupName: 'Newer' });
    const sent = responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
        body: { key: uniqueKey(), groupId: older.groupId, message: 'ping', metadata: { skipBot: 'true' } },
        headers: bearer(s),
      }),
    );
    const agentReply = await request(`${app.url}/rest/ws/message/v2/send`, {
      body: { groupId: older.groupId, message: 'pong', fromUserName: app.agentId },
      headers: { 'Api-Key': app.apiKey },
    });
    expect(agentReply.status).to.equal(200);
    const list = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(s) }),
    );
    expect(list.map((c) => c.groupId)).to.deep.equal([older.groupId, newer.groupId]);
    expect(list[0]!.lastMessage?.message).to.equal('pong');
    expect(list[0]!.unreadCount).to.equal(1);
    expect(list[0]!.metadata).to.deep.equal({ page: '/pricing' });
    expect(list[1]!.unreadCount).to.equal(0);
    expect(sent.fromUserName).to.equal(s.userId);

    const read = await request(`${app.url}/widget/v1/conversations/${older.groupId}/read`, {
      body: { id: list[0]!.lastMessage!.id },
      headers: bearer(s),
    });
    expect(read.status).to.equal(200);
    const after = responseOf(
      await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${older.groupId}`, {
        headers: bearer(s),
      }),
    );
    expect(after.unreadCount).to.equal(0);
  });

  it('sends over REST, and a repeat with the same key returns the same message', async () => {
    const c = await newConversation(app, visitor);
    const body = { key: uniqueKey(), groupId: c.groupId, message: 'Hello over REST', metadata: { skipBot: 'true' } };
    const first = responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, { body, headers: bearer(visitor) }),
    );
    const again = responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, { body, headers: bearer(visitor) }),
    );
    expect(first).to.include({
      key: body.key,
      groupId: c.groupId,
      message: 'Hello over REST',
      type: 5,
      contentType: 0,
    });
    expect(again).to.deep.equal(first);
    const otherGroup = await newConversation(app, visitor);
    const elsewhere = responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
        body: { ...body, groupId: otherGroup.groupId },
        headers: bearer(visitor),
      }),
    );
    expect(elsewhere).to.deep.equal(first);
    const stored = await history(app, visitor, c.groupId);
    expect(stored.filter((m) => m.key === body.key)).to.have.length(1);
    expect(await history(app, visitor, otherGroup.groupId)).to.deep.equal([]);
  });

  it('pages history with after/before/limit, ascending by id', async () => {
    const c = await newConversation(app, visitor);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const m = responseOf(
        await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
          body: { key: uniqueKey(), groupId: c.groupId, message: `m${i}`, metadata: { skipBot: 'true' } },
          headers: bearer(visitor),
        }),
      );
      ids.push(m.id);
    }
    expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
    expect((await history(app, visitor, c.groupId)).map((m) => m.message)).to.deep.equal([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ]);
    expect((await history(app, visitor, c.groupId, `?after=${ids[2]}`)).map((m) => m.message)).to.deep.equal([
      'm3',
      'm4',
    ]);
    expect((await history(app, visitor, c.groupId, `?after=0&limit=2`)).map((m) => m.message)).to.deep.equal([
      'm0',
      'm1',
    ]);
    expect((await history(app, visitor, c.groupId, `?limit=2`)).map((m) => m.message)).to.deep.equal(['m3', 'm4']);
    expect((await history(app, visitor, c.groupId, `?before=${ids[2]}&limit=10`)).map((m) => m.message)).to.deep.equal([
      'm0',
      'm1',
    ]);
    const bad = await request(`${app.url}/widget/v1/conversations/${c.groupId}/messages?after=abc`, {
      headers: bearer(visitor),
    });
    expect([bad.status, errorCode(bad)]).to.deep.equal([400, 'PL-R-03']);
  });

  it("catches up on every newer message across the visitor's conversations", async () => {
    const s = await visitorSession(app);
    const a = await newConversation(app, s);
    const b = await newConversation(app, s);
    const send = async (groupId: string, text: string) =>
      responseOf(
        await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
          body: { key: uniqueKey(), groupId, message: text, metadata: { skipBot: 'true' } },
          headers: bearer(s),
        }),
      );
    const first = await send(a.groupId, 'one');
    await send(b.groupId, 'two');
    await send(a.groupId, 'three');
    const res = responseOf(
      await request<Envelope<Message[]>>(`${app.url}/widget/v1/messages?after=${first.id}`, { headers: bearer(s) }),
    );
    expect(res.map((m) => m.message)).to.deep.equal(['two', 'three']);
    expect(res.map((m) => m.groupId)).to.deep.equal([b.groupId, a.groupId]);
  });

  it('keeps strangers out: 403 PL-S-02 for a non-member, 404 AL-G-01 for an unknown group', async () => {
    const c = await newConversation(app, visitor);
    const stranger = await visitorSession(app);
    const res = await request(`${app.url}/widget/v1/conversations/${c.groupId}/messages`, {
      headers: bearer(stranger),
    });
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-S-02']);
    const send = await request(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: c.groupId, message: 'hi' },
      headers: bearer(stranger),
    });
    expect([send.status, errorCode(send)]).to.deep.equal([403, 'PL-S-02']);
    const unknown = await request(`${app.url}/widget/v1/conversations/999999999/messages`, {
      headers: bearer(visitor),
    });
    expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'AL-G-01']);
  });

  it('refuses an empty message (PL-R-02) and a wrong content type (PL-R-03)', async () => {
    const c = await newConversation(app, visitor);
    const empty = await request(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: c.groupId, message: '   ' },
      headers: bearer(visitor),
    });
    expect([empty.status, errorCode(empty)]).to.deep.equal([400, 'PL-R-02']);
    const wrong = await request(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: c.groupId, message: 'x', contentType: 99 },
      headers: bearer(visitor),
    });
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([400, 'PL-R-03']);
  });

  it('returns the open conversation again when the app is single-threaded', async () => {
    const single = await createTestApp({ chatWidget: { isSingleThreaded: true } });
    const s = await visitorSession(single);
    const first = await newConversation(single, s);
    const second = await newConversation(single, s);
    expect(second.groupId).to.equal(first.groupId);
  });
});

describe("server: starting a conversation with the product's parameters", () => {
  let app: TestApp;
  let visitor: Session;
  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
  });
  const memberIds = (c: Conversation) => c.members.map((m) => m.userId).sort();
  const start = (body: Record<string, unknown>, session = visitor) =>
    request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations`, { body, headers: bearer(session) });

  it('assigns a named assignee directly, without the bot', async () => {
    const c = await newConversation(app, visitor, { assignee: app.agentId });
    expect(c.assignee).to.equal(app.agentId);
    expect(memberIds(c)).to.deep.equal([app.agentId, visitor.userId].sort());
  });

  it('adds named agents and bots; skipRouting leaves the conversation unassigned', async () => {
    const c = await newConversation(app, visitor, { agentIds: [app.agentId], botIds: [app.botId], skipRouting: true });
    expect(c.assignee).to.equal(undefined);
    expect(memberIds(c)).to.deep.equal([app.agentId, app.botId, visitor.userId].sort());
    const alone = await newConversation(app, visitor, { skipRouting: true });
    expect(memberIds(alone)).to.deep.equal([visitor.userId]);
  });

  it('records the team for routing and the away message', async () => {
    const c = await newConversation(app, visitor, { teamId: 'sales', metadata: { plan: 'pro' } });
    expect(c.metadata).to.include({ teamId: 'sales', plan: 'pro' });
  });

  it("answers the same conversation for the same clientGroupId; another visitor's same id is their own", async () => {
    const clientGroupId = `order-${uniqueKey()}`;
    const first = await newConversation(app, visitor, { clientGroupId });
    const again = await newConversation(app, visitor, { clientGroupId, groupName: 'ignored' });
    expect(again.groupId).to.equal(first.groupId);
    // Visitors' clientGroupIds live in a namespace of their own: nobody takes anybody's.
    const stranger = await visitorSession(app);
    const theirs = await newConversation(app, stranger, { clientGroupId });
    expect(theirs.groupId).to.not.equal(first.groupId);
    expect(memberIds(theirs)).to.include(stranger.userId).and.not.include(visitor.userId);
  });

  it('refuses ids that are not agents or bots of the app, naming the field (400 PL-R-03)', async () => {
    const other = await visitorSession(app);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ agentIds: [other.userId] }, 'agentIds'],
      [{ agentIds: [app.botId] }, 'agentIds'],
      [{ agentIds: 'nobody-here' }, 'agentIds'],
      [{ agentIds: [42] }, 'agentIds'],
      [{ agentIds: Array.from({ length: 11 }, (_, i) => `a${i}`) }, 'agentIds'],
      [{ botIds: [app.agentId] }, 'botIds'],
      [{ assignee: other.userId }, 'assignee'],
      [{ assignee: { id: app.agentId } }, 'assignee'],
      [{ skipRouting: 'sometimes' }, 'skipRouting'],
      [{ teamId: ['sales'] }, 'teamId'],
    ];
    for (const [body, field] of cases) {
      const res = await start(body);
      expect([res.status, errorCode(res)], JSON.stringify(body)).to.deep.equal([400, 'PL-R-03']);
      expect(JSON.stringify(res.body), JSON.stringify(body)).to.include(field);
    }
  });
});
