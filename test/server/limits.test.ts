/**
 * Rate limits against the real server (demo/server/src/limits.ts). Every test file reaches the
 * servers from 127.0.0.1, so these tests run on servers of their own with low limits: 'limits'
 * (each kind of request counted only by its own test below; conversations and sockets other tests
 * need come from the Platform API's key, which is not limited, and from settings left high), and
 * 'limits-window' (a short window for sessions, and few sockets per address).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ApiError, ApiErrorItem, Conversation, Message, Session } from '../../src/core/protocol.js';
import { RedisLimitStore } from '../../demo/server/src/limit-store-redis.js';
import type { LimitScripts } from '../../demo/server/src/limit-store-redis.js';
import { call } from './platform-support.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  ownServer,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, ParleySocket, TestApp } from './support.js';

const LIMITS_ENV = {
  PARLEY_LIMIT_SIGN_IN_PER_IP: '6/10m',
  PARLEY_LIMIT_SIGN_IN_PER_ACCOUNT: '3/10m',
  PARLEY_LIMIT_CONVERSATIONS_PER_IP: '5/10m',
  PARLEY_LIMIT_CONVERSATIONS_PER_TOKEN: '3/10m',
  PARLEY_LIMIT_MESSAGES_PER_IP: '6/10m',
  PARLEY_LIMIT_MESSAGES_PER_TOKEN: '3/10m',
  PARLEY_LIMIT_TYPING_PER_IP: '5/10m',
  PARLEY_LIMIT_TYPING_PER_TOKEN: '3/10m',
  PARLEY_LIMIT_UPLOADS_PER_IP: '5/10m',
  PARLEY_LIMIT_UPLOADS_PER_TOKEN: '3/10m',
};
const WINDOW_ENV = {
  PARLEY_LIMIT_SESSIONS_PER_IP: '3/5s',
  PARLEY_LIMIT_SOCKETS_PER_IP: '3/10m',
};

/** A 429 in the documented shape, with a `Retry-After` of 1 to `maxSeconds` s (readable cross-origin). */
function expectTooMany(res: JsonResponse<unknown>, maxSeconds: number): void {
  expect([res.status, errorCode(res)]).to.deep.equal([429, 'PL-L-01']);
  const body = res.body as ApiError;
  expect(body.status).to.equal('error');
  expect(body.generatedAt).to.be.a('number');
  expect(body.errorResponse).to.have.length(1);
  expect(body.errorResponse[0]!.displayMessage).to.equal('unable to process');
  expect(body.errorResponse[0]!.description).to.match(/^too many requests: try again in \d+ s$/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter, `Retry-After: ${res.headers.get('retry-after')}`).to.be.within(1, maxSeconds);
}

function signIn(app: TestApp, body: Record<string, unknown>) {
  return request<Envelope<Session>>(`${app.url}/agent/v1/session`, { body: { appId: app.appId, ...body } });
}

/** A visitor with a userId of their own (so that the Platform API can put them in a conversation). */
async function namedVisitor(app: TestApp, prefix: string): Promise<Session> {
  return visitorSession(app, { userId: `${prefix}-${uniqueKey()}` });
}

/** A conversation of these visitors made with the app's key (not counted), without the bot. */
function sharedConversation(app: TestApp, ...visitors: Session[]): Promise<Conversation> {
  return call<Conversation>(app, '/rest/ws/group/conversation', {
    body: {
      groupName: 'limits',
      groupMemberList: visitors.map((v) => v.userId),
      metadata: { SKIP_ROUTING: true },
    },
  }).then(responseOf);
}

function sendRest(app: TestApp, session: Session, groupId: string): Promise<JsonResponse<Envelope<Message>>> {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message: 'hello', key: uniqueKey() },
    headers: bearer(session),
  });
}

function sendSocket(socket: ParleySocket, groupId: string) {
  return sendOverSocket(socket, { groupId, message: 'hello', key: uniqueKey() });
}

