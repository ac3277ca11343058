/**
 * SQL for people: a staff member's profile, their notification preferences
 * (`staff_notifications`), staff e-mail uniqueness, deleting a teammate (the row stays as a
 * tombstone) and the ownership transfer. Every function takes the caller's `sql` (a
 * transaction's, where it needs one).
 */
import { OPEN_CONVERSATION_STATUSES } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { UserRow } from './users.js';

/**
 * Takes the app's e-mail turn until the transaction ends: changes that check a staff e-mail is
 * free (a new teammate, a profile) take turns, so two cannot both take one address.
 */
export async function lockEmails(sql: Sql, appId: string): Promise<void> {
  await sql.rows(`SELECT pg_advisory_xact_lock(hashtextextended('parley:emails:' || $1, 0))`, [appId]);
}

/**
 * Whether another staff member of the app (not `exceptUserId`, deleted ones included) has this
 * e-mail, or it as their id, in any letter case: sign-in looks staff up by either.
 */
export async function staffEmailTaken(sql: Sql, appId: string, email: string, exceptUserId = ''): Promise<boolean> {
  const row = await sql.row(
    `SELECT 1 FROM users WHERE app_id = $1 AND role <> 'user' AND user_id <> $3
       AND (lower(email) = lower($2) OR lower(user_id) = lower($2)) LIMIT 1`,
    [appId, email, exceptUserId],
  );
  return row !== undefined;
}

/** Locks and reads a user row for a change (undefined when unknown). */
export function lockUser(sql: Sql, appId: string, userId: string): Promise<UserRow | undefined> {
  return sql.row<UserRow>(`SELECT * FROM users WHERE app_id = $1 AND user_id = $2 FOR UPDATE`, [appId, userId]);
}

/** Writes a profile: every column as given (null clears). */
export function saveProfile(
  sql: Sql,
  appId: string,
  userId: string,
  p: {
    userName: string;
    imageLink: string | null;
    designation: string | null;
    phone: string | null;
    email: string | null;
    passwordHash?: string | undefined;
  },
): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `UPDATE users SET user_name = $3, image_link = $4, designation = $5, phone = $6, email = $7,
       password_hash = COALESCE($8, password_hash)
     WHERE app_id = $1 AND user_id = $2 RETURNING *`,
    [appId, userId, p.userName, p.imageLink, p.designation, p.phone, p.email, p.passwordHash ?? null],
  );
}

export async function findNotifications(sql: Sql, appId: string, userId: string): Promise<unknown> {
  const row = await sql.row<{ preferences: unknown }>(
    `SELECT preferences FROM staff_notifications WHERE app_id = $1 AND user_id = $2`,
    [appId, userId],
  );
  return row?.preferences;
}

export async function saveNotifications(sql: Sql, appId: string, userId: string, preferences: unknown): Promise<void> {
  await sql.rows(
    `INSERT INTO staff_notifications (app_id, user_id, preferences) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (app_id, user_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = now()`,
    [appId, userId, JSON.stringify(preferences)],
  );
}

/**
 * Unassigns the open conversations assigned to `userId` (locking them, before the user row:
 * the order assignments lock in); answers their ids.
 */
export async function unassignOpen(sql: Sql, appId: string, userId: string): Promise<string[]> {
  const rows = await sql.rows<{ group_id: string }>(
    `UPDATE conversations SET assignee = NULL, updated_at = now()
     WHERE app_id = $1 AND assignee = $2 AND status = ANY($3::int[]) RETURNING group_id`,
    [appId, userId, [...OPEN_CONVERSATION_STATUSES]],
  );
  return rows.map((r) => r.group_id);
}

/**
 * Deletes a teammate, keeping the row (and their conversations' memberships) so that their
 * messages keep their name: deactivated, no e-mail, password, contact details or preferences.
 * Undefined when they are unknown or already deleted.
 */
export async function tombstone(sql: Sql, appId: string, userId: string): Promise<UserRow | undefined> {
  const row = await sql.row<UserRow>(
    `UPDATE users SET deleted_at = now(), deactivated = true, away = false, email = NULL, password_hash = NULL,
       phone = NULL, designation = NULL
     WHERE app_id = $1 AND user_id = $2 AND role <> 'user' AND deleted_at IS NULL RETURNING *`,
    [appId, userId],
  );
  if (row) await sql.rows(`DELETE FROM staff_notifications WHERE app_id = $1 AND user_id = $2`, [appId, userId]);
  return row;
}

/** A deleted teammate's id added again: the row becomes theirs again, as new (their old messages with it). */
export function revive(
  sql: Sql,
  appId: string,
  u: {
    userId: string;
    userName: string;
    email: string;
    role: string;
    imageLink?: string | undefined;
    passwordHash: string;
  },
): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `UPDATE users SET deleted_at = NULL, deactivated = false, user_name = $3, email = $4, role = $5, image_link = $6,
       password_hash = $7, created_at = now()
     WHERE app_id = $1 AND user_id = $2 AND deleted_at IS NOT NULL RETURNING *`,
    [appId, u.userId, u.userName, u.email, u.role, u.imageLink ?? null, u.passwordHash],
  );
}
