/**
 * The permission table on every door. The server lists its own registered routes and socket
 * events with the permission each needs (`GET /admin/v1/permissions`, built from the router and
 * the socket layer — not a list written here); every route is then called with every credential
 * the table knows, and every event sent on every socket that can be opened. What the table grants
 * must get past the door (any answer but 401/403), what it does not must be refused (401 without
 * valid credentials, 403 naming the permission). A route without an entry fails this test; so
 * does a table change whose behaviour does not follow.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { call as evalCall, closeConsoles, openTab } from '../helpers/console-page.js';
import type { ConsolePage } from '../helpers/console-page.js';
import { addTeammate, call } from './platform-support.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  eventually,
  liveServer,
  newConversation,
  record,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, ParleySocket, TestApp } from './support.js';

interface Table {
  credentials: string[];
  grants: Record<string, string[]>;
  routes: Array<{ route: string; permission: string | null }>;
  events: Array<{ event: string; permission: string | null }>;
}

/** Everything a route's path can name, made fresh for each route (some calls change things). */
interface World {
  app: TestApp;
  headers: Record<string, Record<string, string> | undefined>;
  sessions: Record<string, Session>;
  params: Record<string, string>;
}

let other: TestApp;

async function world(): Promise<World> {
  const app = await createTestApp();
  const owner = await agentSession(app);
  const [admin, agent, operator, target] = await Promise.all([
    addTeammate(app, 'Ada Admin', 'admin'),
    addTeammate(app, 'Gus Agent', 'agent'),
    addTeammate(app, 'Olive Operator', 'operator'),
    // The teammate the teammate routes name: an operator, whom every role that manages anybody
    // may change or delete (who may do what to whom is test/server/people.test.ts's).
    addTeammate(app, 'Tess Target', 'operator'),
  ]);
  const visitor = await visitorSession(app);
  // Everybody is in the conversation (the operator as its assignee), so that what the object
  // allows never hides what the table allows.
  const conversation = await newConversation(app, visitor, {
    agentIds: [owner.userId, admin.userId, agent.userId],
    assignee: operator.userId,
  });
  const form = new FormData();
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
  const upload = await fetch(`${app.url}/widget/v1/uploads?groupId=${conversation.groupId}`, {
    method: 'POST',
    headers: bearer(visitor),
    body: form,
  });
  const blobKey = ((await upload.json()) as { response: { blobKey: string } }).response.blobKey;
  const reply = responseOf(
    await request<Envelope<{ id: number }>>(`${app.url}/agent/v1/quick-replies`, {
      body: { shortcut: `hi${uniqueKey()}`, message: 'Hello!' },
      headers: bearer(owner),
    }),
  );
  const sessions: Record<string, Session> = {
    // The app's owner is its super admin once the role exists; until then an admin.
    superadmin: owner,
    admin: admin.session,
    agent: agent.session,
    operator: operator.session,
    visitor,
  };
  const { adminKey } = await liveServer();
  return {
    app,
    sessions,
    params: { appId: app.appId, groupId: conversation.groupId, blobKey, id: String(reply.id), userId: target.userId },
    headers: {
      none: {},
      adminKey: { 'Api-Key': adminKey },
      apiKey: { 'Api-Key': app.apiKey },
      otherAppKey: { 'Api-Key': other.apiKey },
      ...Object.fromEntries(Object.entries(sessions).map(([k, s]) => [k, bearer(s)])),
      // Bots answer through the server and have no session: nothing to call with.
      bot: undefined,
    },
  };
}

/** The order credentials are tried in: a key rotation by one must not stale another's key. */
const ORDER = ['none', 'otherAppKey', 'apiKey', 'adminKey', 'visitor', 'operator', 'agent', 'admin', 'superadmin'];

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Sends requests one after another from a tab at the server's own origin (the staff app's page),
 * so that what answers is the server's door, not the browser's cross-origin rules for headers.
 */
function sendAll(page: ConsolePage, list: Sent[]): Promise<Array<{ status: number; description: string }>> {
  return page.eval(
    evalCall(async (requests: Sent[]) => {
      const out: Array<{ status: number; description: string }> = [];
      for (const r of requests) {
        const headers: Record<string, string> = { ...r.headers };
        if (r.body !== undefined) headers['Content-Type'] = 'application/json';
        // No cache: a file another credential read must not answer from the browser's copy.
        const res = await fetch(r.path, {
          method: r.method,
          cache: 'no-store',
          headers,
          body: r.body === undefined ? undefined : JSON.stringify(r.body),
        });
        const text = await res.text();
        let description = '';
        try {
          description =
            (JSON.parse(text) as { errorResponse?: Array<{ description: string }> }).errorResponse?.[0]?.description ??
            '';
        } catch {
          /* not JSON (a file) */
        }
        out.push({ status: res.status, description });
      }
      return out;
    }, list),
  );
}

function pathOf(route: string, params: Record<string, string>): { method: string; path: string } {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x'));
  return { method, path };
}

