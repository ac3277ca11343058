/**
 * Exponential backoff with "full jitter" (a random delay between 0 and the exponential ceiling)
 * and a cap. Never throws; bad numbers fall back to sensible values.
 */
export interface BackoffOptions {
  /** Delay ceiling of the first attempt, ms. */
  base: number;
  /** Largest delay ceiling, ms. */
  cap: number;
  /** Returns a number in [0, 1); defaults to Math.random. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { base: 1000, cap: 30000 };

function finiteOr(value: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Delay in ms before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const base = Math.max(0, finiteOr(options.base, DEFAULT_BACKOFF.base));
  const cap = Math.max(0, finiteOr(options.cap, DEFAULT_BACKOFF.cap));
  const n = Math.max(0, Math.floor(finiteOr(attempt, 0)));
  // 2 ** 1024 is Infinity; Math.min handles it, but keep the exponent bounded anyway.
  const ceiling = Math.min(cap, base * 2 ** Math.min(n, 60));
  let r = (options.random ?? Math.random)();
  if (!Number.isFinite(r) || r < 0) r = 0;
  if (r >= 1) r = 1;
  return Math.floor(ceiling * r);
}
