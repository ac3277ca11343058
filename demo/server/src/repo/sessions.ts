/**
 * SQL for `sessions`, and how long a session lives. Only a SHA-256 of each token is stored.
 *
 * A session ends after a time without use (its TTL): staff 12 hours, visitors 30 days — or, for
 * visitors, the app's retention (`chatWidget.sessionTimeout`, milliseconds) when it is set.
 * `last_used_at` is written again only once it is older than the refresh interval (5 minutes, or
 * half the TTL when that is shorter), so a request costs no write; a token therefore ends between
 * TTL − refresh and TTL after its last use. A visitor's last use of any session of theirs is kept
 * on their user row (`last_active_at`, written with it), for the history retention (`retention.ts`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UserRole } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import { DAY, HOUR, MINUTE } from '../units.js';

export interface SessionRow {
  token_hash: string;
  app_id: string;
  user_id: string;
  created_at: Date;
  /** Handed out for a userId nobody verified (identity verification off): may not change the profile. */
  unverified: boolean;
  /** Last use, written at most once per refresh interval (migration 6). */
  last_used_at: Date;
}

/** Session lifetimes after the last use, in milliseconds (`startServer`'s `sessions`). */
export interface SessionTtls {
  staffMs: number;
  visitorMs: number;
}

export const DEFAULT_SESSION_TTLS: SessionTtls = { staffMs: 12 * HOUR, visitorMs: 30 * DAY };

/** `last_used_at` is written again when older than this (or half the TTL, when shorter). */
export const SESSION_REFRESH_MS = 5 * MINUTE;

/** A session's TTL: staff's, or a visitor's (the app's `sessionTimeout` when above 0). Pure. */
export function sessionTtl(ttls: SessionTtls, role: UserRole, sessionTimeout: number): number {
  if (role !== 'user') return ttls.staffMs;
  return Number.isFinite(sessionTimeout) && sessionTimeout > 0 ? sessionTimeout : ttls.visitorMs;
}

/**
 * What a use of a session last used at `lastUsedAt` means at `now`: `expired` (refused),
 * `refresh` (accepted; write `last_used_at` now) or `fresh` (accepted, nothing to write). Pure.
 */
export function sessionUse(lastUsedAt: number, ttlMs: number, now: number): 'expired' | 'refresh' | 'fresh' {
  const age = now - lastUsedAt;
  if (age >= ttlMs) return 'expired';
  return age >= Math.min(SESSION_REFRESH_MS, ttlMs / 2) ? 'refresh' : 'fresh';
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A visitor's last use of any of their sessions (`users.last_active_at`) is written with the
 * session's: `statement` writes `sessions` (its RETURNING names the session's user).
 */
function withVisitorUse(statement: string): string {
  return `WITH s AS (${statement} RETURNING app_id, user_id)
    UPDATE users u SET last_active_at = now() FROM s
    WHERE u.app_id = s.app_id AND u.user_id = s.user_id AND u.role = 'user'`;
}

/** Creates a session for the user and returns its token (a use: see `withVisitorUse`). */
export async function createSession(sql: Sql, appId: string, userId: string, unverified = false): Promise<string> {
  const token = newToken();
  await sql.rows(
    withVisitorUse(`INSERT INTO sessions (token_hash, app_id, user_id, unverified) VALUES ($1, $2, $3, $4)`),
    [hashToken(token), appId, userId, unverified],
  );
  return token;
}

/**
 * Ends every session of the user (a password reset or change, a deactivation, a role change),
 * except `keepHash` (the one a staff member changed their own password with). Answers the
 * ended sessions' token hashes.
 */
export async function endSessionsOf(sql: Sql, appId: string, userId: string, keepHash = ''): Promise<string[]> {
  const rows = await sql.rows<{ token_hash: string }>(
    `DELETE FROM sessions WHERE app_id = $1 AND user_id = $2 AND token_hash <> $3 RETURNING token_hash`,
    [appId, userId, keepHash],
  );
  return rows.map((r) => r.token_hash);
}

/** Ends one session (sign-out); false when there was none. */
export async function endSession(sql: Sql, tokenHash: string): Promise<boolean> {
  const rows = await sql.rows(`DELETE FROM sessions WHERE token_hash = $1 RETURNING token_hash`, [tokenHash]);
  return rows.length > 0;
}

export function findSession(sql: Sql, token: string): Promise<SessionRow | undefined> {
  return findSessionByHash(sql, hashToken(token));
}

export function findSessionByHash(sql: Sql, tokenHash: string): Promise<SessionRow | undefined> {
  return sql.row<SessionRow>(`SELECT * FROM sessions WHERE token_hash = $1`, [tokenHash]);
}

/** Records a use (only when `sessionUse` says `refresh`: never once per request). */
export function touchSession(sql: Sql, tokenHash: string): Promise<unknown> {
  return sql.rows(withVisitorUse(`UPDATE sessions SET last_used_at = now() WHERE token_hash = $1`), [tokenHash]);
}

/** Which of these sessions (token hashes) still exist. */
export async function existingSessions(sql: Sql, tokenHashes: readonly string[]): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await sql.rows<{ token_hash: string }>(`SELECT token_hash FROM sessions WHERE token_hash = ANY($1)`, [
    tokenHashes,
  ]);
  return new Set(rows.map((r) => r.token_hash));
}

/**
 * Deletes the sessions unused for longer than their TTL (`sessionTtl`, in SQL: staff, or a
 * visitor's app retention, else the visitors' default). Answers how many.
 */
export async function deleteExpiredSessions(sql: Sql, ttls: SessionTtls): Promise<number> {
  const rows = await sql.rows(
    `DELETE FROM sessions s USING users u, apps a
     WHERE u.app_id = s.app_id AND u.user_id = s.user_id AND a.app_id = s.app_id
       AND s.last_used_at < now() - make_interval(secs => (CASE
         WHEN u.role <> 'user' THEN $1::float8
         WHEN jsonb_typeof(a.settings #> '{chatWidget,sessionTimeout}') = 'number'
           AND (a.settings #>> '{chatWidget,sessionTimeout}')::float8 > 0
           THEN (a.settings #>> '{chatWidget,sessionTimeout}')::float8
         ELSE $2::float8 END) / 1000)
     RETURNING s.token_hash`,
    [ttls.staffMs, ttls.visitorMs],
  );
  return rows.length;
}
