/**
 * The widget settings in one table: every field's kind, its one default, its limits and its
 * allowed values. Two readers, one table:
 *
 * - the widget (`config.ts`) reads it **leniently**: a value of the wrong kind (or outside the
 *   allowed values, or over `max` for numbers) takes the default and adds one error naming the
 *   field; limits that only keep stored data tidy (`maxLength`, `integer`, `format`) are not
 *   checked, and colours may be any safe CSS colour (`#rgb…`, `rgb()`, `hsl()`, a name);
 * - the reference server (`demo/server/src/settings-validation.ts`) reads it **strictly**: the
 *   kind and every limit, colours only `#rgb`/`#rrggbb`, `format`s checked; every problem is
 *   one item of a 400. It fills missing fields with the same defaults (`settings.ts`).
 *
 * So whatever the server accepts, the widget accepts too; a value of the wrong kind is refused
 * by both. A new setting: one row here (and its type in `protocol.ts`).
 *
 * The items of the lists of objects (greetings, lead form fields, office hours) have a table
 * each (`GREETING_ITEM`, `LEAD_FIELD_ITEM`, `TEAM_HOURS_ITEM`), read the same two ways: an item
 * without a good value for a required field is refused by the server and left out by the
 * widget. Office-hour ranges and time zones are checked by `office-hours.ts`'s rules.
 *
 * Defaults chosen where the two sides used to differ: primary colour `#5b5bd6` (also the
 * elements' CSS fallback, `ui/base.ts`), notification tone `default`, launcher icon 0, volumes 1,
 * attachments up to 10 MB of images, PDF and plain text, empty title and team name (the header
 * then shows the page's `conversationTitle` or the localised title).
 */
import { WEEKDAY_KEYS } from './protocol-enums.js';
import type { AwayMessageSettings, ChatWidgetSettings, LeadField, WelcomeMessageSettings } from './protocol.js';
import { isRecord } from './envelope.js';

/** The launcher's primary colour when nobody set one. */
export const DEFAULT_PRIMARY_COLOR = '#5b5bd6';

export const POSITIONS = ['left', 'right'] as const;
export const CSAT_BASES = [3, 5] as const;
export const LEAD_FIELD_TYPES = ['text', 'email', 'phone', 'number', 'select'] as const;
/** The widget's colours: the visitor's system choice (`prefers-color-scheme`), or fixed. */
export const THEMES = ['auto', 'light', 'dark'] as const;
/** The notification tones an app may pick (their notes: `tones.ts`, not carried by the first stage). */
export const NOTIFICATION_TONES = ['default', 'chime', 'ding', 'pop', 'bell', 'marimba'] as const;

/** Compile-time check that the lists above are exactly the wire types' unions (`protocol.ts`). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ListsMatchWireTypes = [
  Assert<Same<(typeof POSITIONS)[number], ChatWidgetSettings['position']>>,
  Assert<Same<(typeof CSAT_BASES)[number], ChatWidgetSettings['csatRatingBase']>>,
  Assert<Same<(typeof LEAD_FIELD_TYPES)[number], LeadField['type']>>,
  Assert<Same<(typeof THEMES)[number], ChatWidgetSettings['theme']>>,
  Assert<Same<(typeof NOTIFICATION_TONES)[number], ChatWidgetSettings['notificationTone']>>,
];

/** Longest free text the server stores, unless a field says less. */
export const MAX_TEXT = 2000;

/** One field of the table. `maxLength` and `format` are strict only (the server's). */
export type FieldSpec =
  | { kind: 'boolean'; default: boolean }
  | { kind: 'text'; default: string; maxLength: number; format?: 'httpUrlOrEmpty'; nonEmpty?: true }
  | { kind: 'number'; default: number; max?: number; integer?: boolean }
  | { kind: 'oneOf'; default: string | number; values: readonly (string | number)[] }
  | { kind: 'color'; default: string }
  | { kind: 'icon'; default: number | 'image' }
  | {
      kind: 'list';
      default: readonly string[];
      item: 'domain' | 'mime' | 'text';
      maxItems?: number;
      maxLength?: number;
    };

/**
 * One field of an item of a list of objects: the kinds above, and greeting lines (a string or a
 * list of strings), a time zone and a week of office hours (`"0"`–`"6"` → `"HHmm-HHmm"`). An
 * `optional` field that is absent stays absent; any other takes its default.
 */
export type ItemFieldSpec = (
  | FieldSpec
  | { kind: 'lines'; default: readonly string[]; maxItems: number }
  | { kind: 'timeZone'; default: string }
  | { kind: 'weekHours'; default: Readonly<Record<string, string>> }
) & { optional?: true };

