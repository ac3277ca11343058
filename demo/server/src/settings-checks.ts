/**
 * The building blocks of the server's strict settings checks: a check returns the value to
 * store or records one problem at a key path (PL-R-04 unknown key, PL-R-03 wrong value, PL-R-02
 * missing) and answers INVALID. Scalars, lists and objects; the settings themselves are put
 * together from the schema in `settings-validation.ts`. Pure: no Node APIs.
 */
import { normalizeHex } from '../../../src/core/color.js';
import { parseHttpUrl } from '../../../src/core/http-url.js';
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem } from '../../../src/core/protocol.js';
import { MAX_TEXT, describe, namedValues } from '../../../src/core/settings-schema.js';
import { isRecord, type Json } from '../../../src/core/wire.js';
import { errorItem } from './errors.js';

/** Records problems at key paths. */
export class Problems {
  readonly items: ApiErrorItem[] = [];

  unknown(path: string): void {
    this.items.push(errorItem(ERROR_CODES.unknownField, `${path} is not a known setting`));
  }

  invalid(path: string, expected: string, value?: unknown): void {
    const got = value === undefined ? '' : `, got ${describe(value)}`;
    this.items.push(errorItem(ERROR_CODES.invalidField, `${path} must be ${expected}${got}`));
  }

  missing(path: string, why = ''): void {
    this.items.push(
      errorItem(ERROR_CODES.missingField, why === '' ? `${path} is required` : `${path} is required ${why}`),
    );
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** Marks a value that failed its check (the problem is already recorded). */
export const INVALID: unique symbol = Symbol('invalid');
export type Checked<T> = T | typeof INVALID;

/** A check: the value to store, or INVALID after recording why at `path`. */
export type Check<T = unknown> = (value: unknown, path: string, problems: Problems) => Checked<T>;

// ---- scalar checks ----------------------------------------------------------------------------

export { MAX_TEXT };
export const MAX_LIST = 100;

export const bool: Check<boolean> = (v, path, p) => {
  if (typeof v === 'boolean') return v;
  p.invalid(path, 'a boolean', v);
  return INVALID;
};

export function text(max = MAX_TEXT): Check<string> {
  return (v, path, p) => {
    if (typeof v !== 'string') {
      p.invalid(path, 'a string', v);
      return INVALID;
    }
    if (v.length > max) {
      p.invalid(path, `at most ${max} characters long`);
      return INVALID;
    }
    return v;
  };
}

export function nonEmptyText(max = 200): Check<string> {
  const base = text(max);
  return (v, path, p) => {
    const s = base(v, path, p);
    if (s === INVALID) return s;
    if (s.trim() === '') {
      p.invalid(path, 'a non-empty string', v);
      return INVALID;
    }
    return s.trim();
  };
}

/** A finite number ≥ 0 (optionally ≤ max, optionally an integer). */
export function number(opts: { max?: number; integer?: boolean } = {}): Check<number> {
  const expected = `${opts.integer ? 'an integer' : 'a number'} ≥ 0${opts.max === undefined ? '' : ` and ≤ ${opts.max}`}`;
  return (v, path, p) => {
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      (opts.max !== undefined && v > opts.max) ||
      (opts.integer && !Number.isInteger(v))
    ) {
      p.invalid(path, expected, v);
      return INVALID;
    }
    return v;
  };
}

export function oneOf<T extends string | number>(values: readonly T[]): Check<T> {
  const expected = namedValues(values);
  return (v, path, p) => {
    if ((values as readonly unknown[]).includes(v)) return v as T;
    p.invalid(path, expected, v);
    return INVALID;
  };
}

/** `#rgb` or `#rrggbb` (the widget's rule, `src/core/color.ts`), stored as given in lower case. */
export const color: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && normalizeHex(v) !== undefined) return v.trim().toLowerCase();
  p.invalid(path, 'a colour like "#rrggbb" or "#rgb"', v);
  return INVALID;
};

/** '' or an absolute http(s) URL. */
export const httpUrlOrEmpty: Check<string> = (v, path, p) => {
  if (v === '') return '';
  const url = typeof v === 'string' && v.length <= MAX_TEXT ? parseHttpUrl(v.trim()) : undefined;
  if (url) return url.href;
  p.invalid(path, 'an http(s) URL or ""', v);
  return INVALID;
};

export const iconIndex: Check<number | 'image'> = (v, path, p) => {
  if (v === 'image' || (typeof v === 'number' && Number.isInteger(v) && v >= 0)) return v;
  p.invalid(path, 'an icon number ≥ 0 or "image"', v);
  return INVALID;
};

// ---- lists and objects ------------------------------------------------------------------------

/**
 * An array of checked items (at most `max`). `key` names an item's identity: with `dedupe` a
 * repeated item is dropped silently, otherwise it is a problem.
 */
export function listOf<T>(
  item: Check<T>,
  opts: { max?: number; key?: (value: T) => string; dedupe?: boolean } = {},
): Check<T[]> {
  const max = opts.max ?? MAX_LIST;
  return (v, path, p) => {
    if (!Array.isArray(v)) {
      p.invalid(path, 'an array', v);
      return INVALID;
    }
    if (v.length > max) {
      p.invalid(path, `an array of at most ${max} items`);
      return INVALID;
    }
    const out: T[] = [];
    const seen = new Set<string>();
    let ok = true;
    v.forEach((x, i) => {
      const checked = item(x, `${path}[${i}]`, p);
      if (checked === INVALID) {
        ok = false;
        return;
      }
      const id = opts.key?.(checked);
      if (id !== undefined && seen.has(id)) {
        if (opts.dedupe) return;
        p.invalid(`${path}[${i}]`, `unique (${JSON.stringify(id)} appears twice)`);
        ok = false;
        return;
      }
      if (id !== undefined) seen.add(id);
      out.push(checked);
    });
    return ok ? out : INVALID;
  };
}

export type Fields = Readonly<Record<string, Check>>;

/**
 * An object with known fields. `required` fields must be present (PL-R-02); unknown keys are
 * PL-R-04. With `partial`, a `null` value means "reset to the default" and is kept as null.
 */
export function objectOf(fields: Fields, opts: { required?: readonly string[]; partial?: boolean } = {}): Check<Json> {
  return (v, path, p) => {
    if (!isRecord(v)) {
      p.invalid(path, 'an object', v);
      return INVALID;
    }
    const out: Json = {};
    let ok = true;
    for (const [key, value] of Object.entries(v)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) {
        p.unknown(keyPath);
        ok = false;
        continue;
      }
      if (value === null && opts.partial) {
        out[key] = null;
        continue;
      }
      const checked = check(value, keyPath, p);
      if (checked === INVALID) ok = false;
      else out[key] = checked;
    }
    for (const key of opts.required ?? []) {
      if (v[key] === undefined || v[key] === null) {
        p.missing(path === '' ? key : `${path}.${key}`);
        ok = false;
      }
    }
    return ok ? out : INVALID;
  };
}
