/**
 * Whole-value writes of the store's records, coalesced per key: while one write of a key is in
 * flight, later ones replace each other and only the newest goes next. A burst of 1,000 incoming
 * messages thus costs a few writes of the conversation, not 1,000 queued copies that a reload
 * would cut off. A queued value is the newest of its key (`queuedValue`: read your own writes).
 */

interface Queued {
  data: unknown;
  done: Array<() => void>;
  after?: Promise<unknown> | undefined;
}

export interface Writes {
  /**
   * Resolves once `data` (or a newer value of the same key) is written; not before `after` has
   * settled (a record that must land after another).
   */
  write(name: string, data: unknown, after?: Promise<unknown>): Promise<void>;
  /** Resolves once every write of the other keys, in flight or queued at the call, has landed. */
  othersLanded(name: string): Promise<unknown>;
  /** Drops queued (not yet started) writes of `names`, or of every key. */
  dropQueued(names?: string[]): void;
  /** The queued value of `name`, if a write of it waits: `{ data }`. */
  queuedValue(name: string): { data: unknown } | undefined;
}

/** `put` writes one record (it never rejects). */
export function createWrites(put: (name: string, data: unknown) => Promise<void>): Writes {
  const queued = new Map<string, Queued>();
  /** The write of each key in flight. */
  const writing = new Map<string, Promise<void>>();

  async function flush(name: string): Promise<void> {
    for (let next = queued.get(name); next; next = queued.get(name)) {
      // Still queued while it waits for another record: later writes join it, the cursor waits.
      for (let after = next.after; after; after = next.after) {
        next.after = undefined;
        await after;
      }
      queued.delete(name);
      const op = put(name, next.data);
      writing.set(name, op);
      await op;
      for (const resolve of next.done) resolve();
    }
    writing.delete(name);
  }

  return {
    write: (name, data, after) =>
      new Promise((resolve) => {
        const next = queued.get(name);
        if (next) {
          next.data = data;
          next.done.push(resolve);
          if (after) next.after = next.after ? Promise.all([next.after, after]) : after;
          return;
        }
        queued.set(name, { data, done: [resolve], after });
        if (!writing.has(name)) void flush(name);
      }),
    othersLanded: (name) => {
      const waits: Array<Promise<unknown>> = [];
      for (const [key, next] of queued) if (key !== name) waits.push(new Promise<void>((r) => next.done.push(r)));
      for (const [key, op] of writing) if (key !== name && !queued.has(key)) waits.push(op);
      return Promise.all(waits);
    },
    dropQueued: (names) => {
      for (const name of names ?? [...queued.keys()]) {
        const next = queued.get(name);
        queued.delete(name);
        for (const resolve of next?.done ?? []) resolve();
      }
    },
    queuedValue: (name) => {
      const next = queued.get(name);
      return next && { data: next.data };
    },
  };
}
