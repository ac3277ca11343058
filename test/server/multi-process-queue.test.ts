/**
 * The waiting queue with two server processes on one PostgreSQL database and one Redis
 * (test/plugins/multi-process.mjs): when agents on both processes free up at once, both processes
 * (and the sweeper) drain the queue together, and still every waiting conversation is assigned
 * once — one agent, one "Assigned to …" notice — and nobody passes their limit.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import {
  addTeammate,
  adminSession,
  agentSocket,
  bearerOf,
  conversationAsAgent,
  createConversation,
  messagesAsAgent,
  setRules,
} from './platform-support.js';
import { command, startCluster } from './postgres-support.js';
import { closeSockets, eventually, request } from './support.js';
import type { TestApp } from './support.js';

const CLUSTER = 'queue';

const setStatus = (app: TestApp, s: Session, status: 'online' | 'away') =>
  request(`${app.url}/agent/v1/me/status`, { method: 'PUT', headers: bearerOf(s), body: { status } });

describe('the waiting queue across processes', function () {
  this.timeout(180000);
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    ({ a, b } = await startCluster(CLUSTER));
  });
  afterEach(() => closeSockets());
  after(() => command('parley-cluster-stop', { server: CLUSTER }));

  it('assigns each waiting conversation once when agents on both processes free up together', async () => {
    await setRules(a, {
      conversationRules: { botFirst: false, maxOpenPerAgent: 3, queue: { enabled: true, showPosition: true } },
    });
    const [amy, bob] = [await addTeammate(a, 'Amy'), await addTeammate(a, 'Bob')];
    await agentSocket(a, amy.session);
    await agentSocket(b, bob.session);
    await Promise.all([setStatus(a, amy.session, 'away'), setStatus(b, bob.session, 'away')]);

    const waiting: string[] = [];
    for (let i = 0; i < 6; i++) {
      const made = await createConversation(i % 2 ? b : a, { groupName: `q ${i}`, groupMemberList: [`q-user-${i}`] });
      expect(made.status, `conversation ${i} waits`).to.equal(7);
      waiting.push(made.groupId);
    }

    await Promise.all([setStatus(a, amy.session, 'online'), setStatus(b, bob.session, 'online')]);
    const admin = await adminSession(a);
    await eventually(async () => {
      const all = await Promise.all(waiting.map((g) => conversationAsAgent(b, admin, g)));
      return all.every((c) => c.status === 0 && c.assignee !== undefined);
    }, 'every waiting conversation is assigned');

    const assignees = new Map<string, number>();
    for (const groupId of waiting) {
      const conv = await conversationAsAgent(a, admin, groupId);
      assignees.set(conv.assignee!, (assignees.get(conv.assignee!) ?? 0) + 1);
      const notices = (await messagesAsAgent(a, admin, groupId)).filter((m) => m.metadata['notice'] === 'assigned');
      expect(
        notices.map((m) => m.metadata['assignee']),
        `one assignment of ${groupId}`,
      ).to.deep.equal([conv.assignee]);
    }
    expect(Object.fromEntries(assignees)).to.deep.equal({ [amy.userId]: 3, [bob.userId]: 3 });
  });
});
