/**
 * Validation of the widget settings an admin writes (`PATCH /admin/v1/apps/:appId/settings`,
 * `POST /admin/v1/apps`). Every known field has a check that either returns the value to store
 * (normalised: trimmed colours, bare host names, trimmed hour ranges) or records one problem:
 * PL-R-04 for a key we do not know, PL-R-03 for a wrong type or value, each naming the key path
 * and what it must be. All problems are collected; nothing throws. Pure: no Node APIs.
 *
 * The fields, their kinds, limits, allowed values and defaults are the widget's own settings
 * schema (`src/core/settings-schema.ts`), read here strictly; this file turns each row into a
 * check and adds what a table does not say (the items of greetings, lead fields, office hours).
 * A new setting: one row in the schema.
 */
import { normalizeHost } from '../../../src/core/domain.js';
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem, ChatWidgetSettings } from '../../../src/core/protocol.js';
import {
  AWAY_SCHEMA,
  CHAT_WIDGET_SCHEMA,
  LEAD_FIELD_TYPES,
  MAX_GREETING_LINES,
  MAX_LEAD_OPTIONS,
  MAX_TEXT,
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  describe,
  namedValues,
  type FieldSpec,
} from '../../../src/core/settings-schema.js';
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

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb` or `#rrggbb`, stored lower case. */
export const color: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && HEX_COLOR.test(v.trim())) return v.trim().toLowerCase();
  p.invalid(path, 'a colour like "#rrggbb" or "#rgb"', v);
  return INVALID;
};

/** '' or an absolute http(s) URL. */
export const httpUrlOrEmpty: Check<string> = (v, path, p) => {
  if (v === '') return '';
  if (typeof v === 'string' && v.length <= MAX_TEXT) {
    try {
      const url = new URL(v.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      /* reported below */
    }
  }
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

// ---- domains ----------------------------------------------------------------------------------

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * A domain-restriction entry reduced to the bare host name the Origin check compares with:
 * scheme, port, path and a leading `*.` are dropped, letters lower-cased, IDNs in punycode.
 * `*` (every host) stays `*`. Undefined when it is not a host name.
 */
export function normaliseDomain(entry: string): string | undefined {
  const trimmed = entry.trim();
  if (trimmed === '*') return '*';
  if (/\s/.test(trimmed)) return undefined;
  const bare = normalizeHost(trimmed);
  if (bare === '') return undefined;
  if (IPV6.test(bare)) return bare;
  let host: string;
  try {
    host = new URL(`http://${bare}`).hostname;
  } catch {
    return undefined;
  }
  if (host.length > 253) return undefined;
  const labels = host.split('.');
  return labels.every((l) => LABEL.test(l)) ? host : undefined;
}

export const domain: Check<string> = (v, path, p) => {
  if (typeof v !== 'string') {
    p.invalid(path, 'a domain name string', v);
    return INVALID;
  }
  const host = normaliseDomain(v);
  if (host === undefined) {
    p.invalid(path, 'a domain name like "example.com" (optionally with "*.", a scheme or a port)', v);
    return INVALID;
  }
  return host;
};

const MIME_PATTERN = /^(?:\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]*\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*))$/i;

export const mimePattern: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && MIME_PATTERN.test(v.trim())) return v.trim().toLowerCase();
  p.invalid(path, 'a MIME type like "image/png" or "image/*"', v);
  return INVALID;
};

// ---- office hours -----------------------------------------------------------------------------

const HOURS = /^(\d{2})(\d{2})-(\d{2})(\d{2})$/;

/** "HHmm-HHmm" with hours 00–23 (the end may be 2400) and minutes 00–59. */
export function isHourRange(value: string): boolean {
  const m = HOURS.exec(value);
  if (!m) return false;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (m1 > 59 || m2 > 59 || h1 > 23) return false;
  return h2 < 24 || (h2 === 24 && m2 === 0);
}

export const hourRange: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && isHourRange(v.trim())) return v.trim();
  p.invalid(path, 'office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day)', v);
  return INVALID;
};

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone.length > 100) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZone: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && isTimeZone(v)) return v;
  p.invalid(path, 'an IANA time zone like "Europe/Berlin"', v);
  return INVALID;
};

const WEEKDAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

export const businessHourMap: Check<Json> = objectOf(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, hourRange])));

export const teamOfficeHours: Check<Json> = (v, path, p) => {
  const checked = objectOf(
    { teamId: nonEmptyText(200), teamName: text(200), timezone: timeZone, businessHourMap, message: text() },
    { required: ['teamId', 'timezone', 'businessHourMap'] },
  )(v, path, p);
  if (checked === INVALID) return checked;
  return { teamName: '', message: '', ...checked };
};

// ---- greeting and lead form ------------------------------------------------------------------

