/**
 * Widget configuration: the server's settings (`WidgetSettingsResponse`) and the page's install
 * settings, checked field by field and completed with documented defaults. A field of the wrong
 * type takes its default and adds an error naming the field; unknown fields are ignored; nothing
 * throws.
 */
import type {
  AwayMessageSettings,
  ChatWidgetSettings,
  LeadField,
  Metadata,
  TeamOfficeHours,
  WelcomeMessageSettings,
} from './protocol.js';
import { isRecord, parseMetadata } from './wire.js';

/** A greeting bubble: one or more lines shown after `delay` ms. */
export interface GreetingMessage {
  message: string[];
  delay: number;
}

export interface ResolvedSettings {
  chatWidget: ChatWidgetSettings;
  /** Ask for a CSAT rating after a conversation is resolved. */
  collectFeedback: boolean;
  /** Greeting bubbles (`message` always a list of lines). */
  chatPopupMessage: GreetingMessage[];
  /** Show the pre-chat lead form. */
  collectLead: boolean;
  leadCollection: LeadField[];
  /** Pseudonym the server picked for the anonymous visitor, if any. */
  userName?: string;
  /** Response only: whether a page's `userId` must come with an `accessToken` (false: it need not). */
  identityVerification?: boolean;
  /** The "Show welcome/away message" switch. */
  showWelcomeAwayMessage: boolean;
  welcomeMessage: WelcomeMessageSettings;
  awayMessage: AwayMessageSettings;
  /** Office hours per team; empty = always within office hours. */
  officeHours: TeamOfficeHours[];
  defaultTeamId: string;
}

export const POSITIONS = ['left', 'right'] as const;
export const CSAT_BASES = [3, 5] as const;
export const LEAD_FIELD_TYPES = ['text', 'email', 'phone', 'number', 'select'] as const;

/** Documented defaults of every `chatWidget` field. */
export const DEFAULT_CHAT_WIDGET: Readonly<ChatWidgetSettings> = Object.freeze({
  primaryColor: '#5553b7',
  secondaryColor: '#ffffff',
  position: 'right',
  iconIndex: 0,
  widgetImageLink: '',
  showPoweredBy: true,
  popup: false,
  greetingMessageVolume: 1,
  enableGreetingMessageInMobile: true,
  notificationTone: 'default',
  notificationVolume: 1,
  pseudonymsEnabled: true,
  allowedDomains: [] as string[],
  disableChatWidget: false,
  isSingleThreaded: false,
  voiceInput: false,
  voiceOutput: false,
  attachment: true,
  maxAttachmentSize: 25,
  allowedAttachmentTypes: [] as string[],
  botMessageDelayInterval: 0,
  sessionTimeout: 0,
  csatRatingBase: 3,
  title: '',
  teamName: '',
}) as Readonly<ChatWidgetSettings>;

/** Settings with every field at its default. */
export function defaultSettings(): ResolvedSettings {
  return {
    chatWidget: {
      ...DEFAULT_CHAT_WIDGET,
      allowedDomains: [],
      allowedAttachmentTypes: [],
    },
    collectFeedback: false,
    chatPopupMessage: [],
    collectLead: false,
    leadCollection: [],
    showWelcomeAwayMessage: true,
    welcomeMessage: { enabled: false, message: '', collectEmail: false },
    awayMessage: { anonymous: '', known: '', collectEmail: false },
    officeHours: [],
    defaultTeamId: '',
  };
}

// ---- field checks ---------------------------------------------------------------------------

/** A check returns the accepted value, or undefined with the reason why not. */
type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; expected: string };

const bool: Check<boolean> = (v) =>
  typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, expected: 'a boolean' };
const text: Check<string> = (v) =>
  typeof v === 'string' ? { ok: true, value: v } : { ok: false, expected: 'a string' };
const nonNegative: Check<number> = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? { ok: true, value: v }
    : { ok: false, expected: 'a number ≥ 0' };
const volume: Check<number> = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1
    ? { ok: true, value: v }
    : { ok: false, expected: 'a number from 0 to 1' };
const stringList: Check<string[]> = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')
    ? { ok: true, value: [...(v as string[])] }
    : { ok: false, expected: 'an array of strings' };

