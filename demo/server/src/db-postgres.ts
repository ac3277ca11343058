/**
 * The PostgreSQL driver (`DATABASE_URL`): a `pg` pool. A transaction runs on one client checked
 * out of the pool for its length; everything else takes any free client. Migrations (and the
 * caller's first-start set-up) run under a session advisory lock held on a client of their own,
 * so that of several processes starting together one migrates and the others wait, then find
 * the schema up to date.
 */
import pg from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import type { Db, OpenOptions, Sql } from './db.js';
import { migrate } from './db-migrations.js';
import type { MigrationStep } from './db-migrations.js';
import { wrap } from './db-sql.js';

/** The advisory lock key around migrations: "parley" in ASCII (test/plugins/test-database.mjs holds it too). */
export const MIGRATION_LOCK_KEY = '123563833845113';

/** Clients in the pool unless `PARLEY_DB_POOL` says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

const INT8 = 20;
const INT8_ARRAY = 1016;

/** A bigint[] in text form (`{1,2,NULL}`: integers are never quoted) as numbers. */
function int8Array(value: string): (number | null)[] {
  const inner = value.slice(1, -1);
  return inner === '' ? [] : inner.split(',').map((item) => (item === 'NULL' ? null : Number(item)));
}

/**
 * PGlite answers bigint (ids, counts) as numbers, `pg` as strings: parse them as numbers here
 * too, so the repositories see one shape (ids stay far below 2^53).
 */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
    if (oid === INT8_ARRAY && format !== 'binary') return int8Array;
    return pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

function step(client: pg.ClientBase): MigrationStep {
  return {
    exec: (text) => client.query(text),
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as T[] }),
  };
}

/** Clients whose ROLLBACK failed: their connection is gone, and they go back to the pool as broken. */
const broken = new WeakSet<pg.ClientBase>();

/** Runs `fn` in BEGIN … COMMIT on `client`, with ROLLBACK when it fails. */
async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => broken.add(client));
    throw err;
  }
}

async function migrateLocked(url: string, db: Db, options: OpenOptions): Promise<void> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'parley migrate' });
  // A dropped connection fails the statement under way; the event itself must not end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await migrate({
      ...step(client),
      transaction: (fn) => inTransaction(client, () => fn(step(client))),
    });
    // Still under the lock: a first start's seed runs in one process only.
    await options.setUp?.(db);
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
  } finally {
    // Ending the session releases the lock too, if the unlock above was not reached.
    await client.end().catch(() => {});
  }
}

/** Opens a pool of `poolSize` clients on `url`, migrates under the advisory lock, runs the set-up. */
export async function openPostgres(url: string, options: OpenOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types,
    application_name: 'parley',
  });
  // An idle client's connection dropping (a database restart) must not end the process: the
  // pool replaces it, and the requests using the database meanwhile fail on their own.
  pool.on('error', (err) => options.onError?.(err));
  const sql = wrap({ query: (text, params) => pool.query(text, params) });
  const db: Db = {
    ...sql,
    async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      const client: PoolClient = await pool.connect();
      try {
        return await inTransaction(client, () => fn(wrap(client)));
      } finally {
        client.release(broken.has(client) ? new Error('the connection failed in a transaction') : undefined);
      }
    },
    close: () => pool.end(),
    sole: false,
  };
  try {
    await migrateLocked(url, db, options);
    return db;
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
