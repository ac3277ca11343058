import { expect } from '@open-wc/testing';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import { openTab } from '../helpers/console-page.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  eventually,
  history,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

/** The error a connection attempt is refused with (undefined if it connected). */
function refusal(attempt: Promise<unknown>): Promise<Error | undefined> {
  return attempt.then(
    () => undefined,
    (err: Error) => err,
  );
}

describe('server: socket.io', () => {
  let app: TestApp;
  let visitor: Session;
  let conversation: Conversation;

  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
    conversation = await newConversation(app, visitor);
  });

  afterEach(() => closeSockets());

  it('refuses a bad token and a token of another app', async () => {
    expect((await refusal(connect(app, { token: 'nope' })))?.message).to.match(/^PL-S-01/);
    expect((await refusal(connect(app, { appId: 'demo-app', token: visitor.token })))?.message).to.match(/^PL-S-01/);
  });

  it('refuses a page origin outside allowedDomains', async () => {
    const restricted = await createTestApp();
    const s = await visitorSession(restricted);
    const patch = await request(`${restricted.url}/admin/v1/apps/${restricted.appId}/settings`, {
      method: 'PATCH',
      body: { chatWidget: { allowedDomains: ['example.com'] } },
      headers: { 'Api-Key': restricted.adminKey },
    });
    expect(patch.status).to.equal(200);
    expect((await refusal(connect(restricted, { token: s.token })))?.message).to.match(/^PL-O-01/);
  });

  it('applies allowedDomains to visitors only: staff sockets connect from any origin and stay', async () => {
    // This page's origin (the test runner's) is not the app's domain.
    const restricted = await createTestApp();
    // Visitor sessions come from this origin too: made before the app is restricted.
    const [first, second] = [await visitorSession(restricted), await visitorSession(restricted)];
    const visitorBefore = await connect(restricted, { token: first.token });
    const staffBefore = await connect(restricted, { token: (await agentSession(restricted)).token });
    const patch = await request(`${restricted.url}/admin/v1/apps/${restricted.appId}/settings`, {
      method: 'PATCH',
      body: { chatWidget: { allowedDomains: ['example.com'] } },
      headers: { 'Api-Key': restricted.adminKey },
    });
    expect(patch.status).to.equal(200);
    // The settings change disconnects the visitor; the agent's socket stays and still answers.
    await eventually(() => !visitorBefore.connected, "the visitor's socket is closed");
    expect(staffBefore.connected).to.equal(true);
    const ack = await new Promise((resolve) => staffBefore.emit('read', {} as never, resolve));
    expect((ack as { ok: boolean }).ok).to.equal(false);
    // New connections: the agent connects, a visitor from this origin is refused.
    const staff = await connect(restricted, { token: (await agentSession(restricted)).token });
    expect(staff.connected).to.equal(true);
    expect((await refusal(connect(restricted, { token: second.token })))?.message).to.match(/^PL-O-01/);
  });

  it("answers socket.io's own HTTP requests with nosniff", async () => {
    // Read from a page of the server's own origin: a cross-origin read would hide the header.
    const page = await openTab(`${app.url}/dashboard/`);
    try {
      const poll = await page.eval<[number, string | null]>(
        "fetch('/socket.io/?EIO=4&transport=polling').then((r) => [r.status, r.headers.get('x-content-type-options')])",
      );
      expect(poll).to.deep.equal([200, 'nosniff']);
    } finally {
      await page.close();
    }
  });

  it("sends with an acknowledgement and pushes to the sender's other tab", async () => {
    const tab1 = await connect(app, { token: visitor.token });
    const tab2 = await connect(app, { token: visitor.token });
    const pushed = record(tab2, 'message');
    const key = uniqueKey();
    const ack = await sendOverSocket(tab1, {
      key,
      groupId: conversation.groupId,
      message: 'from tab 1',
      metadata: { skipBot: 'true' },
    });
    expect(ack.ok).to.equal(true);
    const stored = (ack as { ok: true; data: Message }).data;
    expect(stored).to.include({
      key,
      groupId: conversation.groupId,
      message: 'from tab 1',
      fromUserName: visitor.userId,
      type: 5,
    });
    expect(stored.id).to.be.a('number');
    await eventually(() => pushed.some((m) => m.key === key), 'the other tab gets the message');
    expect(pushed.find((m) => m.key === key)).to.deep.equal(stored);
  });

  it('stores a repeated key once: socket then REST answer the same message, pushed once', async () => {
    const tab = await connect(app, { token: visitor.token });
    const watcher = await connect(app, { token: visitor.token });
    const pushed = record(watcher, 'message');
    const message = {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'only once',
      metadata: { skipBot: 'true' },
    };
    const [a, b] = await Promise.all([sendOverSocket(tab, message), sendOverSocket(tab, message)]);
    const rest = responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, { body: message, headers: bearer(visitor) }),
    );
    expect(a.ok && b.ok).to.equal(true);
    const ids = [a, b].map((r) => (r as { ok: true; data: Message }).data.id);
    expect(ids).to.deep.equal([rest.id, rest.id]);
    const marker = await sendOverSocket(tab, {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'marker',
      metadata: { skipBot: 'true' },
    });
    const markerKey = (marker as { ok: true; data: Message }).data.key;
    await eventually(() => pushed.some((m) => m.key === markerKey), 'the marker arrives');
    expect(pushed.filter((m) => m.key === message.key)).to.have.length(1);
    expect((await history(app, visitor, conversation.groupId)).filter((m) => m.key === message.key)).to.have.length(1);
  });

  it('answers a bad payload with a specific error instead of throwing', async () => {
    const tab = await connect(app, { token: visitor.token });
    const noKey = await sendOverSocket(tab, { groupId: conversation.groupId, message: 'x' } as never);
    expect(noKey).to.deep.equal({
      ok: false,
      error: { errorCode: 'PL-R-02', description: 'key is required', displayMessage: 'unable to process' },
    });
    const garbage = await sendOverSocket(tab, 'garbage' as never);
    expect(garbage.ok === false && garbage.error.errorCode).to.equal('PL-R-03');
    const unknownGroup = await sendOverSocket(tab, { key: uniqueKey(), groupId: '999999999', message: 'x' });
    expect(unknownGroup.ok === false && unknownGroup.error.errorCode).to.equal('AL-G-01');
    const stranger = await visitorSession(app);
    const strangerTab = await connect(app, { token: stranger.token });
    const notMember = await sendOverSocket(strangerTab, {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'x',
    });
    expect(notMember.ok === false && notMember.error.errorCode).to.equal('PL-S-02');
  });

  it('pushes visitor messages to an agent member, and agent messages back to the visitor', async () => {
    const agent = await agentSession(app);
    const join = await request(`${app.url}/rest/ws/message/v2/send`, {
      body: {
        groupId: conversation.groupId,
        message: 'Alex here',
        fromUserName: app.agentId,
        metadata: { skipBot: true },
      },
      headers: { 'Api-Key': app.apiKey },
    });
    expect(join.status).to.equal(200);
    const agentSocket = await connect(app, { token: agent.token });
    const visitorSocket = await connect(app, { token: visitor.token });
    const toAgent = record(agentSocket, 'message');
    const toVisitor = record(visitorSocket, 'message');
    const key = uniqueKey();
    await sendOverSocket(visitorSocket, {
      key,
      groupId: conversation.groupId,
      message: 'need help',
      metadata: { skipBot: 'true' },
    });
    await eventually(() => toAgent.some((m) => m.key === key), 'the agent gets the visitor message');
    const reply = await sendOverSocket(agentSocket, {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'sure!',
    });
    expect(reply.ok && reply.data.type).to.equal(4);
    await eventually(() => toVisitor.some((m) => m.message === 'sure!'), 'the visitor gets the agent reply');
  });

  it('relays typing to the other members and read markers to everybody', async () => {
    const agent = await agentSession(app);
    await request(`${app.url}/rest/ws/message/v2/send`, {
      body: {
        groupId: conversation.groupId,
        message: 'hello again',
        fromUserName: app.agentId,
        metadata: { skipBot: true },
      },
      headers: { 'Api-Key': app.apiKey },
    });
    const agentSocket = await connect(app, { token: agent.token });
    const visitorSocket = await connect(app, { token: visitor.token });
    const typing = record(agentSocket, 'typing');
    const reads = record(agentSocket, 'read');
    visitorSocket.emit('typing', { groupId: conversation.groupId, typing: true });
    await eventually(() => typing.length > 0, 'the agent sees typing');
    expect(typing[0]).to.deep.equal({ groupId: conversation.groupId, userId: visitor.userId, typing: true });
    const last = (await history(app, visitor, conversation.groupId)).at(-1)!;
    const ack = await new Promise((resolve) =>
      visitorSocket.emit('read', { groupId: conversation.groupId, id: last.id }, resolve),
    );
    expect(ack).to.deep.equal({ ok: true, data: true });
    await eventually(() => reads.length > 0, 'the agent sees the read marker');
    expect(reads[0]).to.deep.equal({ groupId: conversation.groupId, userId: visitor.userId, id: last.id });
    const list = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) }),
    );
    expect(list.find((c) => c.groupId === conversation.groupId)?.unreadCount).to.equal(0);
  });

  it('counts agents online and tells visitors when that changes', async () => {
    const visitorSocket = await connect(app, { token: visitor.token });
    const presence = record(visitorSocket, 'presence');
    const agent = await agentSession(app);
    const agentSocket = await connect(app, { token: agent.token });
    await eventually(() => presence.some((p) => p.agentsOnline === 1), 'an agent comes online');
    agentSocket.close();
    await eventually(() => presence.at(-1)?.agentsOnline === 0, 'the agent goes offline');
  });

  it("pushes new settings to the app's sockets", async () => {
    const visitorSocket = await connect(app, { token: visitor.token });
    const settings = record(visitorSocket, 'settings');
    await request(`${app.url}/admin/v1/apps/${app.appId}/settings`, {
      method: 'PATCH',
      body: { chatWidget: { primaryColor: '#123456' } },
      headers: { 'Api-Key': app.adminKey },
    });
    await eventually(() => settings.length > 0, 'the settings arrive');
    expect(settings[0]!.chatWidget?.primaryColor).to.equal('#123456');
  });
});
