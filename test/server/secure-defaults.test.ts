/**
 * Secure by default: what a stranger on the network could do to a server started as the README
 * says, tried the way they would — sign-in that tells nothing, API keys that rotate, visitors
 * that cannot be taken over, clientGroupIds and message keys nobody can squat, and staff and
 * visitors that never share an address.
 */
import { expect } from '@open-wc/testing';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import { addTeammate, call, createConversation } from './platform-support.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  history,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  sessionBody,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

function signIn(app: TestApp, body: Record<string, unknown>) {
  return request<Envelope<Session>>(`${app.url}/agent/v1/session`, { body });
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const spent: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    spent.push(performance.now() - started);
  }
  return spent.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

describe('server: sign-in tells a stranger nothing', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it('answers an unknown app, an unknown account and a wrong password alike', async () => {
    const answers = await Promise.all([
      signIn(app, { appId: `nope-${uniqueKey()}`, email: app.agentId, password: app.agentPassword }),
      signIn(app, { appId: app.appId, email: 'nobody@team.test', password: app.agentPassword }),
      signIn(app, { appId: app.appId, email: app.agentId, password: 'wrong password' }),
      signIn(app, { appId: app.appId, userId: app.botId, password: 'anything' }),
    ]);
    const shapes = answers.map((r) => [
      r.status,
      errorCode(r),
      JSON.stringify(r.body.status === 'error' && r.body.errorResponse),
    ]);
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size, JSON.stringify(shapes)).to.equal(1);
    expect(shapes[0]!.slice(0, 2)).to.deep.equal([401, 'PL-S-01']);
  });

  it('spends the same work on an unknown app as on a wrong password (the password hash runs)', async () => {
    const wrong = await median(5, () => signIn(app, { appId: app.appId, email: app.agentId, password: 'nope' }));
    const unknownApp = await median(5, () =>
      signIn(app, { appId: `nope-${uniqueKey()}`, email: app.agentId, password: 'nope' }),
    );
    const unknownUser = await median(5, () =>
      signIn(app, { appId: app.appId, email: 'nobody@team.test', password: 'nope' }),
    );
    // A scrypt run takes tens of milliseconds; a bare lookup a few. Loose bounds: no timing oracle.
    expect(unknownApp, `unknown app ${unknownApp} ms vs wrong password ${wrong} ms`).to.be.above(wrong * 0.4);
    expect(unknownUser, `unknown account ${unknownUser} ms vs wrong password ${wrong} ms`).to.be.above(wrong * 0.4);
  });
});

describe('server: API keys are shown once and rotate', () => {
  it('keeps only a prefix to show, and a new key retires the old one at once', async () => {
    const app = await createTestApp();
    const prefix = responseOf(
      await call<{ prefix: string }>(app, `/admin/v1/apps/${app.appId}/api-key`, { method: 'GET' }),
    );
    expect(prefix).to.deep.equal({ prefix: app.apiKey.slice(0, 6) });

    const rotated = responseOf(
      await call<{ apiKey: string; prefix: string }>(app, `/admin/v1/apps/${app.appId}/api-key`, { method: 'POST' }),
    );
    expect(rotated.apiKey)
      .to.match(/^[\w-]{32,}$/)
      .and.not.equal(app.apiKey);
    expect(rotated.prefix).to.equal(rotated.apiKey.slice(0, 6));

    const old = await call(app, '/rest/ws/user/v2/detail', { body: { userIdList: [app.agentId] } });
    expect([old.status, errorCode(old)]).to.deep.equal([401, 'PL-K-01']);
    const fresh = await call({ ...app, apiKey: rotated.apiKey }, '/rest/ws/user/v2/detail', {
      body: { userIdList: [app.agentId] },
    });
    expect(fresh.status).to.equal(200);
  });

  it('lets only admins see or rotate the key', async () => {
    const app = await createTestApp();
    const agent = await addTeammate(app, 'Key Curious', 'agent');
    const res = await request(`${app.url}/admin/v1/apps/${app.appId}/api-key`, {
      method: 'POST',
      headers: bearer(agent.session),
    });
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-S-03']);
    const none = await request(`${app.url}/admin/v1/apps/${app.appId}/api-key`, { method: 'POST' });
    expect(none.status).to.equal(401);
  });
});

