/**
 * Sessions end: after a time without use (a server of this file's own with lifetimes of a few
 * seconds), when their owner signs out, and when an admin changes a teammate's password or role
 * or deactivates them — the token is refused and its sockets are closed at once. Also: the
 * teammate PATCH is one transaction (nobody reads half of it).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { call as pageCall, closeConsoles } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { addTeammate } from './platform-support.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  ownServer,
  request,
  responseOf,
  visitorSession,
} from './support.js';
import type { Envelope, ParleySocket, TestApp } from './support.js';

/** Staff sessions of the own server end after 3 s without use; visitors' after an hour. */
const STAFF_TTL_MS = 3000;
const OWN_SERVER = {
  server: 'sessions-ttl',
  env: { PARLEY_STAFF_SESSION_TTL: '3s', PARLEY_VISITOR_SESSION_TTL: '1h' },
};
/** Waiting for a lifetime to pass: bounded, by condition. */
const LIFETIME_WAIT = { timeout: 15000, interval: 100 };

/** A fresh app on this file's own server (short session lifetimes). */
async function ownApp(settings?: unknown): Promise<TestApp> {
  // A cold start on a busy machine can outlast one command: ownServer() asks again.
  const { url, adminKey } = await ownServer(OWN_SERVER.server, OWN_SERVER.env);
  const res = await request<Envelope<Omit<TestApp, 'url' | 'adminKey'>>>(`${url}/admin/v1/apps`, {
    body: settings === undefined ? {} : { settings },
    headers: { 'Api-Key': adminKey },
  });
  return { url, adminKey, ...responseOf(res) };
}

/** The socket's disconnections, as the client sees them. */
function disconnections(socket: ParleySocket): string[] {
  const seen: string[] = [];
  socket.on('disconnect', (reason) => seen.push(reason));
  return seen;
}

/** The error a connection attempt is refused with (undefined if it connected). */
function refusal(attempt: Promise<unknown>): Promise<Error | undefined> {
  return attempt.then(
    () => undefined,
    (err: Error) => err,
  );
}

/** `GET /agent/v1/me` with the token: [status, error code]. */
async function me(app: TestApp, session: Pick<Session, 'token'>): Promise<[number, string | undefined]> {
  const res = await request(`${app.url}/agent/v1/me`, { headers: { Authorization: `Bearer ${session.token}` } });
  return [res.status, errorCode(res)];
}

function teammatePath(app: TestApp, userId: string): string {
  return `${app.url}/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(userId)}`;
}

/** An admin's change of a teammate, with the app's key. */
function patchTeammate(app: TestApp, userId: string, body: unknown, headers: Record<string, string> = {}) {
  return request(teammatePath(app, userId), { method: 'PATCH', body, headers: { 'Api-Key': app.apiKey, ...headers } });
}

async function signIn(app: TestApp, email: string, password: string) {
  return request<Envelope<Session>>(`${app.url}/agent/v1/session`, { body: { appId: app.appId, email, password } });
}

/** Passwords the tests set, new for every run: nothing signs in with a fixed one. */
const newPassword = `pw-${crypto.randomUUID()}`;
const ownPassword = `pw-${crypto.randomUUID()}`;
const anotherPassword = `pw-${crypto.randomUUID()}`;

