import { expect } from '@open-wc/testing';
import { createRealtimeClient, type ConnectionState } from '../../src/net/realtime.js';
import type { Message } from '../../src/core/protocol.js';
import { fakeSocketFactory } from '../helpers/fake-socket.js';

const message: Message = {
  key: 'k1',
  id: 1,
  groupId: 'g1',
  message: 'hi',
  contentType: 0,
  type: 5,
  fromUserName: 'u',
  metadata: {},
  createdAtTime: 1,
  status: 3,
};

function setup(server = 'https://chat.test') {
  const { factory, sockets } = fakeSocketFactory();
  const client = createRealtimeClient({ server, appId: 'app', token: 'tok', socketFactory: factory });
  const socket = sockets[0]!;
  const states: ConnectionState[] = [];
  client.onStateChange((s) => states.push(s));
  return { client, socket, states };
}

describe('net/realtime', () => {
  it('connects with the app id and token over websocket first', () => {
    const { client, socket } = setup('https://chat.test/base/');
    expect(socket.url).to.equal('https://chat.test');
    expect(socket.options?.path).to.equal('/base/socket.io');
    expect(socket.options?.auth).to.deep.equal({ appId: 'app', token: 'tok' });
    expect(socket.options?.transports).to.deep.equal(['websocket', 'polling']);
    expect(socket.options!.reconnectionDelayMax).to.be.greaterThan(socket.options!.reconnectionDelay);
    expect(socket.options!.randomizationFactor).to.be.greaterThan(0);
    expect(socket.connectCalls).to.equal(1);
    expect(client.state).to.equal('connecting');
  });

  it('moves through connected, reconnecting and back', () => {
    const { client, socket, states } = setup();
    socket.serverConnects();
    expect(client.state).to.equal('connected');
    socket.connectionLost();
    expect(client.state).to.equal('reconnecting');
    socket.fire('reconnect_attempt', 1);
    socket.serverConnects();
    expect(states).to.deep.equal(['connected', 'reconnecting', 'connected']);
  });

  it('goes offline with the error code when the server refuses the connection', () => {
    const { client, socket } = setup();
    socket.serverRefuses({ errorCode: 'PL-S-01' });
    expect(client.state).to.equal('offline');
    expect(client.error).to.equal('PL-S-01');
    client.connect();
    expect(client.state).to.equal('connecting');
    expect(socket.connectCalls).to.equal(2);
  });

  it('goes offline when socket.io gives up reconnecting', () => {
    const { client, socket } = setup();
    socket.serverConnects();
    socket.connectionLost();
    socket.fire('reconnect_failed');
    expect(client.state).to.equal('offline');
  });

  it('delivers validated server events to typed handlers; on() returns its unsubscribe', () => {
    const { client, socket } = setup();
    const got: Message[] = [];
    const off = client.on('message', (m) => got.push(m));
    const typing: boolean[] = [];
    client.on('typing', (e) => typing.push(e.typing));
    socket.fire('message', message);
    socket.fire('message', { garbage: true });
    socket.fire('typing', { groupId: 'g1', userId: 'a', typing: true });
    socket.fire('typing', { groupId: 'g1' });
    off();
    socket.fire('message', { ...message, key: 'k2', id: 2 });
    expect(got.map((m) => m.key)).to.deep.equal(['k1']);
    expect(typing).to.deep.equal([true]);
  });

  it('keeps delivering when one handler throws', () => {
    const { client, socket } = setup();
    const original = console.error;
    const errors: unknown[] = [];
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      let second = 0;
      client.on('presence', () => {
        throw new Error('boom');
      });
      client.on('presence', () => second++);
      socket.fire('presence', { agentsOnline: 2 });
      expect(second).to.equal(1);
      expect(errors).to.have.length(1);
    } finally {
      console.error = original;
    }
  });

  describe('send', () => {
    it('resolves with the stored message on a positive ack', async () => {
      const { client, socket } = setup();
      socket.serverConnects();
      const pending = client.send({ key: 'k1', groupId: 'g1', message: 'hi' }, { timeoutMs: 1234 });
      const ack = socket.acks[0]!;
      expect(ack.event).to.equal('message:send');
      expect(ack.timeoutMs).to.equal(1234);
      ack.reply({ ok: true, data: message });
      expect(await pending).to.deep.equal({ ok: true, data: message });
    });

    it('reports a server rejection as not retryable', async () => {
      const { client, socket } = setup();
      socket.serverConnects();
      const pending = client.send({ key: 'k1', groupId: 'g1', message: 'hi' });
      socket.acks[0]!.reply({
        ok: false,
        error: { errorCode: 'PL-C-01', description: 'closed', displayMessage: 'closed' },
      });
      const outcome = await pending;
      expect(outcome.ok).to.equal(false);
      expect(outcome).to.deep.include({ retryable: false });
      if (!outcome.ok && !outcome.retryable) expect(outcome.error.errorCode).to.equal('PL-C-01');
    });

    it('reports a timeout as retryable, distinct from a rejection', async () => {
      const { client, socket } = setup();
      socket.serverConnects();
      const pending = client.send({ key: 'k1', groupId: 'g1', message: 'hi' });
      socket.acks[0]!.timeOut();
      expect(await pending).to.deep.equal({ ok: false, retryable: true, reason: 'timeout' });
    });

    it('fails fast, retryable, while not connected', async () => {
      const { client, socket } = setup();
      expect(await client.send({ key: 'k1', groupId: 'g1', message: 'hi' })).to.deep.equal({
        ok: false,
        retryable: true,
        reason: 'offline',
      });
      expect(socket.acks).to.have.length(0);
    });

    it('treats a malformed ack as a rejection', async () => {
      const { client, socket } = setup();
      socket.serverConnects();
      const pending = client.send({ key: 'k1', groupId: 'g1', message: 'hi' });
      socket.acks[0]!.reply('what');
      const outcome = await pending;
      expect(outcome).to.deep.include({ ok: false, retryable: false });
    });
  });

  it('close() disconnects and removes every listener', () => {
    const { client, socket } = setup();
    let calls = 0;
    client.on('message', () => calls++);
    client.onStateChange(() => calls++);
    expect(socket.listenerCount()).to.be.greaterThan(0);
    client.close();
    expect(socket.listenerCount()).to.equal(0);
    expect(socket.disconnectCalls).to.equal(1);
    expect(client.state).to.equal('offline');
    socket.fire('message', message);
    expect(calls).to.equal(0);
    client.close();
    expect(socket.disconnectCalls).to.equal(1);
  });
});
