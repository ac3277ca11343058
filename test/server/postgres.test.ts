/**
 * The reference server on PostgreSQL (`DATABASE_URL`), beyond what the whole server suite shows
 * when it runs with PARLEY_TEST_DATABASE_URL: processes starting together on one fresh database
 * migrate it once. The harness (test/plugins/test-database.mjs) holds the servers' migration lock
 * until both processes wait for it, then lets go, so the race is forced, not hoped for.
 *
 * Without PARLEY_TEST_DATABASE_URL the test-runner config leaves this file out and says so in one
 * line, unless CI is set: then it runs and fails with the line below.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MIGRATIONS } from '../../demo/server/src/db-migrations.js';
import { createTestApp, request, responseOf } from './support.js';
import type { Envelope } from './support.js';

const NOT_CONFIGURED =
  'PostgreSQL tests need PARLEY_TEST_DATABASE_URL (apt-get install postgresql, then see .ci/run for the cluster and role)';

interface Pair {
  urls: [string, string];
  /** Processes that were waiting for the migration lock when the harness let it go. */
  waiting: number;
  versions: number[];
  adminKey: string;
}

/** A harness command; one that ran out of the runner's 20 s is asked again and joins the one under way. */
async function command<T>(name: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await executeServerCommand(name, payload)) as T;
    } catch (error) {
      if (!/Did not receive a server response/.test(String(error)) || attempt >= 8) throw error;
    }
  }
}

describe('server: on PostgreSQL', function () {
  this.timeout(180000);

  describe('processes starting together on one fresh database', () => {
    let pair: Pair;
    before(async () => {
      const { configured } = await command<{ configured: boolean }>('parley-test-database', {});
      if (!configured) throw new Error(NOT_CONFIGURED);
      pair = await command<Pair>('parley-server-pair', { server: 'migrate-together' });
    });
    after(() => command('parley-server-pair-stop', { server: 'migrate-together' }));

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
