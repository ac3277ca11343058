/**
 * Shutting down without dropping work: the HTTP server stops accepting connections at once,
 * socket.io closes every socket's transport (a client sees "transport close" and reconnects, to
 * another process behind a load balancer), and requests under way finish; keep-alive connections
 * are closed as they fall idle. After `timeoutMs` whatever is still open is cut.
 */
import type { Server } from 'node:http';

export const DEFAULT_DRAIN_MS = 10_000;
/** How often connections that fell idle during the drain are closed. */
const IDLE_SWEEP_MS = 50;

export async function drain(http: Server, closeSockets: () => Promise<void>, timeoutMs: number): Promise<void> {
  const done = new Promise<void>((resolve) => {
    http.close(() => resolve());
  });
  http.closeIdleConnections();
  const idle = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      http.closeAllConnections();
      resolve();
    }, timeoutMs);
  });
  try {
    // socket.io's close also closes the HTTP server: already closed, it answers at once.
    await closeSockets();
    await Promise.race([done, timeout]);
  } finally {
    clearInterval(idle);
    clearTimeout(timer);
  }
}
