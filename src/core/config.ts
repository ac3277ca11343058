/**
 * Widget configuration: the server's settings (`WidgetSettingsResponse`) and the page's
 * `widgetSettings`, read leniently against the one settings schema (`settings-schema.ts`) and
 * completed with its defaults. A field of the wrong type takes its default and adds an error
 * naming the field; unknown fields are ignored; nothing throws. The install settings are in
 * `settings-install.ts` (re-exported here).
 */
import type {
  AwayMessageSettings,
  ChatWidgetSettings,
  LeadField,
  TeamOfficeHours,
  WelcomeMessageSettings,
} from './protocol.js';
import {
  AWAY_SCHEMA,
  CHAT_WIDGET_SCHEMA,
  LEAD_FIELD_TYPES,
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  checkLenient,
  defaultsOf,
  describe,
  type FieldSpec,
} from './settings-schema.js';
import { isRecord } from './wire.js';

export { DEFAULT_CHAT_WIDGET } from './settings-schema.js';
export {
  deepMerge,
  parseInstallSettings,
  type InitStatus,
  type InstallResult,
  type InstallSettings,
} from './settings-install.js';

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

/** Settings with every field at its default (fresh objects and lists). */
export function defaultSettings(): ResolvedSettings {
  return {
    ...defaultsOf<Omit<ResolvedSettings, 'chatWidget' | 'welcomeMessage' | 'awayMessage'>>(TOP_LEVEL_SCHEMA),
    chatWidget: defaultsOf<ChatWidgetSettings>(CHAT_WIDGET_SCHEMA),
    welcomeMessage: defaultsOf<WelcomeMessageSettings>(WELCOME_SCHEMA),
    awayMessage: defaultsOf<AwayMessageSettings>(AWAY_SCHEMA),
  };
}

// ---- the parts ------------------------------------------------------------------------------

/**
 * Each field of `schema` found in `source`, read leniently into `target`; a wrong one leaves the
 * value in place (`fallback` says which) and adds an error naming it.
 */
function applySchema(
  target: object,
  schema: Readonly<Record<string, FieldSpec>>,
  source: unknown,
  label: string,
  errors: string[],
  fallback = 'using the default',
): void {
  if (source === undefined || source === null) return;
  if (!isRecord(source)) {
    errors.push(`${label}: expected an object; ${fallback}`);
    return;
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = source[name];
    if (value === undefined) continue;
    const result = checkLenient(spec, value);
    if (result.ok) (target as Record<string, unknown>)[name] = result.value;
    else errors.push(`${label}.${name}: expected ${result.expected}, got ${describe(value)}; ${fallback}`);
  }
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

function topLevelBool(
  raw: Record<string, unknown>,
  name: 'collectFeedback' | 'collectLead',
  errors: string[],
): boolean {
  const value = raw[name];
  const fallback = TOP_LEVEL_SCHEMA[name].default;
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  errors.push(`${name}: expected a boolean, got ${describe(value)}; using the default`);
  return fallback;
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
  applySchema(settings.chatWidget, CHAT_WIDGET_SCHEMA, source.chatWidget, 'chatWidget', errors);
  applySchema(
    settings.chatWidget,
    CHAT_WIDGET_SCHEMA,
    pageOverrides,
    'widgetSettings',
    errors,
    "keeping the server's value",
  );

  settings.collectFeedback = topLevelBool(source, 'collectFeedback', errors);
  settings.collectLead = topLevelBool(source, 'collectLead', errors);
  settings.chatPopupMessage = parseGreetings(source.chatPopupMessage, errors);
  settings.leadCollection = parseLeadFields(source.leadCollection, errors);
  if (source.showWelcomeAwayMessage !== undefined) {
    settings.showWelcomeAwayMessage = source.showWelcomeAwayMessage !== false;
  }
  applySchema(settings.welcomeMessage, WELCOME_SCHEMA, source.welcomeMessage, 'welcomeMessage', errors);
  applySchema(settings.awayMessage, AWAY_SCHEMA, source.awayMessage, 'awayMessage', errors);
  settings.officeHours = parseOfficeHours(source.officeHours, errors);
  if (typeof source.defaultTeamId === 'string') settings.defaultTeamId = source.defaultTeamId;
  if (typeof source.identityVerification === 'boolean') settings.identityVerification = source.identityVerification;
  if (typeof source.userName === 'string' && source.userName !== '') settings.userName = source.userName;
  else if (source.userName !== undefined && source.userName !== null && source.userName !== '') {
    errors.push(`userName: expected a string, got ${describe(source.userName)}; ignored`);
  }
  return { settings, errors };
}