describe('server: visitors cannot be taken over', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it("never hands out an anonymous visitor's session for their id", async () => {
    const anon = await visitorSession(app);
    expect(anon.userId).to.match(/^v-[0-9a-f]{16}$/);
    // Even signed by the site's server, a server-made id is resumed only with its own token.
    const claim = await request(`${app.url}/widget/v1/session`, {
      body: await sessionBody(app, { userId: anon.userId }),
    });
    expect([claim.status, errorCode(claim)]).to.deep.equal([403, 'PL-S-03']);
    const resumed = responseOf(
      await request<Envelope<Session>>(`${app.url}/widget/v1/session`, {
        body: { appId: app.appId, token: anon.token },
      }),
    );
    expect(resumed.userId).to.equal(anon.userId);
  });

  it("an unverified session (verification off) changes nobody's profile", async () => {
    const open = await createTestApp();
    responseOf(await call(open, `/admin/v1/apps/${open.appId}/identity`, { method: 'DELETE' }));
    const ada = await visitorSession(open, { userId: 'ada', userName: 'Ada', email: 'ada@example.com' });
    expect(ada).to.include({ userName: 'Ada', email: 'ada@example.com' });

    const stranger = await visitorSession(open, { userId: 'ada', userName: 'Mallory', email: 'mallory@evil.test' });
    expect(stranger).to.include({ userName: 'Ada', email: 'ada@example.com' });
    const rewrite = await request(`${open.url}/widget/v1/user`, {
      body: { email: 'mallory@evil.test', displayName: 'Mallory' },
      headers: bearer(stranger),
    });
    expect([rewrite.status, errorCode(rewrite)]).to.deep.equal([401, 'PL-S-04']);
    const detail = responseOf(
      await call<Array<{ userName: string; email: string }>>(open, '/rest/ws/user/v2/detail', {
        body: { userIdList: ['ada'] },
      }),
    );
    expect(detail[0]).to.include({ userName: 'Ada', email: 'ada@example.com' });
    // The visitor's own session from before still works for their details.
    const own = await request(`${open.url}/widget/v1/user`, {
      body: { contactNumber: '+44 20 7946 0000' },
      headers: bearer(ada),
    });
    expect(own.status).to.equal(200);
  });
});

describe('server: clientGroupIds and message keys nobody can squat', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });
  afterEach(() => closeSockets());

  it("an id a visitor chose first is not the integration's: the integration gets its own conversation", async () => {
    const clientGroupId = `order-${uniqueKey()}`;
    const squatter = await visitorSession(app);
    const taken = await newConversation(app, squatter, { clientGroupId });

    const created = await createConversation(app, {
      groupName: 'Order',
      groupMemberList: ['customer-b'],
      clientGroupId,
    });
    expect(created.groupId).to.not.equal(taken.groupId);
    const sent = responseOf(
      await call<Message>(app, '/rest/ws/message/v2/send', {
        body: { clientGroupId, message: 'Your order shipped', fromUserName: app.agentId },
      }),
    );
    expect(sent.groupId).to.equal(created.groupId);
    expect((await history(app, squatter, taken.groupId)).map((m) => m.message)).to.not.include('Your order shipped');
  });

  it('the Platform API answers 409 when the id is a conversation of other people', async () => {
    const clientGroupId = `order-${uniqueKey()}`;
    const first = await createConversation(app, { groupName: 'A', groupMemberList: ['customer-a'], clientGroupId });
    const same = await createConversation(app, { groupName: 'A', groupMemberList: ['customer-a'], clientGroupId });
    expect(same.groupId).to.equal(first.groupId);
    const other = await call<Conversation>(app, '/rest/ws/group/conversation', {
      body: { groupName: 'B', groupMemberList: ['customer-b'], clientGroupId },
    });
    expect([other.status, errorCode(other)]).to.deep.equal([409, 'PL-R-03']);
  });

  it("a visitor cannot take the bot's reply key, nor an integration's", async () => {
    const attacker = await visitorSession(app);
    const own = await newConversation(app, attacker);
    const socket = await connect(app, { token: attacker.token });
    const probe = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: own.groupId,
      message: 'probe',
      metadata: { skipBot: 'true' },
    });
    if (!probe.ok) throw new Error(probe.error.description);
    // Claim the bot's reply keys for the next ten messages of the server.
    for (let i = 11; i <= 20; i++) {
      const ack = await sendOverSocket(socket, {
        key: `${app.botId}:reply:${probe.data.id + i}`,
        groupId: own.groupId,
        message: `claim ${i}`,
        metadata: { skipBot: 'true' },
      });
      expect(ack.ok, JSON.stringify(ack)).to.equal(true);
    }
    const victim = await visitorSession(app);
    const chat = await newConversation(app, victim);
    const victimSocket = await connect(app, { token: victim.token });
    const pushed = record(victimSocket, 'message');
    const asked = await sendOverSocket(victimSocket, { key: uniqueKey(), groupId: chat.groupId, message: 'Hello!' });
    if (!asked.ok) throw new Error(asked.error.description);
    expect(asked.data.id).to.be.within(probe.data.id + 11, probe.data.id + 20);
    await eventually(() => pushed.some((m) => m.fromUserName === app.botId), 'the bot still answers the victim');

    // An integration's key that a visitor used first is still the integration's to use.
    const key = `shipping-${uniqueKey()}`;
    const mine = await sendOverSocket(socket, {
      key,
      groupId: own.groupId,
      message: 'mine',
      metadata: { skipBot: 'true' },
    });
    expect(mine.ok).to.equal(true);
    const theirs = await call<Message>(app, '/rest/ws/message/v2/send', {
      body: { groupId: chat.groupId, key, message: 'Shipped', fromUserName: app.agentId },
    });
    expect(theirs.status).to.equal(200);
    expect(responseOf(theirs).groupId).to.equal(chat.groupId);
  });

  it('visitors may not post system notices (contentType 10)', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const rest = await request(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: c.groupId, message: 'Assigned to Support', contentType: 10 },
      headers: bearer(visitor),
    });
    expect([rest.status, errorCode(rest)]).to.deep.equal([400, 'PL-R-03']);
    const socket = await connect(app, { token: visitor.token });
    const ack = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: c.groupId,
      message: 'Assigned to Support',
      contentType: 10,
    });
    expect(ack.ok).to.equal(false);
    expect(
      (await history(app, visitor, c.groupId)).some((m) => m.contentType === 10 && m.fromUserName === visitor.userId),
    ).to.equal(false);
  });
});

