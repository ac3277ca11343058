/**
 * Two server processes as one service: one PostgreSQL database, one Redis (socket.io's Redis
 * Streams adapter and shared presence), started by test/plugins/multi-process.mjs. The widget's
 * socket is on process A, the agent and the Platform API on process B.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { agentSocket, bearerOf } from './platform-support.js';
import { command, startCluster } from './postgres-support.js';
import {
  agentSession,
  closeSockets,
  connect,
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

/** Short, so that a killed process's agents drop out within the test's wait. */
const PRESENCE_TTL = '2s';

async function agentsOnline(app: TestApp, visitor: Session): Promise<number> {
  const res = await request<Envelope<{ agentsOnline: number }>>(`${app.url}/widget/v1/presence`, {
    headers: bearerOf(visitor),
  });
  return responseOf(res).agentsOnline;
}

async function awayCode(app: TestApp, visitor: Session): Promise<string> {
  const res = await request<{ code: string }>(`${app.url}/applications/${app.appId}/awaymessage`, {
    headers: bearerOf(visitor),
  });
  return res.body.code;
}

async function ready(url: string): Promise<{ status: number; body: unknown }> {
  const res = await request(`${url}/readyz`);
  return { status: res.status, body: res.body };
}

describe('several processes through Redis', () => {
  /** The same app as seen through process A (the widget's) and process B (the console's). */
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    ({ a, b } = await startCluster(undefined, { PARLEY_PRESENCE_TTL: PRESENCE_TTL }));
  });

  afterEach(() => closeSockets());
  after(() => command('parley-cluster-stop', {}));

  it('both processes are ready: database and Redis reachable', async () => {
    expect(await ready(a.url)).to.deep.equal({ status: 200, body: { status: 'ready' } });
    expect(await ready(b.url)).to.deep.equal({ status: 200, body: { status: 'ready' } });
  });

  it('delivers both ways: Platform API on B → visitor on A, visitor on A → agent on B, typing, delivered and reads too', async () => {
    const visitor = await visitorSession(a);
    const conversation = await newConversation(a, visitor);
    const visitorSocket = await connect(a, { token: visitor.token });
    const toVisitor = record(visitorSocket, 'message');
    const reads = record(visitorSocket, 'read');

    const sent = await request(`${b.url}/rest/ws/message/v2/send`, {
      body: {
        groupId: conversation.groupId,
        message: 'Alex on B',
        fromUserName: a.agentId,
        metadata: { skipBot: true },
      },
      headers: { 'Api-Key': a.apiKey },
    });
    expect(sent.status).to.equal(200);
    await eventually(
      () => toVisitor.some((m) => m.message === 'Alex on B'),
      'the visitor on A gets the message sent on B',
    );

    const agent = await agentSession(b);
    const agentOnB = await connect(b, { token: agent.token });
    const toAgent = record(agentOnB, 'message');
    const typing = record(agentOnB, 'typing');
    const key = uniqueKey();
    const ack = await sendOverSocket(visitorSocket, {
      key,
      groupId: conversation.groupId,
      message: 'hello from A',
      metadata: { skipBot: 'true' },
    });
    expect(ack.ok).to.equal(true);
    await eventually(() => toAgent.some((m) => m.key === key), 'the agent on B gets the visitor message sent on A');
    expect(toAgent.filter((m) => m.key === key)).to.have.length(1);

    visitorSocket.emit('typing', { groupId: conversation.groupId, typing: true });
    await eventually(
      () => typing.some((t) => t.userId === visitor.userId && t.typing),
      'the agent on B sees typing on A',
    );

    const id = ack.ok ? ack.data.id : 0;
    // Delivered markers cross too: the agent's app on B has the visitor's message, the visitor on
    // A hears of it; the visitor's widget on A has the agent's, the agent on B hears of it.
    const delivered = record(visitorSocket, 'delivered');
    const deliveredToAgent = record(agentOnB, 'delivered');
    await new Promise((resolve) => agentOnB.emit('delivered', { groupId: conversation.groupId, id }, resolve));
    await eventually(
      () => delivered.some((r) => r.userId === agent.userId && r.id === id),
      'the visitor on A sees the delivered marker from B',
    );
    const fromB = toVisitor.find((m) => m.message === 'Alex on B')!;
    await new Promise((resolve) =>
      visitorSocket.emit('delivered', { groupId: conversation.groupId, id: fromB.id }, resolve),
    );
    await eventually(
      () => deliveredToAgent.some((r) => r.userId === visitor.userId && r.id === fromB.id),
      'the agent on B sees the delivered marker from A',
    );
    await new Promise((resolve) => agentOnB.emit('read', { groupId: conversation.groupId, id }, resolve));
    await eventually(
      () => reads.some((r) => r.userId === agent.userId && r.id === id),
      'the visitor on A sees the read on B',
    );
  });

  it("counts an agent connected to B in A's answers; their status set on B too; a killed B drops them", async () => {
    const visitor = await visitorSession(a);
    const visitorSocket = await connect(a, { token: visitor.token });
    const presence = record(visitorSocket, 'presence');
    await eventually(async () => (await agentsOnline(a, visitor)) === 0, 'nobody online at first');
    expect(await awayCode(a, visitor)).to.equal('SUCCESS');

    const agent = await agentSession(b);
    await agentSocket(b, agent);
    await eventually(async () => (await agentsOnline(a, visitor)) === 1, 'A counts the agent connected to B');
    expect(await awayCode(a, visitor)).to.equal('AGENTS_ONLINE');
    await eventually(() => presence.at(-1)?.agentsOnline === 1, 'the visitor on A is told');

    const away = await request(`${b.url}/agent/v1/me/status`, {
      method: 'PUT',
      headers: bearerOf(agent),
      body: { status: 'away' },
    });
    expect(away.status).to.equal(200);
    await eventually(async () => (await agentsOnline(a, visitor)) === 0, 'A sees the agent go away on B');
    await eventually(() => presence.at(-1)?.agentsOnline === 0, 'the visitor on A is told they are away');
    await request(`${b.url}/agent/v1/me/status`, {
      method: 'PUT',
      headers: bearerOf(agent),
      body: { status: 'online' },
    });
    await eventually(async () => (await agentsOnline(a, visitor)) === 1, 'and back online');

    // B dies without a word: A stops counting its agent once B's heartbeat is missing for the TTL.
    await command('parley-cluster-kill', { index: 1 });
    await eventually(async () => (await agentsOnline(a, visitor)) === 0, 'the killed process no longer counts');
    expect(await awayCode(a, visitor)).to.equal('SUCCESS');
    await eventually(() => presence.at(-1)?.agentsOnline === 0, 'the visitor on A is told nobody is online');
    await command('parley-cluster-start', { index: 1 });
  });

  it('SIGTERM drains A: it stops accepting, a request under way finishes, sockets are told to reconnect, exit 0', async () => {
    const visitor = await visitorSession(a);
    const conversation = await newConversation(a, visitor);
    const visitorSocket = await connect(a, { token: visitor.token });
    const reasons: string[] = [];
    visitorSocket.on('disconnect', (reason) => reasons.push(reason));
    const drained = await command<{ status: number; refused: boolean; exit: { code: number | null } }>(
      'parley-cluster-drain',
      {
        index: 0,
        path: '/rest/ws/message/v2/send',
        headers: { 'Api-Key': a.apiKey },
        body: {
          groupId: conversation.groupId,
          message: 'sent while draining',
          fromUserName: a.agentId,
          metadata: { skipBot: true },
        },
      },
    );
    expect(drained.refused, 'new connections refused while the request was under way').to.equal(true);
    expect(drained.status).to.equal(200);
    expect(drained.exit.code).to.equal(0);
    // 'transport close': a reason socket.io clients reconnect on ('io server disconnect' is not).
    await eventually(() => reasons.length > 0, 'the socket on A is closed');
    expect(reasons).to.deep.equal(['transport close']);
    const stored = await history(b, visitor, conversation.groupId);
    expect(stored.map((m) => m.message)).to.include('sent while draining');
    await command('parley-cluster-start', { index: 0 });
  });

  it('readyz says which dependency failed: A cut off from Redis answers 503 redis, B stays ready', async () => {
    await command('parley-cluster-cut-redis', { index: 0 });
    await eventually(async () => (await ready(a.url)).status === 503, 'A is not ready');
    expect((await ready(a.url)).body).to.deep.equal({ status: 'not ready', failed: ['redis'] });
    expect((await ready(b.url)).status).to.equal(200);
  });
});