/** Colours that are safe in a CSS custom property: hex, rgb(a)/hsl(a) and named colours. */
const COLOR_RE = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|(rgb|rgba|hsl|hsla)\(\s*[-\d.%\s,/deg]+\)|[a-z]{3,30})$/i;
const color: Check<string> = (v) =>
  typeof v === 'string' && COLOR_RE.test(v.trim())
    ? { ok: true, value: v.trim() }
    : { ok: false, expected: 'a CSS colour (#rrggbb, rgb(), hsl() or a name)' };

const position: Check<'left' | 'right'> = (v) =>
  v === 'left' || v === 'right' ? { ok: true, value: v } : { ok: false, expected: '"left" or "right"' };
const iconIndex: Check<number | 'image'> = (v) =>
  v === 'image' || (typeof v === 'number' && Number.isInteger(v) && v >= 0)
    ? { ok: true, value: v }
    : { ok: false, expected: 'an icon number or "image"' };
const csatBase: Check<3 | 5> = (v) => (v === 3 || v === 5 ? { ok: true, value: v } : { ok: false, expected: '3 or 5' });

const CHAT_WIDGET_CHECKS: { [K in keyof ChatWidgetSettings]: Check<ChatWidgetSettings[K]> } = {
  primaryColor: color,
  secondaryColor: color,
  position,
  iconIndex,
  widgetImageLink: text,
  showPoweredBy: bool,
  popup: bool,
  greetingMessageVolume: volume,
  enableGreetingMessageInMobile: bool,
  notificationTone: text,
  notificationVolume: volume,
  pseudonymsEnabled: bool,
  allowedDomains: stringList,
  disableChatWidget: bool,
  isSingleThreaded: bool,
  voiceInput: bool,
  voiceOutput: bool,
  attachment: bool,
  maxAttachmentSize: nonNegative,
  allowedAttachmentTypes: stringList,
  botMessageDelayInterval: nonNegative,
  sessionTimeout: nonNegative,
  csatRatingBase: csatBase,
  title: text,
  teamName: text,
};

function applyChatWidget(target: ChatWidgetSettings, source: unknown, label: string, errors: string[]): void {
  if (source === undefined || source === null) return;
  if (!isRecord(source)) {
    errors.push(`${label}: expected an object`);
    return;
  }
  for (const name of Object.keys(CHAT_WIDGET_CHECKS) as (keyof ChatWidgetSettings)[]) {
    if (!(name in source) || source[name] === undefined) continue;
    const result = (CHAT_WIDGET_CHECKS[name] as Check<unknown>)(source[name]);
    if (result.ok) (target as unknown as Record<string, unknown>)[name] = result.value;
    else {
      const fallback = label === 'chatWidget' ? 'using the default' : "keeping the server's value";
      errors.push(`${label}.${name}: expected ${result.expected}, got ${describe(source[name])}; ${fallback}`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function parseGreetings(value: unknown, errors: string[]): GreetingMessage[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push('chatPopupMessage: expected an array; using the default');
    return [];
  }
  const out: GreetingMessage[] = [];
  value.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push(`chatPopupMessage[${i}]: expected an object; ignored`);
      return;
    }
    const lines =
      typeof item.message === 'string'
        ? [item.message]
        : Array.isArray(item.message) && item.message.every((l) => typeof l === 'string')
          ? (item.message as string[])
          : undefined;
    if (!lines) {
      errors.push(`chatPopupMessage[${i}].message: expected a string or an array of strings; ignored`);
      return;
    }
    let delay = 0;
    if (item.delay !== undefined) {
      if (typeof item.delay === 'number' && Number.isFinite(item.delay) && item.delay >= 0) delay = item.delay;
      else errors.push(`chatPopupMessage[${i}].delay: expected a number ≥ 0; using 0`);
    }
    out.push({ message: [...lines], delay });
  });
  return out;
}

function parseLeadFields(value: unknown, errors: string[]): LeadField[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push('leadCollection: expected an array; using the default');
    return [];
  }
  const out: LeadField[] = [];
  value.forEach((item, i) => {
    if (!isRecord(item) || typeof item.field !== 'string' || item.field === '') {
      errors.push(`leadCollection[${i}]: expected an object with a "field" name; ignored`);
      return;
    }
    const type = (LEAD_FIELD_TYPES as readonly unknown[]).includes(item.type)
      ? (item.type as LeadField['type'])
      : 'text';
    if (item.type !== undefined && type !== item.type)
      errors.push(`leadCollection[${i}].type: unknown type; using "text"`);
    const field: LeadField = { field: item.field, type };
    if (typeof item.required === 'boolean') field.required = item.required;
    if (typeof item.placeholder === 'string') field.placeholder = item.placeholder;
    if (Array.isArray(item.options)) field.options = item.options.filter((o): o is string => typeof o === 'string');
    out.push(field);
  });
  return out;
}

