/** SQL for `users`. */
import type { Metadata, UserRole, UserSummary } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';

export interface UserRow {
  app_id: string;
  user_id: string;
  user_name: string;
  email: string | null;
  image_link: string | null;
  role: UserRole;
  anonymous: boolean;
  password_hash: string | null;
  metadata: Metadata;
  phone: string | null;
  created_at: Date;
  last_seen_at: Date | null;
  last_logged_in_at: Date | null;
  deactivated: boolean;
  /** The agent set themselves "Away" (`agent-status.ts`); false for everybody else. */
  away: boolean;
  /** A staff member's job title (their profile; migration 12). */
  designation: string | null;
  /** A deleted teammate: kept (deactivated, no e-mail or password) so that their messages keep their name. */
  deleted_at: Date | null;
  /** A visitor staff blocked: their new messages are refused (`repo/tags.ts`). */
  blocked: boolean;
  /** The visitor's locale, a canonical BCP 47 tag; null when unknown (migration 14). */
  locale: string | null;
}

export function isStaff(role: UserRole): boolean {
  return role !== 'user';
}

export function toSummary(u: UserRow): UserSummary {
  const s: UserSummary = { userId: u.user_id, userName: u.user_name, role: u.role };
  if (u.image_link) s.imageLink = u.image_link;
  return s;
}

export function findUser(sql: Sql, appId: string, userId: string): Promise<UserRow | undefined> {
  return sql.row<UserRow>(`SELECT * FROM users WHERE app_id = $1 AND user_id = $2`, [appId, userId]);
}

/**
 * A staff member (any role but visitor, bots included) by id, else by e-mail. Visitors are never
 * looked at: a visitor whose id is a staff e-mail cannot stand in for that staff member.
 */
export function findStaffByLogin(sql: Sql, appId: string, idOrEmail: string): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `SELECT * FROM users WHERE app_id = $1 AND role <> 'user' AND (user_id = $2 OR lower(email) = lower($2))
     ORDER BY (user_id = $2) DESC, created_at LIMIT 1`,
    [appId, idOrEmail],
  );
}

/**
 * Whoever a Platform API user reference names: a staff member by id or e-mail first (staff and
 * visitors never share an address), else a visitor by id.
 */
export async function findUserRef(sql: Sql, appId: string, ref: string): Promise<UserRow | undefined> {
  return (await findStaffByLogin(sql, appId, ref)) ?? findUser(sql, appId, ref);
}

/** Platform API user references as user ids: staff named by e-mail become their ids; others stay. */
export async function resolveUserRefs(sql: Sql, appId: string, refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const staff = await sql.rows<{ user_id: string; email: string | null }>(
    `SELECT user_id, email FROM users WHERE app_id = $1 AND role <> 'user'
     AND (user_id = ANY($2::text[]) OR lower(email) = ANY($3::text[]))`,
    [appId, [...refs], refs.map((r) => r.toLowerCase())],
  );
  return refs.map(
    (ref) =>
      staff.find((s) => s.user_id === ref)?.user_id ??
      staff.find((s) => s.email?.toLowerCase() === ref.toLowerCase())?.user_id ??
      ref,
  );
}

/** Whether `id` is a staff member's id or e-mail (a visitor may not take it as their userId). */
export async function isStaffAddress(sql: Sql, appId: string, id: string): Promise<boolean> {
  return (await findStaffByLogin(sql, appId, id)) !== undefined;
}

export function setPasswordHash(sql: Sql, appId: string, userId: string, hash: string): Promise<unknown> {
  return sql.rows(`UPDATE users SET password_hash = $3 WHERE app_id = $1 AND user_id = $2`, [appId, userId, hash]);
}

export function findUsers(sql: Sql, appId: string, userIds: readonly string[]): Promise<UserRow[]> {
  return sql.rows<UserRow>(`SELECT * FROM users WHERE app_id = $1 AND user_id = ANY($2::text[])`, [
    appId,
    [...userIds],
  ]);
}

export interface NewUser {
  userId: string;
  userName: string;
  role: UserRole;
  email?: string | undefined;
  imageLink?: string | undefined;
  phone?: string | undefined;
  anonymous?: boolean;
  passwordHash?: string | undefined;
  metadata?: Metadata;
  locale?: string | undefined;
}

