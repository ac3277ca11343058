// Small, dependency-free statistics over arrays of numbers. Non-finite values are ignored, so a
// run that could not measure something (null) never poisons a median.

/**
 * @param {Array<number|null|undefined>} values
 * @returns {number[]}
 */
export function finite(values) {
  return /** @type {number[]} */ (values.filter((v) => typeof v === 'number' && Number.isFinite(v)));
}

/**
 * Percentile with linear interpolation between closest ranks (p in 0..100).
 * @param {Array<number|null|undefined>} values
 * @param {number} p
 * @returns {number|null}
 */
export function percentile(values, p) {
  const xs = finite(values).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  if (xs.length === 1) return xs[0];
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo] + (xs[hi] - xs[lo]) * (rank - lo);
}

/** @param {Array<number|null|undefined>} values */
export function median(values) {
  return percentile(values, 50);
}

/**
 * Summary of a sample: count of usable values, min, p50, p95, p99, max, mean.
 * @param {Array<number|null|undefined>} values
 */
export function summarize(values) {
  const xs = finite(values);
  if (xs.length === 0) return { n: 0, min: null, p50: null, p95: null, p99: null, max: null, mean: null };
  return {
    n: xs.length,
    min: xs.reduce((a, b) => Math.min(a, b)),
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
    max: xs.reduce((a, b) => Math.max(a, b)),
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
  };
}

/**
 * a / b, or null when either is missing or b is 0.
 * @param {number|null} a
 * @param {number|null} b
 */
export function ratio(a, b) {
  if (a == null || b == null || b === 0) return null;
  return a / b;
}