function upload(app: TestApp, session: Session, groupId: string): Promise<JsonResponse<unknown>> {
  const form = new FormData();
  form.append('file', new Blob([`notes ${uniqueKey()}`]), 'notes.txt');
  return fetch(`${app.url}/widget/v1/uploads?groupId=${encodeURIComponent(groupId)}`, {
    method: 'POST',
    headers: bearer(session),
    body: form,
  }).then(async (res) => ({ status: res.status, headers: res.headers, body: (await res.json()) as unknown }));
}

describe('server: rate limits', () => {
  let server: { url: string; adminKey: string };
  before(async function () {
    this.timeout(180000); // a cold start of the file's own server is no test's time
    server = await ownServer('limits', LIMITS_ENV);
  });
  after(async () => {
    await executeServerCommand('parley-server-stop', { server: 'limits' });
  });
  afterEach(() => closeSockets());

  it('stops password guessing: per account (any spelling), then per address', async () => {
    const app = await createTestApp(undefined, server);
    const other = { email: `other.${uniqueKey()}@team.test`, password: `pw-${crypto.randomUUID()}` };
    responseOf(
      await call(app, `/admin/v1/apps/${app.appId}/teammates`, {
        body: { ...other, userName: 'Other', role: 'agent' },
      }),
    );
    for (let i = 0; i < 3; i++) {
      const wrong = await signIn(app, { email: app.agentId, password: `guess ${i}` });
      expect([wrong.status, errorCode(wrong)]).to.deep.equal([401, 'PL-S-01']);
    }
    // The account's budget is spent: even the right password waits, whatever the spelling.
    expectTooMany(await signIn(app, { email: app.agentId.toUpperCase(), password: app.agentPassword }), 600);
    // Another account from the same address still signs in…
    for (let i = 0; i < 2; i++) responseOf(await signIn(app, other));
    // …until the address has made its 6 attempts: then nobody from it, known account or not.
    expectTooMany(await signIn(app, { email: `nobody.${uniqueKey()}@team.test`, password: 'x' }), 600);
    expectTooMany(await signIn(app, other), 600);
  });

  it('limits conversations per session token, then per address; the Api-Key is not limited', async () => {
    const app = await createTestApp(undefined, server);
    const [a, b] = [await namedVisitor(app, 'conv-a'), await namedVisitor(app, 'conv-b')];
    const create = (s: Session) =>
      request(`${app.url}/widget/v1/conversations`, { body: { skipRouting: true }, headers: bearer(s) });
    for (let i = 0; i < 3; i++) responseOf(await create(a));
    expectTooMany(await create(a), 600);
    // b has a budget of its own (so a's refusal was per token), until the address's 5 are spent.
    responseOf(await create(b));
    expectTooMany(await create(b), 600);
    await sharedConversation(app, a, b);
  });

  it('limits messages per token over REST and socket together, then per address', async () => {
    const app = await createTestApp(undefined, server);
    const [a, b] = [await namedVisitor(app, 'msg-a'), await namedVisitor(app, 'msg-b')];
    const { groupId } = await sharedConversation(app, a, b);
    const [socketA, socketB] = [await connect(app, { token: a.token }), await connect(app, { token: b.token })];
    responseOf(await sendRest(app, a, groupId));
    expect((await sendSocket(socketA, groupId)).ok).to.equal(true);
    responseOf(await sendRest(app, a, groupId));
    // a's three are spent, on either way in.
    const refused = await sendSocket(socketA, groupId);
    expect(refused.ok).to.equal(false);
    if (!refused.ok) {
      expect(refused.error.errorCode).to.equal('PL-L-01');
      expect(refused.error.description).to.match(/^too many requests: try again in \d+ s$/);
    }
    expectTooMany(await sendRest(app, a, groupId), 600);
    // b's own budget, until the address has sent 6 (refusals count too).
    expect((await sendSocket(socketB, groupId)).ok).to.equal(true);
    expectTooMany(await sendRest(app, b, groupId), 600);
    // An integration with the app's key is not limited; nothing refused was stored.
    const byKey = await call<Message>(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'from the integration', fromUserName: app.agentId },
    });
    responseOf(byKey);
    const stored = responseOf(
      await request<Envelope<Message[]>>(`${app.url}/widget/v1/conversations/${groupId}/messages`, {
        headers: bearer(b),
      }),
    );
    expect(stored.filter((m) => m.message === 'hello')).to.have.length(4);
  });

  it('limits typing per token, then per address (events over the limit are dropped)', async () => {
    const app = await createTestApp(undefined, server);
    const [a, b] = [await namedVisitor(app, 'typ-a'), await namedVisitor(app, 'typ-b')];
    const { groupId } = await sharedConversation(app, a, b);
    const [socketA, socketB] = [await connect(app, { token: a.token }), await connect(app, { token: b.token })];
    const [typingToA, readsToA, typingToB, readsToB] = [
      record(socketA, 'typing'),
      record(socketA, 'read'),
      record(socketB, 'typing'),
      record(socketB, 'read'),
    ];
    /** A read receipt is relayed after the typing events sent before it: once heard, they have been too. */
    const barrier = async (from: ParleySocket, by: Session, heard: Array<{ userId: string }>) => {
      await new Promise((resolve) => from.emit('read', { groupId, id: 1 }, resolve));
      await eventually(() => heard.some((e) => e.userId === by.userId), 'the read receipt is relayed');
    };
    // a types four times: the fourth is over a's budget of 3.
    for (const typing of [true, false, true, false]) socketA.emit('typing', { groupId, typing });
    await eventually(() => typingToB.length >= 3, "b sees a's first three");
    await barrier(socketA, a, readsToB);
    expect(typingToB.map((e) => e.typing)).to.deep.equal([true, false, true]);
    // b has a budget of its own, but the address has one event left of its 5.
    for (const typing of [true, false]) socketB.emit('typing', { groupId, typing });
    await eventually(() => typingToA.length >= 1, "a sees b's first");
    await barrier(socketB, b, readsToA);
    expect(typingToA.map((e) => e.typing)).to.deep.equal([true]);
  });

  it('limits uploads per token, then per address, and keeps nothing of a refused one', async () => {
    const app = await createTestApp(undefined, server);
    const [a, b] = [await namedVisitor(app, 'up-a'), await namedVisitor(app, 'up-b')];
    const { groupId } = await sharedConversation(app, a, b);
    const storage = async () =>
      responseOf(
        await request<Envelope<{ blobs: number; partial: number }>>(`${app.url}/admin/v1/storage`, {
          headers: { 'Api-Key': app.adminKey },
        }),
      );
    for (let i = 0; i < 3; i++) expect((await upload(app, a, groupId)).status).to.equal(200);
    const before = await storage();
    expectTooMany(await upload(app, a, groupId), 600);
    expect((await upload(app, b, groupId)).status).to.equal(200);
    expectTooMany(await upload(app, b, groupId), 600);
    const usage = await storage();
    expect([usage.blobs, usage.partial]).to.deep.equal([before.blobs + 1, 0]);
  });
});

