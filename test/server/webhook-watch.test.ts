/**
 * `message.unread` and `message.undelivered` as an integrator sees them: after the endpoint's
 * delay, one delivery for each message its recipient has not read (or that no client of the
 * recipient has received); none for a message that was, none for a system notice, none for what
 * was written before the endpoint existed.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Ack, Message, Session } from '../../src/core/protocol.js';
import { patchQuery } from './platform-support.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  newConversation,
  ownServer,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';
import {
  closeReceiver,
  createEndpoint,
  deliveries,
  fromAgent,
  receiver,
  received,
  reported,
  WATCHED,
} from './webhook-support.js';

function fromVisitor(app: TestApp, visitor: Session, groupId: string, message: string): Promise<Message> {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message, key: uniqueKey(), metadata: { skipBot: 'true' } },
    headers: bearer(visitor),
  }).then(responseOf);
}

describe('server: webhooks for unread and undelivered messages', function () {
  this.timeout(60000);
  let server: { url: string; adminKey: string };

  before(async () => {
    server = await ownServer('webhook-watch', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' });
  });
  afterEach(() => closeSockets());

  it('reports what was not received or read after the delay, once each; not what was, nor notices, nor history', async () => {
    const app = await createTestApp(undefined, server);
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    await fromAgent(app, conv.groupId, 'written before the endpoint');
    const r = await receiver();
    const endpoint = responseOf(
      await createEndpoint(app, {
        url: `http://127.0.0.1:${r.port}/`,
        events: WATCHED,
        unreadAfterSeconds: 3,
        undeliveredAfterSeconds: 3,
      }),
    );
    expect(endpoint).to.include({ unreadAfterSeconds: 3, undeliveredAfterSeconds: 3 });

    // Read by the visitor at once: neither event.
    const read = await fromAgent(app, conv.groupId, 'read at once');
    responseOf(
      await request(`${app.url}/widget/v1/conversations/${conv.groupId}/read`, {
        body: { id: read.id },
        headers: bearer(visitor),
      }),
    );
    // Received by the visitor's open widget, never read: unread only.
    const socket = await connect(app, { appId: app.appId, token: visitor.token });
    const seen = await fromAgent(app, conv.groupId, 'received, not read');
    const ack = await new Promise<Ack<true>>((resolve) =>
      socket.emit('delivered', { groupId: conv.groupId, id: seen.id } as never, resolve),
    );
    expect(ack.ok).to.equal(true);
    socket.disconnect();
    // Nobody has it: both. A notice (the resolve) never counts.
    await fromAgent(app, conv.groupId, 'never reached');
    responseOf(await patchQuery(app, '/rest/ws/group/status/change', { groupId: conv.groupId, status: '2' }));
    // A visitor's message no staff client took, in another conversation (a message of one's own
    // moves one's read marker, so it stays apart from the messages to the visitor): both too.
    const other = await newConversation(app, visitor);
    await fromVisitor(app, visitor, other.groupId, 'visitor waiting');
    // The newest message: once it is reported, every sweep has gone past the ones before.
    await fromAgent(app, conv.groupId, 'last one');
    await waitUntil(
      async () => (await reported(r.id, conv.groupId)).includes('message.undelivered: last one'),
      'the last message is reported after the delay',
      { timeout: 20000, interval: 200 },
    );
    expect([...(await reported(r.id, conv.groupId))].sort()).to.deep.equal(
      [
        'message.unread: received, not read',
        'message.unread: never reached',
        'message.undelivered: never reached',
        'message.unread: last one',
        'message.undelivered: last one',
      ].sort(),
    );
    expect([...(await reported(r.id, other.groupId))].sort()).to.deep.equal([
      'message.undelivered: visitor waiting',
      'message.unread: visitor waiting',
    ]);
    const first = deliveries(await received(r.id)).find((d) => d.event === 'message.unread')!;
    expect(first.data['afterSeconds']).to.equal(3);
    expect(first.data['conversation']).to.include({ groupId: conv.groupId });
    await closeReceiver(r.id);
  });

  it('refuses a delay out of bounds in the documented error shape', async () => {
    const app = await createTestApp(undefined, server);
    for (const unreadAfterSeconds of [0, -5, 1.5, 'soon', 8 * 24 * 3600]) {
      const res = await createEndpoint(app, {
        url: 'https://hooks.example.com/',
        events: WATCHED,
        unreadAfterSeconds,
      });
      expect(res.status, String(unreadAfterSeconds)).to.equal(400);
      expect(errorCode(res)).to.match(/^[A-Z]{2}-[A-Z]-\d\d$/);
      expect(JSON.stringify(res.body)).to.contain('unreadAfterSeconds');
    }
    const defaults = responseOf(
      await createEndpoint(app, { url: 'https://hooks.example.com/', events: ['message.unread'] }),
    );
    expect(defaults).to.include({ unreadAfterSeconds: 300, undeliveredAfterSeconds: 60 });
  });
});
