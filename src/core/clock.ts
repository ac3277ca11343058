/**
 * The clock the data layer runs on. Production code uses `systemClock`; tests inject their own so
 * that time-dependent behaviour (retries, typing expiry, office-hours boundaries) is driven by
 * the test, never by sleeping.
 */
export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
