/**
 * Resets a staff member's password from the server's own machine, for an owner who lost theirs:
 * `npm run reset-password -- [--app demo-app] [--user agent@parley.test] [--admin-key]`.
 * On the embedded database run it with the server stopped (the data folder is locked while the
 * server runs), with the same `PARLEY_DATA_DIR`; with `DATABASE_URL` it works on that PostgreSQL
 * while the servers run. The new password is `PARLEY_ADMIN_PASSWORD` when set, else random, printed
 * once; the user's sessions end. `--admin-key` also makes a new server admin key (printed once).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeDatabaseUrl, isDatabaseUrl, openDb } from './db.js';
import { hashPassword, newPassword } from './passwords.js';
import { findApp, setConfig } from './repo/apps.js';
import { endSessionsOf } from './repo/sessions.js';
import { findStaffByLogin, setPasswordHash } from './repo/users.js';
import { AGENT_ID, DEMO_APP_ID } from './seed.js';

class Refusal extends Error {}

function parse(): { app: string; user: string; adminKey: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        app: { type: 'string', default: DEMO_APP_ID },
        user: { type: 'string', default: AGENT_ID },
        'admin-key': { type: 'boolean', default: false },
      },
    });
    return { app: values.app, user: values.user, adminKey: values['admin-key'] };
  } catch (err) {
    throw new Refusal((err as Error).message);
  }
}

async function reset(): Promise<void> {
  const args = parse();
  const dataDir = resolve(process.env['PARLEY_DATA_DIR'] || './.data');
  const url = process.env['DATABASE_URL'] || undefined;
  if (url && !isDatabaseUrl(url)) throw new Refusal('DATABASE_URL must be a postgres:// URL');
  const where = url ? describeDatabaseUrl(url) : dataDir;
  const db = await openDb(dataDir, { url, poolSize: 1 }).catch((err: unknown) => {
    throw new Refusal(`${(err as Error).message} (${where})`);
  });
  try {
    if (!(await findApp(db, args.app))) throw new Refusal(`no app "${args.app}" in ${where}`);
    const user = await findStaffByLogin(db, args.app, args.user);
    if (!user || user.role === 'bot') throw new Refusal(`no staff member "${args.user}" in app "${args.app}"`);
    const chosen = process.env['PARLEY_ADMIN_PASSWORD'];
    const password = chosen || newPassword();
    const hash = await hashPassword(password);
    await db.tx(async (sql) => {
      await setPasswordHash(sql, args.app, user.user_id, hash);
      await endSessionsOf(sql, args.app, user.user_id);
    });
    console.log(`New password for ${user.user_id} in ${args.app}: ${chosen ? '(PARLEY_ADMIN_PASSWORD)' : password}`);
    if (args.adminKey) {
      const key = randomBytes(24).toString('base64url');
      await setConfig(db, 'admin_key', key);
      console.log(`New admin key: ${key}`);
    }
  } finally {
    await db.close();
  }
}

try {
  await reset();
} catch (err) {
  console.error(`[parley] reset-password: ${err instanceof Refusal ? err.message : String(err)}`);
  process.exitCode = 1;
}
