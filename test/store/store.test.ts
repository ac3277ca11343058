import { expect } from '@open-wc/testing';
import { createStore as createIdbStore, get as idbGet, set as idbSet } from 'idb-keyval';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import type { KvBackend } from '../../src/store/backend.js';
import { createStore, MESSAGE_CAP, MESSAGE_TAIL, type OutboxItem, type ParleyStore } from '../../src/store/store.js';
import { mergeMessages } from '../../src/core/messages.js';

const raw = createIdbStore('parley', 'kv');
let n = 0;
const freshAppId = () => `app-${Date.now()}-${Math.random().toString(36).slice(2)}-${n++}`;

const session: Session = { appId: 'a', userId: 'u1', token: 't1', userName: 'Poised Salmon', anonymous: true };

/**
 * A backend over a map that records the records it writes, in order (`order`), and holds every
 * write of the conversation g1's base record until `release()`.
 */
function holdingBackend(appId: string) {
  const map = new Map<string, unknown>();
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const backend: KvBackend = {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => {
      if (key.endsWith(':messages:g1')) await held;
      map.set(key, structuredClone(value));
      order.push(key.slice(`parley:${appId}:`.length));
    },
    del: async (list) => list.forEach((k) => map.delete(k)),
    update: async (key, updater) => void map.set(key, updater(map.get(key))),
    keys: async () => [...map.keys()],
  };
  return { backend, order, release };
}

function message(id: number, groupId = 'g1'): Message {
  return {
    key: `k${id}`,
    id,
    groupId,
    message: `m${id}`,
    contentType: 0,
    type: 4,
    fromUserName: 'bot',
    metadata: {},
    createdAtTime: id,
    status: 3,
  };
}

function outboxItem(key: string, createdAtTime: number): OutboxItem {
  return { key, groupId: 'g1', createdAtTime, message: { key, groupId: 'g1', message: key } };
}

const conversation: Conversation = {
  groupId: 'g1',
  groupName: 'Help',
  status: 0,
  members: [{ userId: 'bot', userName: 'Bot', role: 'bot' }],
  metadata: {},
  createdAtTime: 1,
  updatedAtTime: 2,
  unreadCount: 0,
};

/** Captures console.warn calls for the duration of `fn`. */
async function captureWarnings(fn: () => Promise<void>): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void calls.push(args);
  try {
    await fn();
  } finally {
    console.warn = original;
  }
  return calls;
}

