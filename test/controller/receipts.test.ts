// The receipts slice (src/controller/receipts.ts): read markers and typing-expiry timers.
import { expect } from '@open-wc/testing';
import { ReceiptsSlice, TYPING_EXPIRY_MS } from '../../src/controller/receipts.js';
import { ChatSync } from '../../src/controller/sync.js';
import { kit } from './slice-kit.js';

/** Resolves in the next task (the order of tasks, not a wait). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const k = kit('receipts');
  const session = await k.rest.createSession({});
  const sync = new ChatSync({
    ...k,
    server: 'https://chat.test',
    realtimeFactory: k.server.realtimeFactory,
    ackTimeoutMs: 1000,
  });
  return { ...k, sync, token: session.token, receipts: new ReceiptsSlice({ ...k, sync }) };
}

describe('ReceiptsSlice', () => {
  it('sends a read marker once per message, never one that goes backwards', async () => {
    const { receipts, server, token } = await setup();
    await receipts.markRead(token, 'g1', 5);
    await receipts.markRead(token, 'g1', 5);
    await receipts.markRead(token, 'g1', 3);
    await receipts.markRead(token, 'g1', 7);
    await receipts.markRead(token, 'g2', 1);
    expect(server.reads).to.deep.equal([
      { groupId: 'g1', id: 5 },
      { groupId: 'g1', id: 7 },
      { groupId: 'g2', id: 1 },
    ]);
    expect(receipts.readUpTo('g1')).to.equal(7);
  });

  it('sends the marker over the open socket, and by HTTP while it is not connected or does not confirm', async () => {
    const { receipts, server, sync, token } = await setup();
    sync.connect(token);
    const socket = server.socket!;
    socket.serverConnects();
    await receipts.markRead(token, 'g1', 5);
    expect(server.socketReads).to.deep.equal([{ groupId: 'g1', id: 5 }]);
    // Not confirmed (the server refused it): the same marker goes by HTTP, once.
    socket.answers.set('read', () => ({ ok: false, error: { errorCode: 'PL-S-03', description: 'no' } }));
    await receipts.markRead(token, 'g1', 6);
    socket.connectionLost();
    await receipts.markRead(token, 'g1', 7);
    expect(server.socketReads).to.deep.equal([{ groupId: 'g1', id: 5 }]);
    expect(server.reads).to.deep.equal([
      { groupId: 'g1', id: 5 },
      { groupId: 'g1', id: 6 },
      { groupId: 'g1', id: 7 },
    ]);
    sync.stop();
  });

  it('remembers how far the visitor read in any tab, only forwards', async () => {
    const { receipts } = await setup();
    expect(receipts.readUpTo('g1')).to.equal(undefined);
    receipts.noteRead('g1', 4);
    receipts.noteRead('g1', 2);
    expect(receipts.readUpTo('g1')).to.equal(4);
    receipts.reset();
    expect(receipts.readUpTo('g1')).to.equal(undefined);
  });

  it('runs one batch per task, in the next task (after the draw), and none once destroyed', async () => {
    const { receipts, abort } = await setup();
    let runs = 0;
    receipts.batch(() => runs++);
    receipts.batch(() => runs++);
    await Promise.resolve();
    expect(runs, 'not in this task').to.equal(0);
    await nextTask();
    expect(runs).to.equal(1);
    receipts.batch(() => runs++);
    abort.abort();
    await nextTask();
    expect(runs).to.equal(1);
  });

  it('expires a typing indicator unless it stops or types again; reset leaves no timer', async () => {
    const { receipts, clock } = await setup();
    const expired: string[] = [];
    receipts.typing('agent-1', () => expired.push('agent-1'));
    clock.advance(TYPING_EXPIRY_MS - 1);
    receipts.typing('agent-1', () => expired.push('agent-1 again'));
    clock.advance(TYPING_EXPIRY_MS - 1);
    expect(expired).to.deep.equal([]);
    clock.advance(1);
    expect(expired).to.deep.equal(['agent-1 again']);
    receipts.typing('agent-2', () => expired.push('agent-2'));
    receipts.typingStopped('agent-2');
    receipts.typing('agent-3', () => expired.push('agent-3'));
    receipts.reset();
    expect(clock.pending).to.equal(0);
  });
});

describe('ReceiptsSlice: delivered markers', () => {
  it('sends one marker per conversation and batch (the highest), none where a read marker went, again after a refusal', async () => {
    const { receipts, server, sync, token } = await setup();
    sync.connect(token);
    server.socket!.serverConnects();
    receipts.delivered('g1', 4);
    receipts.delivered('g1', 6);
    receipts.delivered('g1', 5);
    receipts.delivered('g2', 2);
    await nextTask();
    expect(server.delivered).to.deep.equal([
      { groupId: 'g1', id: 6 },
      { groupId: 'g2', id: 2 },
    ]);
    // Read as far: no delivered marker; not confirmed: sent again with the next batch.
    await receipts.markRead(token, 'g2', 3);
    receipts.delivered('g2', 3);
    server.socket!.answers.set('delivered', () => ({ ok: false, error: { errorCode: 'PL-L-01', description: 'no' } }));
    receipts.delivered('g1', 7);
    await nextTask();
    server.socket!.answers.set('delivered', (payload) => {
      server.delivered.push(payload as { groupId: string; id: number });
      return { ok: true, data: true };
    });
    receipts.delivered('g2', 1);
    await nextTask();
    await nextTask();
    expect(server.delivered.slice(2)).to.deep.equal([{ groupId: 'g1', id: 7 }]);
    sync.stop();
  });
});
