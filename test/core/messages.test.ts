import { expect } from '@open-wc/testing';
import {
  createKey,
  createLocalMessage,
  holdsStored,
  isFromVisitor,
  isPending,
  lastStoredId,
  markUpTo,
  mergeMessages,
  toOutgoing,
  type LocalMessage,
} from '../../src/core/messages.js';
import type { Message } from '../../src/core/protocol.js';

function stored(id: number, key = `k${id}`, extra: Partial<Message> = {}): Message {
  return {
    key,
    id,
    groupId: 'g1',
    message: `message ${id}`,
    contentType: 0,
    type: 4,
    fromUserName: 'agent',
    metadata: {},
    createdAtTime: 1000 + id,
    status: 3,
    ...extra,
  };
}

function pending(key: string, createdAtTime: number): LocalMessage {
  return createLocalMessage({ key, groupId: 'g1', text: key, fromUserName: 'me', now: createdAtTime });
}

const keys = (list: readonly { key: string }[]) => list.map((m) => m.key);

describe('core/messages', () => {
  describe('createKey', () => {
    it('makes unique UUID-shaped keys', () => {
      const all = new Set(Array.from({ length: 500 }, () => createKey()));
      expect(all.size).to.equal(500);
      for (const k of [...all].slice(0, 5))
        expect(k).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  describe('mergeMessages', () => {
    it('orders stored messages by server id', () => {
      const merged = mergeMessages([stored(3), stored(1)], [stored(2)]);
      expect(merged.map((m) => m.id)).to.deep.equal([1, 2, 3]);
    });

    it('never duplicates a key', () => {
      const merged = mergeMessages([stored(1), stored(2)], [stored(2), stored(1), stored(3), stored(3)]);
      expect(keys(merged)).to.deep.equal(['k1', 'k2', 'k3']);
    });

    it('puts pending messages after stored ones, in creation order', () => {
      const merged = mergeMessages([pending('b', 20), stored(5), pending('a', 10)], [stored(4)]);
      expect(keys(merged)).to.deep.equal(['k4', 'k5', 'a', 'b']);
      expect(merged[2]!.deliveryState).to.equal('sending');
    });

    it('keeps the order of pending messages written in the same millisecond', () => {
      const merged = mergeMessages([pending('x', 10), pending('y', 10), pending('z', 10)], []);
      expect(keys(merged)).to.deep.equal(['x', 'y', 'z']);
    });

    it('replaces a pending message by its stored copy, in server order', () => {
      const merged = mergeMessages([stored(1), pending('mine', 50), stored(3)], [stored(2, 'mine', { type: 5 })]);
      expect(keys(merged)).to.deep.equal(['k1', 'mine', 'k3']);
      expect(merged[1]!.deliveryState).to.equal('sent');
      expect(isPending(merged[1]!)).to.equal(false);
    });

    it('never turns a stored message back into a pending one', () => {
      const merged = mergeMessages([stored(2, 'mine')], [pending('mine', 99)]);
      expect(merged).to.have.length(1);
      expect(merged[0]!.id).to.equal(2);
    });

    it('keeps a read marker when an older copy arrives again', () => {
      const [read] = markUpTo(mergeMessages([], [stored(1, 'k1', { type: 5 })]), 1);
      expect(read!.deliveryState).to.equal('read');
      const merged = mergeMessages([read!], [stored(1, 'k1', { type: 5 })]);
      expect(merged[0]!.deliveryState).to.equal('read');
    });

    it('appends a newer message between the stored and the pending ones, keeping every held one as it was', () => {
      const held = mergeMessages([], [stored(1), stored(2), pending('p', 5)]);
      const merged = mergeMessages(held, [stored(7)]);
      expect(keys(merged)).to.deep.equal(['k1', 'k2', 'k7', 'p']);
      expect(merged[0]).to.equal(held[0]);
      expect(merged[3]).to.equal(held[2]);
      expect(merged[2]!.deliveryState).to.equal('sent');
      // What a full merge gives, however the held list came: out of order, twice, or older.
      expect(keys(mergeMessages([stored(3), stored(1)], [stored(5)]))).to.deep.equal(['k1', 'k3', 'k5']);
      expect(keys(mergeMessages([pending('b', 20), pending('a', 10)], [stored(5)]))).to.deep.equal(['k5', 'a', 'b']);
      expect(keys(mergeMessages(held, [stored(2)]))).to.deep.equal(['k1', 'k2', 'p']);
      expect(keys(mergeMessages(held, [stored(0)]))).to.deep.equal(['k0', 'k1', 'k2', 'p']);
      expect(keys(mergeMessages([stored(1), stored(1, 'k1b')], [stored(2)]))).to.deep.equal(['k1', 'k1b', 'k2']);
    });

    it('tells whether a message is held stored, at once for one newer than all', () => {
      const held = mergeMessages([], [stored(1), stored(4), pending('mine', 9)]);
      expect([1, 4].map((id) => holdsStored(held, stored(id)))).to.deep.equal([true, true]);
      expect(holdsStored(held, stored(2))).to.equal(false);
      expect(holdsStored(held, stored(5, 'mine'))).to.equal(false);
      expect(holdsStored([], stored(1))).to.equal(false);
    });

    it('drops unusable items instead of throwing', () => {
      const junk = [null, 42, { id: 3 }, { key: '' }, 'x'] as unknown as Message[];
      expect(keys(mergeMessages([stored(1)], junk))).to.deep.equal(['k1']);
      expect(mergeMessages(null as unknown as Message[], undefined as unknown as Message[])).to.deep.equal([]);
    });

    it('does not modify its inputs', () => {
      const a = [stored(2), stored(1)];
      mergeMessages(a, [stored(3)]);
      expect(a.map((m) => m.id)).to.deep.equal([2, 1]);
    });
  });

  describe('helpers', () => {
    it('tells visitor messages from others', () => {
      expect(isFromVisitor(stored(1, 'a', { type: 5 }))).to.equal(true);
      expect(isFromVisitor(stored(1))).to.equal(false);
    });

    it('builds the outgoing and stored forms', () => {
      const local = createLocalMessage({ groupId: 'g', text: 'hi', fromUserName: 'me', now: 5, metadata: { a: '1' } });
      expect(local.deliveryState).to.equal('sending');
      expect(local.type).to.equal(5);
      expect(toOutgoing(local)).to.deep.equal({
        key: local.key,
        groupId: 'g',
        message: 'hi',
        contentType: 0,
        metadata: { a: '1' },
      });
    });

    it('finds the last stored id', () => {
      expect(lastStoredId([stored(4), pending('p', 1), stored(9), stored(2)])).to.equal(9);
      expect(lastStoredId([])).to.equal(0);
    });

    it('marks only the visitor’s stored messages up to an id as read', () => {
      const list = mergeMessages([], [stored(1, 'a', { type: 5 }), stored(2, 'b'), stored(3, 'c', { type: 5 })]);
      const after = markUpTo(list, 2);
      expect(after.map((m) => m.deliveryState)).to.deep.equal(['read', 'sent', 'sent']);
    });
  });
});