describe('store (IndexedDB)', () => {
  it('keeps the session across store instances, under a namespaced key', async () => {
    const appId = freshAppId();
    const store = createStore(appId);
    expect(await store.getSession()).to.equal(undefined);
    await store.setSession(session);
    expect(await createStore(appId).getSession()).to.deep.equal(session);
    const record = (await idbGet(`parley:${appId}:session`, raw)) as { v: number; data: unknown };
    expect(record.v).to.equal(1);
    expect(record.data).to.deep.equal(session);
    expect(store.persistent).to.equal(true);
    await store.setSession(undefined);
    expect(await store.getSession()).to.equal(undefined);
  });

  it('keeps apps apart and clears only its own app on clearAll', async () => {
    const a = createStore(freshAppId());
    const b = createStore(freshAppId());
    await a.setSession(session);
    await b.setSession({ ...session, userId: 'u2' });
    await a.setMessages('g1', [message(1)]);
    await a.setPrefs({ tts: true });
    expect((await b.getSession())?.userId).to.equal('u2');
    await a.clearAll();
    expect(await a.getSession()).to.equal(undefined);
    expect(await a.getMessages('g1')).to.deep.equal([]);
    expect(await a.getPrefs()).to.deep.equal({});
    expect((await b.getSession())?.userId).to.equal('u2');
  });

  it('treats records that fail to parse or have another version as cache misses', async () => {
    const appId = freshAppId();
    const store = createStore(appId);
    await idbSet(`parley:${appId}:session`, { v: 1, data: { userId: 'no token' } }, raw);
    await idbSet(`parley:${appId}:conversations`, { v: 99, data: [conversation] }, raw);
    await idbSet(`parley:${appId}:messages:g1`, 'garbage', raw);
    await idbSet(`parley:${appId}:outbox`, { v: 1, data: [{ nope: true }, outboxItem('ok', 1)] }, raw);
    await idbSet(`parley:${appId}:settings`, { v: 1, data: 7 }, raw);
    expect(await store.getSession()).to.equal(undefined);
    expect(await store.getConversations()).to.deep.equal([]);
    expect(await store.getMessages('g1')).to.deep.equal([]);
    expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal(['ok']);
    expect(await store.getSettings()).to.equal(undefined);
  });

  it('caches settings with the time they were fetched', async () => {
    const store = createStore(freshAppId());
    await store.setSettings({ chatWidget: { position: 'left' } }, 1234);
    expect(await store.getSettings()).to.deep.equal({ raw: { chatWidget: { position: 'left' } }, fetchedAt: 1234 });
  });

  it('stores conversations', async () => {
    const store = createStore(freshAppId());
    await store.setConversations([conversation]);
    expect(await store.getConversations()).to.deep.equal([conversation]);
  });

  it(`keeps the newest ${MESSAGE_CAP} messages per conversation, in id order`, async () => {
    const store = createStore(freshAppId());
    const many = Array.from({ length: MESSAGE_CAP + 50 }, (_, i) => message(MESSAGE_CAP + 50 - i));
    await store.setMessages('g1', many);
    await store.setMessages('g2', [message(7, 'g2')]);
    const kept = await store.getMessages('g1');
    expect(kept).to.have.length(MESSAGE_CAP);
    expect(kept[0]!.id).to.equal(51);
    expect(kept.at(-1)!.id).to.equal(MESSAGE_CAP + 50);
    expect((await store.getMessages('g2')).map((m) => m.id)).to.deep.equal([7]);
  });

  it('keeps the stored messages without their delivery bookkeeping, and no pending one', async () => {
    const store = createStore(freshAppId());
    const held = mergeMessages([], [message(2), message(1)]);
    const pendingOne = { ...message(3), id: undefined, deliveryState: 'sending' as const };
    await store.setMessages('g1', [...held, pendingOne]);
    const kept = await store.getMessages('g1');
    expect(kept.map((m) => m.id)).to.deep.equal([1, 2]);
    expect(kept[0]).to.not.have.property('deliveryState');
  });

  it('writes only the newest messages as a long conversation grows, and reads it whole', async () => {
    const appId = freshAppId();
    const map = new Map<string, unknown>();
    const written: Array<{ key: string; size: number }> = [];
    const recording: KvBackend = {
      get: async (key) => structuredClone(map.get(key)),
      set: async (key, value) => {
        const data = (value as { data: unknown }).data;
        written.push({ key: key.slice(`parley:${appId}:`.length), size: Array.isArray(data) ? data.length : -1 });
        map.set(key, structuredClone(value));
      },
      del: async (list) => list.forEach((k) => map.delete(k)),
      update: async (key, updater) => void map.set(key, updater(map.get(key))),
      keys: async () => [...map.keys()],
    };
    const store = createStore(appId, { backend: recording });
    let held = mergeMessages(
      [],
      Array.from({ length: 5000 }, (_, i) => message(i + 1)),
    );
    await store.setMessages('g1', held);
    expect(written.map((w) => w.key)).to.deep.equal(['messages:g1', 'messages:g1:tail']);
    written.length = 0;
    for (let id = 5001; id <= 5000 + MESSAGE_TAIL; id++) {
      held = mergeMessages(held, [message(id)]);
      await store.setMessages('g1', held);
    }
    // Each arrival rewrote the tail alone, never the 5,000 before it.
    expect(new Set(written.map((w) => w.key))).to.deep.equal(new Set(['messages:g1:tail']));
    expect(written.at(-1)!.size).to.equal(MESSAGE_TAIL);
    // One more folds the tail into the base; an older message changed rewrites the base too.
    held = mergeMessages(held, [message(5001 + MESSAGE_TAIL)]);
    await store.setMessages('g1', held);
    expect(written.slice(-2).map((w) => [w.key, w.size])).to.deep.equal([
      ['messages:g1', 5001 + MESSAGE_TAIL],
      ['messages:g1:tail', 0],
    ]);
    held = mergeMessages(held, [{ ...message(7), status: 5 }]);
    held = mergeMessages(held, [message(5002 + MESSAGE_TAIL)]);
    await store.setMessages('g1', held);
    const again = await createStore(appId, { backend: recording }).getMessages('g1');
    expect(again.map((m) => m.id)).to.deep.equal(held.map((m) => m.id));
    expect(again[6]!.status).to.equal(5);
  });

  it('lands the tail after the base it follows: a tab closed in between loses no message', async () => {
    const appId = freshAppId();
    const { backend: slow, order, release } = holdingBackend(appId);
    const store = createStore(appId, { backend: slow });
    const write = store.setMessages('g1', mergeMessages([], [message(1), message(2)]));
    await store.setConversations([]);
    // The base is held up: its (empty) tail has not overtaken it and dropped what the old one held.
    expect(order).to.deep.equal(['conversations']);
    release();
    await write;
    expect(order).to.deep.equal(['conversations', 'messages:g1', 'messages:g1:tail']);
    expect((await createStore(appId, { backend: slow }).getMessages('g1')).map((m) => m.id)).to.deep.equal([1, 2]);
  });

  it('keeps the outbox in creation order; put replaces in place; remove deletes', async () => {
    const store = createStore(freshAppId());
    await store.putOutbox(outboxItem('b', 20));
    await store.putOutbox(outboxItem('a', 10));
    await store.putOutbox(outboxItem('c', 30));
    expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal(['b', 'a', 'c']);
    await store.putOutbox({ ...outboxItem('a', 10), failed: 'PL-C-01' });
    const list = await store.listOutbox();
    expect(list.map((i) => i.key)).to.deep.equal(['b', 'a', 'c']);
    expect(list[1]!.failed).to.equal('PL-C-01');
    await store.removeOutbox('b');
    expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal(['a', 'c']);
  });

  it('loses no outbox item when many are written at once', async () => {
    const store = createStore(freshAppId());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.putOutbox(outboxItem(`m${i}`, i))));
    expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `m${i}`));
  });

  it('coalesces a burst of conversation writes: the newest lands, reads see it, few writes reach IndexedDB', async () => {
    const appId = freshAppId();
    const map = new Map<string, unknown>();
    let sets = 0;
    const counting: KvBackend = {
      get: async (key) => structuredClone(map.get(key)),
      set: async (key, value) => {
        sets++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        map.set(key, structuredClone(value));
      },
      del: async (list) => list.forEach((k) => map.delete(k)),
      update: async (key, updater) => void map.set(key, updater(map.get(key))),
      keys: async () => [...map.keys()],
    };
    const store = createStore(appId, { backend: counting });
    const history: Message[] = [];
    const writes: Promise<void>[] = [];
    for (let id = 1; id <= 1000; id++) {
      history.push(message(id));
      writes.push(store.setMessages('g1', history));
    }
    // Before any write finished, a read already sees the newest value.
    expect((await store.getMessages('g1')).length).to.equal(1000);
    await Promise.all(writes);
    // The base and its tail each written a few times: 1,000 writes coalesced.
    expect(sets).to.be.at.most(12);
    const stored = await createStore(appId, { backend: counting }).getMessages('g1');
    expect(stored.map((m) => m.id)).to.deep.equal(history.map((m) => m.id));
  });

  it('writes the catch-up cursor only after the records queued before it have landed', async () => {
    const appId = freshAppId();
    const { backend: slow, order, release } = holdingBackend(appId);
    const store = createStore(appId, { backend: slow });
    const messages = store.setMessages('g1', [message(1)]);
    const newer = store.setMessages('g1', [message(1), message(2)]);
    const cursor = store.setCursor(2);
    await store.setConversations([]);
    // A tab closed now would find neither the cursor nor the messages: the next load catches up.
    expect(order).to.deep.equal(['conversations']);
    release();
    await Promise.all([messages, newer, cursor]);
    expect(order.at(-1)).to.equal('cursor');
    expect(new Set(order.slice(0, -1))).to.deep.equal(new Set(['conversations', 'messages:g1', 'messages:g1:tail']));
    expect(await createStore(appId, { backend: slow }).getCursor()).to.equal(2);
  });

  it('does not write a cursor that was waiting when clearAll ran', async () => {
    const appId = freshAppId();
    const store = createStore(appId);
    const waiting = store.setMessages('g1', [message(1)]);
    const cursor = store.setCursor(1);
    await store.clearAll();
    await Promise.all([waiting, cursor]);
    expect(await createStore(appId).getCursor()).to.equal(0);
  });

  it('drops queued writes on clearAll: a logout is not undone by a late write', async () => {
    const appId = freshAppId();
    const store = createStore(appId);
    await store.setSession(session);
    const late = store.setSession({ ...session, token: 't2' });
    const later = store.setSession({ ...session, token: 't3' });
    await store.clearAll();
    await Promise.all([late, later]);
    expect(await store.getSession()).to.equal(undefined);
    expect(await createStore(appId).getSession()).to.equal(undefined);
  });

  it('merges preferences and keeps a catch-up cursor', async () => {
    const store = createStore(freshAppId());
    await store.setPrefs({ tts: true });
    await store.setPrefs({ panelOpen: false });
    expect(await store.getPrefs()).to.deep.equal({ tts: true, panelOpen: false });
    expect(await store.getCursor()).to.equal(0);
    await store.setCursor(42);
    expect(await store.getCursor()).to.equal(42);
  });
});

