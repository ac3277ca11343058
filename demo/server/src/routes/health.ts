/**
 * `GET /health` (liveness: the process answers) and `GET /readyz` (readiness: the database and,
 * when configured, Redis answer within a time limit). Neither reads or writes any app's data.
 */
import type { Db } from '../db.js';
import type { Router } from '../http.js';
import type { Logger } from '../log.js';

/** How long a dependency may take to answer before it counts as down. */
const READY_TIMEOUT_MS = 2000;

export interface ReadyChecks {
  db: Db;
  /** Redis's ping, when the server uses Redis. */
  redis?: { ping(timeoutMs?: number): Promise<void> } | undefined;
  log: Logger;
  /** The server is shutting down (SIGTERM): not ready, whatever the dependencies say. */
  draining?: () => boolean;
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes(router: Router, checks: ReadyChecks): void {
  router.add('GET', '/health', async () => ({ status: 200, body: { status: 'ok' } }));

  router.add('GET', '/readyz', async () => {
    if (checks.draining?.()) return { status: 503, body: { status: 'draining' } };
    const failed: string[] = [];
    const probes: Array<[string, () => Promise<unknown>]> = [['database', () => checks.db.row('SELECT 1 AS ok')]];
    const { redis } = checks;
    if (redis) probes.push(['redis', () => redis.ping(READY_TIMEOUT_MS)]);
    await Promise.all(
      probes.map(async ([name, probe]) => {
        try {
          await within(probe(), READY_TIMEOUT_MS);
        } catch (err) {
          checks.log.error(`readyz: ${name} not ready:`, err);
          failed.push(name);
        }
      }),
    );
    if (failed.length === 0) return { status: 200, body: { status: 'ready' } };
    return { status: 503, body: { status: 'not ready', failed: failed.sort() } };
  });
}
