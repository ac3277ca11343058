/**
 * SQL for `apps` and the server-wide `server_config`. An app's API key is stored only as its
 * SHA-256 (the key is long and random, so a fast hash is right and keeps every request cheap)
 * with a short prefix to show which key is in use; the key itself is shown once, when made.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Sql } from '../db.js';

/** Characters of a key kept in clear to tell keys apart (`GET …/api-key`). */
export const API_KEY_PREFIX_LENGTH = 6;

export function newApiKey(): string {
  return randomBytes(24).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface AppRow {
  app_id: string;
  api_key_hash: string;
  /** The key's first characters, for display. */
  api_key_prefix: string;
  settings: unknown;
  /** Set: known visitors need an accessToken (identity.ts). Never leaves the server. */
  identity_secret: string | null;
  created_at: Date;
}

export function findApp(sql: Sql, appId: string): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`SELECT * FROM apps WHERE app_id = $1`, [appId]);
}

/**
 * The app, locked until the transaction ends (call it inside `db.tx`): a read-modify-write of its
 * settings waits for a concurrent one to commit and then reads what it wrote.
 */
export function lockApp(sql: Sql, appId: string): Promise<AppRow | undefined> {
  return sql.row<AppRow>(`SELECT * FROM apps WHERE app_id = $1 FOR NO KEY UPDATE`, [appId]);
}

/** Apps remembered by key hash at most (past it, the memory starts again). */
const REMEMBERED_APPS = 1_000;
/** Counts the writes to apps begun and ended: a lookup remembered before one is read again. */
let appWrites = 0;
const remembered = new WeakMap<Db, Map<string, { writes: number; app: Promise<AppRow | undefined> }>>();

/**
 * The app whose API key this is. Every Platform API request asks, so on a database this process
 * alone uses (`db.sole`: the embedded one) the answer is remembered until any app is written
 * (the writes below); on PostgreSQL, which other processes change, every call reads the table.
 */
export function findAppByApiKey(db: Db, apiKey: string): Promise<AppRow | undefined> {
  const hash = hashApiKey(apiKey);
  const read = () => db.row<AppRow>(`SELECT * FROM apps WHERE api_key_hash = $1`, [hash]);
  if (!db.sole) return read();
  let byHash = remembered.get(db);
  if (!byHash) remembered.set(db, (byHash = new Map()));
  const hit = byHash.get(hash);
  if (hit && hit.writes === appWrites) return hit.app;
  if (byHash.size >= REMEMBERED_APPS) byHash.clear();
  const entry = { writes: appWrites, app: read() };
  byHash.set(hash, entry);
  // A key that names no app (or a failed read) is asked again next time.
  const forget = () => byHash.get(hash) === entry && byHash.delete(hash);
  entry.app.then((app) => app ?? forget(), forget);
  return entry.app;
}

/** Runs a write to an app, so that no lookup remembered before it is used after it. */
async function appWrite<T>(write: () => Promise<T>): Promise<T> {
  appWrites++;
  try {
    return await write();
  } finally {
    appWrites++;
  }
}

/** Inserts an app; returns undefined when the appId is taken. */
export function insertApp(
  sql: Sql,
  appId: string,
  apiKey: string,
  settings: unknown,
  identitySecret: string | null,
): Promise<AppRow | undefined> {
  return sql.row<AppRow>(
    `INSERT INTO apps (app_id, api_key_hash, api_key_prefix, settings, identity_secret)
     VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (app_id) DO NOTHING RETURNING *`,
    [appId, hashApiKey(apiKey), apiKey.slice(0, API_KEY_PREFIX_LENGTH), JSON.stringify(settings ?? {}), identitySecret],
  );
}

/** Replaces the app's API key (the old one stops working at once). */
export function setApiKey(sql: Sql, appId: string, apiKey: string): Promise<AppRow | undefined> {
  return appWrite(() =>
    sql.row<AppRow>(`UPDATE apps SET api_key_hash = $2, api_key_prefix = $3 WHERE app_id = $1 RETURNING *`, [
      appId,
      hashApiKey(apiKey),
      apiKey.slice(0, API_KEY_PREFIX_LENGTH),
    ]),
  );
}

export function updateAppSettings(sql: Sql, appId: string, settings: unknown): Promise<AppRow | undefined> {
  return appWrite(() =>
    sql.row<AppRow>(`UPDATE apps SET settings = $2::jsonb WHERE app_id = $1 RETURNING *`, [
      appId,
      JSON.stringify(settings ?? {}),
    ]),
  );
}

export function setIdentitySecret(sql: Sql, appId: string, secret: string | null): Promise<AppRow | undefined> {
  return appWrite(() =>
    sql.row<AppRow>(`UPDATE apps SET identity_secret = $2 WHERE app_id = $1 RETURNING *`, [appId, secret]),
  );
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
