/**
 * Validation of the widget settings an admin writes (`PATCH /admin/v1/apps/:appId/settings`,
 * `POST /admin/v1/apps`). Every known field has a check that either returns the value to store
 * (normalised: trimmed colours, bare host names, trimmed hour ranges) or records one problem:
 * PL-R-04 for a key we do not know, PL-R-03 for a wrong type or value, each naming the key path
 * and what it must be. All problems are collected; nothing throws. Pure: no Node APIs.
 *
 * The fields, their kinds, limits, allowed values and defaults are the widget's own settings
 * schema (`src/core/settings-schema.ts`), read here strictly; this file turns each row into a
 * check (with the building blocks of `settings-checks.ts`), items of the lists of objects
 * included, and adds what a table does not say: domains, MIME patterns, greeting lines, a
 * "select" lead field's options; office-hour ranges and time zones are `office-hours.ts`'s rules.
 * A new setting: one row in the schema.
 */
import { normalizeHost } from '../../../src/core/domain.js';
import { WEEKDAY_KEYS, isHourRange, isTimeZone } from '../../../src/core/office-hours.js';
import type { ApiErrorItem, ChatWidgetSettings } from '../../../src/core/protocol.js';
import {
  AWAY_SCHEMA,
  CHAT_WIDGET_SCHEMA,
  LEAD_FIELD_ITEM,
  MAX_TEXT,
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  defaultsOf,
  type ItemFieldSpec,
  type ItemSchema,
} from '../../../src/core/settings-schema.js';
import { isRecord, type Json } from '../../../src/core/wire.js';
import {
  INVALID,
  MAX_LIST,
  Problems,
  bool,
  color,
  httpUrlOrEmpty,
  iconIndex,
  listOf,
  nonEmptyText,
  number,
  objectOf,
  oneOf,
  text,
  type Check,
  type Fields,
} from './settings-checks.js';

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

export const hourRange: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && isHourRange(v.trim())) return v.trim();
  p.invalid(path, 'office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day)', v);
  return INVALID;
};

export const timeZone: Check<string> = (v, path, p) => {
  if (typeof v === 'string' && isTimeZone(v)) return v;
  p.invalid(path, 'an IANA time zone like "Europe/Berlin"', v);
  return INVALID;
};

export const businessHourMap: Check<Json> = objectOf(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, hourRange])));

/** A string, or an array of 1 to `max` strings (the lines of a greeting). */
function lines(max: number): Check<string | string[]> {
  return (v, path, p) => {
    if (typeof v === 'string') return text()(v, path, p);
    if (
      Array.isArray(v) &&
      v.length > 0 &&
      v.length <= max &&
      v.every((l) => typeof l === 'string' && l.length <= MAX_TEXT)
    ) {
      return [...(v as string[])];
    }
    p.invalid(path, `a string or an array of 1–${max} strings`, v);
    return INVALID;
  };
}

/** The strict check of one item of a list of objects, absent fields at their defaults. */
function itemCheck(schema: ItemSchema): Check<Json> {
  const check = objectOf(checksOf(schema.fields), { required: schema.required });
  return (v, path, p) => {
    const checked = check(v, path, p);
    return checked === INVALID ? checked : { ...defaultsOf<Json>(schema.fields), ...checked };
  };
}

/** A lead form field; a "select" needs its options (a rule across the item's fields). */
const leadField: Check<Json> = (v, path, p) => {
  const checked = itemCheck(LEAD_FIELD_ITEM)(v, path, p);
  if (checked !== INVALID && checked['type'] === 'select' && !(checked['options'] as unknown[] | undefined)?.length) {
    p.missing(`${path}.options`, 'for a "select" field (at least one option)');
    return INVALID;
  }
  return checked;
};

// ---- the settings -----------------------------------------------------------------------------

/** The strict check of one schema row. */
export function strictCheck(spec: ItemFieldSpec): Check {
  switch (spec.kind) {
    case 'boolean':
      return bool;
    case 'text':
      if (spec.format === 'httpUrlOrEmpty') return httpUrlOrEmpty;
      return spec.nonEmpty ? nonEmptyText(spec.maxLength) : text(spec.maxLength);
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
      if (spec.item === 'text') return listOf(nonEmptyText(spec.maxLength), { max: spec.maxItems ?? MAX_LIST });
      return listOf(spec.item === 'domain' ? domain : mimePattern, { key: (x) => x, dedupe: true });
    case 'lines':
      return lines(spec.maxItems);
    case 'timeZone':
      return timeZone;
    case 'weekHours':
      return businessHourMap;
  }
}

function checksOf(schema: Readonly<Record<string, ItemFieldSpec>>): Fields {
  return Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, strictCheck(spec)]));
}

export const CHAT_WIDGET_CHECKS = checksOf(CHAT_WIDGET_SCHEMA) as {
  readonly [K in keyof ChatWidgetSettings]: Check<ChatWidgetSettings[K]>;
};
export const WELCOME_CHECKS: Fields = checksOf(WELCOME_SCHEMA);
export const AWAY_CHECKS: Fields = checksOf(AWAY_SCHEMA);

export const TOP_LEVEL_CHECKS: Fields = {
  chatWidget: objectOf(CHAT_WIDGET_CHECKS as unknown as Fields, { partial: true }),
  welcomeMessage: objectOf(WELCOME_CHECKS, { partial: true }),
  awayMessage: objectOf(AWAY_CHECKS, { partial: true }),
  ...Object.fromEntries(
    Object.entries(TOP_LEVEL_SCHEMA).map(([name, spec]) => {
      if (spec.kind !== 'items') return [name, strictCheck(spec)];
      const item = name === 'leadCollection' ? leadField : itemCheck(spec.item);
      const unique = spec.unique;
      return [name, listOf(item, { max: spec.maxItems, ...(unique ? { key: (x: Json) => String(x[unique]) } : {}) })];
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
