/**
 * A small typed emitter for the engine's slices, so that a slice reports what happened without
 * knowing who listens: `on(type, fn)` returns its own unsubscribe, and listeners run in the order
 * they subscribed. Events are argument lists (`{ message: [Message, Arrival] }`).
 */
export type EventLists = Record<string, unknown[]>;

export class Emitter<M extends EventLists> {
  private readonly _listeners = new Map<keyof M, Set<unknown>>();

  on<K extends keyof M>(type: K, fn: (...args: M[K]) => void): () => void {
    let set = this._listeners.get(type);
    if (!set) this._listeners.set(type, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  protected emit<K extends keyof M>(type: K, ...args: M[K]): void {
    for (const fn of [...(this._listeners.get(type) ?? [])]) (fn as (...a: M[K]) => void)(...args);
  }
}
