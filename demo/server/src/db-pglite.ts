/**
 * The embedded driver: PGlite (PostgreSQL compiled to WASM) with its data in a folder, claimed by
 * `parley.pid` so that no second process opens it. One connection: a transaction queues all
 * other work until it ends.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, OpenOptions } from './db.js';
import { wrap } from './db-sql.js';
import { migrate } from './db-migrations.js';

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
export async function openPglite(dataDir: string | undefined, options: OpenOptions = {}): Promise<Db> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let pg: PGlite | undefined;
  try {
    pg = await PGlite.create(dataDir);
    const lite = pg;
    await migrate({
      exec: (text) => lite.exec(text),
      query: (text, params) => lite.query(text, params),
      transaction: async (fn) => {
        await lite.transaction((tx) => fn({ exec: (text) => tx.exec(text), query: (t, p) => tx.query(t, p) }));
      },
    });
    const db: Db = {
      ...wrap(lite),
      tx: (fn) => lite.transaction((tx) => fn(wrap(tx))),
      sole: true,
      close: async () => {
        try {
          await lite.close();
        } finally {
          release();
        }
      },
    };
    // One process holds the folder: its set-up needs no other lock.
    await options.setUp?.(db);
    return db;
  } catch (err) {
    await pg?.close().catch(() => {});
    release();
    throw err;
  }
}
