/**
 * The database: the embedded PGlite with its data in a folder by default (`db-pglite.ts`), or a
 * real PostgreSQL through a pooled client when a URL is given (`DATABASE_URL`, `db-postgres.ts`).
 * Both run the same numbered migrations (`db-migrations.ts`) and the same SQL; everything else
 * talks to the database through the small `Sql` / `Db` interface below.
 */
import { openPglite } from './db-pglite.js';
import { openPostgres } from './db-postgres.js';
import { hasScheme, redactUrl } from './secret-url.js';

export { lockDataDir } from './db-pglite.js';
export { DEFAULT_POOL_SIZE } from './db-postgres.js';

/** What repositories need: run a statement and get rows back. */
export interface Sql {
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  row<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
}

export interface Db extends Sql {
  /**
   * Runs `fn` in one transaction. PGlite queues other work until it ends; on PostgreSQL it runs
   * on one pooled client while other requests go on beside it (lock the rows you change).
   */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * This process is the database's only client (PGlite holds its data folder): a row it read
   * changes only through its own writes. False on PostgreSQL, which other processes share.
   */
  readonly sole: boolean;
}

export interface OpenOptions {
  /** `postgres://…`: use that PostgreSQL instead of PGlite (the data folder is then not locked). */
  url?: string | undefined;
  /** PostgreSQL: clients in the pool (10). */
  poolSize?: number | undefined;
  /**
   * Runs once the schema is up to date, before `openDb` answers: on PostgreSQL under the
   * migration lock, so that of several processes starting together one seeds a new database.
   */
  setUp?: ((db: Db) => Promise<void>) | undefined;
  /** PostgreSQL: an idle pooled connection failed (the pool replaces it). */
  onError?: ((err: Error) => void) | undefined;
}

/**
 * Opens the database: PostgreSQL at `options.url` when given, else PGlite in `dataDir` (created
 * if needed; `undefined` keeps it in memory).
 */
export function openDb(dataDir: string | undefined, options: OpenOptions = {}): Promise<Db> {
  return options.url ? openPostgres(options.url, options) : openPglite(dataDir, options);
}

/** Whether `value` is a PostgreSQL URL `openDb` accepts. */
export function isDatabaseUrl(value: string): boolean {
  return hasScheme(value, /^postgres(ql)?:$/);
}

/** A database URL fit for a log line: its password (and query, which may hold one) replaced. */
export function describeDatabaseUrl(value: string): string {
  return redactUrl(value, 'PostgreSQL');
}
