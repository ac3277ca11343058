/** SQL for `apps` and the server-wide `server_config`. */
import type { Sql } from '../db.js';

export interface AppRow {
  app_id: string;
  api_key: string;
  settings: unknown;
  /** Set: known visitors need an accessToken (identity.ts). Never leaves the server. */
  identity_secret: string | null;
  created_at: Date;
}

export function findApp(sql: Sql, appId: string): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`SELECT * FROM apps WHERE app_id = $1`, [appId]);
}

export function findAppByApiKey(sql: Sql, apiKey: string): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`SELECT * FROM apps WHERE api_key = $1`, [apiKey]);
}

/** Inserts an app; returns undefined when the appId is taken. */
export function insertApp(sql: Sql, appId: string, apiKey: string, settings: unknown): Promise<AppRow | undefined> {
  return sql.row<AppRow>(
    `INSERT INTO apps (app_id, api_key, settings) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (app_id) DO NOTHING RETURNING *`,
    [appId, apiKey, JSON.stringify(settings ?? {})],
  );
}

export function updateAppSettings(sql: Sql, appId: string, settings: unknown): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`UPDATE apps SET settings = $2::jsonb WHERE app_id = $1 RETURNING *`, [
    appId,
    JSON.stringify(settings ?? {}),
  ]);
}

export function setIdentitySecret(sql: Sql, appId: string, secret: string | null): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`UPDATE apps SET identity_secret = $2 WHERE app_id = $1 RETURNING *`, [appId, secret]);
}

export async function getConfig(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.row<{ value: string }>(`SELECT value FROM server_config WHERE key = $1`, [key]))?.value;
}

/** Stores `value` unless the key already has one; returns the stored value. */
export async function initConfig(sql: Sql, key: string, value: string): Promise<string> {
  await sql.rows(`INSERT INTO server_config (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, value]);
  return (await getConfig(sql, key)) ?? value;
}

export function setConfig(sql: Sql, key: string, value: string): Promise<unknown> {
  return sql.rows(
    `INSERT INTO server_config (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, value],
  );
}