function topLevelBool(raw: Record<string, unknown>, name: string, errors: string[]): boolean {
  const value = raw[name];
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  errors.push(`${name}: expected a boolean, got ${describe(value)}; using the default`);
  return false;
}

/** Copies the fields of `source` whose type matches the default's (strings and booleans). */
function applyFlatRecord<T extends object>(target: T, source: unknown, label: string, errors: string[]): void {
  if (source === undefined || source === null) return;
  if (!isRecord(source)) {
    errors.push(`${label}: expected an object; using the default`);
    return;
  }
  const record = target as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    const value = source[name];
    if (value === undefined) continue;
    if (typeof value === typeof record[name]) record[name] = value;
    else errors.push(`${label}.${name}: expected a ${typeof record[name]}, got ${describe(value)}; using the default`);
  }
}

function parseOfficeHours(value: unknown, errors: string[]): TeamOfficeHours[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push('officeHours: expected an array; ignored');
    return [];
  }
  const out: TeamOfficeHours[] = [];
  value.forEach((team, i) => {
    if (!isRecord(team) || typeof team.timezone !== 'string' || !isRecord(team.businessHourMap)) {
      errors.push(`officeHours[${i}]: expected {teamId, timezone, businessHourMap}; ignored`);
      return;
    }
    const map: TeamOfficeHours['businessHourMap'] = {};
    for (const [day, hours] of Object.entries(team.businessHourMap)) {
      if (/^[0-6]$/.test(day) && typeof hours === 'string') map[day as keyof typeof map] = hours;
    }
    out.push({
      teamId: typeof team.teamId === 'string' ? team.teamId : String(i),
      teamName: typeof team.teamName === 'string' ? team.teamName : '',
      timezone: team.timezone,
      businessHourMap: map,
      message: typeof team.message === 'string' ? team.message : '',
    });
  });
  return out;
}

/**
 * Resolves the server's settings (`raw`, the `response` of the settings endpoint) and the page's
 * `widgetSettings` (`pageOverrides`, deep-merged over `chatWidget`; the page wins) into complete
 * settings, with one error string per problem.
 */
export function parseSettings(raw: unknown, pageOverrides?: unknown): { settings: ResolvedSettings; errors: string[] } {
  const errors: string[] = [];
  const settings = defaultSettings();
  let source: Record<string, unknown> = {};
  if (raw !== undefined && raw !== null) {
    if (isRecord(raw)) source = raw;
    else errors.push(`settings: expected an object, got ${describe(raw)}; using the defaults`);
  }

  // The page's overrides are deep-merged over the server's chatWidget, field by field, each
  // checked on its own: a bad page value leaves the server's (or the default) value in place.
  applyChatWidget(settings.chatWidget, source.chatWidget, 'chatWidget', errors);
  applyChatWidget(settings.chatWidget, pageOverrides, 'widgetSettings', errors);

  settings.collectFeedback = topLevelBool(source, 'collectFeedback', errors);
  settings.collectLead = topLevelBool(source, 'collectLead', errors);
  settings.chatPopupMessage = parseGreetings(source.chatPopupMessage, errors);
  settings.leadCollection = parseLeadFields(source.leadCollection, errors);
  if (source.showWelcomeAwayMessage !== undefined) {
    settings.showWelcomeAwayMessage = source.showWelcomeAwayMessage !== false;
  }
  applyFlatRecord(settings.welcomeMessage, source.welcomeMessage, 'welcomeMessage', errors);
  applyFlatRecord(settings.awayMessage, source.awayMessage, 'awayMessage', errors);
  settings.officeHours = parseOfficeHours(source.officeHours, errors);
  if (typeof source.defaultTeamId === 'string') settings.defaultTeamId = source.defaultTeamId;
  if (typeof source.identityVerification === 'boolean') settings.identityVerification = source.identityVerification;
  if (typeof source.userName === 'string' && source.userName !== '') settings.userName = source.userName;
  else if (source.userName !== undefined && source.userName !== null && source.userName !== '') {
    errors.push(`userName: expected a string, got ${describe(source.userName)}; ignored`);
  }
  return { settings, errors };
}

