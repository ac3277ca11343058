/**
 * An agent's own status ("Away"), on the live server: `GET|PUT /agent/v1/me/status` (who may
 * call it, what a bad body gets, the round trip, kept across reconnects), `agentsOnline` for
 * visitors (the `presence` event, the presence and away-message endpoints), the console's other
 * tabs (`agent:status`), and routing and reassignment skipping away agents.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Session } from '../../src/core/protocol.js';
import {
  addTeammate,
  agentSocket,
  bearerOf,
  call,
  conversationAsAgent,
  createConversation,
  setRules,
} from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

type Status = 'online' | 'away';
const STATUS = '/agent/v1/me/status';

function getStatus(app: TestApp, session: Session): Promise<JsonResponse<Envelope<{ status: Status }>>> {
  return request<Envelope<{ status: Status }>>(`${app.url}${STATUS}`, { headers: bearerOf(session) });
}

function putStatus(
  app: TestApp,
  session: Session,
  body: unknown,
  rawBody?: string,
): Promise<JsonResponse<Envelope<{ status: Status }>>> {
  return request<Envelope<{ status: Status }>>(`${app.url}${STATUS}`, {
    method: 'PUT',
    headers: bearerOf(session),
    ...(rawBody === undefined ? { body } : { rawBody }),
  });
}

async function setStatus(app: TestApp, session: Session, status: Status): Promise<Status> {
  return responseOf(await putStatus(app, session, { status })).status;
}

function statusAndCode(res: JsonResponse<unknown>): [number, string | undefined] {
  return [res.status, errorCode(res)];
}

async function agentsOnline(app: TestApp, visitor: Session): Promise<number> {
  const res = await request<Envelope<{ agentsOnline: number }>>(`${app.url}/widget/v1/presence`, {
    headers: bearerOf(visitor),
  });
  return responseOf(res).agentsOnline;
}

async function teammate(app: TestApp, userId: string) {
  const team = responseOf(
    await call<Array<{ userId: string; connected: boolean; status?: Status }>>(
      app,
      `/admin/v1/apps/${app.appId}/teammates`,
    ),
  );
  return team.find((p) => p.userId === userId);
}

describe('server: agent status (away)', () => {
  afterEach(() => closeSockets());

  describe('the endpoints', () => {
    let app: TestApp;
    let amy: Teammate;

    before(async () => {
      app = await createTestApp();
      amy = await addTeammate(app, 'Amy');
    });

    it('answer agents only: 401 PL-S-01 without or with a bad token, 403 PL-S-03 for visitors', async () => {
      const visitor = await visitorSession(app);
      for (const res of [await getStatus(app, visitor), await putStatus(app, visitor, { status: 'away' })])
        expect(statusAndCode(res)).to.deep.equal([403, 'PL-S-03']);
      const none = await request(`${app.url}${STATUS}`);
      expect(statusAndCode(none)).to.deep.equal([401, 'PL-S-01']);
      const bad = await request(`${app.url}${STATUS}`, {
        method: 'PUT',
        body: { status: 'away' },
        headers: { Authorization: 'Bearer not-a-token' },
      });
      expect(statusAndCode(bad)).to.deep.equal([401, 'PL-S-01']);
      // Refused calls changed nothing.
      expect(responseOf(await getStatus(app, amy.session)).status).to.equal('online');
    });

    it('refuses a bad body with the documented error envelope, and keeps the status', async () => {
      const missing = await putStatus(app, amy.session, {});
      expect(statusAndCode(missing)).to.deep.equal([400, 'PL-R-02']);
      expect(missing.body).to.deep.include({ status: 'error' });
      const item = (missing.body as ApiError).errorResponse[0];
      expect(item).to.deep.equal({
        errorCode: 'PL-R-02',
        description: 'status is required',
        displayMessage: 'unable to process',
      });
      for (const body of [{ status: 'busy' }, { status: true }, { status: 'AWAY' }, ['away'], 'away'])
        expect(statusAndCode(await putStatus(app, amy.session, body)), JSON.stringify(body)).to.deep.equal([
          400,
          'PL-R-03',
        ]);
      expect(statusAndCode(await putStatus(app, amy.session, undefined, '{"status": '))).to.deep.equal([
        400,
        'PL-R-01',
      ]);
      expect(responseOf(await getStatus(app, amy.session)).status).to.equal('online');
    });

    it('round trip: away, then online, also in /agent/v1/me and the teammates list', async () => {
      expect(await setStatus(app, amy.session, 'away')).to.equal('away');
      expect(responseOf(await getStatus(app, amy.session)).status).to.equal('away');
      const me = responseOf(
        await request<Envelope<{ status: Status }>>(`${app.url}/agent/v1/me`, {
          headers: bearerOf(amy.session),
        }),
      );
      expect(me.status).to.equal('away');
      expect((await teammate(app, amy.userId))?.status).to.equal('away');
      // Setting the status one has is fine.
      expect(await setStatus(app, amy.session, 'away')).to.equal('away');
      expect(await setStatus(app, amy.session, 'online')).to.equal('online');
      expect(responseOf(await getStatus(app, amy.session)).status).to.equal('online');
    });

    it("tells the agent's other console tabs (agent:status), not other agents", async () => {
      const bob = await addTeammate(app, 'Bob');
      const [tab1, tab2, bobSocket] = await Promise.all([
        agentSocket(app, amy.session),
        agentSocket(app, amy.session),
        agentSocket(app, bob.session),
      ]);
      const [seen1, seen2, seenByBob] = [
        record(tab1, 'agent:status'),
        record(tab2, 'agent:status'),
        record(bobSocket, 'agent:status'),
      ];
      await setStatus(app, amy.session, 'away');
      await eventually(
        () => seen1.some((e) => e.status === 'away') && seen2.some((e) => e.status === 'away'),
        'both of her tabs hear it',
      );
      await setStatus(app, amy.session, 'online');
      await eventually(() => seen2.at(-1)?.status === 'online', 'and the way back');
      await setStatus(app, bob.session, 'online');
      await eventually(() => seenByBob.length === 1, "Bob's own change reaches Bob");
      expect(seenByBob).to.deep.equal([{ status: 'online' }]);
      expect(seen1.map((e) => e.status)).to.deep.equal(['away', 'online']);
    });
  });

  describe('agentsOnline', () => {
    it('drops to 0 when the only connected agent goes away, and comes back when they return', async () => {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      const visitor = await visitorSession(app);
      const visitorSocket = await connect(app, { token: visitor.token });
      const presence = record(visitorSocket, 'presence');
      await agentSocket(app, amy.session);
      await eventually(() => presence.at(-1)?.agentsOnline === 1, 'Amy comes online');
      expect(await agentsOnline(app, visitor)).to.equal(1);

      await setStatus(app, amy.session, 'away');
      await eventually(() => presence.at(-1)?.agentsOnline === 0, 'Amy is away: nobody online');
      expect(await agentsOnline(app, visitor)).to.equal(0);
      const away = await request<{ code: string }>(`${app.url}/applications/${app.appId}/awaymessage`, {
        headers: bearerOf(visitor),
      });
      expect(away.body.code).to.equal('SUCCESS');

      await setStatus(app, amy.session, 'online');
      await eventually(() => presence.at(-1)?.agentsOnline === 1, 'Amy is back');
      const back = await request<{ code: string }>(`${app.url}/applications/${app.appId}/awaymessage`, {
        headers: bearerOf(visitor),
      });
      expect(back.body.code).to.equal('AGENTS_ONLINE');
      const changes = presence.map((p) => p.agentsOnline).slice(presence.findIndex((p) => p.agentsOnline === 1));
      expect(changes).to.deep.equal([1, 0, 1]);
    });

    it('stays away across a reconnect: the new socket does not count, and visitors hear nothing new', async () => {
      const app = await createTestApp();
      const amy = await addTeammate(app, 'Amy');
      await setStatus(app, amy.session, 'away');
      const visitor = await visitorSession(app);
      const visitorSocket = await connect(app, { token: visitor.token });
      const presence = record(visitorSocket, 'presence');
      /** Resolves once the server has answered the visitor socket (so what it sent before has arrived). */
      const barrier = () =>
        new Promise((resolve) => visitorSocket.emit('read', { groupId: 'no-such-group', id: 1 }, resolve));
      const first = await agentSocket(app, amy.session);
      await barrier();
      first.close();
      await eventually(async () => (await teammate(app, amy.userId))?.connected === false, 'Amy disconnected');
      const again = await agentSocket(app, amy.session);
      await barrier();
      expect(again.connected).to.equal(true);
      expect(presence.filter((p) => p.agentsOnline > 0)).to.deep.equal([]);
      expect(await agentsOnline(app, visitor)).to.equal(0);
      expect(responseOf(await getStatus(app, amy.session)).status).to.equal('away');
      expect((await teammate(app, amy.userId))?.status).to.equal('away');

      // Online again while connected: counts at once.
      await setStatus(app, amy.session, 'online');
      await eventually(() => presence.at(-1)?.agentsOnline === 1, 'Amy is back');
    });
  });

  describe('routing', () => {
    it('does not assign new conversations to an away agent', async () => {
      const app = await createTestApp();
      await setRules(app, { conversationRules: { botFirst: false, routing: 'automatic' } });
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await Promise.all([agentSocket(app, amy.session), agentSocket(app, bob.session)]);
      await setStatus(app, amy.session, 'away');
      const assignees: Array<string | undefined> = [];
      for (let i = 0; i < 3; i++)
        assignees.push(
          (await createConversation(app, { groupName: `a ${i}`, groupMemberList: [`a-user-${i}`] })).assignee,
        );
      expect(assignees).to.deep.equal([bob.userId, bob.userId, bob.userId]);

      // Everybody away: the conversation waits, unassigned.
      await setStatus(app, bob.session, 'away');
      const waiting = await createConversation(app, { groupName: 'nobody', groupMemberList: ['nobody-user'] });
      expect(waiting.assignee).to.equal(undefined);

      // Back: round robin includes Amy again.
      await setStatus(app, amy.session, 'online');
      const next = await createConversation(app, { groupName: 'back', groupMemberList: ['back-user'] });
      expect(next.assignee).to.equal(amy.userId);
    });

    it('reassigns a waiting conversation when its assignee goes away (socket still open)', async () => {
      const app = await createTestApp();
      await setRules(app, { conversationRules: { botFirst: false, reassignAfterMs: 300 } });
      const [amy, bob] = [await addTeammate(app, 'Amy'), await addTeammate(app, 'Bob')];
      await agentSocket(app, amy.session);
      const waiting = await createConversation(app, { groupName: 'Waiting', groupMemberList: ['wait-user'] });
      expect(waiting.assignee).to.equal(amy.userId);
      const visitor = await visitorSession(app, { userId: 'wait-user' });
      const ack = await sendOverSocket(await connect(app, { token: visitor.token }), {
        key: uniqueKey(),
        groupId: waiting.groupId,
        message: 'anyone there?',
      });
      expect(ack.ok).to.equal(true);
      const bobSocket = await agentSocket(app, bob.session);
      const toBob = record(bobSocket, 'conversation');
      await setStatus(app, amy.session, 'away');
      await eventually(
        () => toBob.some((c) => c.groupId === waiting.groupId && c.assignee === bob.userId),
        'Bob gets the waiting conversation',
      );
      expect((await conversationAsAgent(app, bob.session, waiting.groupId)).assignee).to.equal(bob.userId);
    });
  });
});
