/**
 * Key-value backends for the store: IndexedDB through idb-keyval (the only importer of
 * idb-keyval in Parley) and an in-memory map used when IndexedDB is unavailable.
 */
import { createStore as createIdbStore, delMany, get, keys, set, update, type UseStore } from 'idb-keyval';

export interface KvBackend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(keys: string[]): Promise<void>;
  /** Atomic read-modify-write of one key. */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
  keys(): Promise<string[]>;
}

/** The shared IndexedDB database `parley`, object store `kv`. Opened lazily, on first use. */
export function idbBackend(dbName = 'parley', storeName = 'kv'): KvBackend {
  let store: UseStore | undefined;
  const use = (): UseStore => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    store ??= createIdbStore(dbName, storeName);
    return store;
  };
  return {
    get: async (key) => get(key, use()),
    set: async (key, value) => set(key, value, use()),
    del: async (list) => (list.length ? delMany(list, use()) : undefined),
    update: async (key, updater) => update(key, updater, use()),
    keys: async () => (await keys(use())).filter((k): k is string => typeof k === 'string'),
  };
}

/** A backend over a Map; values are cloned so callers never share objects with the store. */
export function memoryBackend(map = new Map<string, unknown>()): KvBackend {
  const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));
  return {
    get: async (key) => clone(map.get(key)),
    set: async (key, value) => void map.set(key, clone(value)),
    del: async (list) => list.forEach((k) => map.delete(k)),
    update: async (key, updater) => void map.set(key, clone(updater(clone(map.get(key))))),
    keys: async () => [...map.keys()],
  };
}

/** `promise`, or a rejection once `ms` have passed without an answer (IndexedDB can hang on open). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`IndexedDB did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
