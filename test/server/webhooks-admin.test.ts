/**
 * Looking after webhook endpoints as an integrator does: sending a delivery again from the log
 * (the same id, so a receiver can drop a repeat), and rotating an endpoint's secret with an
 * overlap during which every delivery is signed with both secrets — against local receivers
 * (test/plugins/webhook-receiver.mjs) on a server that fails a delivery for good after one attempt.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { call } from './platform-support.js';
import { createTestApp, errorCode, newConversation, ownServer, responseOf, visitorSession } from './support.js';
import type { TestApp } from './support.js';
import { accepts, closeReceiver, createEndpoint, hmacHex, hooks, received, receiver } from './webhook-support.js';
import type { Endpoint, LogEntry, Received } from './webhook-support.js';

const WAIT = { timeout: 15000, interval: 100 };
const HEX = '[0-9a-f]{64}';

describe('server: webhooks, sending again and rotating secrets', function () {
  this.timeout(60000);
  let app: TestApp;
  let visitor: Session;

  before(async () => {
    app = await createTestApp(undefined, await ownServer('webhooks-admin', { PARLEY_WEBHOOKS_MAX_ATTEMPTS: '1' }));
    visitor = await visitorSession(app);
  });

  const logOf = async (endpoint: Endpoint) =>
    responseOf(await call<LogEntry[]>(app, `${hooks(app)}/${endpoint.id}/deliveries`));
  const resend = (endpoint: Endpoint, deliveryId: string) =>
    call<LogEntry>(app, `${hooks(app)}/${endpoint.id}/deliveries/${deliveryId}/resend`, { body: {} });
  const rotate = (endpoint: Endpoint, body: Record<string, unknown>) =>
    call<Endpoint>(app, `${hooks(app)}/${endpoint.id}/rotate`, { body });

  describe('sending again', () => {
    it('sends a delivery that failed for good again, with the same Parley-Webhook-Id and body', async () => {
      const r = await receiver(1);
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['conversation.created'] }),
      );
      await newConversation(app, visitor);
      let log: LogEntry[] = [];
      await waitUntil(
        async () => (log = await logOf(endpoint)).some((d) => d.status === 'failed'),
        'the only attempt fails',
        WAIT,
      );
      const failed = log.find((d) => d.status === 'failed')!;
      expect(failed).to.include({ attempts: 1, lastError: 'answered 500' });

      const again = responseOf(await resend(endpoint, failed.id));
      expect(again).to.include({ id: failed.id, status: 'pending', attempts: 0, lastError: null, deliveredAt: null });
      await waitUntil(async () => (await received(r.id)).length === 2, 'the delivery arrives again', WAIT);
      const [first, second] = await received(r.id);
      expect([first!.status, second!.status]).to.deep.equal([500, 200]);
      expect(second!.headers['parley-webhook-id']).to.equal(failed.id);
      expect(second!.headers['parley-webhook-id']).to.equal(first!.headers['parley-webhook-id']);
      expect(second!.body).to.equal(first!.body);
      await waitUntil(
        async () => (await logOf(endpoint)).some((d) => d.id === failed.id && d.status === 'done'),
        'the log says done',
        WAIT,
      );
      const done = (await logOf(endpoint)).find((d) => d.id === failed.id)!;
      expect(done).to.include({ status: 'done', attempts: 1, lastError: null, nextAttemptAt: null });
      expect(done.deliveredAt).to.be.a('number');

      // A delivery that arrived can be sent again too: the receiver gets it a third time, same id.
      responseOf(await resend(endpoint, failed.id));
      await waitUntil(async () => (await received(r.id)).length === 3, 'the third copy arrives', WAIT);
      expect((await received(r.id))[2]!.headers['parley-webhook-id']).to.equal(failed.id);
      await closeReceiver(r.id);
    });

    it('answers 404 for unknown endpoints and deliveries, and 409 for one still being sent', async () => {
      const r = await receiver(0);
      const held = await receiver(0, 1);
      const endpoint = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['conversation.created'] }),
      );
      await newConversation(app, visitor);
      await waitUntil(async () => (await logOf(endpoint)).some((d) => d.status === 'done'), 'delivered', WAIT);
      const [delivery] = await logOf(endpoint);
      const other = await createTestApp(undefined, { url: app.url, adminKey: app.adminKey });
      const otherEndpoint = responseOf(
        await createEndpoint(other, { url: `http://127.0.0.1:${r.port}/`, events: ['conversation.created'] }),
      );
      for (const res of [
        await resend({ ...endpoint, id: 'wh_unknown' }, delivery!.id),
        await resend(endpoint, '99999999'),
        await resend(endpoint, 'not-a-number'),
        await call(other, `${hooks(other)}/${otherEndpoint.id}/deliveries/${delivery!.id}/resend`, { body: {} }),
        await call(other, `${hooks(other)}/${endpoint.id}/deliveries/${delivery!.id}/resend`, { body: {} }),
      ]) {
        expect(res.status, JSON.stringify(res.body)).to.equal(404);
        expect(res.body.status).to.equal('error');
        expect(errorCode(res)).to.equal('PL-R-05');
      }

      // A receiver that does not answer: the attempt is under way, the delivery pending.
      const slow = responseOf(
        await createEndpoint(app, { url: `http://127.0.0.1:${held.port}/`, events: ['conversation.created'] }),
      );
      await newConversation(app, visitor);
      await waitUntil(async () => (await received(held.id)).length === 1, 'the attempt is under way', WAIT);
      const [pending] = await logOf(slow);
      expect(pending!.status).to.equal('pending');
      const refused = await resend(slow, pending!.id);
      expect(refused.status).to.equal(409);
      expect(errorCode(refused)).to.match(/^[A-Z]{2}-[A-Z]-\d\d$/);
      await closeReceiver(held.id);
      await closeReceiver(r.id);
    });
  });

  describe('rotating the secret', () => {
    let r: { id: string; port: number };
    let endpoint: Endpoint;
    const oldSecret = 'the-first-secret-0123';
    let newSecret = '';

    before(async () => {
      r = await receiver(0);
      endpoint = responseOf(
        await createEndpoint(app, {
          url: `http://127.0.0.1:${r.port}/`,
          events: ['conversation.created'],
          secret: oldSecret,
        }),
      );
    });
    after(() => closeReceiver(r.id));

    /** Makes a conversation and waits for its delivery; answers what the receiver got. */
    async function nextDelivery(): Promise<Received> {
      const before = (await received(r.id)).length;
      await newConversation(app, visitor);
      await waitUntil(async () => (await received(r.id)).length > before, 'the delivery arrives', WAIT);
      return (await received(r.id)).at(-1)!;
    }

    it('answers a new secret once; during the overlap a receiver holding either secret accepts', async () => {
      const rotated = responseOf(await rotate(endpoint, {}));
      newSecret = rotated.secret!;
      expect(newSecret).to.match(/^whsec_.{20,}/);
      expect(newSecret).not.to.equal(oldSecret);
      const day = 24 * 60 * 60 * 1000;
      expect(Math.abs(rotated.previousSecretUntil! - (Date.now() + day))).to.be.below(60000);
      const listed = responseOf(await call<Endpoint[]>(app, hooks(app))).find((e) => e.id === endpoint.id)!;
      expect(listed).not.to.have.property('secret');
      expect(newSecret.startsWith(listed.secretHint!.replace('…', ''))).to.equal(true);
      expect(listed.previousSecretUntil).to.equal(rotated.previousSecretUntil);

      const got = await nextDelivery();
      const header = got.headers['parley-signature']!;
      expect(header).to.match(new RegExp(`^v1=${HEX}, v1=${HEX}$`));
      const timestamp = got.headers['parley-webhook-timestamp']!;
      const [first, second] = header.split(', ');
      expect(first).to.equal(`v1=${await hmacHex(newSecret, `${timestamp}.${got.body}`)}`);
      expect(second).to.equal(`v1=${await hmacHex(oldSecret, `${timestamp}.${got.body}`)}`);
      expect(await accepts(newSecret, got)).to.equal(true);
      expect(await accepts(oldSecret, got)).to.equal(true);
      expect(await accepts('a-secret-nobody-holds', got)).to.equal(false);
    });

    it('after the overlap signs with the new secret only; a rotation during an overlap drops the oldest', async () => {
      const given = 'the-third-secret-4567';
      const rotated = responseOf(await rotate(endpoint, { secret: given, overlapSeconds: 1 }));
      expect(rotated.secret).to.equal(given);
      const since = (await received(r.id)).length;
      // Deliveries one after another until one comes signed once: the overlap has ended.
      let last: Received | undefined;
      await waitUntil(
        async () => {
          last = await nextDelivery();
          return !last.headers['parley-signature']!.includes(',');
        },
        'a delivery after the overlap',
        { timeout: 30000, interval: 100 },
      );
      const timestamp = last!.headers['parley-webhook-timestamp']!;
      expect(last!.headers['parley-signature']).to.equal(`v1=${await hmacHex(given, `${timestamp}.${last!.body}`)}`);
      expect(await accepts(newSecret, last!)).to.equal(false);
      const afterRotation = (await received(r.id)).slice(since);
      for (const got of afterRotation) {
        expect(await accepts(given, got)).to.equal(true);
        expect(await accepts(oldSecret, got), 'the first secret signs nothing after the second rotation').to.equal(
          false,
        );
      }
      const listed = responseOf(await call<Endpoint[]>(app, hooks(app))).find((e) => e.id === endpoint.id)!;
      expect(listed.previousSecretUntil).to.equal(null);
    });

    it('refuses bad rotations in the documented error shape', async () => {
      for (const body of [
        { overlapSeconds: -1 },
        { overlapSeconds: 1.5 },
        { overlapSeconds: '60' },
        { overlapSeconds: 7 * 24 * 60 * 60 + 1 },
        { secret: 'short' },
        { secret: 42 },
      ]) {
        const res = await rotate(endpoint, body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(errorCode(res), JSON.stringify(body)).to.equal('PL-R-03');
      }
      const unknown = await rotate({ ...endpoint, id: 'wh_unknown' }, {});
      expect(unknown.status).to.equal(404);
      expect(errorCode(unknown)).to.equal('PL-R-05');
    });
  });
});
