/**
 * What a stranger can send the server: oversized metadata, NULs and lone surrogates in JSON
 * (keys included), bodies nested too deep — each refused with 400 or stored cleaned, never a
 * 500 — plus `nosniff` on every answer of the router and a logger that prints no data.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Conversation, Message, Session } from '../../src/core/protocol.js';
import { METADATA_LIMITS, cleanJson, metadata } from '../../demo/server/src/input.js';
import { createLogger } from '../../demo/server/src/log.js';
import type { LogLevel } from '../../demo/server/src/log.js';
import { closeConsoles, openTab } from '../helpers/console-page.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  history,
  newConversation,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

/** A NUL in a metadata key and lone surrogates in the text and a metadata value. */
const HOSTILE = {
  message: 'broken \ud800 emoji',
  metadata: { 'a\u0000b': 'x\udc00y', skipBot: 'true' },
} as const;
/** What the server stores for `HOSTILE`: NUL removed, each lone surrogate → U+FFFD. */
const CLEANED = {
  message: 'broken \ufffd emoji',
  metadata: { ab: 'x\ufffdy', skipBot: 'true' },
} as const;

function description(res: JsonResponse<unknown>): string {
  return (res.body as ApiError).errorResponse[0]!.description;
}

/** `n` metadata entries `k0…` with short values. */
function manyKeys(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));
}

describe('server: hostile input', () => {
  let app: TestApp;
  let visitor: Session;
  let conversation: Conversation;

  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
    conversation = await newConversation(app, visitor, { metadata: { skipBot: 'true' } });
  });
  afterEach(() => closeSockets());

  function widgetSend(body: Record<string, unknown>) {
    return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
      body: { key: uniqueKey(), groupId: conversation.groupId, message: 'hello', ...body },
      headers: bearer(visitor),
    });
  }

  function apiSend(body: Record<string, unknown>) {
    return request<Envelope<Message>>(`${app.url}/rest/ws/message/v2/send`, {
      body: { groupId: conversation.groupId, message: 'hello', fromUserName: app.agentId, ...body },
      headers: { 'Api-Key': app.apiKey },
    });
  }

  /** The server still answers an ordinary message after the hostile one. */
  async function stillWorks(): Promise<void> {
    const res = await widgetSend({ message: 'still here', metadata: { skipBot: 'true' } });
    expect(res.status).to.equal(200);
  }

  describe('metadata caps', () => {
    it('refuses 900 KB of metadata on one message with 400 PL-R-03 naming the field and the cap', async () => {
      const res = await widgetSend({ metadata: { skipBot: 'true', big: 'x'.repeat(900_000) } });
      expect([res.status, errorCode(res)]).to.deep.equal([400, 'PL-R-03']);
      expect(description(res)).to.equal(`metadata.big must be at most ${METADATA_LIMITS.valueLength} characters`);
      const api = await apiSend({ metadata: { big: 'x'.repeat(900_000) } });
      expect([api.status, errorCode(api)]).to.deep.equal([400, 'PL-R-03']);
      await stillWorks();
    });

    it('stores metadata at the caps: 100 keys and a 10,000-character value', async () => {
      const meta = { ...manyKeys(METADATA_LIMITS.keys - 2), skipBot: 'true', payload: 'p'.repeat(10_000) };
      const res = await widgetSend({ metadata: meta });
      const stored = responseOf(res);
      expect(Object.keys(stored.metadata)).to.have.length(METADATA_LIMITS.keys);
      const again = (await history(app, visitor, conversation.groupId)).find((m) => m.key === stored.key);
      expect(again?.metadata['payload']).to.have.length(10_000);
    });

    it('refuses more than 100 keys, a key over 100 characters, and more than 16 KB in all', async () => {
      const tooMany = await widgetSend({ metadata: manyKeys(METADATA_LIMITS.keys + 1) });
      expect([tooMany.status, errorCode(tooMany)]).to.deep.equal([400, 'PL-R-03']);
      expect(description(tooMany)).to.equal('metadata must have at most 100 keys');

      const longKey = await widgetSend({ metadata: { ['k'.repeat(101)]: 'v' } });
      expect([longKey.status, errorCode(longKey)]).to.deep.equal([400, 'PL-R-03']);
      expect(description(longKey)).to.equal('metadata keys must be at most 100 characters');

      // Each value is under its cap; together they are not.
      const tooBig = await widgetSend({ metadata: { a: 'x'.repeat(9_000), b: 'y'.repeat(9_000) } });
      expect([tooBig.status, errorCode(tooBig)]).to.deep.equal([400, 'PL-R-03']);
      expect(description(tooBig)).to.equal('metadata must be at most 16384 bytes as JSON');
      await stillWorks();
    });

    it('caps conversation and session metadata too', async () => {
      const conv = await request(`${app.url}/widget/v1/conversations`, {
        body: { metadata: manyKeys(METADATA_LIMITS.keys + 1) },
        headers: bearer(visitor),
      });
      expect([conv.status, errorCode(conv)]).to.deep.equal([400, 'PL-R-03']);
      const session = await request(`${app.url}/widget/v1/session`, {
        body: { appId: app.appId, metadata: { big: 'x'.repeat(20_000) } },
      });
      expect([session.status, errorCode(session)]).to.deep.equal([400, 'PL-R-03']);
    });
  });

  describe('NUL and lone surrogates', () => {
    it('a widget REST send stores them cleaned', async () => {
      const stored = responseOf(await widgetSend({ ...HOSTILE }));
      expect(stored.message).to.equal(CLEANED.message);
      expect(stored.metadata).to.deep.equal(CLEANED.metadata);
      const again = (await history(app, visitor, conversation.groupId)).find((m) => m.key === stored.key);
      expect(again?.metadata).to.deep.equal(CLEANED.metadata);
      await stillWorks();
    });

    it('a Platform API send stores them cleaned', async () => {
      const stored = responseOf(await apiSend({ ...HOSTILE }));
      expect(stored.message).to.equal(CLEANED.message);
      expect(stored.metadata).to.include(CLEANED.metadata);
      await stillWorks();
    });

    it('a conversation created with them stores its metadata cleaned', async () => {
      const created = await newConversation(app, visitor, {
        groupName: 'name \ud83d',
        metadata: HOSTILE.metadata,
      });
      expect(created.metadata).to.include(CLEANED.metadata);
      expect(created.groupName).to.equal('name \ufffd');
      await stillWorks();
    });

    it('a socket message:send stores them cleaned', async () => {
      const socket = await connect(app, { token: visitor.token });
      const ack = await sendOverSocket(socket, { key: uniqueKey(), groupId: conversation.groupId, ...HOSTILE });
      expect(ack.ok, JSON.stringify(ack)).to.equal(true);
      const stored = (ack as { ok: true; data: Message }).data;
      expect(stored.message).to.equal(CLEANED.message);
      expect(stored.metadata).to.deep.equal(CLEANED.metadata);
      // Nested objects in metadata are cleaned before they become JSON strings.
      const nested = await sendOverSocket(socket, {
        key: uniqueKey(),
        groupId: conversation.groupId,
        message: 'nested',
        metadata: { skipBot: 'true', form: { 'n\u0000ame': '\udfff' } as unknown as string },
      });
      expect(nested.ok, JSON.stringify(nested)).to.equal(true);
      expect((nested as { ok: true; data: Message }).data.metadata['form']).to.equal('{"name":"\ufffd"}');
      await stillWorks();
    });

    it('a NUL in a key of the body itself is cleaned (the field is still read)', async () => {
      const res = await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
        rawBody: `{"key":"${uniqueKey()}","group\\u0000Id":"${conversation.groupId}","message":"m\\u0000e",
          "metadata":{"skipBot":"true"}}`,
        headers: bearer(visitor),
      });
      expect(responseOf(res)).to.include({ groupId: conversation.groupId, message: 'me' });
    });

    it('refuses a body nested thousands deep with 400 PL-R-03, not a crash', async () => {
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const res = await request(`${app.url}/widget/v1/messages`, {
        rawBody: `{"key":"${uniqueKey()}","groupId":"${conversation.groupId}","message":"x","metadata":{"a":${deep}}}`,
        headers: bearer(visitor),
      });
      expect([res.status, errorCode(res)]).to.deep.equal([400, 'PL-R-03']);
      await stillWorks();
    });
  });
});

