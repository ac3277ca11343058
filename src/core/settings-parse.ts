/**
 * Widget configuration: the server's settings (`WidgetSettingsResponse`) and the page's
 * `widgetSettings`, read leniently against the one settings schema (`settings-schema.ts`) and
 * completed with its defaults. A field of the wrong type takes its default and adds an error
 * naming the field; unknown fields are ignored; nothing throws. `config.ts` gathers this and the
 * install settings (`settings-install.ts`); the first stage imports this file alone.
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
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  checkLenient,
  copyOf,
  defaultsOf,
  describe,
  type FieldSpec,
  type ItemSchema,
  type ItemsSpec,
} from './settings-schema.js';
import { isHostAllowed } from './domain.js';
import { isRecord } from './envelope.js';

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
 * Each field of `schema` found in `source`, read leniently into `target` (`label` names where it
 * is); a wrong one leaves the value in place (`fallback` says which) and adds an error naming it.
 */
function applySchema(
  target: object,
  schema: Readonly<Record<string, FieldSpec | ItemsSpec>>,
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
    const at = label ? `${label}.${name}` : name;
    if (value === undefined) continue;
    if (spec.kind === 'items') {
      (target as Record<string, unknown>)[name] = parseItems(spec.item, value, at, errors);
      continue;
    }
    const result = checkLenient(spec, value);
    if (result.ok) (target as Record<string, unknown>)[name] = result.value;
    else errors.push(`${at}: expected ${result.expected}, got ${describe(value)}; ${fallback}`);
  }
}

/**
 * A list of objects read leniently against its item schema: an item that is not an object, or
 * lacks a good value for a required field, is left out; any other wrong field takes its default
 * (an optional one is left out). One error for each.
 */
function parseItems(schema: ItemSchema, value: unknown, label: string, errors: string[]): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`${label}: expected an array; using the default`);
    return [];
  }
  const out: unknown[] = [];
  value.forEach((item, i) => {
    const at = `${label}[${i}]`;
    if (!isRecord(item)) return errors.push(`${at}: expected an object; ignored`);
    const read: Record<string, unknown> = {};
    for (const [field, spec] of Object.entries(schema.fields)) {
      const given = item[field];
      const result = given === undefined ? undefined : checkLenient(spec, given);
      if (result?.ok) read[field] = result.value;
      else if (schema.required.includes(field)) {
        return errors.push(`${at}.${field}: expected ${result?.expected ?? 'a value'}; ignored`);
      } else {
        if (result)
          errors.push(`${at}.${field}: expected ${result.expected}, got ${describe(given)}; using the default`);
        if (!('optional' in spec)) read[field] = copyOf(spec.default);
      }
    }
    return out.push(read);
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

  applySchema(settings, TOP_LEVEL_SCHEMA, source, '', errors);
  applySchema(settings.welcomeMessage, WELCOME_SCHEMA, source.welcomeMessage, 'welcomeMessage', errors);
  applySchema(settings.awayMessage, AWAY_SCHEMA, source.awayMessage, 'awayMessage', errors);
  if (typeof source.identityVerification === 'boolean') settings.identityVerification = source.identityVerification;
  if (typeof source.userName === 'string' && source.userName !== '') settings.userName = source.userName;
  else if (source.userName !== undefined && source.userName !== null && source.userName !== '') {
    errors.push(`userName: expected a string, got ${describe(source.userName)}; ignored`);
  }
  return { settings, errors };
}

/**
 * Whether the widget shows on a page at `hostname`: `disabled` when the app switched it off,
 * `blocked` when the domain is not on the app's list. The engine and the first stage both ask.
 */
export function widgetStatus(
  chatWidget: Pick<ChatWidgetSettings, 'disableChatWidget' | 'allowedDomains'>,
  hostname: string,
): 'ready' | 'disabled' | 'blocked' {
  if (chatWidget.disableChatWidget) return 'disabled';
  return isHostAllowed(hostname, chatWidget.allowedDomains) ? 'ready' : 'blocked';
}
