// The sending slice (src/controller/sending.ts): the visitor's messages on the state side.
import { expect } from '@open-wc/testing';
import { signedIn, slices } from './slice-kit.js';

async function setup() {
  const s = slices('sending');
  await signedIn(s);
  const g1 = s.fake.addConversation();
  await s.intake.activate(g1.groupId);
  return { ...s, groupId: g1.groupId };
}

describe('SendingSlice', () => {
  it('saves a message to the outbox before showing it as sending', async () => {
    const s = await setup();
    const saved: number[] = [];
    const put = s.store.putOutbox.bind(s.store);
    s.store.putOutbox = async (item) => {
      await put(item);
      saved.push(s.changes());
    };
    const before = s.changes();
    await s.sending.send('hello', {});
    expect(saved).to.deep.equal([before]); // no state change until the write had landed
    expect(s.cell.state.messages.map((m) => [m.message, m.deliveryState])).to.deep.equal([['hello', 'sending']]);
    expect(s.fake.sockets.length).to.equal(1); // connected to send it
  });

  it('sends nothing without a session and a conversation', async () => {
    const s = slices('sending-none');
    expect(await s.sending.send('hello', {})).to.equal(undefined);
    expect(await s.store.listOutbox()).to.deep.equal([]);
  });

  it('retries a failed message and discards one', async () => {
    const s = await setup();
    const local = await s.sending.send('hello', {});
    const key = local!.key;
    s.visitor.rejected(key, 'PL-M-01');
    expect(s.cell.state.messages[0]).to.include({ deliveryState: 'failed', errorCode: 'PL-M-01' });
    await s.sending.retry(key);
    expect(s.cell.state.messages[0]?.deliveryState).to.equal('sending');
    await s.sending.discard(key);
    expect(s.cell.state.messages).to.deep.equal([]);
    expect(await s.store.listOutbox()).to.deep.equal([]);
  });
});
