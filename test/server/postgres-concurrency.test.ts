/**
 * No message skipped, none stored twice, with concurrent writers on PostgreSQL: two server
 * processes on one database, and the interleavings forced by the harness (a row lock the first
 * writer's transaction needs after it has stored its message, so that transaction stays open
 * while the second writer runs), not hoped for.
 *
 * Catch-up asks for "everything newer than the last id I hold": a message stored first but
 * committed after a later one must not fall behind a cursor that already passed it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Message, Session } from '../../src/core/protocol.js';
import { pairFaults, startPair, stopPair } from './postgres-support.js';
import type { Pair } from './postgres-support.js';
import { bearer, createTestApp, newConversation, request, responseOf, uniqueKey, visitorSession } from './support.js';
import type { Envelope, TestApp } from './support.js';

const PAIR = 'concurrency';
const faults = pairFaults(PAIR);

/** A visitor's send through the process at `url` (answers the stored message, or throws). */
async function send(url: string, session: Session, groupId: string, key: string, message: string): Promise<Message> {
  return responseOf(
    await request<Envelope<Message>>(`${url}/widget/v1/messages`, {
      body: { groupId, key, message },
      headers: bearer(session),
    }),
  );
}

/** The visitor's catch-up through `url`: every message newer than `after`, in all their conversations. */
async function catchUp(url: string, session: Session, after: number): Promise<Message[]> {
  return responseOf(
    await request<Envelope<Message[]>>(`${url}/widget/v1/messages?after=${after}`, { headers: bearer(session) }),
  );
}

/** Waits until `n` server sessions wait for a lock, or `done()` says the writer did not wait. */
async function untilWaiting(n: number, done: () => boolean, what: string): Promise<void> {
  await waitUntil(async () => done() || (await faults.waiting()) >= n, what, { timeout: 30000, interval: 50 });
}

/** Settles a request in the background, so a test can tell whether it finished. */
function tracked<T>(promise: Promise<T>) {
  const state = { done: false, promise };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
}

describe('server: concurrent writers on PostgreSQL', function () {
  this.timeout(180000);
  let pair: Pair;
  let app: TestApp;
  let visitor: Session;

  before(async () => {
    pair = await startPair(PAIR);
    app = await createTestApp(undefined, { url: pair.urls[0], adminKey: pair.adminKey });
    visitor = await visitorSession(app);
  });
  afterEach(() => faults.release());
  after(() => stopPair(PAIR));

  it('catch-up skips no message stored first and committed last', async () => {
    const [a, b] = pair.urls;
    const first = await newConversation(app, visitor, { skipRouting: true });
    const second = await newConversation(app, visitor, { skipRouting: true });
    const before = await catchUp(a, visitor, 0);
    const base = Math.max(0, ...before.map((m) => m.id));

    // The first send stores its message, then waits for its read marker's row (held here).
    expect(await faults.stallMember(first.groupId, visitor.userId)).to.equal(1);
    const slow = tracked(send(a, visitor, first.groupId, uniqueKey('slow'), 'stored first'));
    await untilWaiting(1, () => slow.done, 'the first send waits with its transaction open');
    expect(slow.done, 'the first send is held').to.equal(false);
    // Another process stores a message in another conversation meanwhile.
    const fast = tracked(send(b, visitor, second.groupId, uniqueKey('fast'), 'stored second'));
    await untilWaiting(2, () => fast.done, 'the second send has finished or waits its turn');

    // A catch-up now, then one from the newest id it gave, once both are stored.
    const early = await catchUp(a, visitor, base);
    const cursor = Math.max(base, ...early.map((m) => m.id));
    await faults.release();
    const [slowMessage, fastMessage] = [await slow.promise, await fast.promise];
    const late = await catchUp(b, visitor, cursor);

    const seen = [...early, ...late].map((m) => m.id);
    expect(seen, 'the message committed last is caught up').to.include(slowMessage.id);
    expect(seen).to.include(fastMessage.id);
    expect(slowMessage.id, 'ids follow the order of commits').to.be.below(fastMessage.id);
  });

  for (const through of ['two processes', 'one process'] as const) {
    it(`the same key sent twice at once through ${through} is stored once`, async () => {
      const [a, b] = pair.urls;
      const conv = await newConversation(app, visitor, { skipRouting: true });
      const key = uniqueKey('twice');
      expect(await faults.stallMember(conv.groupId, visitor.userId)).to.equal(1);
      const one = tracked(send(a, visitor, conv.groupId, key, 'once'));
      await untilWaiting(1, () => one.done, 'the first send waits with its transaction open');
      expect(one.done, 'the first send is held').to.equal(false);
      const two = tracked(send(through === 'two processes' ? b : a, visitor, conv.groupId, key, 'once'));
      await untilWaiting(2, () => two.done, 'the second send waits for the first');
      await faults.release();
      const [m1, m2] = [await one.promise, await two.promise];
      expect(m2.id).to.equal(m1.id);
      const stored = (await catchUp(b, visitor, 0)).filter((m) => m.key === key);
      expect(stored.map((m) => m.id)).to.deep.equal([m1.id]);
    });
  }
});
