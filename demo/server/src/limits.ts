/**
 * Rate limits: how many requests of a kind an address (IP), a session token or a staff account may
 * make in a window, answered with 429 PL-L-01 and `Retry-After` once over.
 *
 * - `LimitStore` (`limit-store.ts`) is the one place counters live: this process's memory, or
 *   Redis with `REDIS_URL` (`limit-store-redis.ts`), so that several processes share budgets.
 * - `Limiter` applies the settings (`DEFAULT_LIMITS`, each `{max, windowMs}`; `max` 0 = off) over
 *   a store. Windows are fixed: they start at a key's first request and end `windowMs` later.
 * - `ROUTE_LIMITS` and `EVENT_LIMITS` (`limit-table.ts`, with the defaults) say which limits each route and socket event counts against;
 *   `limitRequests`, `limitEvents` and `limitConnections` are the router's and the socket layer's
 *   hooks. Requests with an `Api-Key` (integrations, server to server) are not limited on the
 *   Platform API routes.
 *
 * Keys hold a SHA-256 prefix of a token or account, never the secret itself. Pure apart from
 * `crypto.subtle` (a global in browsers and node), so tests import it in the browser.
 */
import { fail } from './errors.js';
import type { BeforeHook, Ctx } from './http.js';
import type { ConnectHook, EventHook, ParleySocket } from './realtime.js';
import type { LimitStore } from './limit-store.js';
import { clientIp, digest } from './limit-subject.js';
import { MINUTE, parseDuration } from './units.js';

export { MemoryLimitStore } from './limit-store.js';
export type { LimitStore } from './limit-store.js';
export { clientIp, digest } from './limit-subject.js';
export * from './limit-table.js';
import {
  CONNECTION_LIMITS,
  DEFAULT_LIMITS,
  EVENT_LIMITS,
  LIMIT_NAMES,
  LIMIT_SUBJECTS,
  ROUTE_LIMITS,
} from './limit-table.js';
import type { Limit, LimitName, Limits } from './limit-table.js';

/** Applies limits over a store; several limiters over one store share their budgets. */
export class Limiter {
  readonly limits: Readonly<Limits>;

  constructor(
    readonly store: LimitStore,
    limits: Partial<Limits> = {},
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.limits = Object.fromEntries(LIMIT_NAMES.map((name) => [name, limits[name] ?? DEFAULT_LIMITS[name]])) as Record<
      LimitName,
      Limit
    >;
  }

  /**
   * Counts one request of `subject` against the limit `name`. Answers undefined while within it,
   * else the whole seconds until its window ends (`Retry-After`, at least 1).
   */
  async take(name: LimitName, subject: string): Promise<number | undefined> {
    const { max, windowMs } = this.limits[name];
    if (max <= 0) return undefined;
    const now = this.clock();
    const { count, resetAt } = await this.store.hit(`${name}:${subject}`, windowMs, now);
    return count <= max ? undefined : Math.max(1, Math.ceil((resetAt - now) / 1000));
  }
}

// ---- settings ---------------------------------------------------------------------------------

/** `"<max>/<duration>"` (`"10/15m"`), or `"off"` / `"0"`; undefined for anything else. */
export function parseLimit(text: string): Limit | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === '0') return { max: 0, windowMs: MINUTE };
  const m = /^(\d+)\s*\/\s*(.+)$/.exec(value);
  const windowMs = m ? parseDuration(m[2]!) : undefined;
  return m && windowMs !== undefined ? { max: Number(m[1]), windowMs } : undefined;
}

