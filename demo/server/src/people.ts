/**
 * People, pure: a staff member's profile patch and notification preferences (shape, defaults,
 * validation that reports every problem at once, in the documented error items), and what a
 * deleted teammate leaves in the conversation rules. No Node APIs, no database.
 */
import { parseHttpUrl } from '../../../src/core/http-url.js';
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import { errorItem } from './errors.js';
import { cleanText, MAX_NAME_LENGTH } from './input.js';
import type { Rules } from './rules.js';
import { NOTIFICATION_SOUNDS } from '../../../src/core/staff-protocol.js';
import type { NotificationPreferences, NotificationSound } from '../../../src/core/staff-protocol.js';

export const MIN_PASSWORD = 8;
export const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
export const PHONE = /^\+?[0-9 ()./-]{3,30}$/;
export const MAX_DESIGNATION = 100;

// The preferences' shape and sounds are the staff app's and the server's alike (src/core).
export { NOTIFICATION_SOUNDS } from '../../../src/core/staff-protocol.js';
export type { NotificationPreferences, NotificationSound } from '../../../src/core/staff-protocol.js';

export const DEFAULT_NOTIFICATIONS: Readonly<NotificationPreferences> = {
  browser: true,
  volume: 80,
  sound: 'chime',
  onlyWhenHidden: false,
  email: true,
};

type Checked<T> = { ok: true; value: T } | { ok: false; errors: ApiErrorItem[] };

const invalid = (field: string, why: string) => errorItem(ERROR_CODES.invalidField, `${field} ${why}`);

/**
 * A whole set of preferences (PUT replaces): every field required (PL-R-02), known (PL-R-04) and
 * valid (PL-R-03). Never throws.
 */
export function validateNotifications(body: unknown): Checked<NotificationPreferences> {
  if (!isRecord(body)) return { ok: false, errors: [invalid('body', 'must be a JSON object')] };
  const errors: ApiErrorItem[] = [];
  for (const key of Object.keys(body))
    if (!Object.hasOwn(DEFAULT_NOTIFICATIONS, key))
      errors.push(errorItem(ERROR_CODES.unknownField, `${key} is not a known preference`));
  const present = (key: keyof NotificationPreferences) => {
    if (body[key] !== undefined && body[key] !== null) return true;
    errors.push(errorItem(ERROR_CODES.missingField, `${key} is required`));
    return false;
  };
  for (const key of ['browser', 'onlyWhenHidden', 'email'] as const)
    if (present(key) && typeof body[key] !== 'boolean') errors.push(invalid(key, 'must be true or false'));
  const volume = body['volume'];
  if (present('volume') && (typeof volume !== 'number' || !Number.isInteger(volume) || volume < 0 || volume > 100))
    errors.push(invalid('volume', 'must be a whole number from 0 to 100'));
  if (present('sound') && !(NOTIFICATION_SOUNDS as readonly unknown[]).includes(body['sound']))
    errors.push(invalid('sound', `must be one of ${NOTIFICATION_SOUNDS.join(', ')}`));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: readNotifications(body) };
}

/** Stored preferences (anything JSON) over the defaults; a bad stored value falls back to its default. */
export function readNotifications(stored: unknown): NotificationPreferences {
  const out = { ...DEFAULT_NOTIFICATIONS };
  if (!isRecord(stored)) return out;
  for (const key of ['browser', 'onlyWhenHidden', 'email'] as const)
    if (typeof stored[key] === 'boolean') out[key] = stored[key];
  const { volume, sound } = stored;
  if (typeof volume === 'number' && Number.isInteger(volume) && volume >= 0 && volume <= 100) out.volume = volume;
  if ((NOTIFICATION_SOUNDS as readonly unknown[]).includes(sound)) out.sound = sound as NotificationSound;
  return out;
}

/** A profile change (`PATCH /agent/v1/me/profile`); absent = unchanged, `null` = cleared. */
export interface ProfilePatch {
  userName?: string;
  imageLink?: string | null;
  designation?: string | null;
  contactNumber?: string | null;
  email?: string;
  /** The new password, with the current one (checked by the caller). */
  password?: { current: string; next: string };
}

const PROFILE_FIELDS = [
  'userName',
  'imageLink',
  'designation',
  'contactNumber',
  'email',
  'password',
  'currentPassword',
] as const;

/**
 * Validates a profile patch: a name (not blank), a picture (an http(s) URL), a designation, a
 * contact number, an e-mail (not blank) and a new password (at least `MIN_PASSWORD`, with
 * `currentPassword`). `""` clears the picture, the designation and the contact number. Every
 * problem is one item (PL-R-02 missing, PL-R-03 invalid, PL-R-04 unknown). Never throws.
 */
export function validateProfile(body: unknown): Checked<ProfilePatch> {
  if (!isRecord(body)) return { ok: false, errors: [invalid('body', 'must be a JSON object')] };
  const errors: ApiErrorItem[] = [];
  const out: ProfilePatch = {};
  for (const key of Object.keys(body))
    if (!(PROFILE_FIELDS as readonly string[]).includes(key))
      errors.push(errorItem(ERROR_CODES.unknownField, `${key} is not a profile field`));
  const text = (key: (typeof PROFILE_FIELDS)[number], max: number): string | undefined => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') errors.push(invalid(key, 'must be a string'));
    else if (v.length > max) errors.push(invalid(key, `must be at most ${max} characters`));
    else return cleanText(v);
    return undefined;
  };
  const userName = text('userName', MAX_NAME_LENGTH)?.trim();
  if (userName === '') errors.push(invalid('userName', 'must not be blank'));
  else if (userName !== undefined) out.userName = userName;
  const imageLink = text('imageLink', 2000)?.trim();
  if (imageLink !== undefined && imageLink !== '' && !parseHttpUrl(imageLink))
    errors.push(invalid('imageLink', 'must be an http(s) URL'));
  else if (imageLink !== undefined) out.imageLink = imageLink || null;
  const designation = text('designation', MAX_DESIGNATION)?.trim();
  if (designation !== undefined) out.designation = designation || null;
  const phone = text('contactNumber', 50)?.trim();
  if (phone !== undefined && phone !== '' && !PHONE.test(phone))
    errors.push(invalid('contactNumber', 'must be a phone number'));
  else if (phone !== undefined) out.contactNumber = phone || null;
  const email = text('email', 320)?.trim();
  if (email !== undefined && !EMAIL.test(email)) errors.push(invalid('email', 'must be an e-mail address'));
  else if (email !== undefined) out.email = email;
  const next = text('password', 1000);
  const current = text('currentPassword', 1000);
  if (next !== undefined && next.length < MIN_PASSWORD)
    errors.push(invalid('password', `must have at least ${MIN_PASSWORD} characters`));
  else if (next !== undefined && !current)
    errors.push(errorItem(ERROR_CODES.missingField, 'currentPassword is required to change the password'));
  else if (next !== undefined && current) out.password = { current, next };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** The rules without a deleted teammate: out of every team and no longer the default agent. */
export function rulesWithout(rules: Rules, userId: string): Rules {
  const c = rules.conversationRules;
  return {
    ...rules,
    conversationRules: {
      ...c,
      defaultAgentId: c.defaultAgentId === userId ? '' : c.defaultAgentId,
      teams: c.teams.map((t) => ({ ...t, agentIds: t.agentIds.filter((id) => id !== userId) })),
    },
  };
}
