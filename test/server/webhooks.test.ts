/**
 * Webhooks as an integrator sees them: endpoints managed through the Platform API, signed POSTs
 * to a local receiver (test/plugins/webhook-receiver.mjs) for each event, retries after failures,
 * order per conversation, and no calls into the server's own network unless loopback is allowed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Message, Session } from '../../src/core/protocol.js';
import { call, patchQuery } from './platform-support.js';
import {
  bearer,
  createTestApp,
  errorCode,
  newConversation,
  ownServer,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { TestApp } from './support.js';
import {
  ALL_EVENTS,
  createEndpoint,
  deliveries,
  hmacHex,
  hooks,
  received,
  receiver,
  sendAsVisitor,
} from './webhook-support.js';
import type { Delivery, Endpoint, LogEntry, Received } from './webhook-support.js';

describe('server: webhooks', function () {
  this.timeout(60000);
  let server: { url: string; adminKey: string };

  before(async () => {
    server = await ownServer('webhooks', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' });
  });

  describe('managing endpoints', () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(undefined, server);
    });

    it('creates an endpoint, answers its generated secret once, lists it without the secret, deletes it', async () => {
      const made = responseOf(
        await createEndpoint(app, { url: 'https://hooks.example.com/parley', events: ['message.created'] }),
      );
      expect(made.secret).to.match(/^whsec_.{20,}/);
      const listed = responseOf(await call<Endpoint[]>(app, hooks(app)));
      const mine = listed.find((e) => e.id === made.id)!;
      expect(mine.url).to.equal('https://hooks.example.com/parley');
      expect(mine.events).to.deep.equal(['message.created']);
      expect(mine).not.to.have.property('secret');
      expect(mine.secretHint!.length).to.be.below(made.secret!.length);
      expect(JSON.stringify(listed)).not.to.contain(made.secret);
      expect(responseOf(await call(app, `${hooks(app)}/${made.id}`, { method: 'DELETE' }))).to.equal(true);
      expect(responseOf(await call<Endpoint[]>(app, hooks(app))).map((e) => e.id)).not.to.include(made.id);
      const again = await call(app, `${hooks(app)}/${made.id}`, { method: 'DELETE' });
      expect(again.status).to.equal(404);
    });

    it('keeps a given secret and refuses bad URLs, events and keys in the documented error shape', async () => {
      const kept = responseOf(
        await createEndpoint(app, {
          url: 'http://hooks.example.com/',
          events: ALL_EVENTS,
          secret: 'my-own-secret-1234',
        }),
      );
      expect(kept.secret).to.equal('my-own-secret-1234');
      for (const body of [
        { url: 'ftp://hooks.example.com/', events: ['message.created'] },
        { url: 'not a url', events: ['message.created'] },
        { events: ['message.created'] },
        { url: 'https://hooks.example.com/', events: [] },
        { url: 'https://hooks.example.com/', events: ['message.deleted'] },
        { url: 'https://hooks.example.com/' },
        { url: 'https://hooks.example.com/', events: ['message.created'], secret: 'short' },
      ]) {
        const res = await createEndpoint(app, body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(res.body.status).to.equal('error');
        expect(errorCode(res)).to.match(/^[A-Z]{2}-[A-Z]-\d\d$/);
      }
      expect((await call(app, hooks(app), { noKey: true })).status).to.equal(401);
      expect((await call(app, hooks(app), { headers: { 'Api-Key': 'wrong' } })).status).to.equal(401);
    });
  });

  describe('deliveries', () => {
    let app: TestApp;
    let visitor: Session;
    before(async () => {
      app = await createTestApp({ collectFeedback: true }, server);
      visitor = await visitorSession(app);
    });

    it("POSTs a visitor's message as message.created, signed with the endpoint's secret", async () => {
      const r = await receiver();
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/hook`, events: ['message.created'] }),
      );
      const conv = await newConversation(app, visitor);
      const text = `hello ${uniqueKey()}`;
      const sent = responseOf(await sendAsVisitor(app, visitor, conv.groupId, text));
      let mine: Received | undefined;
      await waitUntil(
        async () => {
          mine = (await received(r.id)).find((x) => x.body.includes(text));
          return mine !== undefined;
        },
        'the message reaches the receiver',
        { timeout: 15000, interval: 100 },
      );
      const body = JSON.parse(mine!.body) as Delivery;
      expect(body.event).to.equal('message.created');
      expect(body.appId).to.equal(app.appId);
      expect(body.id).to.equal(mine!.headers['parley-webhook-id']);
      const message = body.data['message'] as Message;
      expect(message.key).to.equal(sent.key);
      expect(message.groupId).to.equal(conv.groupId);
      expect(message.message).to.equal(text);
      expect(mine!.headers['content-type']).to.contain('application/json');
      const timestamp = mine!.headers['parley-webhook-timestamp']!;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).to.be.below(60);
      const expected = `v1=${await hmacHex(endpoint.secret!, `${timestamp}.${mine!.body}`)}`;
      expect(mine!.headers['parley-signature']).to.equal(expected);
      const forged = `v1=${await hmacHex('another-secret-entirely', `${timestamp}.${mine!.body}`)}`;
      expect(mine!.headers['parley-signature']).not.to.equal(forged);
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });

    it('sends conversation.created, .assigned, .resolved and csat.submitted to an endpoint subscribed to them', async () => {
      const r = await receiver();
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ALL_EVENTS.slice(1) }),
      );
      const conv = await newConversation(app, visitor);
      responseOf(
        await patchQuery(app, '/rest/ws/group/assignee/change', {
          groupId: conv.groupId,
          assignee: app.agentId,
          takeOverFromBot: 'true',
        }),
      );
      responseOf(await patchQuery(app, '/rest/ws/group/status/change', { groupId: conv.groupId, status: '2' }));
      responseOf(
        await request(`${app.url}/widget/v1/conversations/${conv.groupId}/rating`, {
          body: { rating: 10, comment: 'quick' },
          headers: bearer(visitor),
        }),
      );
      const events = async () =>
        deliveries(await received(r.id))
          .filter((d) => (d.data['conversation'] as { groupId: string }).groupId === conv.groupId)
          .map((d) => d.event);
      await waitUntil(async () => (await events()).includes('csat.submitted'), 'every event arrives', {
        timeout: 15000,
        interval: 100,
      });
      expect(await events()).to.deep.equal([
        'conversation.created',
        'conversation.assigned',
        'conversation.resolved',
        'csat.submitted',
      ]);
      const all = deliveries(await received(r.id));
      expect(all.some((d) => d.event === 'message.created')).to.equal(false);
      const assigned = all.find((d) => d.event === 'conversation.assigned')!;
      expect(assigned.data['assignee']).to.equal(app.agentId);
      const rated = all.find((d) => d.event === 'csat.submitted')!;
      expect(rated.data['rating']).to.have.property('rating', 10);
      await call(app, `${hooks(app)}/${endpoint.id}`, { method: 'DELETE' });
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });

    it('tries again after the receiver fails twice, with the same delivery id, and logs it as done', async () => {
      const r = await receiver(2);
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['message.created'] }),
      );
      const conv = await newConversation(app, visitor);
      const text = `retry ${uniqueKey()}`;
      await sendAsVisitor(app, visitor, conv.groupId, text);
      await waitUntil(async () => (await received(r.id)).some((x) => x.status === 200), 'the third attempt succeeds', {
        timeout: 20000,
        interval: 100,
      });
      // The bot's answer follows (a message.created of its own): the first three are the visitor's.
      const got = (await received(r.id)).slice(0, 3);
      expect(got.map((x) => x.status)).to.deep.equal([500, 500, 200]);
      expect(new Set(got.map((x) => x.headers['parley-webhook-id'])).size).to.equal(1);
      expect(new Set(got.map((x) => x.body)).size).to.equal(1);
      expect(got[0]!.body).to.contain(text);
      let log: LogEntry[] = [];
      await waitUntil(
        async () => {
          log = responseOf(await call<LogEntry[]>(app, `${hooks(app)}/${endpoint.id}/deliveries`));
          return log.some((d) => d.id === got[0]!.headers['parley-webhook-id'] && d.status === 'done');
        },
        'the log says done',
        { timeout: 5000, interval: 100 },
      );
      const entry = log.find((d) => d.id === got[0]!.headers['parley-webhook-id'])!;
      expect(entry).to.include({ event: 'message.created', status: 'done', attempts: 3, lastError: null });
      await call(app, `${hooks(app)}/${endpoint.id}`, { method: 'DELETE' });
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });

    it("keeps a conversation's messages in order while an earlier one is being retried", async () => {
      const r = await receiver(2);
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['message.created'] }),
      );
      const conv = await newConversation(app, visitor);
      const texts = [1, 2, 3].map((n) => `order ${n} ${uniqueKey()}`);
      for (const text of texts) responseOf(await sendAsVisitor(app, visitor, conv.groupId, text));
      const textOf = (x: Received) => ((JSON.parse(x.body) as Delivery).data['message'] as Message).message;
      // The visitor's messages (the bot answers too, in the same conversation).
      const ours = async () => (await received(r.id)).filter((x) => textOf(x).startsWith('order '));
      await waitUntil(async () => (await ours()).filter((x) => x.status === 200).length === 3, 'all three arrive', {
        timeout: 20000,
        interval: 100,
      });
      const got = await ours();
      expect(got.map(textOf)).to.deep.equal([texts[0], texts[0], texts[0], texts[1], texts[2]]);
      expect(got.map((x) => x.status)).to.deep.equal([500, 500, 200, 200, 200]);
      await call(app, `${hooks(app)}/${endpoint.id}`, { method: 'DELETE' });
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });
  });

  it('does not hold later messages behind one that failed for good', async () => {
    const app = await createTestApp(
      undefined,
      await ownServer('webhooks-once', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1', PARLEY_WEBHOOKS_MAX_ATTEMPTS: '1' }),
    );
    const r = await receiver(1);
    const endpoint = responseOf(
      await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['message.created'] }),
    );
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    await sendAsVisitor(app, visitor, conv.groupId, 'first, lost');
    await waitUntil(async () => (await received(r.id)).length >= 1, 'the first attempt fails', {
      timeout: 15000,
      interval: 100,
    });
    await sendAsVisitor(app, visitor, conv.groupId, 'second, delivered');
    await waitUntil(
      async () => (await received(r.id)).some((x) => x.status === 200 && x.body.includes('second, delivered')),
      'the second message arrives',
      { timeout: 15000, interval: 100 },
    );
    const log = responseOf(await call<LogEntry[]>(app, `${hooks(app)}/${endpoint.id}/deliveries`));
    const firstId = (await received(r.id))[0]!.headers['parley-webhook-id'];
    const first = log.find((d) => d.id === firstId);
    expect(first).to.include({ status: 'failed', attempts: 1, lastError: 'answered 500' });
    await executeServerCommand('webhook-receiver-close', { id: r.id });
  });

  describe('restarts and several processes', () => {
    it('loses nothing when the server restarts between two attempts', async () => {
      const app = await createTestApp(undefined, server);
      const r = await receiver(1);
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['conversation.created'] }),
      );
      const visitor = await visitorSession(app);
      const conv = await newConversation(app, visitor);
      await waitUntil(async () => (await received(r.id)).length >= 1, 'the first attempt fails', {
        timeout: 15000,
        interval: 100,
      });
      await executeServerCommand('parley-server-stop', { server: 'webhooks' });
      await executeServerCommand('parley-server-start', { server: 'webhooks' });
      await waitUntil(async () => (await received(r.id)).some((x) => x.status === 200), 'the retry arrives', {
        timeout: 20000,
        interval: 100,
      });
      const got = await received(r.id);
      expect(got.map((x) => x.status)).to.deep.equal([500, 200]);
      expect(got[1]!.headers['parley-webhook-id']).to.equal(got[0]!.headers['parley-webhook-id']);
      expect(deliveries(got)[1]!.data['conversation']).to.include({ groupId: conv.groupId });
      await call(app, `${hooks(app)}/${endpoint.id}`, { method: 'DELETE' });
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });
  });

  describe('the server’s own network (loopback not allowed)', () => {
    let app: TestApp;
    before(async () => {
      // Every test server allows loopback (test/plugins/parley-server.mjs) but this one.
      app = await createTestApp(undefined, await ownServer('webhooks-strict', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '0' }));
    });

    it('refuses loopback, private, link-local and mapped addresses when the endpoint is created', async () => {
      for (const host of [
        '127.0.0.1',
        '127.1.2.3',
        '[::1]',
        '[::ffff:127.0.0.1]',
        '10.1.2.3',
        '172.16.0.1',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '0.0.0.0',
        '[fc00::1]',
        '[fe80::1]',
        '[::ffff:10.0.0.1]',
        '[::127.0.0.1]',
        '[::]',
      ]) {
        const res = await createEndpoint(app, { url: `http://${host}:8080/hook`, events: ['message.created'] });
        expect(res.status, host).to.equal(400);
        expect(errorCode(res), host).to.match(/^[A-Z]{2}-[A-Z]-\d\d$/);
      }
      responseOf(await createEndpoint(app, { url: 'http://93.184.215.14/hook', events: ['message.created'] }));
    });

    it('never calls a name that resolves to loopback (localhost): the delivery logs why', async () => {
      const r = await receiver();
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://localhost:${r.port}/hook`, events: ['message.created'] }),
      );
      const visitor = await visitorSession(app);
      const conv = await newConversation(app, visitor);
      await sendAsVisitor(app, visitor, conv.groupId, 'to nowhere');
      let log: LogEntry[] = [];
      await waitUntil(
        async () => {
          log = responseOf(await call<LogEntry[]>(app, `${hooks(app)}/${endpoint.id}/deliveries`));
          return log.some((d) => d.lastError !== null);
        },
        'the attempt is refused',
        { timeout: 15000, interval: 100 },
      );
      for (const d of log.filter((x) => x.lastError !== null)) {
        expect(d.lastError).to.match(/resolves to (127\.0\.0\.1|::1), which is a loopback address/);
        expect(d.status).to.equal('pending');
      }
      expect(log.some((d) => d.status === 'done')).to.equal(false);
      expect(await received(r.id)).to.deep.equal([]);
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    });
  });
});
