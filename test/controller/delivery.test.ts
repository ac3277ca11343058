// The delivery slice (src/controller/delivery.ts): the outbox on the store side, and which keys this
// page sent.
import { expect } from '@open-wc/testing';
import { createLocalMessage } from '../../src/core/messages.js';
import { DeliverySlice } from '../../src/controller/delivery.js';
import { kit } from './slice-kit.js';

function setup() {
  const k = kit('delivery');
  const local = (text: string, groupId = 'g1', now = 1000) =>
    createLocalMessage({ groupId, text, fromUserName: 'visitor', now });
  return {
    ...k,
    delivery: new DeliverySlice({ ...k, server: '', token: () => undefined }),
    local,
  };
}

describe('DeliverySlice', () => {
  it('queues messages in the outbox, listed by conversation', async () => {
    const { delivery, store, local } = setup();
    const a = local('a');
    await delivery.queue(a);
    await delivery.queue(local('b', 'g2'));
    const pending = await delivery.pending('g1');
    expect(pending.map((i) => i.message.message)).to.deep.equal(['a']);
    expect(pending[0]).to.include({ key: a.key, groupId: 'g1', createdAtTime: a.createdAtTime });
    expect((await store.listOutbox()).length).to.equal(2);
  });

  it('reports a stored message as sent only from the page that sent it, and takes it out', async () => {
    const { delivery, store, local } = setup();
    const mine = local('mine');
    const other = local('from another tab');
    await delivery.queue(mine);
    await delivery.queue(other);
    delivery.sending(mine.key);
    expect(delivery.stored(mine.key)).to.equal(true);
    expect(delivery.stored(mine.key)).to.equal(false); // once
    expect(delivery.stored(other.key)).to.equal(false);
    await Promise.resolve();
    expect(await store.listOutbox()).to.deep.equal([]);
  });

  it('requeues a failed message in its place, or rebuilds it from the one shown', async () => {
    const { delivery, store, local } = setup();
    const first = local('first', 'g1', 1);
    const second = local('second', 'g1', 2);
    await delivery.queue(first);
    await delivery.queue(second);
    const [item] = await store.listOutbox();
    await store.putOutbox({ ...item!, failed: 'PL-M-01' });
    expect(await delivery.requeue(first.key, () => undefined)).to.equal(true);
    const items = await store.listOutbox();
    expect(items.map((i) => i.key)).to.deep.equal([first.key, second.key]);
    expect(items[0]?.failed).to.equal(undefined);

    await delivery.discard(first.key);
    expect(await delivery.requeue(first.key, () => first)).to.equal(true);
    expect((await store.listOutbox()).some((i) => i.key === first.key)).to.equal(true);
    expect(await delivery.requeue('gone', () => undefined)).to.equal(false);
  });

  it('forgets which keys it sent on reset', async () => {
    const { delivery, local } = setup();
    const m = local('m');
    await delivery.queue(m);
    delivery.sending(m.key);
    delivery.reset();
    expect(delivery.stored(m.key)).to.equal(false);
  });
});
