/**
 * A small router over node:http: method + path patterns (`/a/:id/b`), JSON bodies with a size
 * limit, query strings, CORS (preflight and response headers), and the error envelope.
 * Node lower-cases header names, so header look-ups are case-insensitive.
 *
 * Every answer of the router — JSON, errors, preflights and the fallback's files — carries
 * `X-Content-Type-Options: nosniff`. Text is cleaned at this boundary (see input.ts): parsed
 * JSON bodies (keys included), path parameters and query values lose NUL characters and have
 * lone surrogates replaced by U+FFFD; a body nested deeper than `MAX_JSON_DEPTH` is PL-R-03.
 * (Header values need nothing: node's parser refuses NUL in them, and they are Latin-1.)
 * A failure that is not an `HttpError` is logged by the logger, which prints an error's name,
 * message, code and stack only, never the query parameters a database error carries.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, errorBody, fail, toErrorItem } from './errors.js';
import { cleanJson, cleanText } from './input.js';
import type { Logger } from './log.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** How a route answers cross-origin requests. */
export type CorsMode =
  /** Any origin may call (API-key or admin-key routes, and public files). */
  | 'any'
  /** Only origins the app allows: the handler calls `ctx.allowOrigin()` once the app is known. */
  | 'app';

export interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  /** The request's `Origin` header, if any. */
  readonly origin: string | undefined;
  header(name: string): string | undefined;
  /** The parsed JSON body (undefined when empty); PL-R-01 when malformed, PL-R-06 when too big. */
  body(): Promise<unknown>;
  /** Lets the request's origin read the response. */
  allowOrigin(): void;
}

export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A handler answers with JSON, or `null` when it wrote the response itself. */
export type Handler = (ctx: Ctx) => Promise<JsonReply | null>;

/** A registered route as tables name it: `"POST /widget/v1/session"` (method, space, pattern). */
export type RouteKey = `${string} /${string}`;

/**
 * Runs before a matched route's handler (permissions, limits): throws an `HttpError` to refuse.
 * `route` is undefined for the static fallback.
 */
export type BeforeHook = (ctx: Ctx, route: RouteKey | undefined) => Promise<void> | void;

interface Route {
  key: RouteKey;
  method: string;
  parts: string[];
  handler: Handler;
  cors: CorsMode;
  allowHeaders: string;
}

export interface RouteOptions {
  cors?: CorsMode;
  /** `Access-Control-Allow-Headers` for the preflight. */
  allowHeaders?: string;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/** Streams a file into a response whose head is written; a read error ends the response. */
export function pipeFile(res: ServerResponse, path: string): Promise<void> {
  return new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): JsonReply {
  return headers ? { status, body, headers } : { status, body };
}

/** The success envelope of the Platform API and the widget endpoints. */
export function success<T>(response: T, status = 200): JsonReply {
  return { status, body: { status: 'success', generatedAt: Date.now(), response } };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw fail.payloadTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw fail.payloadTooLarge();
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw fail.malformedJson();
  }
  return cleanJson(parsed);
}

/** The query string with every name and value cleaned (`cleanText`). */
function cleanQuery(params: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...params].map(([k, v]) => [cleanText(k), cleanText(v)]));
}

/** A request id a client or proxy sent, when well-formed; else a new one. */
function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

export class Router {
  readonly #routes: Route[] = [];
  readonly #before: BeforeHook[] = [];
  #fallback: Handler | undefined;

  constructor(
    private readonly log: Logger,
    private readonly bodyLimit = DEFAULT_BODY_LIMIT,
  ) {}

  add(method: string, pattern: string, handler: Handler, opts: RouteOptions = {}): this {
    this.#routes.push({
      key: `${method.toUpperCase()} /${splitPath(pattern).join('/')}`,
      method: method.toUpperCase(),
      parts: splitPath(pattern),
      handler,
      cors: opts.cors ?? 'any',
      allowHeaders: opts.allowHeaders ?? 'Content-Type, Authorization',
    });
    return this;
  }

  /** Every registered route, as `"METHOD /pattern"`, in registration order. */
  routes(): RouteKey[] {
    return this.#routes.map((r) => r.key);
  }

  /** Adds a check that runs, in order of adding, before every handler (and the fallback). */
  before(hook: BeforeHook): this {
    this.#before.push(hook);
    return this;
  }

  /** Answers GET/HEAD requests no route matched (static files). */
  fallback(handler: Handler): this {
    this.#fallback = handler;
    return this;
  }

  #match(path: string): Array<{ route: Route; params: Record<string, string> }> {
    const parts = splitPath(path);
    const found: Array<{ route: Route; params: Record<string, string> }> = [];
    for (const route of this.#routes) {
      if (route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const want = route.parts[i]!;
        const got = parts[i]!;
        if (want.startsWith(':')) {
          try {
            params[want.slice(1)] = cleanText(decodeURIComponent(got));
          } catch {
            matched = false;
          }
        } else if (want !== got) matched = false;
      }
      if (matched) found.push({ route, params });
    }
    return found;
  }

  /** The node:http request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.#handle(req, res);
  };

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = requestIdOf(req.headers['x-request-id']);
    let route: string | undefined;
    let code: string | undefined;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const cors: Record<string, string> = { Vary: 'Origin' };
    // Set before anything is written, so that writeHead() anywhere below (JSON, preflight, the
    // fallback's files) keeps it.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Request-Id', requestId);
    const echo = () => {
      if (origin) cors['Access-Control-Allow-Origin'] = origin;
    };
    try {
      const matches = this.#match(url.pathname);
      if (method === 'OPTIONS') {
        if (matches.length === 0) throw fail.notFound();
        echo();
        res.writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': [...new Set([...matches.map((m) => m.route.method), 'OPTIONS'])].join(', '),
          'Access-Control-Allow-Headers': matches[0]!.route.allowHeaders,
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
      const hit = matches.find((m) => m.route.method === method);
      route = hit?.route.key;
      const handler = hit?.route.handler ?? (method === 'GET' || method === 'HEAD' ? this.#fallback : undefined);
      if (!handler) throw fail.notFound();
      if (!hit || hit.route.cors === 'any') echo();
      let bodyPromise: Promise<unknown> | undefined;
      const ctx: Ctx = {
        req,
        res,
        method,
        path: url.pathname,
        query: cleanQuery(url.searchParams),
        params: hit?.params ?? {},
        origin,
        header: (name) => {
          const v = req.headers[name.toLowerCase()];
          return Array.isArray(v) ? v[0] : v;
        },
        body: () => (bodyPromise ??= readBody(req, this.bodyLimit)),
        allowOrigin: echo,
      };
      for (const hook of this.#before) await hook(ctx, hit?.route.key);
      const reply = await handler(ctx);
      if (reply) sendJson(res, reply.status, reply.body, { ...cors, ...reply.headers });
    } catch (err) {
      // Errors are readable cross-origin so that the widget can tell the visitor what went wrong.
      echo();
      if (!(err instanceof HttpError)) this.log.error(`${method} ${url.pathname} failed:`, err);
      const status = err instanceof HttpError ? err.status : 500;
      const item = toErrorItem(err);
      code = item.errorCode;
      if (!res.headersSent) sendJson(res, status, errorBody(item), cors);
      else res.destroy();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      this.log.request({
        method,
        route: route ?? `${method} ${url.pathname}`,
        status: res.statusCode,
        ms,
        requestId,
        code,
      });
    }
  }
}