/**
 * The fields of one item, `required` ones first: an item without a good value for each of those
 * is refused by the server and left out by the widget.
 */
export interface ItemSchema {
  readonly fields: Readonly<Record<string, ItemFieldSpec>>;
  readonly required: readonly string[];
}

/** A list of objects; `maxItems` and `unique` (the field naming an item) are strict only. */
export interface ItemsSpec {
  kind: 'items';
  default: readonly never[];
  maxItems: number;
  item: ItemSchema;
  unique?: string | undefined;
}

const bool = (value: boolean) => ({ kind: 'boolean', default: value }) as const;
const text = (maxLength: number, value = '') => ({ kind: 'text', default: value, maxLength }) as const;

export const CHAT_WIDGET_SCHEMA = {
  primaryColor: { kind: 'color', default: DEFAULT_PRIMARY_COLOR },
  secondaryColor: { kind: 'color', default: '#ffffff' },
  theme: { kind: 'oneOf', default: 'auto', values: THEMES },
  position: { kind: 'oneOf', default: 'right', values: POSITIONS },
  iconIndex: { kind: 'icon', default: 0 },
  widgetImageLink: { kind: 'text', default: '', maxLength: MAX_TEXT, format: 'httpUrlOrEmpty' },
  showPoweredBy: bool(true),
  popup: bool(false),
  greetingMessageVolume: { kind: 'number', default: 1, max: 1 },
  enableGreetingMessageInMobile: bool(true),
  notificationTone: { kind: 'oneOf', default: 'default', values: NOTIFICATION_TONES },
  notificationVolume: { kind: 'number', default: 1, max: 1 },
  pseudonymsEnabled: bool(true),
  allowedDomains: { kind: 'list', default: [], item: 'domain' },
  disableChatWidget: bool(false),
  isSingleThreaded: bool(false),
  voiceInput: bool(false),
  voiceOutput: bool(false),
  attachment: bool(true),
  maxAttachmentSize: { kind: 'number', default: 10 },
  allowedAttachmentTypes: { kind: 'list', default: ['image/*', 'application/pdf', 'text/plain'], item: 'mime' },
  botMessageDelayInterval: { kind: 'number', default: 0, integer: true },
  sessionTimeout: { kind: 'number', default: 0, integer: true },
  csatRatingBase: { kind: 'oneOf', default: 3, values: CSAT_BASES },
  title: text(200),
  teamName: text(200),
} as const satisfies { readonly [K in keyof ChatWidgetSettings]: FieldSpec };

export const WELCOME_SCHEMA = {
  enabled: bool(false),
  message: text(MAX_TEXT),
  collectEmail: bool(false),
} as const satisfies { readonly [K in keyof WelcomeMessageSettings]: FieldSpec };

export const AWAY_SCHEMA = {
  anonymous: text(MAX_TEXT),
  known: text(MAX_TEXT),
  collectEmail: bool(false),
} as const satisfies { readonly [K in keyof AwayMessageSettings]: FieldSpec };

/** Lines of one greeting and options of one lead field the server stores at most. */
export const MAX_GREETING_LINES = 10;
export const MAX_LEAD_OPTIONS = 50;

/** A greeting bubble (`chatPopupMessage[]`): its lines, shown after `delay` ms. */
export const GREETING_ITEM = {
  fields: {
    message: { kind: 'lines', default: [], maxItems: MAX_GREETING_LINES },
    delay: { kind: 'number', default: 0 },
  },
  required: ['message'],
} as const satisfies ItemSchema;

/** A field of the pre-chat lead form (`leadCollection[]`). */
export const LEAD_FIELD_ITEM = {
  fields: {
    field: { kind: 'text', default: '', maxLength: 100, nonEmpty: true },
    type: { kind: 'oneOf', default: 'text', values: LEAD_FIELD_TYPES },
    required: { kind: 'boolean', default: false, optional: true },
    placeholder: { kind: 'text', default: '', maxLength: 200, optional: true },
    options: { kind: 'list', default: [], item: 'text', maxItems: MAX_LEAD_OPTIONS, maxLength: 200, optional: true },
  },
  required: ['field'],
} as const satisfies ItemSchema;

/** A team's office hours (`officeHours[]`), read by `office-hours.ts`. */
export const TEAM_HOURS_ITEM = {
  fields: {
    teamId: { kind: 'text', default: '', maxLength: 200, nonEmpty: true },
    timezone: { kind: 'timeZone', default: '' },
    businessHourMap: { kind: 'weekHours', default: {} },
    teamName: text(200),
    message: text(MAX_TEXT),
  },
  required: ['teamId', 'timezone', 'businessHourMap'],
} as const satisfies ItemSchema;

