// The receipts slice (src/controller/receipts.ts): read markers and typing-expiry timers.
import { expect } from '@open-wc/testing';
import { ReceiptsSlice, TYPING_EXPIRY_MS } from '../../src/controller/receipts.js';
import { kit } from './slice-kit.js';

/** Resolves in the next task (the order of tasks, not a wait). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const k = kit('receipts');
  const session = await k.rest.createSession({});
  return { ...k, token: session.token, receipts: new ReceiptsSlice(k) };
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
