/**
 * Rules per team and the waiting queue, on the live server: each team's own routing and limit
 * (falling back to the app's), validation of team rules field by field, agents online per team,
 * and the queue — status 7, the visitor's "waiting" line (with the place when configured), the
 * oldest waiting conversation going to an agent who frees up (by resolving, by coming back from
 * Away). Tests wait by condition.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Message, Session } from '../../src/core/protocol.js';
import {
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
import { closeSockets, createTestApp, eventually, request, responseOf, visitorSession } from './support.js';
import type { Envelope, TestApp } from './support.js';

let n = 0;
const open = (app: TestApp, metadata: Record<string, string> = {}) =>
  createConversation(app, { groupName: `c ${++n}`, groupMemberList: [`visitor-${n}`], metadata });

async function conv(app: TestApp, groupId: string) {
  return conversationAsAgent(app, await adminSession(app), groupId);
}

const resolve = (app: TestApp, groupId: string) =>
  patchQuery(app, '/rest/ws/group/status/change', { groupId, status: '2' }).then(responseOf);

const setAway = (app: TestApp, s: Session, status: 'online' | 'away') =>
  request(`${app.url}/agent/v1/me/status`, { method: 'PUT', headers: bearerOf(s), body: { status } });

const queuedNotices = (messages: Message[]) => messages.filter((m) => m.metadata['notice'] === 'queued');

describe('server: rules per team and the waiting queue', () => {
  afterEach(() => closeSockets());

  describe('team rules', () => {
    let app: TestApp;
    let amy: Teammate;
    let bob: Teammate;
    let cat: Teammate;
    before(async () => {
      app = await createTestApp();
      [amy, bob, cat] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob'), await addTeammate(app, 'Cat')];
    });

    it('refuses bad team rules field by field, with the documented error shape', async () => {
      const res = await call(app, `/admin/v1/apps/${app.appId}/rules`, {
        method: 'PATCH',
        body: {
          conversationRules: {
            teams: [
              { teamId: 'a', name: 'A', agentIds: [], routing: 'random', maxOpenPerAgent: -2, colour: 'red' },
              { teamId: 'b', name: 'B', agentIds: [], botFirst: 'yes', channelBots: { web: '' } },
            ],
            queue: { enabled: 'on' },
          },
        },
      });
      expect(res.status).to.equal(400);
      const items = (res.body as ApiError).errorResponse;
      expect(items.map((e) => `${e.errorCode} ${e.description}`).sort()).to.deep.equal([
        'PL-R-03 conversationRules.queue.enabled must be a boolean',
        'PL-R-03 conversationRules.teams[0].maxOpenPerAgent must be an integer from 0 to 10000',
        'PL-R-03 conversationRules.teams[0].routing must be one of automatic, notifyEverybody',
        'PL-R-03 conversationRules.teams[1].botFirst must be a boolean',
        'PL-R-03 conversationRules.teams[1].channelBots.web must be a bot id',
        'PL-R-04 conversationRules.teams[0].colour is not a known setting',
      ]);
      const bot = await call(app, `/admin/v1/apps/${app.appId}/rules`, {
        method: 'PATCH',
        body: { conversationRules: { teams: [{ teamId: 'a', name: 'A', agentIds: [], botId: amy.userId }] } },
      });
      expect(bot.status).to.equal(400);
      expect((bot.body as ApiError).errorResponse[0]!.description).to.equal(
        'conversationRules.teams[0].botId must be a bot of this app',
      );
    });

    it("routes each conversation by its team's rules: routing and limit, else the app's", async () => {
      await Promise.all([amy, bob, cat].map((t) => agentSocket(app, t.session)));
      const stored = await setRules(app, {
        conversationRules: {
          botFirst: false,
          routing: 'automatic',
          maxOpenPerAgent: 0,
          teams: [
            { teamId: 'sales', name: 'Sales', agentIds: [amy.userId], maxOpenPerAgent: 1 },
            { teamId: 'vip', name: 'VIP', agentIds: [bob.userId], routing: 'notifyEverybody' },
            { teamId: 'help', name: 'Help', agentIds: [cat.userId] },
          ],
          defaultTeamId: 'help',
        },
      });
      expect((stored as { conversationRules: { teams: unknown[] } }).conversationRules.teams[0]).to.deep.equal({
        teamId: 'sales',
        name: 'Sales',
        agentIds: [amy.userId],
        maxOpenPerAgent: 1,
      });
      // Sales: Amy, once (the team's limit 1); then nobody.
      expect((await open(app, { teamId: 'sales' })).assignee).to.equal(amy.userId);
      expect((await open(app, { teamId: 'sales' })).assignee).to.equal(undefined);
      // VIP notifies everybody: Bob is online but gets nothing.
      expect((await open(app, { teamId: 'vip' })).assignee).to.equal(undefined);
      // No team named: the default team (Help), the app's limit (none).
      for (let i = 0; i < 3; i++) expect((await open(app)).assignee).to.equal(cat.userId);
    });

    it('counts agents online per team for the widget (presence and /awaymessage)', async () => {
      await agentSocket(app, amy.session);
      const visitor = await visitorSession(app);
      const presence = responseOf(
        await request<Envelope<{ agentsOnline: number; teams?: Record<string, number> }>>(
          `${app.url}/widget/v1/presence`,
          { headers: bearerOf(visitor) },
        ),
      );
      expect(presence.teams).to.deep.equal({ sales: 1, vip: 0, help: 0, '': 0 });
      expect(presence.agentsOnline).to.be.at.least(1);
      const away = async (teamId: string) =>
        (await request<{ code: string }>(`${app.url}/applications/${app.appId}/awaymessage?teamId=${teamId}`)).body
          .code;
      expect(await away('sales')).to.equal('AGENTS_ONLINE');
      expect(await away('help')).to.equal('SUCCESS');
    });
  });

  describe('the waiting queue', () => {
    it('queues when nobody is free, tells the visitor, and gives the oldest to an agent who resolves one', async () => {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      await agentSocket(app, amy.session);
      await setRules(app, {
        conversationRules: { botFirst: false, maxOpenPerAgent: 1, queue: { enabled: true, showPosition: true } },
      });
      const first = await open(app);
      expect(first.assignee).to.equal(amy.userId);
      const older = await open(app);
      const younger = await open(app);
      expect([older.status, younger.status]).to.deep.equal([7, 7]);
      expect(older.assignee).to.equal(undefined);
      const admin = await adminSession(app);
      const olderNotice = queuedNotices(await messagesAsAgent(app, admin, older.groupId));
      const youngerNotice = queuedNotices(await messagesAsAgent(app, admin, younger.groupId));
      expect(olderNotice.map((m) => m.message)).to.deep.equal([
        'All our agents are busy. You are number 1 in the queue.',
      ]);
      expect(youngerNotice.map((m) => m.metadata['position'])).to.deep.equal(['2']);

      await resolve(app, first.groupId);
      await eventually(async () => (await conv(app, older.groupId)).assignee === amy.userId, 'the oldest goes to Amy');
      expect((await conv(app, older.groupId)).status).to.equal(0);
      expect((await conv(app, younger.groupId)).status, 'the younger still waits (Amy is full)').to.equal(7);
      const assigned = (await messagesAsAgent(app, admin, older.groupId)).filter(
        (m) => m.metadata['notice'] === 'assigned',
      );
      expect(assigned.map((m) => m.message)).to.deep.equal(['Assigned to Amy']);
    });

    it('without showPosition the line names no place; an agent back from Away takes the oldest', async () => {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      await agentSocket(app, amy.session);
      await setAway(app, amy.session, 'away');
      await setRules(app, { conversationRules: { botFirst: false, queue: { enabled: true } } });
      const older = await open(app);
      const younger = await open(app);
      expect([older.status, younger.status]).to.deep.equal([7, 7]);
      const lines = queuedNotices(await messagesAsAgent(app, await adminSession(app), older.groupId));
      expect(lines.map((m) => [m.message, m.metadata['position']])).to.deep.equal([
        ["All our agents are busy. You'll be connected as soon as someone is free.", undefined],
      ]);

      await setAway(app, amy.session, 'online');
      await eventually(
        async () => (await conv(app, older.groupId)).assignee === amy.userId,
        'back from Away, Amy takes the oldest',
      );
      // No limit: the younger follows.
      await eventually(async () => (await conv(app, younger.groupId)).status === 0, 'and the younger');
    });

    it("keeps each team's order: a freed agent takes only their team's oldest", async () => {
      const app = await createTestApp();
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await setRules(app, {
        conversationRules: {
          botFirst: false,
          queue: { enabled: true },
          teams: [
            { teamId: 'a', name: 'A', agentIds: [amy.userId] },
            { teamId: 'b', name: 'B', agentIds: [bob.userId] },
          ],
        },
      });
      const forB = await open(app, { teamId: 'b' });
      const forA = await open(app, { teamId: 'a' });
      expect([forB.status, forA.status]).to.deep.equal([7, 7]);
      await agentSocket(app, amy.session); // comes online: the sweeper's pass gives Amy team A's
      await eventually(async () => (await conv(app, forA.groupId)).assignee === amy.userId, "Amy takes A's");
      expect((await conv(app, forB.groupId)).status, "B's waits for Bob").to.equal(7);
    });
  });
});
