/**
 * Helpers for the PostgreSQL tests (test/server/postgres*.test.ts): two server processes on one
 * fresh database (test/plugins/test-database.mjs), and faults on that database.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createTestApp } from './support.js';
import type { TestApp } from './support.js';

export const NOT_CONFIGURED =
  'PostgreSQL tests need PARLEY_TEST_DATABASE_URL (apt-get install postgresql, then see .ci/run for the cluster and role)';

export const CLUSTER_NOT_CONFIGURED =
  'Multi-process tests need PARLEY_TEST_DATABASE_URL and PARLEY_TEST_REDIS_URL (apt-get install postgresql redis-server; see .ci/run)';

export interface Pair {
  urls: [string, string];
  /** Processes that were waiting for the migration lock when the harness let it go. */
  waiting: number;
  versions: number[];
  adminKey: string;
}

/** A harness command; one that ran out of the runner's 20 s is asked again and joins the one under way. */
export async function command<T>(name: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await executeServerCommand(name, payload)) as T;
    } catch (error) {
      if (!/Did not receive a server response/.test(String(error)) || attempt >= 8) throw error;
    }
  }
}

/**
 * Two processes started together on one fresh database, named `server`; fails with
 * NOT_CONFIGURED when the run has no PostgreSQL.
 */
export async function startPair(server: string): Promise<Pair> {
  const { configured } = await command<{ configured: boolean }>('parley-test-database', {});
  if (!configured) throw new Error(NOT_CONFIGURED);
  return command<Pair>('parley-server-pair', { server });
}

export const stopPair = (server: string) => command<boolean>('parley-server-pair-stop', { server });

/** Faults on a pair's database: a row lock held until `release()`, and the sessions waiting for locks. */
export function pairFaults(server: string) {
  return {
    /** Locks the member row (answers how many rows it locked: 1). */
    stallMember: (groupId: string, userId: string) =>
      command<number>('parley-pair-stall', { server, table: 'members', where: { group_id: groupId, user_id: userId } }),
    waiting: () => command<number>('parley-pair-waiting', { server }),
    release: () => command<boolean>('parley-pair-release', { server }),
  };
}

/**
 * Two server processes on one PostgreSQL and one Redis (test/plugins/multi-process.mjs), named
 * `server` (started by the first call, joined by the others), and a new app seen through process
 * A and process B; fails with CLUSTER_NOT_CONFIGURED when the run has no PostgreSQL or Redis.
 */
export async function startCluster(
  server: string | undefined,
  env: Record<string, string> = {},
  shareDataDir = false,
): Promise<{ a: TestApp; b: TestApp }> {
  const configured = await command<{ database: boolean; redis: boolean }>('parley-cluster-configured', {});
  if (!configured.database || !configured.redis) throw new Error(CLUSTER_NOT_CONFIGURED);
  const { urls, adminKey } = await command<{ urls: [string, string]; adminKey: string }>('parley-cluster', {
    server,
    env,
    shareDataDir,
  });
  const a = await createTestApp(undefined, { url: urls[0], adminKey });
  return { a, b: { ...a, url: urls[1] } };
}