describe('server: the permission table on every door', function () {
  this.timeout(600000);
  let table: Table;

  before(async () => {
    const { url, adminKey } = await liveServer();
    table = responseOf(
      await request<Envelope<Table>>(`${url}/admin/v1/permissions`, { headers: { 'Api-Key': adminKey } }),
    );
    other = await createTestApp();
  });
  afterEach(async () => {
    closeSockets();
    await closeConsoles();
  });

  it('names a permission for every registered route and socket event', () => {
    expect(table.routes.length).to.be.above(40);
    expect(table.routes.filter((r) => r.permission === null).map((r) => r.route)).to.deep.equal([]);
    expect(table.events.map((e) => e.event)).to.include.members(['connect', 'message:send', 'typing', 'read']);
    expect(table.events.filter((e) => e.permission === null).map((e) => e.event)).to.deep.equal([]);
    // Every credential is tried below, but a bot: it has no session to try with.
    expect([...ORDER, 'bot'].sort()).to.deep.equal([...table.credentials].sort());
    expect(table.grants['bot']).to.deep.equal(['public']);
  });

  it('lets through what the table grants and refuses the rest, on every route', async () => {
    const wrong: string[] = [];
    const page = await openTab(`${(await liveServer()).url}/dashboard/`);
    for (const { route, permission } of table.routes) {
      const w = await world();
      const { method, path } = pathOf(route, w.params);
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const answers = await sendAll(
        page,
        ORDER.map((credential) => ({
          method,
          path: `${path}?appId=${encodeURIComponent(w.app.appId)}`,
          headers: w.headers[credential]!,
          ...(body === undefined ? {} : { body }),
        })),
      );
      for (const [i, credential] of ORDER.entries()) {
        const res = answers[i]!;
        // Where the path names no app, another app's key is simply an Api-Key — of its own app,
        // so it must not reach this app's objects.
        const foreign = credential === 'otherAppKey' && !route.includes(':appId');
        const as = foreign ? 'apiKey' : credential;
        const granted = permission !== null && table.grants[as]!.includes(permission);
        if (foreign && permission !== 'public' && res.status < 300)
          wrong.push(`${route} gave another app's key this app's data (${res.status})`);
        const refused = res.status === 401 || res.status === 403;
        const description = res.description;
        // A role refusal names the permission it needed; other 403s are about the object.
        const byRole = res.status === 401 || (res.status === 403 && description.includes('(it needs "'));
        if (granted && byRole) wrong.push(`${route} refused ${credential} (${res.status} ${description})`);
        if (!granted && !refused) wrong.push(`${route} let ${credential} through (${res.status})`);
        if (!granted && res.status === 403 && !description.includes(`"${permission}"`))
          wrong.push(`${route} refused ${credential} without naming "${permission}": ${description}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('lets every credential that may chat open a socket and use every event; refuses the rest', async () => {
    const w = await world();
    const events = Object.fromEntries(table.events.map((e) => [e.event, e.permission]));
    const wrong: string[] = [];
    const sockets: Record<string, ParleySocket> = {};
    for (const credential of ORDER) {
      const session = w.sessions[credential];
      const granted = session !== undefined && table.grants[credential]!.includes(events['connect']!);
      const token = session?.token ?? (credential === 'none' ? '' : (w.headers[credential]!['Api-Key'] ?? ''));
      const opened = await connect(w.app, { token }).then(
        (s) => s,
        () => undefined,
      );
      if (opened) sockets[credential] = opened;
      if (granted !== Boolean(opened)) wrong.push(`connect: ${credential} ${granted ? 'refused' : 'let in'}`);
    }
    const groupId = w.params['groupId']!;
    const typedToVisitor = record(sockets['visitor']!, 'typing');
    const typedToOwner = record(sockets['superadmin']!, 'typing');
    for (const [credential, socket] of Object.entries(sockets)) {
      const granted = (event: string) => table.grants[credential]!.includes(events[event]!);
      const sent = await new Promise<{ ok: boolean; error?: { description: string } }>((resolve) =>
        socket.emit('message:send', { key: uniqueKey(), groupId, message: `from ${credential}` }, resolve),
      );
      if (granted('message:send') !== sent.ok) wrong.push(`message:send ${credential}: ${JSON.stringify(sent)}`);
      const read = await new Promise<{ ok: boolean; error?: { description: string } }>((resolve) =>
        socket.emit('read', { groupId, id: 1 }, resolve),
      );
      if (granted('read') !== read.ok) wrong.push(`read ${credential}: ${JSON.stringify(read)}`);
      if (granted('typing')) {
        socket.emit('typing', { groupId, typing: true });
        const userId = w.sessions[credential]!.userId;
        const seen = credential === 'visitor' ? typedToOwner : typedToVisitor;
        await eventually(() => seen.some((t) => t.userId === userId), `${credential}'s typing arrives`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it("refuses staff on the widget's visitor endpoints: an operator unassigned from a chat cannot read it there", async () => {
    const app = await createTestApp();
    const operator = await addTeammate(app, 'Otto Operator', 'operator');
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor, { assignee: operator.userId });
    for (const path of [`/widget/v1/conversations/${c.groupId}/messages`, `/widget/v1/conversations/${c.groupId}`]) {
      const res = await request(`${app.url}${path}`, { headers: bearer(operator.session) });
      expect(res.status, path).to.equal(403);
    }
    const posted = await request(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: c.groupId, message: 'still here' },
      headers: bearer(operator.session),
    });
    expect(posted.status).to.equal(403);
    // An operator has no access to Users: visitors' e-mail and phone stay hidden.
    const detail = await call(app, '/rest/ws/user/v2/detail', {
      noKey: true,
      body: { userIdList: [visitor.userId] },
      headers: bearer(operator.session),
    });
    expect(detail.status).to.equal(403);
  });
});
