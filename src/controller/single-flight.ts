/**
 * One promise slot: while a run is pending, every call shares it; once it settles, the next call
 * starts a new run. Replaces hand-made `#pending ??= run().finally(() => (#pending = undefined))`.
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= run().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