describe('server: sessions end', function () {
  this.timeout(30000);

  before(async function () {
    // The file's own server starts cold (a new database): not part of any test's time.
    this.timeout(180000);
    await ownServer(OWN_SERVER.server, OWN_SERVER.env);
  });

  afterEach(() => closeSockets());

  describe('after a time without use', () => {
    it('ends a staff session unused for its lifetime: the token is refused and its socket closed', async () => {
      const app = await ownApp();
      const signedInAt = Date.now();
      const agent = await agentSession(app);
      const socket = await connect(app, { token: agent.token });
      const closed = disconnections(socket);
      await waitUntil(() => closed.length > 0, 'the idle session ends and its socket is closed', LIFETIME_WAIT);
      expect(Date.now() - signedInAt).to.be.at.least(STAFF_TTL_MS - 500);
      expect(closed).to.deep.equal(['io server disconnect']);
      expect(await me(app, agent)).to.deep.equal([401, 'PL-S-01']);
      expect((await refusal(connect(app, { token: agent.token })))?.message).to.match(/^PL-S-01/);
      // Signing in again works.
      expect((await me(app, await agentSession(app)))[0]).to.equal(200);
    });

    it('keeps a session in use past its first deadline, while one signed in with it and left idle ends', async () => {
      const app = await ownApp();
      const busy = await agentSession(app);
      const idle = await agentSession(app);
      const idleClosed = disconnections(await connect(app, { token: idle.token }));
      const answers: number[] = [];
      // The busy token is used all along (each answer must be 200) until the idle one has ended:
      // its lifetime was refreshed by use, though no use wrote more than once per refresh interval.
      await waitUntil(
        async () => {
          answers.push((await me(app, busy))[0]);
          return idleClosed.length > 0;
        },
        'the idle session ends',
        LIFETIME_WAIT,
      );
      expect(new Set(answers)).to.deep.equal(new Set([200]));
      expect(await me(app, idle)).to.deep.equal([401, 'PL-S-01']);
      expect(await me(app, busy)).to.deep.equal([200, undefined]);
      const socket = await connect(app, { token: busy.token });
      expect(socket.connected).to.equal(true);
    });

    it("ends a visitor's session after the app's retention (sessionTimeout) when set, else after the visitors' lifetime", async () => {
      const retained = await ownApp({ chatWidget: { sessionTimeout: 3000 } });
      const plain = await ownApp();
      const shortVisitor = await visitorSession(retained);
      const visitor = await visitorSession(plain);
      const agent = await agentSession(plain);
      const shortClosed = disconnections(await connect(retained, { token: shortVisitor.token }));
      const visitorClosed = disconnections(await connect(plain, { token: visitor.token }));
      const agentClosed = disconnections(await connect(plain, { token: agent.token }));
      await waitUntil(
        () => shortClosed.length > 0 && agentClosed.length > 0,
        "the retained app's visitor and the staff member are signed out",
        LIFETIME_WAIT,
      );
      const conversations = (s: Session, app: TestApp) =>
        request(`${app.url}/widget/v1/conversations`, { headers: bearer(s) });
      const refused = await conversations(shortVisitor, retained);
      expect([refused.status, errorCode(refused)]).to.deep.equal([401, 'PL-S-01']);
      // Visitors live longer than staff: the other app's visitor, as idle, is still signed in.
      expect(visitorClosed).to.deep.equal([]);
      expect((await conversations(visitor, plain)).status).to.equal(200);
    });
  });

  describe('signing out', () => {
    let app: TestApp;

    before(async () => {
      app = await createTestApp();
    });

    it('DELETE /agent/v1/session ends that token only and closes its sockets', async () => {
      const first = await agentSession(app);
      const second = await agentSession(app);
      const firstClosed = disconnections(await connect(app, { token: first.token }));
      const other = await connect(app, { token: second.token });
      const out = await request<Envelope<boolean>>(`${app.url}/agent/v1/session`, {
        method: 'DELETE',
        headers: bearer(first),
      });
      expect(responseOf(out)).to.equal(true);
      await eventually(() => firstClosed.length > 0, 'the signed-out socket is closed');
      expect(await me(app, first)).to.deep.equal([401, 'PL-S-01']);
      expect((await refusal(connect(app, { token: first.token })))?.message).to.match(/^PL-S-01/);
      expect(await me(app, second)).to.deep.equal([200, undefined]);
      expect(other.connected).to.equal(true);
      const again = await request(`${app.url}/agent/v1/session`, { method: 'DELETE', headers: bearer(first) });
      expect([again.status, errorCode(again)]).to.deep.equal([401, 'PL-S-01']);
    });

    it("DELETE /widget/v1/session ends a visitor's token and closes its socket", async () => {
      const visitor = await visitorSession(app);
      const closed = disconnections(await connect(app, { token: visitor.token }));
      const out = await request(`${app.url}/widget/v1/session`, { method: 'DELETE', headers: bearer(visitor) });
      expect(out.status).to.equal(200);
      await eventually(() => closed.length > 0, "the visitor's socket is closed");
      const after = await request(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) });
      expect([after.status, errorCode(after)]).to.deep.equal([401, 'PL-S-01']);
    });

    it('the staff app\'s "Sign out" ends its token on the server', async () => {
      const page = await openDashboard(app.url);
      try {
        await signInDashboard(page, app.appId, app.agentId, app.agentPassword);
        const token = await page.eval<string>(
          pageCall(() => (JSON.parse(localStorage.getItem('parley-dashboard') ?? '{}') as { token: string }).token),
        );
        const session = { token };
        expect((await me(app, session))[0]).to.equal(200);
        await page.click('parley-dashboard header .sign-out');
        await page.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'Sign in'), 'the sign-in form is back');
        await eventually(async () => (await me(app, session))[0] === 401, 'the token is refused');
      } finally {
        await closeConsoles();
      }
    });
  });

  describe("an admin's change ends a teammate's sessions at once", () => {
    let app: TestApp;

    before(async () => {
      app = await createTestApp();
    });

    it('deactivation: the token is refused and the socket closed (it can send nothing more)', async () => {
      const amy = await addTeammate(app, 'Amy Agent');
      const socket = await connect(app, { token: amy.session.token });
      const closed = disconnections(socket);
      expect((await patchTeammate(app, amy.userId, { deactivated: true })).status).to.equal(200);
      await eventually(() => closed.length > 0, "the deactivated agent's socket is closed");
      expect(socket.connected).to.equal(false);
      expect(await me(app, amy.session)).to.deep.equal([401, 'PL-S-01']);
      expect((await refusal(connect(app, { token: amy.session.token })))?.message).to.match(/^PL-S-01/);
      // Reactivated, the old token stays ended: a new sign-in is needed.
      expect((await patchTeammate(app, amy.userId, { deactivated: false })).status).to.equal(200);
      expect(await me(app, amy.session)).to.deep.equal([401, 'PL-S-01']);
      expect((await signIn(app, amy.userId, amy.password)).status).to.equal(200);
    });

    it('a role change: the token is refused and the socket closed; signing in again gives the new role', async () => {
      const olive = await addTeammate(app, 'Olive Operator', 'operator');
      const closed = disconnections(await connect(app, { token: olive.session.token }));
      expect((await patchTeammate(app, olive.userId, { role: 'agent' })).status).to.equal(200);
      await eventually(() => closed.length > 0, "the operator's socket is closed");
      expect(await me(app, olive.session)).to.deep.equal([401, 'PL-S-01']);
      const again = responseOf(await signIn(app, olive.userId, olive.password));
      const mine = responseOf(
        await request<Envelope<{ user: { role: string } }>>(`${app.url}/agent/v1/me`, { headers: bearer(again) }),
      );
      expect(mine.user.role).to.equal('agent');
      // A change that is not one of these (the name) ends nothing.
      expect((await patchTeammate(app, olive.userId, { userName: 'Olive Agent' })).status).to.equal(200);
      expect((await me(app, again))[0]).to.equal(200);
    });

    it('a new password set by an admin: every session of theirs ends; the new password signs in', async () => {
      const sam = await addTeammate(app, 'Sam Support');
      const other = responseOf(await signIn(app, sam.userId, sam.password));
      const closed = disconnections(await connect(app, { token: sam.session.token }));
      expect((await patchTeammate(app, sam.userId, { password: newPassword })).status).to.equal(200);
      await eventually(() => closed.length > 0, "the teammate's socket is closed");
      expect(await me(app, sam.session)).to.deep.equal([401, 'PL-S-01']);
      expect(await me(app, other)).to.deep.equal([401, 'PL-S-01']);
      expect((await signIn(app, sam.userId, sam.password)).status).to.equal(401);
      expect((await signIn(app, sam.userId, newPassword)).status).to.equal(200);
    });

    it('an admin setting their own password keeps the session they did it with and ends the others', async () => {
      const admin = await addTeammate(app, 'Ada Admin', 'admin');
      const elsewhere = responseOf(await signIn(app, admin.userId, admin.password));
      const here = await connect(app, { token: admin.session.token });
      const elsewhereClosed = disconnections(await connect(app, { token: elsewhere.token }));
      const res = await request(teammatePath(app, admin.userId), {
        method: 'PATCH',
        body: { password: ownPassword },
        headers: bearer(admin.session),
      });
      expect(res.status).to.equal(200);
      await eventually(() => elsewhereClosed.length > 0, "the other session's socket is closed");
      expect(await me(app, elsewhere)).to.deep.equal([401, 'PL-S-01']);
      expect(await me(app, admin.session)).to.deep.equal([200, undefined]);
      expect(here.connected).to.equal(true);
    });
  });

  describe('the teammate PATCH is one transaction', () => {
    it('nobody reads half of a change (a new role without the new name while the password is hashed)', async () => {
      const app = await createTestApp();
      const tess = await addTeammate(app, 'Tess Before');
      const seen: Array<[string | undefined, string | undefined]> = [];
      let done = false;
      const change = patchTeammate(app, tess.userId, {
        role: 'admin',
        userName: 'Tess After',
        password: anotherPassword,
      }).finally(() => {
        done = true;
      });
      while (!done) {
        const team = responseOf(
          await request<Envelope<Array<{ userId: string; userName: string; role: string }>>>(
            `${app.url}/admin/v1/apps/${app.appId}/teammates`,
            { headers: { 'Api-Key': app.apiKey } },
          ),
        );
        const t = team.find((u) => u.userId === tess.userId);
        seen.push([t?.role, t?.userName]);
      }
      expect((await change).status).to.equal(200);
      const halves = seen.filter(([role, name]) => (role === 'admin') !== (name === 'Tess After'));
      expect(halves, 'reads of a half-applied change').to.deep.equal([]);
      const team = responseOf(
        await request<Envelope<Array<{ userId: string; userName: string; role: string }>>>(
          `${app.url}/admin/v1/apps/${app.appId}/teammates`,
          { headers: { 'Api-Key': app.apiKey } },
        ),
      );
      expect(team.find((u) => u.userId === tess.userId)).to.include({ role: 'admin', userName: 'Tess After' });
    });
  });
});
