/**
 * Conversation rules, auto-resolve and roles, enforced by the live server: round-robin
 * assignment among online agents under their limit, teams, "notify everybody", bot first with
 * hand-off, channel bots, reassignment when the assignee is away, auto-resolve modes, and what
 * operators and agents may see and do. Timers run in milliseconds; tests wait by condition.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Conversation, Message, Session } from '../../src/core/protocol.js';
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
import type { Envelope, JsonResponse, ParleySocket, TestApp } from './support.js';

const humanRouting = { conversationRules: { botFirst: false, routing: 'automatic' } };

function codes(res: JsonResponse<unknown>): string[] {
  const body = res.body as ApiError;
  return body.status === 'error' ? body.errorResponse.map((e) => e.errorCode) : [];
}

async function assigneeOf(app: TestApp, groupId: string): Promise<string | undefined> {
  return (await conversationAsAgent(app, await adminSession(app), groupId)).assignee;
}

async function statusOf(app: TestApp, groupId: string): Promise<number> {
  return (await conversationAsAgent(app, await adminSession(app), groupId)).status;
}

/** A visitor's message (a visitor known by id, so Platform API conversations can name them). */
async function visitorSays(
  app: TestApp,
  userId: string,
  groupId: string,
  message: string,
): Promise<{ socket: ParleySocket; sent: Message }> {
  const visitor = await visitorSession(app, { userId });
  const socket = await connect(app, { token: visitor.token });
  const ack = await sendOverSocket(socket, { key: uniqueKey(), groupId, message });
  if (!ack.ok) throw new Error(ack.error.description);
  return { socket, sent: ack.data };
}

