/**
 * The widget's persistence: session, cached settings, conversations, message cache, outbox (and
 * its files), drafts and preferences, namespaced per app (`parley:<appId>:…`) in the IndexedDB store `parley`/`kv`.
 *
 * Every record is `{v, at, data}`; a record of another version or that fails to parse is a cache
 * miss. No method throws or rejects: when IndexedDB is unavailable or fails, the store warns
 * once and carries on with an in-memory map.
 */
import type { LocalMessage } from '../core/messages.js';
import type { Conversation, Message, Session } from '../core/protocol.js';
import { isRecord, parseConversations, parseMessages, parseSession } from '../core/wire.js';
import { idbBackend, memoryBackend, withTimeout, type KvBackend } from './backend.js';
import {
  parseOutbox,
  parsePrefs,
  sortedById,
  startsWith,
  unwrap,
  wrap,
  type CachedSettings,
  type OutboxItem,
  type Prefs,
} from './records.js';
import { createWrites } from './writes.js';

export {
  RECORD_VERSION,
  type CachedSettings,
  type OutboxFile,
  type OutboxItem,
  type PrefValue,
  type Prefs,
} from './records.js';

/** Messages kept per conversation (the newest), and up to MESSAGE_TAIL more arrived since. */
export const MESSAGE_CAP = 10_000;
/**
 * A conversation's messages are two records: its base, rewritten rarely, and the newest ones
 * after it, at most this many, rewritten with each new message (10,000 held cost a small write).
 */
export const MESSAGE_TAIL = 200;

export interface ParleyStore {
  readonly appId: string;
  /** False once the store runs on memory (IndexedDB unavailable or disabled). */
  readonly persistent: boolean;
  getSession(): Promise<Session | undefined>;
  setSession(session: Session | undefined): Promise<void>;
  getSettings(): Promise<CachedSettings | undefined>;
  setSettings(raw: unknown, fetchedAt: number): Promise<void>;
  getConversations(): Promise<Conversation[]>;
  setConversations(conversations: readonly Conversation[]): Promise<void>;
  getMessages(groupId: string): Promise<Message[]>;
  /**
   * Keeps a conversation's stored messages (pending ones and the delivery bookkeeping are not
   * kept). A call whose list starts with the very objects the base record was written from, with
   * few after them, writes only those few.
   */
  setMessages(groupId: string, messages: readonly (Message | LocalMessage)[]): Promise<void>;
  /** Outbox items, oldest first. */
  listOutbox(): Promise<OutboxItem[]>;
  /** Adds an item, or replaces the item with the same key (keeping its place). */
  putOutbox(item: OutboxItem): Promise<void>;
  /** Removes an item and the file saved with it. */
  removeOutbox(key: string): Promise<void>;
  /**
   * Saves the file of the outbox message `key` (before the item). False when storage refused it
   * (a full quota): the store stays as it is, and the caller keeps the file in memory.
   */
  putFile(key: string, file: Blob): Promise<boolean>;
  getFile(key: string): Promise<Blob | undefined>;
  getPrefs(): Promise<Prefs>;
  /** Merges `patch` into the stored preferences. */
  setPrefs(patch: Prefs): Promise<void>;
  /** The composer's unsent text in a conversation (`''`: a conversation not made yet); '' when none. */
  getDraft(groupId: string): Promise<string>;
  /** Keeps it (writes coalesced per conversation: the newest goes next); '' forgets it. */
  setDraft(groupId: string, text: string): Promise<void>;
  /** The largest message id the widget has merged (the catch-up cursor). */
  getCursor(): Promise<number>;
  setCursor(id: number): Promise<void>;
  /** Removes everything this app stored (logout). */
  clearAll(): Promise<void>;
}

export interface StoreOptions {
  /** false: keep everything in memory (no IndexedDB, no warning). Default true. */
  useIdb?: boolean;
  /** A backend to use instead of IndexedDB (tests inject a failing one). */
  backend?: KvBackend;
  /** How long the first IndexedDB operation may take before the store gives up on it, ms. */
  openTimeoutMs?: number;
}

const DEFAULT_OPEN_TIMEOUT_MS = 3000;