const greetingLines: Check<string | string[]> = (v, path, p) => {
  if (typeof v === 'string') return text()(v, path, p);
  if (
    Array.isArray(v) &&
    v.length > 0 &&
    v.length <= MAX_GREETING_LINES &&
    v.every((l) => typeof l === 'string' && l.length <= MAX_TEXT)
  ) {
    return [...(v as string[])];
  }
  p.invalid(path, `a string or an array of 1–${MAX_GREETING_LINES} strings`, v);
  return INVALID;
};

export const greeting: Check<Json> = objectOf({ message: greetingLines, delay: number() }, { required: ['message'] });

export const leadField: Check<Json> = (v, path, p) => {
  const checked = objectOf(
    {
      field: nonEmptyText(100),
      type: oneOf(LEAD_FIELD_TYPES),
      required: bool,
      placeholder: text(200),
      options: listOf(nonEmptyText(200), { max: MAX_LEAD_OPTIONS }),
    },
    { required: ['field'] },
  )(v, path, p);
  if (checked === INVALID) return checked;
  const type = checked['type'] ?? 'text';
  if (type === 'select' && (!Array.isArray(checked['options']) || checked['options'].length === 0)) {
    p.missing(`${path}.options`, 'for a "select" field (at least one option)');
    return INVALID;
  }
  return { ...checked, type };
};

// ---- the settings -----------------------------------------------------------------------------

/** The strict check of one schema row. */
export function strictCheck(spec: FieldSpec): Check {
  switch (spec.kind) {
    case 'boolean':
      return bool;
    case 'text':
      return spec.format === 'httpUrlOrEmpty' ? httpUrlOrEmpty : text(spec.maxLength);
    case 'number':
      return number({
        ...(spec.max === undefined ? {} : { max: spec.max }),
        ...(spec.integer ? { integer: true } : {}),
      });
    case 'oneOf':
      return oneOf(spec.values);
    case 'color':
      return color;
    case 'icon':
      return iconIndex;
    case 'list':
      return listOf(spec.item === 'domain' ? domain : mimePattern, { key: (x) => x, dedupe: true });
  }
}

function checksOf(schema: Readonly<Record<string, FieldSpec>>): Fields {
  return Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, strictCheck(spec)]));
}

export const CHAT_WIDGET_CHECKS = checksOf(CHAT_WIDGET_SCHEMA) as {
  readonly [K in keyof ChatWidgetSettings]: Check<ChatWidgetSettings[K]>;
};
export const WELCOME_CHECKS: Fields = checksOf(WELCOME_SCHEMA);
export const AWAY_CHECKS: Fields = checksOf(AWAY_SCHEMA);

/** The items of the schema's lists of objects. */
const ITEM_CHECKS = {
  chatPopupMessage: { item: greeting },
  leadCollection: { item: leadField, key: (f: Json) => String(f['field']) },
  officeHours: { item: teamOfficeHours, key: (t: Json) => String(t['teamId']) },
} as const;

export const TOP_LEVEL_CHECKS: Fields = {
  chatWidget: objectOf(CHAT_WIDGET_CHECKS as unknown as Fields, { partial: true }),
  welcomeMessage: objectOf(WELCOME_CHECKS, { partial: true }),
  awayMessage: objectOf(AWAY_CHECKS, { partial: true }),
  ...Object.fromEntries(
    Object.entries(TOP_LEVEL_SCHEMA).map(([name, spec]) => {
      if (spec.kind !== 'items') return [name, strictCheck(spec)];
      const items: { item: Check<Json>; key?: (value: Json) => string } = ITEM_CHECKS[name as keyof typeof ITEM_CHECKS];
      return [name, listOf(items.item, { max: spec.maxItems, ...(items.key ? { key: items.key } : {}) })];
    }),
  ),
};

export type Validated = { ok: true; value: Json } | { ok: false; errors: ApiErrorItem[] };

/**
 * Checks a settings patch: every key must be known and every value of the right type. `null`
 * resets a key to its default. Returns the normalised patch, or one error item per problem.
 */
export function validateSettingsPatch(input: unknown): Validated {
  const problems = new Problems();
  if (!isRecord(input)) {
    problems.invalid('settings', 'a JSON object', input);
    return { ok: false, errors: problems.items };
  }
  const value = objectOf(TOP_LEVEL_CHECKS, { partial: true })(input, '', problems);
  return value === INVALID || !problems.empty ? { ok: false, errors: problems.items } : { ok: true, value };
}

/** Rules that span fields, checked on the settings as they would be after a patch. */
export function crossCheck(resolved: { chatWidget: ChatWidgetSettings }): ApiErrorItem[] {
  const problems = new Problems();
  if (resolved.chatWidget.iconIndex === 'image' && resolved.chatWidget.widgetImageLink === '') {
    problems.missing('chatWidget.widgetImageLink', 'when chatWidget.iconIndex is "image"');
  }
  return problems.items;
}