describe('server: nosniff on every answer of the router', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });
  afterEach(() => closeConsoles());

  it('is on JSON answers, errors, preflights and 404s', async () => {
    // Read same-origin from a tab at the server (a cross-origin read would hide the header).
    const page = await openTab(`${app.url}/dashboard/`);
    const probe = (path: string, method = 'GET') =>
      page.eval<[number, string | null]>(
        `fetch(${JSON.stringify(path)}, { method: ${JSON.stringify(method)} })` +
          `.then((r) => [r.status, r.headers.get('x-content-type-options')])`,
      );
    expect(await probe(`/users/v3/chat/plugin/settings?appId=${app.appId}`)).to.deep.equal([200, 'nosniff']);
    expect(await probe('/widget/v1/messages', 'POST')).to.deep.equal([401, 'nosniff']);
    expect(await probe('/widget/v1/messages', 'OPTIONS')).to.deep.equal([204, 'nosniff']);
    expect(await probe('/no/such/route', 'POST')).to.deep.equal([404, 'nosniff']);
    expect(await probe('/no-such-file.txt')).to.deep.equal([404, 'nosniff']);
  });

  it("answers with a request id: the client's when well-formed, else a new one", async () => {
    const page = await openTab(`${app.url}/dashboard/`);
    const idFor = (sent: string | undefined) =>
      page.eval<string | null>(
        `fetch('/health', { headers: ${JSON.stringify(sent === undefined ? {} : { 'X-Request-Id': sent })} })` +
          `.then((r) => r.headers.get('x-request-id'))`,
      );
    expect(await idFor('lb-7f3a.2:9')).to.equal('lb-7f3a.2:9');
    const made = await idFor(undefined);
    expect(made).to.match(/^[0-9a-f-]{36}$/);
    for (const hostile of ['"><script>', 'x'.repeat(129)]) {
      const id = await idFor(hostile);
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      expect(id).to.not.equal(made);
    }
  });
});

