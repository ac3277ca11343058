/**
 * The real REST and realtime clients against the live reference server (a different origin from
 * this test page, as on a customer's site).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { parseSettings } from '../../src/core/config.js';
import { createKey } from '../../src/core/messages.js';
import type { Message } from '../../src/core/protocol.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import { createRealtimeClient, type RealtimeClient } from '../../src/net/realtime.js';
import { createRestClient } from '../../src/net/rest.js';
import { createApp, server, signed } from '../helpers/e2e.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('net against the reference server', function () {
  this.timeout(30000);
  const clients: RealtimeClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  it('fetches settings, creates and resumes a session, creates a conversation', async () => {
    const { url } = await server();
    const app = await createApp({ chatWidget: { primaryColor: '#123456', position: 'left' } });
    const rest = createRestClient({ server: url, appId: app.appId });

    const { settings, errors } = parseSettings(await rest.getSettings());
    expect(errors).to.deep.equal([]);
    expect(settings.chatWidget).to.include({ primaryColor: '#123456', position: 'left' });

    const session = await rest.createSession({});
    expect(session.appId).to.equal(app.appId);
    expect(session.anonymous).to.equal(true);
    expect(session.token).to.be.a('string').and.not.equal('');
    const resumed = await rest.createSession({ token: session.token });
    expect(resumed.userId).to.equal(session.userId);

    const known = await rest.createSession(
      await signed(app, { userId: 'ann-1', userName: 'Ann', email: 'ann@example.com' }),
    );
    expect(known).to.include({ userId: 'ann-1', userName: 'Ann', anonymous: false });

    const conversation = await rest.createConversation(session.token, { groupName: 'Help' });
    expect(conversation.groupName).to.equal('Help');
    const list = await rest.listConversations(session.token);
    expect(list.map((c) => c.groupId)).to.include(conversation.groupId);
  });

  it('sends over the socket with an acknowledgement, idempotently, and reads it back over REST', async () => {
    const { url } = await server();
    const app = await createApp();
    const rest = createRestClient({ server: url, appId: app.appId });
    const session = await rest.createSession({});
    const { groupId } = await rest.createConversation(session.token, {});

    const rt = createRealtimeClient({ server: url, appId: app.appId, token: session.token });
    clients.push(rt);
    const echoed: Message[] = [];
    rt.on('message', (m) => echoed.push(m));
    await waitUntil(() => rt.state === 'connected', 'socket connects', { timeout: 10000 });

    const key = createKey();
    const first = await rt.send({ key, groupId, message: 'Hello from the widget' });
    expect(first.ok).to.equal(true);
    if (!first.ok) return;
    expect(first.data).to.include({
      key,
      groupId,
      message: 'Hello from the widget',
      type: 5,
      fromUserName: session.userId,
    });
    expect(first.data.id).to.be.a('number');

    const again = await rt.send({ key, groupId, message: 'Hello from the widget' });
    expect(again.ok && again.data.id).to.equal(first.data.id);

    await waitUntil(() => echoed.some((m) => m.key === key), 'the server pushes the message to the socket', {
      timeout: 10000,
    });

    const history = await rest.listMessages(session.token, groupId);
    expect(history.filter((m) => m.key === key)).to.have.length(1);
    const caughtUp = await rest.getMessagesAfter(session.token, first.data.id - 1);
    expect(caughtUp.map((m) => m.key)).to.include(key);

    const viaRest = await rest.sendMessage(session.token, { key, groupId, message: 'Hello from the widget' });
    expect(viaRest.id).to.equal(first.data.id);
    await rest.markRead(session.token, groupId, first.data.id);
    expect(await rt.mark('read', groupId, first.data.id)).to.equal(true);
  });

  it('reports a server rejection of a send as not retryable', async () => {
    const { url } = await server();
    const app = await createApp();
    const rest = createRestClient({ server: url, appId: app.appId });
    const session = await rest.createSession({});
    const rt = createRealtimeClient({ server: url, appId: app.appId, token: session.token });
    clients.push(rt);
    await waitUntil(() => rt.state === 'connected', 'socket connects', { timeout: 10000 });
    const outcome = await rt.send({ key: createKey(), groupId: 'no-such-group', message: 'x' });
    expect(outcome).to.deep.include({ ok: false, retryable: false });
  });

  it('refuses a socket with a bad token: offline with the error code', async () => {
    const { url } = await server();
    const app = await createApp();
    const rt = createRealtimeClient({ server: url, appId: app.appId, token: 'not-a-token' });
    clients.push(rt);
    await waitUntil(() => rt.state === 'offline', 'socket is refused', { timeout: 10000 });
    expect(rt.error).to.equal('PL-S-01');
  });

  it('maps documented errors: unknown app, disabled widget, origin not allowed, bad token', async () => {
    const { url } = await server();
    const unknown = createRestClient({ server: url, appId: 'no-such-app-here' });
    expect(await rejection(unknown.createSession({}))).to.include({ code: 'PL-A-01' });

    const disabled = await createApp({ chatWidget: { disableChatWidget: true } });
    const e1 = await rejection(createRestClient({ server: url, appId: disabled.appId }).createSession({}));
    expect(e1).to.be.instanceOf(ParleyApiError);
    expect(e1).to.include({ status: 403, code: 'PL-W-01' });

    const elsewhere = await createApp({ chatWidget: { allowedDomains: ['shop.example.com'] } });
    expect(await rejection(createRestClient({ server: url, appId: elsewhere.appId }).createSession({}))).to.include({
      status: 403,
      code: 'PL-O-01',
    });

    const app = await createApp();
    expect(
      await rejection(createRestClient({ server: url, appId: app.appId }).listConversations('bad-token')),
    ).to.include({ code: 'PL-S-01' });
  });

  it('reports an unreachable server as a NetworkError', async () => {
    const rest = createRestClient({ server: 'http://127.0.0.1:9', appId: 'x' });
    expect(await rejection(rest.getSettings())).to.be.instanceOf(NetworkError);
  });
});
