/** SQL for `sessions`. Only a SHA-256 of each token is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db.js';

export interface SessionRow {
  token_hash: string;
  app_id: string;
  user_id: string;
  created_at: Date;
  /** Handed out for a userId nobody verified (identity verification off): may not change the profile. */
  unverified: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates a session for the user and returns its token. */
export async function createSession(sql: Sql, appId: string, userId: string, unverified = false): Promise<string> {
  const token = newToken();
  await sql.rows(`INSERT INTO sessions (token_hash, app_id, user_id, unverified) VALUES ($1, $2, $3, $4)`, [
    hashToken(token),
    appId,
    userId,
    unverified,
  ]);
  return token;
}

/** Ends every session of the user (a password reset). */
export function endSessionsOf(sql: Sql, appId: string, userId: string): Promise<unknown> {
  return sql.rows(`DELETE FROM sessions WHERE app_id = $1 AND user_id = $2`, [appId, userId]);
}

export function findSession(sql: Sql, token: string): Promise<SessionRow | undefined> {
  return sql.row<SessionRow>(`SELECT * FROM sessions WHERE token_hash = $1`, [hashToken(token)]);
}