describe('server: reading hostile values (pure)', () => {
  it('cleans keys and strings at any depth and keeps __proto__ an ordinary key', () => {
    const parsed = JSON.parse('{"a\\u0000":["\\ud800",{"__proto__":"\\u0000x"}]}') as unknown;
    const cleaned = cleanJson(parsed) as Record<string, unknown[]>;
    expect(Object.keys(cleaned)).to.deep.equal(['a']);
    expect(cleaned['a']![0]).to.equal('\ufffd');
    const inner = cleaned['a']![1] as object;
    expect(Object.getPrototypeOf(inner)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(inner, '__proto__')?.value).to.equal('x');
  });

  it('turns metadata scalars into strings within the caps', () => {
    expect(metadata({ n: 1, b: true, o: { x: 1 }, gone: null })).to.deep.equal({ n: '1', b: 'true', o: '{"x":1}' });
    expect(() => metadata({ v: 'x'.repeat(METADATA_LIMITS.valueLength + 1) }, 'conversation.metadata')).to.throw(
      /conversation\.metadata\.v must be at most 10000 characters/,
    );
  });
});

describe('server: logger', () => {
  function capture(level: LogLevel = 'info') {
    const lines: Array<[LogLevel, string]> = [];
    return { lines, log: createLogger(level, (l, line) => lines.push([l, line])) };
  }

  it('prints an error as name, message, code and stack, never the query, parameters or detail', () => {
    const { lines, log } = capture();
    // What the database driver throws: the statement and its parameters ride along.
    const err = Object.assign(new Error('invalid input syntax for type json'), {
      code: '22P02',
      query: 'INSERT INTO messages (message) VALUES ($1)',
      params: ['my card number is 4111', 'sk-live-api-key'],
      detail: 'Token "hunter2" is invalid.',
      where: 'JSON data, line 1: {"password":"hunter2"}',
    });
    log.error('POST /widget/v1/messages failed:', err);
    expect(lines).to.have.length(1);
    const [level, line] = lines[0]!;
    expect(level).to.equal('error');
    expect(line).to.match(
      /^\[parley\] POST \/widget\/v1\/messages failed: Error: invalid input syntax for type json \[22P02\]/,
    );
    expect(line).to.match(/\n\s+at /);
    for (const secret of ['INSERT', '4111', 'sk-live-api-key', 'hunter2', 'password'])
      expect(line).to.not.include(secret);
  });

  it('prints causes the same way, and other values by their type only', () => {
    const { lines, log } = capture('error');
    const cause = Object.assign(new Error('connection lost'), { params: ['secret text'] });
    log.error('sweep failed', new Error('rules sweep', { cause }), { token: 'tok-123' }, 42);
    log.info('not printed at level error');
    expect(lines).to.have.length(1);
    const line = lines[0]![1];
    expect(line).to.include('caused by Error: connection lost');
    expect(line).to.include('[object] 42');
    expect(line).to.not.include('secret text');
    expect(line).to.not.include('tok-123');
  });

  it('logs one line per request: method, route pattern, status, error code, time and request id', () => {
    const line = { method: 'POST', route: 'POST /rest/ws/message/v2/send', status: 429, ms: 1.5, requestId: 'r-1' };
    const text = capture('info');
    text.log.request({ ...line, code: 'PL-L-01' });
    expect(text.lines).to.deep.equal([['info', '[parley] POST /rest/ws/message/v2/send 429 PL-L-01 1.5ms r-1']]);
    const quiet = capture('error');
    quiet.log.request(line);
    expect(quiet.lines).to.deep.equal([]);
  });

  it('writes JSON lines at level json, an error with its stack inside its one line', () => {
    const lines: Array<[LogLevel, string]> = [];
    const log = createLogger(
      'json',
      (l, text) => lines.push([l, text]),
      () => new Date(Date.UTC(2026, 11, 6)),
    );
    log.request({ method: 'GET', route: 'GET /health', status: 200, ms: 0.4, requestId: 'r-2' });
    log.error('sweep failed', Object.assign(new Error('gone'), { params: ['secret text'] }));
    expect(lines).to.have.length(2);
    expect(JSON.parse(lines[0]![1])).to.deep.equal({
      time: '2026-12-06T00:00:00.000Z',
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: 'GET /health',
      status: 200,
      ms: 0.4,
      requestId: 'r-2',
    });
    expect(lines[1]![0]).to.equal('error');
    expect(lines[1]![1]).to.not.include('\n');
    const error = JSON.parse(lines[1]![1]) as { level: string; msg: string };
    expect(error.level).to.equal('error');
    expect(error.msg).to.match(/^sweep failed Error: gone\n\s+at /);
    expect(error.msg).to.not.include('secret text');
  });
});
