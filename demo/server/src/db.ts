/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) with its data in a folder.
 * The schema is created on first start and upgraded by numbered migrations recorded in
 * `schema_version`. Everything else talks to the database through the small `Sql` interface, so
 * a real PostgreSQL pool can replace PGlite later without touching the repositories.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** What repositories need: run a statement and get rows back. */
export interface Sql {
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  row<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
}

export interface Db extends Sql {
  /** Runs `fn` in one transaction; PGlite queues other work until it ends. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Queryable {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and a browser drops it from text anyway: strip
 * it from every string parameter (inside JSON documents too) rather than fail the request.
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') {
    if (/^[[{]/.test(value) && value.includes('\\u0000')) {
      try {
        return JSON.stringify(
          JSON.parse(value, (_k, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)),
        );
      } catch {
        /* not JSON: plain text */
      }
    }
    return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  }
  return value;
}

function wrap(q: Queryable): Sql {
  return {
    async rows<T>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params.map(withoutNul))).rows;
    },
    async row<T>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params.map(withoutNul))).rows[0];
    },
  };
}

/** Numbered schema steps. Append new ones; never edit a released one. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS server_config (
    key text PRIMARY KEY,
    value text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS apps (
    app_id text PRIMARY KEY,
    api_key text NOT NULL UNIQUE,
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS users (
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    user_id text NOT NULL,
    user_name text NOT NULL,
    email text,
    image_link text,
    role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'agent', 'bot', 'admin', 'operator')),
    anonymous boolean NOT NULL DEFAULT false,
    password_hash text,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    phone text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    last_logged_in_at timestamptz,
    deactivated boolean NOT NULL DEFAULT false,
    PRIMARY KEY (app_id, user_id)
  );
  CREATE INDEX IF NOT EXISTS users_email ON users (app_id, lower(email));
  CREATE TABLE IF NOT EXISTS sessions (
    token_hash text PRIMARY KEY,
    app_id text NOT NULL,
    user_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, user_id) ON DELETE CASCADE
  );
  CREATE SEQUENCE IF NOT EXISTS group_id_seq START 100001;
  CREATE TABLE IF NOT EXISTS conversations (
    group_id text PRIMARY KEY DEFAULT nextval('group_id_seq')::text,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    client_group_id text,
    group_name text NOT NULL,
    status int NOT NULL DEFAULT 0,
    assignee text,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    rating jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, client_group_id)
  );
  CREATE INDEX IF NOT EXISTS conversations_app ON conversations (app_id, updated_at DESC);
  CREATE TABLE IF NOT EXISTS members (
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    user_id text NOT NULL,
    last_read_id bigint NOT NULL DEFAULT 0,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX IF NOT EXISTS members_user ON members (user_id);
  CREATE TABLE IF NOT EXISTS messages (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL,
    key text NOT NULL,
    group_id text NOT NULL REFERENCES conversations (group_id) ON DELETE CASCADE,
    from_user text NOT NULL,
    type smallint NOT NULL CHECK (type IN (4, 5)),
    content_type smallint NOT NULL DEFAULT 0,
    message text NOT NULL DEFAULT '',
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    file_meta jsonb,
    status smallint NOT NULL DEFAULT 3,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (app_id, key)
  );
  CREATE INDEX IF NOT EXISTS messages_group ON messages (group_id, id);
  `,
  // 2: conversation rules / auto-resolve per app, and saved quick replies (rules.ts, the console).
  `
  CREATE TABLE IF NOT EXISTS app_rules (
    app_id text PRIMARY KEY REFERENCES apps (app_id) ON DELETE CASCADE,
    rules jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS quick_replies (
    id bigserial PRIMARY KEY,
    app_id text NOT NULL REFERENCES apps (app_id) ON DELETE CASCADE,
    shortcut text NOT NULL,
    message text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX IF NOT EXISTS quick_replies_shortcut ON quick_replies (app_id, lower(shortcut));
  CREATE INDEX IF NOT EXISTS conversations_assignee ON conversations (app_id, assignee, status);
  `,
  // 3: an agent's own status, "away" (presence.ts): kept across reconnects and restarts.
  `
  ALTER TABLE users ADD COLUMN IF NOT EXISTS away boolean NOT NULL DEFAULT false;
  `,
  // 4: identity verification (identity.ts): the app's secret for known visitors' accessToken.
  `
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS identity_secret text;
  `,
  // 5: secure by default. API keys are kept only as SHA-256 hashes with a short display prefix;
  // visitor-chosen clientGroupIds live in the visitor's own scope ('' = the Platform API's);
  // message keys are unique per sender; a session handed out for an unverified userId is marked.
  `
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS api_key_hash text;
  ALTER TABLE apps ADD COLUMN IF NOT EXISTS api_key_prefix text NOT NULL DEFAULT '';
  UPDATE apps SET api_key_hash = encode(sha256(convert_to(api_key, 'UTF8')), 'hex'), api_key_prefix = left(api_key, 6)
    WHERE api_key_hash IS NULL;
  ALTER TABLE apps ALTER COLUMN api_key_hash SET NOT NULL;
  ALTER TABLE apps DROP COLUMN IF EXISTS api_key;
  CREATE UNIQUE INDEX IF NOT EXISTS apps_api_key_hash ON apps (api_key_hash);
  ALTER TABLE conversations ADD COLUMN IF NOT EXISTS client_scope text NOT NULL DEFAULT '';
  ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_app_id_client_group_id_key;
  CREATE UNIQUE INDEX IF NOT EXISTS conversations_client_group ON conversations (app_id, client_scope, client_group_id);
  ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_app_id_key_key;
  CREATE UNIQUE INDEX IF NOT EXISTS messages_sender_key ON messages (app_id, from_user, key);
  ALTER TABLE sessions ADD COLUMN IF NOT EXISTS unverified boolean NOT NULL DEFAULT false;
  `,
  // 6: sessions end after a time without use (repo/sessions.ts): the last use, written at most
  // every few minutes; indexes for the expiry sweep and for ending a user's sessions.
  `
  ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_used_at timestamptz NOT NULL DEFAULT now();
  CREATE INDEX IF NOT EXISTS sessions_last_used ON sessions (last_used_at);
  CREATE INDEX IF NOT EXISTS sessions_user ON sessions (app_id, user_id);
  `,
  // 7: the documented roles (permissions.ts): each app's owner — its oldest admin — is its super admin.
  `
  ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
  ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('user', 'agent', 'bot', 'admin', 'operator', 'superadmin'));
  UPDATE users u SET role = 'superadmin'
    FROM (SELECT DISTINCT ON (app_id) app_id, user_id FROM users WHERE role = 'admin'
          ORDER BY app_id, created_at, user_id) owner
    WHERE u.app_id = owner.app_id AND u.user_id = owner.user_id;
  `,
  // 8: the sweep of uploads no message refers to (blobs.ts) looks messages up by their file.
  `
  CREATE INDEX IF NOT EXISTS messages_blob_key ON messages (app_id, (file_meta->>'blobKey'))
    WHERE file_meta IS NOT NULL;
  `,
];

async function migrate(db: PGlite): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_version (version int NOT NULL)`);
  const current =
    (await db.query<{ version: number }>(`SELECT max(version) AS version FROM schema_version`)).rows[0]?.version ?? 0;
  for (let v = current; v < MIGRATIONS.length; v++) {
    await db.transaction(async (tx) => {
      await tx.exec(MIGRATIONS[v]!);
      await tx.query(`INSERT INTO schema_version (version) VALUES ($1)`, [v + 1]);
    });
  }
  return MIGRATIONS.length;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data folder for this process (`parley.pid`): the embedded database must never be
 * opened by two processes at once (a second server, or `npm run reset-password` while the
 * server runs). A lock left by a process that is gone is taken over. Returns its release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'parley.pid');
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new Error(`the data folder ${dataDir} is in use by process ${holder}; stop it first`);
      }
      rmSync(path, { force: true });
    }
  }
}

/** Opens (creating if needed) the database in `dataDir`; `undefined` keeps it in memory. */
export async function openDb(dataDir: string | undefined): Promise<Db> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    const pg = await PGlite.create(dataDir);
    await migrate(pg);
    const sql = wrap(pg);
    return {
      ...sql,
      tx: (fn) => pg.transaction((tx) => fn(wrap(tx))),
      close: async () => {
        try {
          await pg.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
