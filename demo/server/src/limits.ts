/**
 * Rate limits: how many requests of a kind an address (IP), a session token or a staff account may
 * make in a window, answered with 429 PL-L-01 and `Retry-After` once over.
 *
 * - `LimitStore` (`limit-store.ts`) is the one place counters live: this process's memory, or
 *   Redis with `REDIS_URL` (`limit-store-redis.ts`), so that several processes share budgets.
 * - `Limiter` applies the settings (`DEFAULT_LIMITS`, each `{max, windowMs}`; `max` 0 = off) over
 *   a store. Windows are fixed: they start at a key's first request and end `windowMs` later.
 * - `ROUTE_LIMITS` and `EVENT_LIMITS` say which limits each route and socket event counts against;
 *   `limitRequests`, `limitEvents` and `limitConnections` are the router's and the socket layer's
 *   hooks. Requests with an `Api-Key` (integrations, server to server) are not limited on the
 *   Platform API routes.
 *
 * Keys hold a SHA-256 prefix of a token or account, never the secret itself. Pure apart from
 * `crypto.subtle` (a global in browsers and node), so tests import it in the browser.
 */
import { fail } from './errors.js';
import type { BeforeHook, Ctx, RouteKey } from './http.js';
import type { ClientEvent, ConnectHook, EventHook, ParleySocket } from './realtime.js';
import type { LimitStore } from './limit-store.js';
import { clientIp, digest } from './limit-subject.js';
import { MINUTE, parseDuration } from './units.js';

export { MemoryLimitStore } from './limit-store.js';
export type { LimitStore } from './limit-store.js';
export { clientIp, digest } from './limit-subject.js';

/** Who a limit counts: the client's address, the session token, or the staff account signing in. */
export type LimitSubject = 'ip' | 'token' | 'account';