describe('server: conversation rules', () => {
  afterEach(() => closeSockets());

  describe('the rules endpoint', () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp();
    });

    it('answers the defaults: bot first, automatic assignment, nothing timed', async () => {
      const rules = responseOf(await call(app, `/admin/v1/apps/${app.appId}/rules`));
      expect(rules).to.deep.equal({
        conversationRules: {
          routing: 'automatic',
          botFirst: true,
          botId: '',
          defaultAgentId: '',
          reassignAfterMs: 0,
          maxOpenPerAgent: 0,
          channelBots: {},
          teams: [],
          defaultTeamId: '',
          queue: { enabled: false, showPosition: false },
          botsReplyAfterAssignment: false,
        },
        autoResolve: { mode: 'none', afterMs: 0 },
        chatTranscript: { toCompany: false, companyEmail: '', toVisitor: false },
      });
    });

    it('merges a patch key by key and keeps it', async () => {
      await setRules(app, { conversationRules: { routing: 'notifyEverybody' } });
      const after = (await setRules(app, { autoResolve: { mode: 'human', afterMs: 3_600_000 } })) as {
        conversationRules: { routing: string };
        autoResolve: { mode: string; afterMs: number };
      };
      expect(after.conversationRules.routing).to.equal('notifyEverybody');
      expect(after.autoResolve).to.deep.equal({ mode: 'human', afterMs: 3_600_000 });
      expect(responseOf(await call(app, `/admin/v1/apps/${app.appId}/rules`))).to.deep.equal(after);
    });

    it('reports every problem of a bad patch at once, and changes nothing', async () => {
      const before = responseOf(await call(app, `/admin/v1/apps/${app.appId}/rules`));
      const res = await call(app, `/admin/v1/apps/${app.appId}/rules`, {
        method: 'PATCH',
        body: {
          conversationRules: { routing: 'random', reassignAfterMs: -1, colour: 'red' },
          autoResolve: { mode: 'sometimes' },
          extra: 1,
        },
      });
      expect(res.status).to.equal(400);
      expect(codes(res).sort()).to.deep.equal(['PL-R-03', 'PL-R-03', 'PL-R-03', 'PL-R-04', 'PL-R-04']);
      const descriptions = (res.body as ApiError).errorResponse.map((e) => e.description).join(' | ');
      expect(descriptions).to.contain('conversationRules.routing must be one of automatic, notifyEverybody');
      expect(descriptions).to.contain('conversationRules.colour is not a known setting');
      for (const body of [
        { conversationRules: { botId: 'not-a-bot' } },
        { conversationRules: { botId: app.agentId } },
        { conversationRules: { defaultAgentId: app.botId } },
        { conversationRules: { channelBots: { whatsapp: 'ghost-bot' } } },
        { conversationRules: { teams: [{ teamId: 't', name: 'T', agentIds: ['ghost'] }] } },
        { conversationRules: { defaultTeamId: 'no-such-team' } },
        { conversationRules: { maxOpenPerAgent: 1.5 } },
        { conversationRules: 'automatic' },
      ]) {
        const bad = await call(app, `/admin/v1/apps/${app.appId}/rules`, { method: 'PATCH', body });
        expect([bad.status, errorCode(bad)], JSON.stringify(body)).to.deep.equal([400, 'PL-R-03']);
      }
      const malformed = await call(app, `/admin/v1/apps/${app.appId}/rules`, {
        method: 'PATCH',
        rawBody: '{"autoResolve":',
      });
      expect([malformed.status, errorCode(malformed)]).to.deep.equal([400, 'PL-R-01']);
      expect(responseOf(await call(app, `/admin/v1/apps/${app.appId}/rules`))).to.deep.equal(before);
    });

    it("needs the admin key, the app's key or an admin of the app", async () => {
      const path = `/admin/v1/apps/${app.appId}/rules`;
      const other = await createTestApp();
      const none = await call(app, path, { noKey: true });
      expect([none.status, errorCode(none)]).to.deep.equal([401, 'PL-K-02']);
      const foreign = await call(app, path, { headers: { 'Api-Key': other.apiKey } });
      expect([foreign.status, errorCode(foreign)]).to.deep.equal([403, 'PL-S-03']);
      const admin = await call(app, path, { headers: { 'Api-Key': app.adminKey } });
      expect(admin.status).to.equal(200);
      const unknownApp = await call(app, '/admin/v1/apps/no-such-app/rules', { headers: { 'Api-Key': app.adminKey } });
      expect([unknownApp.status, errorCode(unknownApp)]).to.deep.equal([404, 'PL-A-01']);
    });
  });

  describe('automatic assignment', () => {
    it('goes round robin among online agents, never to offline ones', async () => {
      const app = await createTestApp();
      await setRules(app, humanRouting);
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await Promise.all([agentSocket(app, amy.session), agentSocket(app, bob.session)]);
      const assignees: Array<string | undefined> = [];
      for (let i = 0; i < 4; i++) {
        assignees.push(
          (await createConversation(app, { groupName: `rr ${i}`, groupMemberList: [`rr-user-${i}`] })).assignee,
        );
      }
      expect(new Set(assignees)).to.deep.equal(new Set([amy.userId, bob.userId]));
      expect(assignees[0]).to.not.equal(assignees[1]);
      expect([assignees[2], assignees[3]]).to.deep.equal([assignees[0], assignees[1]]);
      expect(assignees).to.not.include(app.agentId);
    });

    it('skips agents at their maximum, and leaves the conversation waiting when everybody is', async () => {
      const app = await createTestApp();
      await setRules(app, { conversationRules: { botFirst: false, maxOpenPerAgent: 1 } });
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await Promise.all([agentSocket(app, amy.session), agentSocket(app, bob.session)]);
      const first = await createConversation(app, { groupName: 'one', groupMemberList: ['max-1'] });
      const second = await createConversation(app, { groupName: 'two', groupMemberList: ['max-2'] });
      const third = await createConversation(app, { groupName: 'three', groupMemberList: ['max-3'] });
      expect([first.assignee, second.assignee].sort()).to.deep.equal([amy.userId, bob.userId].sort());
      expect(third.assignee).to.equal(undefined);
      expect(third.members.map((m) => m.userId)).to.deep.equal(['max-3']);
    });

    it('routes a conversation to its team (metadata.teamId), else the default team', async () => {
      const app = await createTestApp();
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await Promise.all([agentSocket(app, amy.session), agentSocket(app, bob.session)]);
      await setRules(app, {
        conversationRules: {
          botFirst: false,
          teams: [
            { teamId: 'sales', name: 'Sales', agentIds: [bob.userId] },
            { teamId: 'support', name: 'Support', agentIds: [amy.userId] },
          ],
          defaultTeamId: 'support',
        },
      });
      for (let i = 0; i < 2; i++) {
        const sales = await createConversation(app, {
          groupName: 'sales',
          groupMemberList: [`team-${i}`],
          metadata: { teamId: 'sales' },
        });
        expect(sales.assignee).to.equal(bob.userId);
        const other = await createConversation(app, { groupName: 'other', groupMemberList: [`team-o-${i}`] });
        expect(other.assignee).to.equal(amy.userId);
      }
    });
  });

  describe('notify everybody', () => {
    let app: TestApp;
    let amy: Teammate;
    let olive: Teammate;
    before(async () => {
      app = await createTestApp();
      amy = await addTeammate(app, 'Amy');
      olive = await addTeammate(app, 'Olive', 'operator');
      await setRules(app, { conversationRules: { botFirst: false, routing: 'notifyEverybody' } });
    });

    it('leaves new conversations unassigned and tells every agent and operator', async () => {
      const [a, o] = await Promise.all([agentSocket(app, amy.session), agentSocket(app, olive.session)]);
      const toAmy = record(a, 'conversation');
      const toOlive = record(o, 'conversation');
      const c = await createConversation(app, { groupName: 'Everybody', groupMemberList: ['everybody-user'] });
      expect(c.assignee).to.equal(undefined);
      await eventually(() => toAmy.some((x) => x.groupId === c.groupId), 'the agent hears of it');
      await eventually(() => toOlive.some((x) => x.groupId === c.groupId), 'the operator hears of it');
      const list = responseOf(
        await request<Envelope<Conversation[]>>(`${app.url}/agent/v1/conversations?assigned=unassigned`, {
          headers: bearerOf(olive.session),
        }),
      );
      expect(list.map((x) => x.groupId)).to.include(c.groupId);
    });

    it('lets an operator take a conversation over, but not give it to others', async () => {
      const c = await createConversation(app, { groupName: 'Take', groupMemberList: ['take-user'] });
      const toOther = await call(
        app,
        `/rest/ws/group/assignee/change?groupId=${c.groupId}&assignee=${encodeURIComponent(amy.userId)}`,
        {
          method: 'PATCH',
          noKey: true,
          headers: bearerOf(olive.session),
        },
      );
      expect([toOther.status, errorCode(toOther)]).to.deep.equal([403, 'PL-S-03']);
      const self = await call(
        app,
        `/rest/ws/group/assignee/change?groupId=${c.groupId}&assignee=${encodeURIComponent(olive.userId)}&takeOverFromBot=true`,
        {
          method: 'PATCH',
          noKey: true,
          headers: bearerOf(olive.session),
        },
      );
      expect(responseOf(self)).to.equal('updated');
      expect(await assigneeOf(app, c.groupId)).to.equal(olive.userId);
    });

    it('hands bot conversations off to the default agent', async () => {
      const hand = await createTestApp();
      const [amy2, bob2] = [await addTeammate(hand, 'Amy'), await addTeammate(hand, 'Bob')];
      await agentSocket(hand, amy2.session);
      await setRules(hand, { conversationRules: { routing: 'notifyEverybody', defaultAgentId: bob2.userId } });
      const visitor = await visitorSession(hand);
      const c = await newConversation(hand, visitor);
      expect(c.assignee).to.equal(hand.botId);
      const socket = await connect(hand, { token: visitor.token });
      const updates = record(socket, 'conversation');
      await sendOverSocket(socket, { key: uniqueKey(), groupId: c.groupId, message: 'I want to talk to a human' });
      await eventually(
        () => updates.some((u) => u.groupId === c.groupId && u.assignee === bob2.userId),
        'the default agent takes over',
      );
    });
  });

  describe('bots', () => {
    it('bot first, then the bot hands off to an online agent when it cannot answer', async () => {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      const amySocket = await agentSocket(app, amy.session);
      const toAmy = record(amySocket, 'message');
      const visitor = await visitorSession(app);
      const c = await newConversation(app, visitor);
      expect(c.assignee).to.equal(app.botId);
      const socket = await connect(app, { token: visitor.token });
      const updates = record(socket, 'conversation');
      await sendOverSocket(socket, { key: uniqueKey(), groupId: c.groupId, message: 'my flux capacitor broke' });
      await eventually(
        () => updates.some((u) => u.groupId === c.groupId && u.assignee === amy.userId),
        'an online agent takes over',
      );
      await eventually(
        () => toAmy.some((m) => m.contentType === 10 && m.message === 'Assigned to Amy'),
        'the agent sees the notice',
      );
      const stored = await messagesAsAgent(app, amy.session, c.groupId);
      expect(stored.map((m) => m.fromUserName)).to.deep.equal([visitor.userId, app.botId, 'system']);
    });

    it('gives each channel its bot', async () => {
      const app = await createTestApp();
      await addBot(app, 'whatsapp-bot', 'WhatsApp Bot');
      await setRules(app, { conversationRules: { channelBots: { whatsapp: 'whatsapp-bot' } } });
      await visitorSession(app, { userId: 'wa-user' });
      const wa = await createConversation(app, {
        groupName: 'WA',
        groupMemberList: ['wa-user'],
        metadata: { channel: 'whatsapp' },
      });
      expect(wa.assignee).to.equal('whatsapp-bot');
      expect(wa.members.map((m) => m.userId))
        .to.include('whatsapp-bot')
        .and.not.include(app.botId);
      const web = await createConversation(app, { groupName: 'Web', groupMemberList: ['wa-user'] });
      expect(web.assignee).to.equal(app.botId);
      const { socket } = await visitorSays(app, 'wa-user', wa.groupId, 'hello');
      const pushed = record(socket, 'message');
      await eventually(
        () => pushed.some((m) => m.groupId === wa.groupId && m.fromUserName === 'whatsapp-bot'),
        'the channel bot answers',
      );
    });

    it('a configured botId takes new conversations', async () => {
      const app = await createTestApp();
      await addBot(app, 'main-bot', 'Main Bot');
      await setRules(app, { conversationRules: { botId: 'main-bot' } });
      const c = await createConversation(app, { groupName: 'Main', groupMemberList: ['main-user'] });
      expect(c.assignee).to.equal('main-bot');
    });
  });

  describe('reassignment', () => {
    it('moves a conversation waiting for a reply to an online agent when the assignee is away', async () => {
      const app = await createTestApp();
      await setRules(app, { conversationRules: { botFirst: false, reassignAfterMs: 300 } });
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      const amySocket = await agentSocket(app, amy.session);
      const waiting = await createConversation(app, { groupName: 'Waiting', groupMemberList: ['waiting-user'] });
      const answered = await createConversation(app, { groupName: 'Answered', groupMemberList: ['answered-user'] });
      expect([waiting.assignee, answered.assignee]).to.deep.equal([amy.userId, amy.userId]);
      await visitorSays(app, 'waiting-user', waiting.groupId, 'anyone there?');
      await visitorSays(app, 'answered-user', answered.groupId, 'question');
      responseOf(
        await call(app, '/rest/ws/message/v2/send', {
          body: { groupId: answered.groupId, message: 'answer', fromUserName: amy.userId },
        }),
      );
      const bobSocket = await agentSocket(app, bob.session);
      const toBob = record(bobSocket, 'conversation');
      amySocket.close();
      await eventually(
        () => toBob.some((c) => c.groupId === waiting.groupId && c.assignee === bob.userId),
        'Bob gets the waiting conversation',
      );
      expect(await assigneeOf(app, answered.groupId)).to.equal(amy.userId);
      const notices = (await messagesAsAgent(app, bob.session, waiting.groupId)).filter((m) => m.contentType === 10);
      expect(notices.map((m) => m.message)).to.deep.equal(['Assigned to Bob']);
    });
  });

  describe('auto-resolve', () => {
    /**
     * A conversation assigned to a human (Amy) and one assigned to the bot, in that order; then
     * the mode is switched on (after `ready`, which may connect sockets).
     */
    async function pair(mode: string, ready: (app: TestApp) => Promise<void> = async () => {}) {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      const human = await createConversation(app, {
        groupName: 'Human',
        groupMemberList: ['human-user', amy.userId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: amy.userId },
      });
      const bot = await createConversation(app, { groupName: 'Bot', groupMemberList: ['bot-user'] });
      await ready(app);
      await setRules(app, { autoResolve: { mode, afterMs: 300 } });
      return { app, human, bot };
    }

    it('"bot" resolves inactive bot conversations only, with a notice', async () => {
      let updates: Conversation[] = [];
      let notices: Message[] = [];
      const { app, human, bot } = await pair('bot', async (a) => {
        const socket = await connect(a, { token: (await visitorSession(a, { userId: 'bot-user' })).token });
        updates = record(socket, 'conversation');
        notices = record(socket, 'message');
      });
      await eventually(
        () => updates.some((c) => c.groupId === bot.groupId && c.status === 2),
        'the bot conversation resolves',
      );
      expect(await statusOf(app, human.groupId)).to.equal(0);
      await eventually(() => notices.some((m) => m.metadata['notice'] === 'autoResolved'), 'the visitor is told');
      expect(notices.find((m) => m.metadata['notice'] === 'autoResolved')!.message).to.equal(
        'Conversation resolved after a period of inactivity',
      );
    });

    it('"human" resolves inactive human conversations only', async () => {
      const { app, human, bot } = await pair('human');
      await eventually(async () => (await statusOf(app, human.groupId)) === 2, 'the human conversation resolves');
      expect(await statusOf(app, bot.groupId)).to.equal(0);
    });

    it('"all" resolves both, and activity keeps a conversation open', async () => {
      const { app, human, bot } = await pair('all');
      await eventually(
        async () => (await statusOf(app, human.groupId)) === 2 && (await statusOf(app, bot.groupId)) === 2,
        'both resolve',
      );
      await setRules(app, { autoResolve: { mode: 'all', afterMs: 60_000 } });
      const fresh = await createConversation(app, { groupName: 'Fresh', groupMemberList: ['fresh-user'] });
      const old = await createConversation(app, { groupName: 'Old', groupMemberList: ['old-user'] });
      await setRules(app, { autoResolve: { mode: 'all', afterMs: 1500 } });
      // Keep "fresh" active until "old" (created with it) has been resolved for inactivity.
      let keepAlive = 0;
      await eventually(async () => {
        keepAlive++;
        await call(app, '/rest/ws/message/v2/send', {
          body: { groupId: fresh.groupId, message: `still here ${keepAlive}`, fromUserName: app.agentId },
        });
        return (await statusOf(app, old.groupId)) === 2;
      }, 'the inactive one resolves');
      expect(await statusOf(app, fresh.groupId)).to.equal(0);
    });
  });

  describe('roles', () => {
    let app: TestApp;
    let amy: Teammate;
    let olive: Teammate;
    before(async () => {
      app = await createTestApp();
      amy = await addTeammate(app, 'Amy');
      olive = await addTeammate(app, 'Olive', 'operator');
    });

    it('operators see only the conversations assigned to them (REST and socket)', async () => {
      const oliveSocket = await agentSocket(app, olive.session);
      const toOlive = record(oliveSocket, 'message');
      const amys = await createConversation(app, {
        groupName: 'Amy only',
        groupMemberList: ['amy-visitor', amy.userId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: amy.userId },
      });
      const olives = await createConversation(app, {
        groupName: 'Olive only',
        groupMemberList: ['olive-visitor', olive.userId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: olive.userId },
      });
      const list = responseOf(
        await request<Envelope<Conversation[]>>(`${app.url}/agent/v1/conversations?assigned=all`, {
          headers: bearerOf(olive.session),
        }),
      );
      expect(list.map((c) => c.groupId)).to.deep.equal([olives.groupId]);
      for (const path of [
        `/agent/v1/conversations/${amys.groupId}`,
        `/agent/v1/conversations/${amys.groupId}/messages`,
      ]) {
        const res = await request(`${app.url}${path}`, { headers: bearerOf(olive.session) });
        expect([res.status, errorCode(res)], path).to.deep.equal([403, 'PL-S-03']);
      }
      const send = await call(app, '/rest/ws/message/v2/send', {
        noKey: true,
        headers: bearerOf(olive.session),
        body: { groupId: amys.groupId, message: 'x' },
      });
      expect([send.status, errorCode(send)]).to.deep.equal([403, 'PL-S-03']);
      const resolve = await call(app, `/rest/ws/group/status/change?groupId=${amys.groupId}&status=2`, {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(olive.session),
      });
      expect([resolve.status, errorCode(resolve)]).to.deep.equal([403, 'PL-S-03']);
      // Pushes: Amy's conversation's message is emitted first, Olive's second; Olive gets only hers.
      await visitorSays(app, 'amy-visitor', amys.groupId, 'for amy');
      await visitorSays(app, 'olive-visitor', olives.groupId, 'for olive');
      await eventually(() => toOlive.some((m) => m.groupId === olives.groupId), "Olive gets her visitor's message");
      expect(toOlive.map((m) => m.groupId)).to.not.include(amys.groupId);
    });

    it('operators see everything once the routing rule is "notify everybody" (live)', async () => {
      const socket = await agentSocket(app, olive.session);
      const pushed = record(socket, 'message');
      await setRules(app, { conversationRules: { routing: 'notifyEverybody' } });
      const c = await createConversation(app, {
        groupName: 'Everybody now',
        groupMemberList: ['now-visitor', amy.userId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: amy.userId },
      });
      await visitorSays(app, 'now-visitor', c.groupId, 'seen by all');
      await eventually(() => pushed.some((m) => m.groupId === c.groupId), 'the operator sees it');
      expect((await conversationAsAgent(app, olive.session, c.groupId)).groupId).to.equal(c.groupId);
      await setRules(app, { conversationRules: { routing: 'automatic' } });
    });

    it('admins change rules and roles; agents the rules but for the queue (roles table); operators neither', async () => {
      const rules = `/admin/v1/apps/${app.appId}/rules`;
      const agentRead = await call(app, rules, { noKey: true, headers: bearerOf(amy.session) });
      expect(agentRead.status).to.equal(200);
      const agentWrite = await call(app, rules, {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(amy.session),
        body: { autoResolve: { mode: 'all' } },
      });
      expect(agentWrite.status).to.equal(200);
      const agentQueue = await call(app, rules, {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(amy.session),
        body: { conversationRules: { queue: { enabled: true, showPosition: false } } },
      });
      expect([agentQueue.status, errorCode(agentQueue)]).to.deep.equal([403, 'PL-S-03']);
      const operatorRead = await call(app, rules, { noKey: true, headers: bearerOf(olive.session) });
      expect([operatorRead.status, errorCode(operatorRead)]).to.deep.equal([403, 'PL-S-03']);
      const admin = await adminSession(app);
      const adminWrite = await call(app, rules, {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(admin),
        body: { conversationRules: { maxOpenPerAgent: 5 } },
      });
      expect(adminWrite.status).to.equal(200);

      const teammate = (userId: string) => `/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(userId)}`;
      const agentPromotes = await call(app, teammate(olive.userId), {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(amy.session),
        body: { role: 'admin' },
      });
      expect([agentPromotes.status, errorCode(agentPromotes)]).to.deep.equal([403, 'PL-S-03']);
      const agentAdds = await call(app, `/admin/v1/apps/${app.appId}/teammates`, {
        method: 'POST',
        noKey: true,
        headers: bearerOf(amy.session),
        body: { email: 'new@team.test', userName: 'New', role: 'agent', password: 'long-password' },
      });
      expect([agentAdds.status, errorCode(agentAdds)]).to.deep.equal([403, 'PL-S-03']);
      const self = await call(app, teammate(app.agentId), {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(admin),
        body: { role: 'agent' },
      });
      expect([self.status, errorCode(self)]).to.deep.equal([403, 'PL-S-03']);
      const badRole = await call(app, teammate(olive.userId), {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(admin),
        body: { role: 'superhero' },
      });
      expect([badRole.status, errorCode(badRole)]).to.deep.equal([400, 'PL-R-03']);
      const ghost = await call(app, teammate('ghost@team.test'), {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(admin),
        body: { role: 'agent' },
      });
      expect([ghost.status, errorCode(ghost)]).to.deep.equal([404, 'AL-U-01']);

      const promoted = await call<{ role: string }>(app, teammate(olive.userId), {
        method: 'PATCH',
        noKey: true,
        headers: bearerOf(admin),
        body: { role: 'agent' },
      });
      expect(responseOf(promoted).role).to.equal('agent');
      // A role change ends the teammate's sessions: Olive signs in again, as an agent now.
      expect((await call(app, rules, { noKey: true, headers: bearerOf(olive.session) })).status).to.equal(401);
      const promotedOlive = responseOf(
        await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
          body: { appId: app.appId, email: olive.userId, password: olive.password },
        }),
      );
      expect((await call(app, rules, { noKey: true, headers: bearerOf(promotedOlive) })).status).to.equal(200);
      responseOf(
        await call(app, teammate(olive.userId), {
          method: 'PATCH',
          noKey: true,
          headers: bearerOf(admin),
          body: { role: 'operator' },
        }),
      );
      const team = responseOf(
        await call<Array<{ userId: string; role: string }>>(app, `/admin/v1/apps/${app.appId}/teammates`),
      );
      expect(team.find((t) => t.userId === olive.userId)?.role).to.equal('operator');
      expect(team.find((t) => t.userId === app.botId)?.role).to.equal('bot');
    });
  });
});
