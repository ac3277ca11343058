/**
 * A slow or dead endpoint never slows the chat: while an endpoint holds a delivery without
 * answering, the visitor's messages are still answered and stored, another endpoint still gets
 * them, and the held one is cut at the time-out and tried again, the conversation's order kept.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Message, Session } from '../../src/core/protocol.js';
import {
  bearer,
  createTestApp,
  history,
  newConversation,
  ownServer,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';
import { closeReceiver, createEndpoint, deliveries, receiver, received } from './webhook-support.js';

function fromVisitor(app: TestApp, visitor: Session, groupId: string, message: string): Promise<Message> {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message, key: uniqueKey(), metadata: { skipBot: 'true' } },
    headers: bearer(visitor),
  }).then(responseOf);
}

async function texts(receiverId: string): Promise<Array<{ status: number; text: string }>> {
  const list = await received(receiverId);
  return deliveries(list).map((d, i) => ({
    status: list[i]!.status,
    text: (d.data['message'] as Message).message,
  }));
}

describe('server: a webhook endpoint that does not answer', function () {
  this.timeout(60000);

  it('holds up neither the chat nor other endpoints, and is tried again after the time-out', async () => {
    const server = await ownServer('webhooks-slow', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' });
    const app = await createTestApp(undefined, server);
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    const stuck = await receiver(0, 1);
    const healthy = await receiver();
    for (const r of [stuck, healthy])
      responseOf(await createEndpoint(app, { url: `http://127.0.0.1:${r.port}/`, events: ['message.created'] }));

    await fromVisitor(app, visitor, conv.groupId, 'first');
    await waitUntil(async () => (await received(stuck.id)).length === 1, 'the endpoint holds the first delivery', {
      timeout: 15000,
      interval: 100,
    });
    // While it is held, the chat goes on: sends are answered and stored, the other endpoint is served.
    const later = ['second', 'third', 'fourth', 'fifth'];
    for (const text of later) await fromVisitor(app, visitor, conv.groupId, text);
    expect((await received(stuck.id)).map((x) => x.status)).to.deep.equal([0]);
    const stored = (await history(app, visitor, conv.groupId)).map((m) => m.message);
    expect(stored).to.include.members(['first', ...later]);
    await waitUntil(
      async () => (await texts(healthy.id)).map((x) => x.text).includes('fifth'),
      'the healthy endpoint gets every message meanwhile',
      { timeout: 15000, interval: 100 },
    );
    expect((await texts(healthy.id)).map((x) => x.text)).to.deep.equal(['first', ...later]);

    // The held attempt is cut at the time-out (5 s) and tried again; the rest follow in order.
    await waitUntil(
      async () => (await texts(stuck.id)).some((x) => x.text === 'fifth'),
      'the held endpoint gets everything after the retry',
      { timeout: 30000, interval: 200 },
    );
    expect(await texts(stuck.id)).to.deep.equal([
      { status: 0, text: 'first' },
      { status: 200, text: 'first' },
      ...later.map((text) => ({ status: 200, text })),
    ]);
    await closeReceiver(stuck.id);
    await closeReceiver(healthy.id);
  });
});
