// A tiny static HTTP server for host pages and third-party bundles, so that the bench's host
// pages live on their own origin (as on a real customer site), never on the chat server's.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { freePort } from './reference-server.mjs';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a server with fixed routes. A route is either inline content or a file on disk, or a
 * directory mount (`prefix` ending in "/" mapped to a folder).
 * @param {{
 *   listenHost?: string,
 *   urlHost?: string,
 *   routes?: Record<string, { body?: string, file?: string, type?: string }>,
 *   mounts?: Record<string, string>,
 * }} options
 * @returns {Promise<{ url: string, close: () => Promise<void>, addRoute: (path: string, route: { body?: string, file?: string, type?: string }) => void }>}
 */
export async function startStaticServer({
  listenHost = '127.0.0.1',
  urlHost = listenHost,
  routes = {},
  mounts = {},
} = {}) {
  const table = new Map(Object.entries(routes));
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let route = table.get(path);
    if (!route) {
      for (const [prefix, dir] of Object.entries(mounts)) {
        const rest = path.startsWith(prefix) ? path.slice(prefix.length) : null;
        if (rest && !rest.split('/').includes('..')) route = { file: `${dir}/${rest}` };
      }
    }
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = route.body ?? (route.file ? await readFile(route.file) : '');
      const type = route.type ?? TYPES[extname(route.file ?? path)] ?? 'application/octet-stream';
      res.writeHead(200, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        'access-control-allow-origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  const port = await freePort(listenHost);
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, listenHost, () => done(undefined));
  });
  return {
    url: `http://${urlHost}:${port}`,
    addRoute: (path, route) => table.set(path, route),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done(undefined));
      }),
  };
}