describe('store (memory fallback)', () => {
  const failing: KvBackend = {
    get: () => Promise.reject(new DOMException('blocked', 'InvalidStateError')),
    set: () => Promise.reject(new DOMException('blocked', 'InvalidStateError')),
    del: () => Promise.reject(new Error('nope')),
    update: () => {
      throw new Error('sync failure');
    },
    keys: () => Promise.reject(new Error('nope')),
  };

  it('degrades to memory with exactly one warning and keeps working', async () => {
    let store: ParleyStore | undefined;
    const warnings = await captureWarnings(async () => {
      store = createStore(freshAppId(), { backend: failing });
      expect(await store.getSession()).to.equal(undefined);
      await store.setSession(session);
      await store.putOutbox(outboxItem('x', 1));
      await store.setMessages('g1', [message(1)]);
      expect(await store.getSession()).to.deep.equal(session);
      expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal(['x']);
      expect((await store.getMessages('g1')).map((m) => m.id)).to.deep.equal([1]);
      await store.clearAll();
      expect(await store.getSession()).to.equal(undefined);
    });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('IndexedDB');
    expect(store?.persistent).to.equal(false);
  });

  it('falls back when IndexedDB never answers', async () => {
    const hanging: KvBackend = { ...failing, get: () => new Promise(() => {}) };
    const warnings = await captureWarnings(async () => {
      const store = createStore(freshAppId(), { backend: hanging, openTimeoutMs: 10 });
      expect(await store.getSession()).to.equal(undefined);
      await store.setSession(session);
      expect(await store.getSession()).to.deep.equal(session);
    });
    expect(warnings).to.have.length(1);
  });

  it('runs on memory without a warning when IndexedDB is switched off', async () => {
    const warnings = await captureWarnings(async () => {
      const store = createStore(freshAppId(), { useIdb: false });
      await store.setSession(session);
      expect(await store.getSession()).to.deep.equal(session);
      expect(store.persistent).to.equal(false);
    });
    expect(warnings).to.have.length(0);
  });
});
