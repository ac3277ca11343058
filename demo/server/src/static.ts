/**
 * Public files: the built widget (`dist/*` at the root: `/parley.js`, `/parley-chat.js`,
 * `/chunks/*`, source maps) readable from any origin, and the demo pages (`demo/*.html`,
 * `.css`, …; `/` is `demo/index.html`). Paths are resolved inside those folders only; dot
 * files and the server's own sources are never served. Every file is `nosniff`. The staff app
 * (`/dashboard/…`) is one page at every path of its own (`demo/dashboard/index.html`, so a link
 * or a reload lands where it was), with its own CSP, and may not be framed; its scripts are built
 * into `dist/dashboard/`. Its settings preview (`/dashboard/preview.html`) may be framed by it alone.
 * The old agent console's address (`/agent.html`, in any spelling that
 * named its file) redirects to the staff app, keeping only its `?appId=`.
 */
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fail } from './errors.js';
import { pipeFile, type Ctx, type Handler } from './http.js';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** File types the demo folder may serve (it also holds the server's sources). */
const DEMO_TYPES = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.map',
  '.svg',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.ico',
  '.mp3',
  '.ogg',
  '.wav',
  '.woff2',
]);

/**
 * The file inside `root` that `urlPath` names, or undefined for anything that would leave it
 * (`..`, encoded slashes, NUL) or touch a dot file. Pure.
 */
export function safeJoin(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const base = resolve(root);
  const full = resolve(base, normalize(join('.', ...segments)));
  return full.startsWith(base + sep) ? full : undefined;
}

/**
 * How long browsers may keep the widget's files. The chunks have content hashes in their names,
 * so they never change; the two entry files keep their names across releases, so browsers keep
 * them briefly and may go on using a copy while they check for a newer one. Either way a page
 * that reloads while the chat server is unreachable still gets its widget (with the cached
 * conversation and unsent messages) instead of nothing.
 */
export function cacheControl(urlPath: string, fromDist: boolean): string {
  if (!fromDist || urlPath.endsWith('.map')) return 'no-cache';
  if (urlPath.startsWith('/chunks/') || urlPath.startsWith('/dashboard/chunks/'))
    return 'public, max-age=31536000, immutable';
  return 'public, max-age=300, stale-while-revalidate=604800';
}

/**
 * The staff app's policy: its scripts and its API and socket calls (`'self'` covers the same
 * origin's `ws:`/`wss:`) go to the server that served it and nowhere else; images and media in
 * messages may come from any https origin (a rich message's pictures, as the visitor sees them);
 * and no other page may frame it (a framed sign-in form invites click-jacking and phishing).
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "style-src 'self'",
  "media-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The staff app's settings preview (`/dashboard/preview.html`): the app's widget as a site shows it,
 * framed only by the staff app (same origin), and talking only to this server.
 */
export const PREVIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob: https:",
  "style-src 'self' 'unsafe-inline'",
  "media-src 'self' data: blob: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PREVIEW_CSP,
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'no-referrer',
};

/** The staff app's paths that are pages (not its files): `/dashboard`, `/dashboard/inbox/open`, … */
export function isDashboardPage(urlPath: string): boolean {
  return /^\/dashboard(\/[^.]*)?$/.test(urlPath);
}

/** Headers of the staff app's page, at whichever of its paths. */
const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Where the old agent console's address now leads: the staff app, with the console link's app id
 * (`?appId=`, which prefills its sign-in) and nothing else (its `?server=` and the like are gone).
 */
function consoleRedirect(query: URLSearchParams): string {
  const appId = query.get('appId');
  return appId ? `/dashboard/?${new URLSearchParams({ appId }).toString()}` : '/dashboard/';
}

async function fileAt(path: string | undefined): Promise<{ path: string; size: number; mtime: Date } | undefined> {
  if (!path) return undefined;
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime } : undefined;
  } catch {
    return undefined;
  }
}

export function staticFiles(rootDir: string): Handler {
  const dist = join(rootDir, 'dist');
  const demo = join(rootDir, 'demo');
  /** The old agent console's page (gone): its address redirects. */
  const consolePage = resolve(demo, 'agent.html');
  const dashboardPage = resolve(demo, 'dashboard', 'index.html');
  const previewPage = resolve(demo, 'dashboard', 'preview.html');
  return async (ctx: Ctx) => {
    if (safeJoin(demo, ctx.path) === consolePage) {
      ctx.res.writeHead(302, {
        Location: consoleRedirect(ctx.query),
        'Cache-Control': 'no-cache',
        'Content-Length': '0',
      });
      ctx.res.end();
      return null;
    }
    const app = isDashboardPage(ctx.path);
    const urlPath = ctx.path === '/' ? '/index.html' : app ? '/dashboard/index.html' : ctx.path;
    const ext = extname(urlPath).toLowerCase();
    let file = app ? undefined : await fileAt(safeJoin(dist, urlPath));
    let shared = file !== undefined;
    if (!file && DEMO_TYPES.has(ext) && !/^\/server(\/|$)/i.test(urlPath)) {
      file = await fileAt(safeJoin(demo, urlPath));
      shared = false;
    }
    if (!file) throw fail.notFound();
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': String(file.size),
      'Last-Modified': file.mtime.toUTCString(),
      'Cache-Control': cacheControl(urlPath, shared),
      'X-Content-Type-Options': 'nosniff',
      ...(file.path === dashboardPage ? DASHBOARD_HEADERS : {}),
      ...(file.path === previewPage ? PREVIEW_HEADERS : {}),
    };
    if (shared) {
      // The bundles are public scripts that any site may load.
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    }
    const since = ctx.header('if-modified-since');
    if (since && Math.floor(file.mtime.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000)) {
      ctx.res.writeHead(304, {
        'Last-Modified': headers['Last-Modified']!,
        'Cache-Control': headers['Cache-Control']!,
      });
      ctx.res.end();
      return null;
    }
    ctx.res.writeHead(200, headers);
    if (ctx.method === 'HEAD') {
      ctx.res.end();
      return null;
    }
    await pipeFile(ctx.res, file.path);
    return null;
  };
}
