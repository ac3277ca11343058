/**
 * The conversation rules with two server processes on one PostgreSQL database and one Redis
 * (test/plugins/multi-process.mjs): the round robin continues from one process to the other, and
 * the rules' timers (auto-resolve) act once, by whichever process holds the sweeper's lease, also
 * after that process is killed.
 */
import { expect } from '@open-wc/testing';
import type { Message, Session } from '../../src/core/protocol.js';
import {
  addTeammate,
  adminSession,
  agentSocket,
  bearerOf,
  conversationAsAgent,
  createConversation,
  setRules,
} from './platform-support.js';
import { command, startCluster } from './postgres-support.js';
import {
  closeSockets,
  connect,
  eventually,
  history,
  newConversation,
  record,
  request,
  responseOf,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

/** This file's own cluster: it kills its processes, which the other multi-process file must not see. */
const CLUSTER = 'rules';

const humanRouting = { conversationRules: { botFirst: false, routing: 'automatic' } };

async function agentsOnline(app: TestApp, visitor: Session): Promise<number> {
  const res = await request<Envelope<{ agentsOnline: number }>>(`${app.url}/widget/v1/presence`, {
    headers: bearerOf(visitor),
  });
  return responseOf(res).agentsOnline;
}

async function statusOf(app: TestApp, admin: Session, groupId: string): Promise<number> {
  return (await conversationAsAgent(app, admin, groupId)).status;
}

const autoResolved = (messages: Message[], groupId: string) =>
  messages.filter((m) => m.groupId === groupId && m.metadata['notice'] === 'autoResolved');

/** Kills process `index` or starts it again, and waits until it answers (or no longer does). */
async function kill(index: number): Promise<void> {
  await command('parley-cluster-kill', { server: CLUSTER, index });
}
async function restart(app: TestApp, index: number): Promise<void> {
  await command('parley-cluster-start', { server: CLUSTER, index });
  await eventually(
    () =>
      request(`${app.url}/readyz`).then(
        (res) => res.status === 200,
        () => false,
      ),
    `process ${index} is ready again`,
  );
}

describe('conversation rules across processes', function () {
  this.timeout(180000);
  /** A new app as seen through process A and through process B. */
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    await startCluster(CLUSTER);
  });

  beforeEach(async () => {
    ({ a, b } = await startCluster(CLUSTER));
  });

  afterEach(() => closeSockets());
  after(() => command('parley-cluster-stop', { server: CLUSTER }));

  it('round robin continues from one process to the other: conversations made on A, B, A, B alternate', async () => {
    await setRules(a, humanRouting);
    const [amy, bob] = [await addTeammate(a, 'Amy'), await addTeammate(a, 'Bob')];
    await agentSocket(a, amy.session);
    await agentSocket(b, bob.session);
    const visitor = await visitorSession(a);
    await eventually(
      async () => (await agentsOnline(a, visitor)) === 2 && (await agentsOnline(b, visitor)) === 2,
      'both processes count both agents',
    );

    const assignees: Array<string | undefined> = [];
    for (const [i, app] of [a, b, a, b].entries()) {
      const made = await createConversation(app, { groupName: `rr ${i}`, groupMemberList: [`rr-user-${i}`] });
      assignees.push(made.assignee);
    }
    expect(new Set(assignees)).to.deep.equal(new Set([amy.userId, bob.userId]));
    expect(assignees[1], 'B continues from A').to.not.equal(assignees[0]);
    expect(assignees[2], 'A continues from B').to.not.equal(assignees[1]);
    expect(assignees[3]).to.not.equal(assignees[2]);

    // Four at once, two on each process: the picks take turns, so each agent gets two.
    const together = await Promise.all(
      [a, b, a, b].map((app, i) =>
        createConversation(app, { groupName: `together ${i}`, groupMemberList: [`together-user-${i}`] }),
      ),
    );
    const counts = new Map<string | undefined, number>();
    for (const c of together) counts.set(c.assignee, (counts.get(c.assignee) ?? 0) + 1);
    expect(Object.fromEntries(counts)).to.deep.equal({ [amy.userId]: 2, [bob.userId]: 2 });
  });

  it('auto-resolves a conversation once while both processes run: one notice', async () => {
    await setRules(a, { autoResolve: { mode: 'all', afterMs: 300 } });
    const visitor = await visitorSession(a);
    const socket = await connect(a, { token: visitor.token });
    const messages = record(socket, 'message');
    const first = await newConversation(a, visitor);
    await eventually(() => autoResolved(messages, first.groupId).length > 0, 'the visitor on A is told');

    // A later conversation resolving means the sweeps after the first one's have run too.
    const second = await newConversation(b, visitor);
    await eventually(() => autoResolved(messages, second.groupId).length > 0, 'the second one resolves');
    expect(autoResolved(messages, first.groupId)).to.have.length(1);
    expect(autoResolved(await history(b, visitor, first.groupId), first.groupId)).to.have.length(1);
    expect(await statusOf(b, await adminSession(b), first.groupId)).to.equal(2);
  });

  it('keeps sweeping when the process that sweeps is killed: the other takes over within seconds', async () => {
    await setRules(a, { autoResolve: { mode: 'all', afterMs: 300 } });
    const visitor = await visitorSession(a);
    const admin = await adminSession(a);

    // With A gone, B sweeps (it then holds the lease) …
    await kill(0);
    const onB = await newConversation(b, visitor);
    await eventually(async () => (await statusOf(b, admin, onB.groupId)) === 2, 'B resolves it with A gone');

    // … and with B killed while holding it, A takes over once the lease has run out.
    await restart(a, 0);
    await kill(1);
    const onA = await newConversation(a, visitor);
    await eventually(async () => (await statusOf(a, admin, onA.groupId)) === 2, 'A resolves it with B gone');
    expect(autoResolved(await history(a, visitor, onA.groupId), onA.groupId)).to.have.length(1);
    await restart(b, 1);
  });
});
