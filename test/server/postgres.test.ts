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
import { startPair, stopPair } from './postgres-support.js';
import type { Pair } from './postgres-support.js';
import { createTestApp, request, responseOf } from './support.js';
import type { Envelope } from './support.js';

describe('server: on PostgreSQL', function () {
  this.timeout(180000);

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
});
