/**
 * Helpers for the PostgreSQL tests (test/server/postgres*.test.ts): two server processes on one
 * fresh database (test/plugins/test-database.mjs), and faults on that database.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export const NOT_CONFIGURED =
  'PostgreSQL tests need PARLEY_TEST_DATABASE_URL (apt-get install postgresql, then see .ci/run for the cluster and role)';

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