describe('server: rate limits per address, over time', () => {
  let server: { url: string; adminKey: string };
  before(async function () {
    this.timeout(180000); // a cold start of the file's own server is no test's time
    server = await ownServer('limits-window', WINDOW_ENV);
  });
  after(async () => {
    await executeServerCommand('parley-server-stop', { server: 'limits-window' });
  });
  afterEach(() => closeSockets());

  it('limits new sessions per address, and the budget comes back when the window ends', async () => {
    const app = await createTestApp(undefined, server);
    const create = () => request(`${app.url}/widget/v1/session`, { body: { appId: app.appId } });
    for (let i = 0; i < 3; i++) responseOf(await create());
    const refused = await create();
    expectTooMany(refused, 5);
    // Asking again while refused does not move the window: the first answer after it is a session.
    let last = refused;
    await waitUntil(
      async () => {
        last = await create();
        return last.status !== 429;
      },
      'sessions are allowed again after the window',
      { timeout: 15000, interval: 250 },
    );
    expect(last.status).to.equal(200);
  });

  it('limits socket connections per address, before they are authenticated', async () => {
    const app = await createTestApp(undefined, server);
    const agent = responseOf(
      await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
        body: { appId: app.appId, email: app.agentId, password: app.agentPassword },
      }),
    );
    type Refusal = Error & { data?: ApiErrorItem };
    const refusal = (token: string) =>
      connect(app, { token }).then(
        () => undefined,
        (err: Refusal) => err,
      );
    // A connection with a bad token counts too.
    expect((await refusal('not-a-token'))?.data?.errorCode).to.equal('PL-S-01');
    for (let i = 0; i < 2; i++) await connect(app, { token: agent.token });
    const refused = await refusal(agent.token);
    expect(refused, 'the fourth connection is refused').to.be.instanceOf(Error);
    expect(refused?.message).to.match(/^PL-L-01 too many requests: try again in \d+ s$/);
    expect(refused?.data).to.include({ errorCode: 'PL-L-01', displayMessage: 'unable to process' });
  });
});