export const LIMIT_NAMES = [
  'signInPerIp',
  'signInPerAccount',
  'sessionsPerIp',
  'conversationsPerIp',
  'conversationsPerToken',
  'messagesPerIp',
  'messagesPerToken',
  'typingPerIp',
  'typingPerToken',
  'receiptsPerIp',
  'receiptsPerToken',
  'socketsPerIp',
  'uploadsPerIp',
  'uploadsPerToken',
  'profileChangesPerToken',
  'peopleChangesPerToken',
  'mailsPerToken',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** At most `max` requests per `windowMs`; `max` 0 turns the limit off. */
export interface Limit {
  max: number;
  windowMs: number;
}
export type Limits = Record<LimitName, Limit>;

export const LIMIT_SUBJECTS: Readonly<Record<LimitName, LimitSubject>> = {
  signInPerIp: 'ip',
  signInPerAccount: 'account',
  sessionsPerIp: 'ip',
  conversationsPerIp: 'ip',
  conversationsPerToken: 'token',
  messagesPerIp: 'ip',
  messagesPerToken: 'token',
  typingPerIp: 'ip',
  typingPerToken: 'token',
  receiptsPerIp: 'ip',
  receiptsPerToken: 'token',
  socketsPerIp: 'ip',
  uploadsPerIp: 'ip',
  uploadsPerToken: 'token',
  profileChangesPerToken: 'token',
  peopleChangesPerToken: 'token',
  mailsPerToken: 'token',
};

/**
 * The defaults: a person (a token) gets far more than anyone types or clicks; an address gets room
 * for an office or a mobile network behind one IP; sign-in per account stops password guessing.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  signInPerIp: { max: 60, windowMs: 10 * MINUTE },
  signInPerAccount: { max: 10, windowMs: 10 * MINUTE },
  sessionsPerIp: { max: 120, windowMs: MINUTE },
  conversationsPerIp: { max: 60, windowMs: MINUTE },
  conversationsPerToken: { max: 10, windowMs: MINUTE },
  messagesPerIp: { max: 300, windowMs: MINUTE },
  messagesPerToken: { max: 60, windowMs: MINUTE },
  typingPerIp: { max: 600, windowMs: MINUTE },
  typingPerToken: { max: 120, windowMs: MINUTE },
  // Read and delivered markers: a client sends one per batch of messages (never one per message).
  receiptsPerIp: { max: 1200, windowMs: MINUTE },
  receiptsPerToken: { max: 300, windowMs: MINUTE },
  socketsPerIp: { max: 120, windowMs: MINUTE },
  uploadsPerIp: { max: 60, windowMs: MINUTE },
  uploadsPerToken: { max: 20, windowMs: MINUTE },
  // Each may check a password (scrypt): a stolen token guesses no faster than a sign-in.
  profileChangesPerToken: { max: 20, windowMs: 10 * MINUTE },
  peopleChangesPerToken: { max: 60, windowMs: MINUTE },
  // Each queues an e-mail to somebody outside: a person sends a transcript now and then.
  mailsPerToken: { max: 20, windowMs: 10 * MINUTE },
};

/** The limits each route counts against, in the order they are checked. */
export interface RouteLimit {
  limits: readonly LimitName[];
  /** A request with an `Api-Key` header is an integration's (Platform API): not limited. */
  apiKeyExempt?: boolean;
}

export const ROUTE_LIMITS: Readonly<Partial<Record<RouteKey, RouteLimit>>> = {
  'POST /agent/v1/session': { limits: ['signInPerIp', 'signInPerAccount'] },
  'POST /widget/v1/session': { limits: ['sessionsPerIp'] },
  'POST /widget/v1/conversations': { limits: ['conversationsPerIp', 'conversationsPerToken'] },
  'POST /rest/ws/group/conversation': {
    limits: ['conversationsPerIp', 'conversationsPerToken'],
    apiKeyExempt: true,
  },
  'POST /widget/v1/messages': { limits: ['messagesPerIp', 'messagesPerToken'] },
  'POST /rest/ws/message/v2/send': { limits: ['messagesPerIp', 'messagesPerToken'], apiKeyExempt: true },
  'POST /rest/ws/message/send': { limits: ['messagesPerIp', 'messagesPerToken'], apiKeyExempt: true },
  'POST /widget/v1/conversations/:groupId/read': { limits: ['receiptsPerIp', 'receiptsPerToken'] },
  'POST /agent/v1/conversations/:groupId/read': { limits: ['receiptsPerIp', 'receiptsPerToken'] },
  'POST /widget/v1/uploads': { limits: ['uploadsPerIp', 'uploadsPerToken'] },
  'PATCH /agent/v1/me/profile': { limits: ['profileChangesPerToken'] },
  'PUT /agent/v1/me/notifications': { limits: ['peopleChangesPerToken'] },
  'POST /agent/v1/tags': { limits: ['peopleChangesPerToken'] },
  'DELETE /agent/v1/tags/:id': { limits: ['peopleChangesPerToken'] },
  'PUT /agent/v1/conversations/:groupId/tags': { limits: ['peopleChangesPerToken'] },
  'PUT /agent/v1/users/:userId/block': { limits: ['peopleChangesPerToken'] },
  'POST /admin/v1/apps/:appId/teammates': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'PATCH /admin/v1/apps/:appId/teammates/:userId': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'DELETE /admin/v1/apps/:appId/teammates/:userId': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'POST /admin/v1/apps/:appId/owner': { limits: ['peopleChangesPerToken'] },
  'GET /admin/v1/apps/:appId/webhooks': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'POST /admin/v1/apps/:appId/webhooks': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'DELETE /admin/v1/apps/:appId/webhooks/:id': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'GET /admin/v1/apps/:appId/webhooks/:id/deliveries': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'POST /agent/v1/conversations/:groupId/transcript': { limits: ['mailsPerToken'] },
  'GET /agent/v1/mail': { limits: ['peopleChangesPerToken'] },
  'GET /agent/v1/mail/:id': { limits: ['peopleChangesPerToken'] },
};

/** The limits each socket event counts against (a socket's messages share the REST budget). */
export const EVENT_LIMITS: Readonly<Partial<Record<ClientEvent, readonly LimitName[]>>> = {
  'message:send': ['messagesPerIp', 'messagesPerToken'],
  typing: ['typingPerIp', 'typingPerToken'],
  read: ['receiptsPerIp', 'receiptsPerToken'],
  delivered: ['receiptsPerIp', 'receiptsPerToken'],
};

/** The limits a socket connection counts against (before it is authenticated). */
export const CONNECTION_LIMITS: readonly LimitName[] = ['socketsPerIp'];

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
