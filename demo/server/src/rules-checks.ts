/**
 * The checks the conversation rules are validated with (`rules.ts`, `team-rules.ts`): each takes
 * a value and its path, and returns the value to store or records a problem (PL-R-03 for a wrong
 * value, PL-R-04 for an unknown key) and returns `undefined`. Pure; never throws.
 */
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import { errorItem } from './errors.js';

/** Human routing: round robin among available agents, or nobody assigned and everybody told. */
export const ROUTING_MODES = ['automatic', 'notifyEverybody'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_DELAY_MS = 30 * DAY_MS;
export const MAX_OPEN_LIMIT = 10_000;
export const MAX_TEAMS = 50;
export const MAX_ID = 191;

/** A check returns the value to store, or records a problem and returns `undefined`. */
export type Check<T> = (value: unknown, path: string, problems: ApiErrorItem[]) => T | undefined;
export type Checks<T> = { [K in keyof T]-?: Check<NonNullable<T[K]>> };

export const invalid = (problems: ApiErrorItem[], path: string, expected: string): undefined => {
  problems.push(errorItem(ERROR_CODES.invalidField, `${path} must be ${expected}`));
  return undefined;
};

export const unknownKey = (problems: ApiErrorItem[], path: string): void => {
  problems.push(errorItem(ERROR_CODES.unknownField, `${path} is not a known setting`));
};

export const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, path, p) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : invalid(p, path, `one of ${values.join(', ')}`);

export const boolean: Check<boolean> = (v, path, p) => (typeof v === 'boolean' ? v : invalid(p, path, 'a boolean'));

export const integer =
  (max: number): Check<number> =>
  (v, path, p) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max
      ? v
      : invalid(p, path, `an integer from 0 to ${max}`);

export const identifier: Check<string> = (v, path, p) =>
  typeof v === 'string' && v.length <= MAX_ID && v.trim() === v
    ? v
    : invalid(p, path, `a string of at most ${MAX_ID} characters`);

/** An e-mail address (one `@`, no spaces, at most 254 characters), or '' for none. */
export const emailOrEmpty: Check<string> = (v, path, p) =>
  typeof v === 'string' && (v === '' || (v.length <= 254 && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v)))
    ? v
    : invalid(p, path, 'an e-mail address or ""');

export const channelBots: Check<Record<string, string>> = (v, path, p) => {
  if (!isRecord(v)) return invalid(p, path, 'an object of channel → bot id');
  const out: Record<string, string> = {};
  let ok = true;
  for (const [channel, bot] of Object.entries(v)) {
    if (!/^[a-z0-9_-]{1,40}$/i.test(channel))
      ok = invalid(p, `${path}.${channel}`, 'named with letters, digits, "_" or "-"') ?? false;
    else if (typeof bot !== 'string' || bot === '' || bot.length > MAX_ID)
      ok = invalid(p, `${path}.${channel}`, 'a bot id') ?? false;
    else out[channel.toLowerCase()] = bot;
  }
  return ok ? out : undefined;
};

/**
 * Checks an object key by key with `checks`: the known keys that passed, or `undefined` when
 * `value` is not an object. Unknown keys are reported (PL-R-04) and left out.
 */
export function checkSection<T extends object>(
  value: unknown,
  path: string,
  checks: Checks<T>,
  problems: ApiErrorItem[],
): Partial<T> | undefined {
  if (!isRecord(value)) return invalid(problems, path, 'an object');
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!Object.prototype.hasOwnProperty.call(checks, key)) {
      unknownKey(problems, `${path}.${key}`);
      continue;
    }
    const check = checks[key as keyof T] as Check<T[keyof T]>;
    const result = check(v, `${path}.${key}`, problems);
    if (result !== undefined) out[key as keyof T] = result;
  }
  return out;
}
