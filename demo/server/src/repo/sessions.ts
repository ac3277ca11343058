/** SQL for `sessions`. Only a SHA-256 of each token is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db.js';

export interface SessionRow {
  token_hash: string;
  app_id: string;
  user_id: string;
  created_at: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates a session for the user and returns its token. */
export async function createSession(sql: Sql, appId: string, userId: string): Promise<string> {
  const token = newToken();
  await sql.rows(`INSERT INTO sessions (token_hash, app_id, user_id) VALUES ($1, $2, $3)`, [
    hashToken(token),
    appId,
    userId,
  ]);
  return token;
}

export function findSession(sql: Sql, token: string): Promise<SessionRow | undefined> {
  return sql.row<SessionRow>(`SELECT * FROM sessions WHERE token_hash = $1`, [hashToken(token)]);
}