/** Deep merge of plain objects (arrays and other values are replaced); `over` wins. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = deepMerge(base[k], v);
  }
  return out;
}

// ---- install settings -----------------------------------------------------------------------

export type InitStatus = 'success' | 'error';

export interface InstallSettings {
  appId: string;
  /** Base URL of the chat server, without a trailing slash ('' = the page's own origin). */
  server: string;
  userId?: string;
  userName?: string;
  email?: string;
  imageLink?: string;
  contactNumber?: string;
  accessToken?: string;
  conversationTitle?: string;
  userLocale?: string;
  popupWidget: boolean;
  automaticChatOpenOnNavigation: boolean;
  /** UI string overrides (locale key → text). */
  labels: Record<string, string>;
  /** Overrides of the server's `chatWidget` settings (checked by `parseSettings`). */
  widgetSettings: Record<string, unknown>;
  metadata: Metadata;
  onInit?: (status: InitStatus, data?: unknown) => void;
}

export type InstallResult = { ok: true; value: InstallSettings; warnings: string[] } | { ok: false; error: string };

/** Accepts JSON text for object settings (as `data-*` attributes give them). */
function objectish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function normalizeServer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return '';
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** Checks what a site passes to the widget (`window.parleySettings`, data attributes, props). */
export function parseInstallSettings(raw: unknown): InstallResult {
  if (!isRecord(raw)) return { ok: false, error: 'install settings: expected an object with an appId' };
  const appId =
    typeof raw.appId === 'string' ? raw.appId.trim() : typeof raw.appId === 'number' ? String(raw.appId) : '';
  if (appId === '') return { ok: false, error: 'install settings: appId is required (invalid application id)' };

  const warnings: string[] = [];
  const value: InstallSettings = {
    appId,
    server: '',
    popupWidget: false,
    automaticChatOpenOnNavigation: false,
    labels: {},
    widgetSettings: {},
    metadata: {},
  };

  if (raw.server !== undefined) {
    const server = normalizeServer(raw.server);
    if (server === undefined) warnings.push('server: expected an http(s) URL; using the page origin');
    else value.server = server;
  }

  const optionalStrings = [
    'userId',
    'userName',
    'email',
    'imageLink',
    'contactNumber',
    'accessToken',
    'conversationTitle',
    'userLocale',
  ] as const;
  for (const name of optionalStrings) {
    const v = raw[name];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string') value[name] = v;
    else if (typeof v === 'number' && (name === 'userId' || name === 'contactNumber')) value[name] = String(v);
    else warnings.push(`${name}: expected a string; ignored`);
  }

  for (const name of ['popupWidget', 'automaticChatOpenOnNavigation'] as const) {
    const v = raw[name];
    if (v === undefined || v === null) continue;
    if (typeof v === 'boolean') value[name] = v;
    else if (v === 'true' || v === 'false') value[name] = v === 'true';
    else warnings.push(`${name}: expected a boolean; ignored`);
  }

  const labels = objectish(raw.labels);
  if (labels !== undefined && labels !== null) {
    if (isRecord(labels)) {
      for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') value.labels[k] = v;
    } else warnings.push('labels: expected an object; ignored');
  }

  const widgetSettings = objectish(raw.widgetSettings);
  if (widgetSettings !== undefined && widgetSettings !== null) {
    if (isRecord(widgetSettings)) value.widgetSettings = deepMerge({}, widgetSettings) as Record<string, unknown>;
    else warnings.push('widgetSettings: expected an object; ignored');
  }

  const metadata = objectish(raw.metadata);
  if (metadata !== undefined && metadata !== null) {
    if (isRecord(metadata)) value.metadata = parseMetadata(metadata);
    else warnings.push('metadata: expected an object; ignored');
  }

  if (raw.onInit !== undefined && raw.onInit !== null) {
    if (typeof raw.onInit === 'function') value.onInit = raw.onInit as InstallSettings['onInit'];
    else warnings.push('onInit: expected a function; ignored');
  }

  return { ok: true, value, warnings };
}