describe('server: staff and visitors never share an address', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it("refuses a visitor named like a staff member's id or e-mail", async () => {
    const staff = await call<unknown>(app, `/admin/v1/apps/${app.appId}/teammates`, {
      body: {
        userId: `alex-${uniqueKey()}`,
        email: `alex.${uniqueKey()}@team.test`,
        userName: 'Alex',
        role: 'agent',
        password: crypto.randomUUID(),
      },
    });
    const { userId, email } = responseOf(staff as never) as { userId: string; email: string };
    for (const id of [userId, email, email.toUpperCase()]) {
      const res = await request(`${app.url}/widget/v1/session`, { body: await sessionBody(app, { userId: id }) });
      expect([res.status, errorCode(res)], id).to.deep.equal([403, 'PL-S-03']);
    }
  });

  it('names staff by e-mail in groupMemberList, CONVERSATION_ASSIGNEE, userIdList and assignee', async () => {
    const id = `pat-${uniqueKey()}`;
    const email = `pat.${uniqueKey()}@team.test`;
    responseOf(
      await call(app, `/admin/v1/apps/${app.appId}/teammates`, {
        body: { userId: id, email, userName: 'Pat', role: 'agent', password: crypto.randomUUID() },
      }),
    );
    const c = await createConversation(app, {
      groupName: 'By e-mail',
      groupMemberList: ['customer-e', email],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: email },
    });
    expect(c.members.map((m) => m.userId).sort()).to.deep.equal(['customer-e', id].sort());
    expect(c.assignee).to.equal(id);
    const detail = responseOf(
      await call<Array<{ userId: string; roleType: string }>>(app, '/rest/ws/user/v2/detail', {
        body: { userIdList: [email] },
      }),
    );
    expect(detail.map((d) => [d.userId, d.roleType])).to.deep.equal([[id, 'agent']]);

    const other = await createConversation(app, { groupName: 'Other', groupMemberList: ['customer-f'] });
    const byEmail = await call(
      app,
      `/rest/ws/group/assignee/change?groupId=${other.groupId}&assignee=${encodeURIComponent(email)}`,
      {
        method: 'PATCH',
      },
    );
    expect(byEmail.status).to.equal(200);
    // An unknown assignee is an error, and does not become a new visitor on the way.
    const unknown = `ghost-${uniqueKey()}`;
    const ghost = await call(app, `/rest/ws/group/assignee/change?groupId=${other.groupId}&assignee=${unknown}`, {
      method: 'PATCH',
    });
    expect([ghost.status, errorCode(ghost)]).to.deep.equal([404, 'AL-U-01']);
    const refused = await call(app, '/rest/ws/group/conversation', {
      body: {
        groupName: 'Ghost',
        groupMemberList: ['customer-g', unknown],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: unknown },
      },
    });
    expect([refused.status, errorCode(refused)]).to.deep.equal([400, 'PL-R-03']);
    const created = responseOf(
      await call<unknown[]>(app, '/rest/ws/user/v2/detail', { body: { userIdList: [unknown, 'customer-g'] } }),
    );
    expect(created).to.deep.equal([]);
  });

  it('a visitor who took a staff e-mail as their id before cannot lock that agent out', async () => {
    const email = `late.${uniqueKey()}@team.test`;
    // An old visitor whose id is the address (made before the address was a teammate's).
    await createConversation(app, { groupName: 'Squat', groupMemberList: [email] });
    const password = crypto.randomUUID();
    const userId = `late-${uniqueKey()}`;
    responseOf(
      await call(app, `/admin/v1/apps/${app.appId}/teammates`, {
        body: { userId, email, userName: 'Late Joiner', role: 'agent', password },
      }),
    );
    const res = await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
      body: { appId: app.appId, email, password },
    });
    expect(res.status).to.equal(200);
    expect(responseOf(res).userId).to.equal(userId);
    // …and assignment by that address reaches the agent, not the visitor.
    const c = await createConversation(app, { groupName: 'Assign', groupMemberList: ['customer-h'] });
    const assigned = await call(
      app,
      `/rest/ws/group/assignee/change?groupId=${c.groupId}&assignee=${encodeURIComponent(email)}`,
      {
        method: 'PATCH',
      },
    );
    expect(assigned.status).to.equal(200);
  });
});