/** Inserts a user unless the id exists; returns the stored row either way. */
export async function ensureUser(sql: Sql, appId: string, u: NewUser): Promise<UserRow> {
  const inserted = await sql.row<UserRow>(
    `INSERT INTO users (app_id, user_id, user_name, role, email, image_link, phone, anonymous, password_hash, metadata, locale)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
     ON CONFLICT (app_id, user_id) DO NOTHING RETURNING *`,
    [
      appId,
      u.userId,
      u.userName,
      u.role,
      u.email ?? null,
      u.imageLink ?? null,
      u.phone ?? null,
      u.anonymous ?? false,
      u.passwordHash ?? null,
      JSON.stringify(u.metadata ?? {}),
      u.locale ?? null,
    ],
  );
  return inserted ?? (await findUser(sql, appId, u.userId))!;
}

/** Creates missing users (role `user`, named after their id). */
export async function ensureVisitors(sql: Sql, appId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await sql.rows(
    `INSERT INTO users (app_id, user_id, user_name, role)
     SELECT $1, id, id, 'user' FROM unnest($2::text[]) AS id
     ON CONFLICT (app_id, user_id) DO NOTHING`,
    [appId, [...userIds]],
  );
}

/** Creates or updates a site-identified visitor; absent fields keep their stored value. */
export function upsertKnownVisitor(
  sql: Sql,
  appId: string,
  u: {
    userId: string;
    userName?: string | undefined;
    email?: string | undefined;
    imageLink?: string | undefined;
    phone?: string | undefined;
    metadata?: Metadata | undefined;
    locale?: string | undefined;
  },
): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `INSERT INTO users (app_id, user_id, user_name, role, email, image_link, phone, anonymous, metadata, locale, last_logged_in_at)
     VALUES ($1, $2, COALESCE($3, $2), 'user', $4, $5, $6, false, COALESCE($7::jsonb, '{}'::jsonb), $8, now())
     ON CONFLICT (app_id, user_id) DO UPDATE SET
       user_name = COALESCE($3, users.user_name),
       email = COALESCE($4, users.email),
       image_link = COALESCE($5, users.image_link),
       phone = COALESCE($6, users.phone),
       metadata = users.metadata || COALESCE($7::jsonb, '{}'::jsonb),
       locale = COALESCE($8, users.locale),
       anonymous = false,
       last_logged_in_at = now()
     WHERE users.role = 'user'
     RETURNING *`,
    [
      appId,
      u.userId,
      u.userName ?? null,
      u.email ?? null,
      u.imageLink ?? null,
      u.phone ?? null,
      u.metadata ? JSON.stringify(u.metadata) : null,
      u.locale ?? null,
    ],
  );
}

export function touchLogin(sql: Sql, appId: string, userId: string): Promise<unknown> {
  return sql.rows(`UPDATE users SET last_logged_in_at = now() WHERE app_id = $1 AND user_id = $2`, [appId, userId]);
}

export function touchSeen(sql: Sql, appId: string, userId: string): Promise<unknown> {
  return sql.rows(`UPDATE users SET last_seen_at = now() WHERE app_id = $1 AND user_id = $2`, [appId, userId]);
}

/** Stores an agent's own status; returns the updated row (undefined when unknown). */
export function setAway(sql: Sql, appId: string, userId: string, away: boolean): Promise<UserRow | undefined> {
  return sql.row<UserRow>(`UPDATE users SET away = $3 WHERE app_id = $1 AND user_id = $2 RETURNING *`, [
    appId,
    userId,
    away,
  ]);
}

/** The app's bot (`parley-bot` when present, else its oldest bot). */
export function findBot(sql: Sql, appId: string): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `SELECT * FROM users WHERE app_id = $1 AND role = 'bot' AND NOT deactivated
     ORDER BY (user_id = 'parley-bot') DESC, created_at LIMIT 1`,
    [appId],
  );
}

/** The agent who takes conversations the bot hands off: the oldest admin, else agent. */
export function findDefaultAgent(sql: Sql, appId: string): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `SELECT * FROM users WHERE app_id = $1 AND role IN ('superadmin', 'admin', 'agent') AND NOT deactivated
     ORDER BY (role IN ('superadmin', 'admin')) DESC, created_at LIMIT 1`,
    [appId],
  );
}