export function createStore(appId: string, options: StoreOptions = {}): ParleyStore {
  const prefix = `parley:${appId}:`;
  const useIdb = options.useIdb ?? true;
  let backend: KvBackend = options.backend ?? (useIdb ? idbBackend() : memoryBackend());
  let persistent = Boolean(options.backend) || useIdb;
  let probed = !persistent;

  const fallBack = (error: unknown): void => {
    if (!persistent) return;
    persistent = false;
    backend = memoryBackend();
    console.warn(
      '[parley] IndexedDB is not available; chat history and unsent messages will only be kept until the page closes.',
      error,
    );
  };

  /** Runs `op` on the backend; on failure switches to memory (once) and runs it there. */
  async function run<T>(op: (b: KvBackend) => Promise<T>): Promise<T> {
    if (persistent) {
      try {
        if (probed) return await op(backend);
        probed = true;
        return await withTimeout(op(backend), options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS);
      } catch (error) {
        fallBack(error);
      }
    }
    return op(backend);
  }

  const { write, othersLanded, dropQueued, queuedValue } = createWrites((name, data) =>
    run((b) => b.set(prefix + name, wrap(data))).catch(() => {
      /* memory writes do not fail; nothing sensible to do otherwise */
    }),
  );
  /** Bumped by clearAll, so that a cursor write waiting for others is not made after a logout. */
  let generation = 0;

  /** The messages (as given) each conversation's base record was last written from, here. */
  const bases = new Map<string, readonly unknown[]>();

  function saveMessages(groupId: string, messages: readonly unknown[]): Promise<void> {
    const name = `messages:${groupId}`;
    const list = Array.isArray(messages) ? messages : [];
    const base = bases.get(groupId);
    if (base && list.length - base.length <= MESSAGE_TAIL && startsWith(list, base)) {
      return write(`${name}:tail`, sortedById(parseMessages(list.slice(base.length))));
    }
    // Everything into the base, and then an empty tail: never a moment with neither holding one.
    bases.set(groupId, list.slice());
    const landed = write(name, sortedById(parseMessages(list)).slice(-MESSAGE_CAP));
    return Promise.all([landed, write(`${name}:tail`, [], landed)]).then(() => undefined);
  }

  async function read<T>(name: string, parse: (data: unknown) => T | undefined): Promise<T | undefined> {
    try {
      // A queued write is the newest value of the key: read your own writes.
      const next = queuedValue(name);
      const data = next ? structuredClone(next.data) : unwrap(await run((b) => b.get(prefix + name)));
      return data === undefined ? undefined : parse(data);
    } catch {
      return undefined;
    }
  }

  async function remove(names: string[]): Promise<void> {
    dropQueued(names);
    try {
      await run((b) => b.del(names.map((n) => prefix + n)));
    } catch {
      /* ignore */
    }
  }

  async function updateOutbox(change: (items: OutboxItem[]) => OutboxItem[]): Promise<void> {
    try {
      await run((b) => b.update(prefix + 'outbox', (old) => wrap(change(parseOutbox(unwrap(old))))));
    } catch {
      /* ignore */
    }
  }

  return {
    appId,
    get persistent() {
      return persistent;
    },

    getSession: () => read('session', parseSession),
    setSession: (session) => (session ? write('session', session) : remove(['session'])),

    getSettings: () =>
      read('settings', (data) =>
        isRecord(data) && typeof data.fetchedAt === 'number' ? { raw: data.raw, fetchedAt: data.fetchedAt } : undefined,
      ),
    setSettings: (raw, fetchedAt) => write('settings', { raw, fetchedAt }),

    getConversations: async () => (await read('conversations', parseConversations)) ?? [],
    setConversations: (conversations) => write('conversations', [...conversations]),

    getMessages: async (groupId) => {
      const name = `messages:${groupId}`;
      const [base, tail] = await Promise.all([read(name, parseMessages), read(`${name}:tail`, parseMessages)]);
      // The tail's copy of a message is the newer one.
      const byKey = new Map<string, Message>();
      for (const m of [...(base ?? []), ...(tail ?? [])]) byKey.set(m.key, m);
      return sortedById([...byKey.values()]);
    },
    setMessages: saveMessages,

    listOutbox: async () => (await read('outbox', parseOutbox)) ?? [],
    putOutbox: (item) =>
      updateOutbox((items) => {
        const i = items.findIndex((x) => x.key === item.key);
        if (i >= 0) items[i] = item;
        else items.push(item);
        return items;
      }),
    removeOutbox: async (key) => {
      await updateOutbox((items) => items.filter((x) => x.key !== key));
      await remove([`outbox-file:${key}`]);
    },
    // Its bytes, not the Blob (WebKit's IndexedDB may refuse Blobs); not through run(): a refused
    // file (quota) must not move the whole store to memory.
    putFile: async (key, file) => {
      try {
        const data = { type: file.type, bytes: await file.arrayBuffer() };
        await backend.set(`${prefix}outbox-file:${key}`, wrap(data));
        return true;
      } catch {
        return false;
      }
    },
    getFile: (key) =>
      read(`outbox-file:${key}`, (d) =>
        isRecord(d) && d.bytes instanceof ArrayBuffer && typeof d.type === 'string'
          ? new Blob([d.bytes], { type: d.type })
          : undefined,
      ),

    getPrefs: async () => (await read('prefs', parsePrefs)) ?? {},
    setPrefs: async (patch) => {
      try {
        await run((b) =>
          b.update(prefix + 'prefs', (old) => wrap({ ...parsePrefs(unwrap(old)), ...parsePrefs(patch) })),
        );
      } catch {
        /* ignore */
      }
    },

    getDraft: async (groupId) => (await read(`draft:${groupId}`, (d) => (typeof d === 'string' ? d : undefined))) ?? '',
    setDraft: (groupId, text) => write(`draft:${groupId}`, text),

    getCursor: async () =>
      (await read('cursor', (d) => (typeof d === 'number' && Number.isFinite(d) ? d : undefined))) ?? 0,
    // The cursor vouches for the records written before it (the conversation list, the messages):
    // it is written only once they have landed, so that a tab closed in between never leaves a
    // stored cursor ahead of the stored messages, which would make the next catch-up skip them.
    setCursor: async (id) => {
      const at = generation;
      await othersLanded('cursor');
      if (at === generation) await write('cursor', Number.isFinite(id) ? id : 0);
    },

    clearAll: async () => {
      generation++;
      bases.clear();
      dropQueued();
      try {
        const all = await run((b) => b.keys());
        await run((b) => b.del(all.filter((k) => k.startsWith(prefix))));
      } catch {
        /* ignore */
      }
    },
  };
}