const items = (maxItems: number, item: ItemSchema, unique?: string): ItemsSpec => ({
  kind: 'items',
  default: [],
  maxItems,
  item,
  unique,
});

/** The other top-level settings (`chatWidget`, `welcomeMessage`, `awayMessage` are above). */
export const TOP_LEVEL_SCHEMA = {
  collectFeedback: bool(false),
  chatPopupMessage: items(10, GREETING_ITEM),
  collectLead: bool(false),
  leadCollection: items(20, LEAD_FIELD_ITEM, 'field'),
  showWelcomeAwayMessage: bool(true),
  officeHours: items(50, TEAM_HOURS_ITEM, 'teamId'),
  defaultTeamId: text(200),
} as const;

/** The stored settings' objects, merged key by key. */
export const SETTINGS_OBJECTS = {
  chatWidget: CHAT_WIDGET_SCHEMA,
  welcomeMessage: WELCOME_SCHEMA,
  awayMessage: AWAY_SCHEMA,
} as const;

/** A fresh copy of a default (lists copied). */
export const copyOf = (value: unknown): unknown => (Array.isArray(value) ? [...(value as unknown[])] : value);

/** A fresh object of the defaults of `schema`, but for its optional fields. */
export function defaultsOf<T>(schema: Readonly<Record<string, ItemFieldSpec | ItemsSpec>>): T {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (!('optional' in spec)) out[name] = copyOf(spec.default);
  }
  return out as T;
}

/** Documented defaults of every `chatWidget` field. */
export const DEFAULT_CHAT_WIDGET: Readonly<ChatWidgetSettings> = Object.freeze(
  defaultsOf<ChatWidgetSettings>(CHAT_WIDGET_SCHEMA),
);

// ---- the lenient reading (the widget's) -------------------------------------------------------

export type Lenient<T = unknown> = { ok: true; value: T } | { ok: false; expected: string };

/** Colours that are safe in a CSS custom property: hex, rgb(a)/hsl(a) and named colours. */
const CSS_COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|(rgb|rgba|hsl|hsla)\(\s*[-\d.%\s,/deg]+\)|[a-z]{3,30})$/i;

/** The values of a `oneOf` field as the messages name them: `"left" or "right"`, `3 or 5`. */
export function namedValues(values: readonly (string | number)[]): string {
  return values.map((x) => JSON.stringify(x)).join(' or ');
}

const strings = (value: unknown): Lenient =>
  Array.isArray(value) && value.every((x) => typeof x === 'string')
    ? { ok: true, value: [...(value as string[])] }
    : { ok: false, expected: 'an array of strings' };

/** Checks `value` against `spec` leniently (see the top of this file). */
export function checkLenient(spec: ItemFieldSpec, value: unknown): Lenient {
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, expected: 'a boolean' };
    case 'text':
    case 'timeZone':
      return typeof value === 'string' && !('nonEmpty' in spec && value === '')
        ? { ok: true, value }
        : { ok: false, expected: 'nonEmpty' in spec ? 'a non-empty string' : 'a string' };
    case 'number': {
      const max = spec.max;
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && (max === undefined || value <= max)
        ? { ok: true, value }
        : { ok: false, expected: max === undefined ? 'a number ≥ 0' : `a number from 0 to ${max}` };
    }
    case 'oneOf':
      return spec.values.includes(value as string | number)
        ? { ok: true, value }
        : { ok: false, expected: namedValues(spec.values) };
    case 'color':
      return typeof value === 'string' && CSS_COLOR.test(value.trim())
        ? { ok: true, value: value.trim() }
        : { ok: false, expected: 'a CSS colour (#rrggbb, rgb(), hsl() or a name)' };
    case 'icon':
      return value === 'image' || (typeof value === 'number' && Number.isInteger(value) && value >= 0)
        ? { ok: true, value }
        : { ok: false, expected: 'an icon number or "image"' };
    case 'lines':
      return typeof value === 'string' ? { ok: true, value: [value] } : strings(value);
    case 'list':
      return strings(value);
    case 'weekHours': {
      // Only the days are kept; a malformed range is reported when the hours are evaluated.
      if (!isRecord(value)) return { ok: false, expected: 'an object' };
      const week: Record<string, string> = {};
      for (const day of WEEKDAY_KEYS) if (typeof value[day] === 'string') week[day] = value[day];
      return { ok: true, value: week };
    }
  }
}

/** A short, safe description of a value for error texts: `"abc"`, `number 7`, `an array`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
