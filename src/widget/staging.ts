/**
 * The widget's start in tasks of its own, so that a slow phone never sees one long task: evaluating
 * the bundle, upgrading `<parley-chat>` with its first render, and starting the engine each run in
 * their own task (at 4× CPU they were one task of 75–90 ms; each is now under the 50 ms of a "long
 * task").
 */

type WithScheduler = typeof globalThis & { scheduler?: { yield?: () => Promise<void> } };

/** Resolves in a later task: `scheduler.yield()` where the browser has it, else a zero timeout. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as WithScheduler).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Defines the element: in a later task when the script-tag loader put it on the page (its
 * queueing `window.Parley` is there: the upgrade and first render would otherwise run in the task
 * that evaluated the bundle), at once otherwise (`import 'parley-chat'` defines it before the
 * importer runs).
 */
export function defineSoon(define: () => void): void {
  const stub = (window as Window & { Parley?: { q?: unknown } }).Parley;
  if (Array.isArray(stub?.q) && document.querySelector('parley-chat')) void nextTask().then(define);
  else define();
}