/** A limit's environment variable: `signInPerIp` → `PARLEY_LIMIT_SIGN_IN_PER_IP`. */
export function limitEnvName(name: LimitName): string {
  return `PARLEY_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** The limits set in the environment, and a message for each value that is not a limit. */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): {
  limits: Partial<Limits>;
  errors: string[];
} {
  const limits: Partial<Limits> = {};
  const errors: string[] = [];
  for (const name of LIMIT_NAMES) {
    const raw = env[limitEnvName(name)];
    if (raw === undefined || raw.trim() === '') continue;
    const limit = parseLimit(raw);
    if (limit) limits[name] = limit;
    else errors.push(`${limitEnvName(name)} must be "<count>/<duration>" (e.g. "10/15m") or "off", got "${raw}"`);
  }
  return { limits, errors };
}

// ---- who is asking ----------------------------------------------------------------------------

function bearer(ctx: Ctx): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '')?.[1];
}

/** The staff account a sign-in names (app and e-mail or user id), or undefined. */
async function signInAccount(ctx: Ctx): Promise<string | undefined> {
  const body = await ctx.body();
  if (typeof body !== 'object' || body === null) return undefined;
  const { appId, email, userId } = body as Record<string, unknown>;
  const account = typeof email === 'string' && email.trim() !== '' ? email : userId;
  if (typeof appId !== 'string' || typeof account !== 'string') return undefined;
  return `${appId}\n${account.trim().toLowerCase()}`;
}

export interface LimitHookOptions {
  /** The server is behind one reverse proxy: the client's address is the last X-Forwarded-For entry. */
  trustProxy?: boolean | undefined;
}

/** The refusal: `Retry-After` (readable cross-origin) and 429 PL-L-01. */
function refuse(ctx: Ctx, retryAfter: number): never {
  ctx.res.setHeader('Retry-After', String(retryAfter));
  ctx.res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  throw fail.tooManyRequests(retryAfter);
}

/** The router's hook: counts each request of a limited route, 429 once over a limit. */
export function limitRequests(limiter: Limiter, options: LimitHookOptions = {}): BeforeHook {
  return async (ctx, route) => {
    const rule = route ? ROUTE_LIMITS[route] : undefined;
    if (!rule) return;
    if (rule.apiKeyExempt && (ctx.header('api-key') ?? '').trim() !== '') return;
    for (const name of rule.limits) {
      let subject: string | undefined;
      switch (LIMIT_SUBJECTS[name]) {
        case 'ip':
          subject = clientIp(ctx.req.socket.remoteAddress, ctx.header('x-forwarded-for'), options.trustProxy === true);
          break;
        case 'token': {
          const token = bearer(ctx);
          subject = token === undefined ? undefined : await digest(token);
          break;
        }
        case 'account': {
          const account = await signInAccount(ctx);
          subject = account === undefined ? undefined : await digest(account);
          break;
        }
      }
      // Nothing to count by (no token, no account): the handler refuses such a request anyway.
      if (subject === undefined) continue;
      const wait = await limiter.take(name, subject);
      if (wait !== undefined) refuse(ctx, wait);
    }
  };
}

function socketIp(socket: ParleySocket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  return clientIp(socket.handshake.address, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trustProxy);
}

/** The socket layer's event hook: a refusal is the event's error acknowledgement. */
export function limitEvents(limiter: Limiter, options: LimitHookOptions = {}): EventHook {
  const tokens = new WeakMap<ParleySocket, Promise<string | undefined>>();
  const tokenOf = (socket: ParleySocket) => {
    let found = tokens.get(socket);
    if (!found) {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>)['token'] : undefined;
      found = typeof token === 'string' ? digest(token) : Promise.resolve(undefined);
      tokens.set(socket, found);
    }
    return found;
  };
  return async (socket, event) => {
    for (const name of EVENT_LIMITS[event] ?? []) {
      const subject =
        LIMIT_SUBJECTS[name] === 'ip' ? socketIp(socket, options.trustProxy === true) : await tokenOf(socket);
      if (subject === undefined) continue;
      const wait = await limiter.take(name, subject);
      if (wait !== undefined) throw fail.tooManyRequests(wait);
    }
  };
}

/** The socket layer's connection hook (before authentication): the refusal is `connect_error`. */
export function limitConnections(limiter: Limiter, options: LimitHookOptions = {}): ConnectHook {
  return async (socket) => {
    for (const name of CONNECTION_LIMITS) {
      const wait = await limiter.take(name, socketIp(socket, options.trustProxy === true));
      if (wait !== undefined) throw fail.tooManyRequests(wait);
    }
  };
}