describe('server: rate-limit counters in Redis (limit-store-redis.ts)', () => {
  /** A Redis stand-in: answers the script with its own counters, or fails, or never answers. */
  function fakeRedis(mode: { value: 'up' | 'down' | 'silent' }) {
    const counts = new Map<string, number>();
    const calls: Array<{ keys: string[]; arguments: string[] }> = [];
    const redis: LimitScripts = {
      get isReady() {
        return mode.value !== 'down';
      },
      eval(_script, options) {
        calls.push(options);
        if (mode.value === 'silent') return new Promise(() => {});
        const key = options.keys[0]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return Promise.resolve([counts.get(key)!, 4000]);
      },
    };
    return { redis, calls };
  }
  function logs() {
    const lines: string[] = [];
    return {
      lines,
      log: {
        info: (m: unknown) => lines.push(`info ${String(m)}`),
        error: (m: unknown) => lines.push(`error ${String(m)}`),
      },
    };
  }

  it("counts under the deployment's prefix and answers the window's end from Redis's PTTL", async () => {
    const mode = { value: 'up' as const };
    const { redis, calls } = fakeRedis(mode);
    const store = new RedisLimitStore(redis, 'acme', logs().log);
    await store.hit('messagesPerIp:10.0.0.1', 60000, 1000);
    expect(await store.hit('messagesPerIp:10.0.0.1', 60000, 2000)).to.deep.equal({ count: 2, resetAt: 6000 });
    expect(calls[0]).to.deep.equal({ keys: ['acme:limit:messagesPerIp:10.0.0.1'], arguments: ['60000'] });
  });

  it('counts in memory while Redis is down or silent, logs one line per outage, and goes back', async () => {
    const mode: { value: 'up' | 'down' | 'silent' } = { value: 'down' };
    const { redis } = fakeRedis(mode);
    const { lines, log } = logs();
    const store = new RedisLimitStore(redis, 'acme', log, 50);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await store.hit('k', 60000, 1000)).count);
    expect(counts).to.deep.equal([1, 2, 3]);
    // Connected but not answering: each check waits the time-out at most, then counts in memory.
    mode.value = 'silent';
    const started = performance.now();
    expect((await store.hit('k', 60000, 1000)).count).to.equal(4);
    expect(performance.now() - started).to.be.below(1000);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^error rate limits: Redis unavailable/);
    mode.value = 'up';
    expect((await store.hit('k', 60000, 1000)).count).to.equal(1);
    expect(store.degraded).to.equal(false);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.match(/^info rate limits: Redis answers again/);
  });
});
