/**
 * Widget settings: the server's defaults for a new app, the merge of an app's stored settings
 * over them (`GET /users/v3/chat/plugin/settings`, the `settings` socket event), and how an
 * admin's patch changes the stored value. Validation is in `settings-validation.ts`. Pure.
 *
 * Stored shape (the app's `settings` JSON) = the response shape without `userName`:
 * `chatWidget{…}`, `collectFeedback`, `chatPopupMessage`, `collectLead`, `leadCollection`,
 * `showWelcomeAwayMessage`, `welcomeMessage{enabled,message,collectEmail}`,
 * `awayMessage{anonymous,known,collectEmail}`, `officeHours[{teamId,teamName,timezone,
 * businessHourMap,message}]`, `defaultTeamId`.
 */
import type {
  AwayMessageSettings,
  ChatWidgetSettings,
  LeadField,
  TeamOfficeHours,
  WelcomeMessageSettings,
  WidgetSettingsResponse,
} from '../../../src/core/protocol.js';
import {
  AWAY_SCHEMA,
  DEFAULT_CHAT_WIDGET,
  SETTINGS_OBJECTS,
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  defaultsOf,
} from '../../../src/core/settings-schema.js';
import { INVALID, Problems, type Check } from './settings-checks.js';
import { AWAY_CHECKS, CHAT_WIDGET_CHECKS, TOP_LEVEL_CHECKS, WELCOME_CHECKS } from './settings-validation.js';
import { isRecord, type Json } from '../../../src/core/wire.js';

/** The defaults are the settings schema's (`src/core/settings-schema.ts`), the widget's too. */
export { DEFAULT_CHAT_WIDGET };

export const DEFAULT_WELCOME: Readonly<WelcomeMessageSettings> = Object.freeze(
  defaultsOf<WelcomeMessageSettings>(WELCOME_SCHEMA),
);
export const DEFAULT_AWAY: Readonly<AwayMessageSettings> = Object.freeze(defaultsOf<AwayMessageSettings>(AWAY_SCHEMA));

/** Settings with every field filled in: what the widget endpoints answer. */
export interface ResolvedSettings extends WidgetSettingsResponse {
  chatWidget: ChatWidgetSettings;
  collectFeedback: boolean;
  chatPopupMessage: Array<{ message: string | string[]; delay: number }>;
  collectLead: boolean;
  leadCollection: LeadField[];
  showWelcomeAwayMessage: boolean;
  welcomeMessage: WelcomeMessageSettings;
  awayMessage: AwayMessageSettings;
  officeHours: TeamOfficeHours[];
  defaultTeamId: string;
}

/** Top-level defaults besides `chatWidget`, `welcomeMessage` and `awayMessage`. */
export const DEFAULT_TOP_LEVEL = Object.freeze(
  defaultsOf<{
    collectFeedback: boolean;
    chatPopupMessage: ResolvedSettings['chatPopupMessage'];
    collectLead: boolean;
    leadCollection: LeadField[];
    showWelcomeAwayMessage: boolean;
    officeHours: TeamOfficeHours[];
    defaultTeamId: string;
  }>(TOP_LEVEL_SCHEMA),
);

/** Objects that a patch merges key by key (everything else is replaced). */
const MERGED_OBJECTS: readonly string[] = Object.keys(SETTINGS_OBJECTS);

function checked(check: Check | undefined, value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (!check) return { ok: true, value };
  const v = check(value, '', new Problems());
  return v === INVALID ? { ok: false } : { ok: true, value: v };
}

/** Each stored key of an object over its defaults: valid values win, wrong ones fall back. */
function overDefaults(defaults: Json, checks: Readonly<Record<string, Check>>, stored: unknown): Json {
  const out: Json = structuredClone(defaults);
  if (!isRecord(stored)) return out;
  for (const [key, value] of Object.entries(stored)) {
    if (value === null || value === undefined) continue;
    const result = checked(checks[key], value);
    // Unknown keys pass through for newer widgets; known ones must be valid.
    if (result.ok) out[key] = result.value;
  }
  return out;
}

/** An app's stored settings (anything JSON) merged over the defaults; never throws. */
export function mergeSettings(stored: unknown): ResolvedSettings {
  const s = isRecord(stored) ? stored : {};
  const top: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (MERGED_OBJECTS.includes(key) || value === null || value === undefined) continue;
    const result = checked(TOP_LEVEL_CHECKS[key], value);
    if (result.ok) top[key] = result.value;
  }
  const resolved: Json = {
    ...structuredClone(DEFAULT_TOP_LEVEL),
    ...top,
    welcomeMessage: overDefaults({ ...DEFAULT_WELCOME }, WELCOME_CHECKS, s['welcomeMessage']),
    awayMessage: overDefaults({ ...DEFAULT_AWAY }, AWAY_CHECKS, s['awayMessage']),
    chatWidget: overDefaults(
      DEFAULT_CHAT_WIDGET as unknown as Json,
      CHAT_WIDGET_CHECKS as unknown as Record<string, Check>,
      s['chatWidget'],
    ),
  };
  return resolved as ResolvedSettings;
}

/**
 * Applies a (validated) settings patch to stored settings: `chatWidget`, `welcomeMessage` and
 * `awayMessage` merge key by key, other keys replace, and `null` removes a key (back to its
 * default). Returns the new stored value.
 */
export function patchSettings(stored: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Json = { ...(isRecord(stored) ? stored : {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (MERGED_OBJECTS.includes(key) && isRecord(value)) {
      const merged: Json = { ...(isRecord(next[key]) ? next[key] : {}) };
      for (const [k, v] of Object.entries(value)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      next[key] = merged;
    } else next[key] = value;
  }
  return next;
}

/** The settings endpoint's `response`: the resolved settings, plus the asking visitor's pseudonym. */
export function settingsResponse(
  resolved: ResolvedSettings,
  extra: { userName?: string | undefined; identityVerification: boolean },
): ResolvedSettings & { identityVerification: boolean } {
  const out = { ...resolved, identityVerification: extra.identityVerification };
  return extra.userName === undefined ? out : { ...out, userName: extra.userName };
}
