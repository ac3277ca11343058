/**
 * The reference server on PostgreSQL (`DATABASE_URL`), beyond what the whole server suite shows
 * when it runs with PARLEY_TEST_DATABASE_URL: processes starting together on one fresh database
 * migrate it once. The harness (test/plugins/test-database.mjs) holds the servers' migration lock
 * until both processes wait for it, then lets go, so the race is forced, not hoped for.
 *
 * Without PARLEY_TEST_DATABASE_URL the test-runner config leaves this file out and says so in one
 * line, unless CI is set: then it runs and fails saying so (postgres-support.ts, NOT_CONFIGURED).
 */
import { expect } from '@open-wc/testing';
import { MIGRATIONS } from '../../demo/server/src/db-migrations.js';
import { NOT_CONFIGURED, command, startPair, stopPair } from './postgres-support.js';
import type { Pair } from './postgres-support.js';
import { createTestApp, request, responseOf } from './support.js';
import type { Envelope } from './support.js';

describe('server: on PostgreSQL', function () {
  this.timeout(180000);
  // One failure saying what is missing, rather than one per test.
  before(async () => {
    const { configured } = await command<{ configured: boolean }>('parley-test-database', {});
    if (!configured) throw new Error(NOT_CONFIGURED);
  });

  describe('processes starting together on one fresh database', () => {
    let pair: Pair;
    before(async () => {
      pair = await startPair('migrate-together');
    });
    after(() => stopPair('migrate-together'));

    it('both wait for the migration lock, and the schema is migrated once', () => {
      expect(pair.waiting).to.equal(2);
      expect(pair.versions).to.deep.equal(MIGRATIONS.map((_, i) => i + 1));
    });

    it('both come up and serve the demo app seeded once', async () => {
      for (const url of pair.urls) {
        expect((await fetch(`${url}/health`)).status).to.equal(200);
        const res = await request<{ code: string }>(`${url}/users/v3/chat/plugin/settings?appId=demo-app`);
        expect(res.status).to.equal(200);
        expect(res.body.code).to.equal('SUCCESS');
      }
    });

    it('share one database: an app made through one process is found through the other', async () => {
      const [a, b] = pair.urls;
      const app = await createTestApp(undefined, { url: a, adminKey: pair.adminKey });
      const res = await request<Envelope<{ prefix: string }>>(`${b}/admin/v1/apps/${app.appId}/api-key`, {
        headers: { 'Api-Key': pair.adminKey },
      });
      expect(responseOf(res)).to.deep.equal({ prefix: app.apiKey.slice(0, 6) });
    });
  });

  describe('the command line never prints the database password', () => {
    interface Run {
      code: number | null;
      output: string;
      secret: string;
    }
    const run = (kind: 'good' | 'wrong-password' | 'not-postgres') => command<Run>('parley-cli-database', { kind });

    it('shows the database with its password hidden on a good start', async () => {
      const { output, secret } = await run('good');
      // Stopped by the harness once the banner is out (how it exits does not matter here).
      expect(output).to.include('Parley reference server on');
      expect(output).to.match(
        /Database\s+PostgreSQL postgres:\/\/parley_r_[0-9a-f]+:\*\*\*@127\.0\.0\.1:\d+\/parley_t_[0-9a-f]+ \(pool of 10\)/,
      );
      expect(output).not.to.include(secret);
    });

    it('stops without the password when it is wrong', async () => {
      const { code, output, secret } = await run('wrong-password');
      expect(code).to.equal(1);
      expect(output).to.include('could not start');
      expect(output).not.to.include(secret.slice(2));
    });

    it('stops without echoing a URL that is not PostgreSQL', async () => {
      const { code, output, secret } = await run('not-postgres');
      expect(code).to.equal(1);
      expect(output).to.include('DATABASE_URL must be a postgres:// or postgresql:// URL');
      expect(output).not.to.include(secret.slice(2));
    });
  });
});
