// PostgreSQL for the test servers (test/plugins/parley-server.mjs). With
// PARLEY_TEST_DATABASE_URL (a superuser's URL, e.g. postgres://parley:parley@127.0.0.1:5432/postgres)
// every server the plugin starts gets a fresh database of its own (`parley_t_<random>`), passed
// to it as DATABASE_URL and dropped when the server stops for good. Unset: the servers use the
// embedded PGlite in their data folders, as `npm start` does.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.PARLEY_TEST_DATABASE_URL?.trim() || '';

// The advisory lock the server takes around its migrations (demo/server/src/db-postgres.ts,
// MIGRATION_LOCK_KEY), as pg_locks shows a bigint key: its high and low 32 bits.
const MIGRATION_LOCK_KEY = 123563833845113n;
const LOCK_CLASSID = Number(MIGRATION_LOCK_KEY >> 32n);
const LOCK_OBJID = Number(MIGRATION_LOCK_KEY & 0xffffffffn);

function urlOf(name) {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new, empty database: `{ name, url }`. */
export async function createTestDatabase() {
  const name = `parley_t_${randomBytes(6).toString('hex')}`;
  await withClient(TEST_DATABASE_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: urlOf(name) };
}

/** Drops a database made by createTestDatabase (closing what is still connected to it). */
export async function dropTestDatabase(name) {
  if (!/^parley_t_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await withClient(TEST_DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The versions recorded in a database's `schema_version`, in order. */
export function schemaVersions(url) {
  return withClient(url, async (c) =>
    (await c.query('SELECT version FROM schema_version ORDER BY version')).rows.map((r) => r.version),
  );
}

/**
 * Holds the servers' migration lock on `url` until `release()`, so that servers started meanwhile
 * all reach it and wait: `waiters()` counts the sessions waiting for it.
 */
export async function holdMigrationLock(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1::bigint)', [String(MIGRATION_LOCK_KEY)]);
  return {
    async waiters() {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [LOCK_CLASSID, LOCK_OBJID],
      );
      return rows[0].n;
    },
    release: () => client.end(),
  };
}

/**
 * Two servers made by `makeServer(databaseUrl)` started at the same moment on one fresh database:
 * the migration lock is held until both wait for it, then let go. Answers their URLs and the
 * schema versions recorded, with `stop()` for both (and the database).
 */
export async function startPair(makeServer, timeoutMs = 120000) {
  const database = await createTestDatabase();
  const servers = [makeServer(database.url), makeServer(database.url)];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.dispose()));
    await dropTestDatabase(database.name);
  };
  try {
    const lock = await holdMigrationLock(database.url);
    let waiting = 0;
    let started;
    let failed;
    try {
      started = Promise.all(servers.map((s) => s.start()));
      started.catch((error) => (failed = error));
      const deadline = Date.now() + timeoutMs;
      while ((waiting = await lock.waiters()) < 2) {
        if (failed) throw failed;
        if (Date.now() > deadline) throw new Error(`only ${waiting} of 2 servers waited for the migration lock`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await lock.release();
    }
    await started;
    const faults = databaseFaults(database.url);
    const stopAll = async () => {
      await faults.release();
      await stop();
    };
    return {
      urls: servers.map((s) => s.url),
      waiting,
      versions: await schemaVersions(database.url),
      faults,
      stop: stopAll,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

/**
 * Faults on a database for forcing interleavings: `stallRow(table, where)` takes a row lock in a
 * transaction of its own and keeps it until `release()`, so a server statement that needs the row
 * waits with its transaction open; `waiting()` counts the server sessions waiting for a lock.
 */
export function databaseFaults(url) {
  let holder = null;
  const ROW_TABLES = { members: ['group_id', 'user_id'], conversations: ['group_id'] };
  return {
    async stallRow(table, where) {
      const columns = ROW_TABLES[table];
      if (!columns) throw new Error(`no stall for table ${table}`);
      if (holder) throw new Error('a row is already stalled');
      holder = new pg.Client({ connectionString: url });
      holder.on('error', () => {});
      await holder.connect();
      await holder.query('BEGIN');
      const { rowCount } = await holder.query(
        `SELECT 1 FROM ${table} WHERE ${columns.map((c, i) => `${c} = $${i + 1}`).join(' AND ')} FOR UPDATE`,
        columns.map((c) => String(where[c])),
      );
      return rowCount;
    },
    waiting() {
      return withClient(url, async (c) => {
        const { rows } = await c.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return rows[0].n;
      });
    },
    async release() {
      const client = holder;
      holder = null;
      if (!client) return;
      await client.query('COMMIT').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/**
 * The server's command line on PostgreSQL, as an operator starts it, to check what it prints:
 * `kind` 'good' (a role of its own with a random password, on a fresh database), 'wrong-password'
 * (that role, another password) or 'not-postgres' (a mysql:// URL with a password). Runs until the
 * banner is printed (then SIGTERM) or the process exits; answers `{ code, output, secret }`, where
 * `secret` is the URL's password, which the output must not hold.
 */
export async function runCliOnDatabase(kind, timeoutMs = 60000) {
  const secret = `pw${randomBytes(12).toString('hex')}`;
  const database = await createTestDatabase();
  const role = database.name.replace('parley_t_', 'parley_r_');
  await withClient(TEST_DATABASE_URL, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${secret}'`);
    await c.query(`ALTER DATABASE ${database.name} OWNER TO ${role}`);
  });
  const url = new URL(database.url);
  url.username = role;
  url.password = kind === 'wrong-password' ? `${secret}x` : secret;
  if (kind === 'not-postgres') url.protocol = 'mysql:';
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-db-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        PARLEY_DATA_DIR: dataDir,
        PARLEY_LOG: 'info',
        DATABASE_URL: url.toString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const code = await new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const read = (d) => {
        output += d;
        if (/curl -X POST[^\n]*\n/.test(output)) child.kill('SIGTERM');
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    return { code, output, secret };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(database.name);
    await withClient(TEST_DATABASE_URL, (c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  }
}

/**
 * The plugin's PostgreSQL commands (test/server/postgres-support.ts), each with an optional
 * `payload.server` naming a pair. A repeated ask (the runner gives a command 20 s) joins the one
 * under way. `makeServer(databaseUrl)` makes a server instance of the plugin on that database.
 */
export function postgresCommands(makeServer, adminKey) {
  const pairs = new Map();
  const cliRuns = new Map();
  const pairNamed = (payload) => {
    const pair = pairs.get(String(payload?.server ?? 'pair'));
    if (!pair) throw new Error(`no pair ${payload?.server} started`);
    return pair;
  };
  const commands = {
    'parley-test-database': () => ({ configured: Boolean(TEST_DATABASE_URL) }),
    // The command line on PostgreSQL, for what it prints.
    'parley-cli-database': (payload) => {
      const kind = String(payload?.kind ?? 'good');
      if (!cliRuns.has(kind))
        cliRuns.set(
          kind,
          runCliOnDatabase(kind).finally(() => setTimeout(() => cliRuns.delete(kind), 60000)),
        );
      return cliRuns.get(kind);
    },
    // Two servers started at the same moment on one fresh database.
    'parley-server-pair': async (payload) => {
      if (!TEST_DATABASE_URL) throw new Error('parley-server-pair needs PARLEY_TEST_DATABASE_URL');
      const name = String(payload?.server ?? 'pair');
      if (!pairs.has(name)) {
        const started = startPair(makeServer);
        started.catch(() => pairs.delete(name));
        pairs.set(name, started);
      }
      const { urls, waiting, versions } = await pairs.get(name);
      return { urls, waiting, versions, adminKey };
    },
    // A row lock held on the pair's database until 'parley-pair-release'.
    'parley-pair-stall': async (payload) =>
      (await pairNamed(payload)).faults.stallRow(payload?.table, payload?.where ?? {}),
    'parley-pair-waiting': async (payload) => (await pairNamed(payload)).faults.waiting(),
    'parley-pair-release': async (payload) => {
      await (await pairNamed(payload)).faults.release();
      return true;
    },
    'parley-server-pair-stop': async (payload) => {
      const name = String(payload?.server ?? 'pair');
      const pair = pairs.get(name);
      pairs.delete(name);
      if (pair) await (await pair).stop();
      return true;
    },
  };
  return {
    handles: (command) => Object.hasOwn(commands, command),
    run: (command, payload) => commands[command](payload),
    dispose: () => Promise.all([...pairs.values()].map((p) => p.then((pair) => pair.stop()).catch(() => {}))),
  };
}
