/**
 * What route handlers share: the server's dependencies and the ways a request proves who it
 * is — a widget session (bearer token), an app's Api-Key, or the admin key. Sessions end after
 * a time without use (`repo/sessions.ts`): checked here on every use, swept by `sweepSessions`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { UserRole } from '../../../src/core/protocol.js';
import type { Chat } from './chat.js';
import type { Db } from './db.js';
import { fail } from './errors.js';
import type { Ctx } from './http.js';
import type { Logger } from './log.js';
import { isOriginAllowed } from './origin.js';
import type { Presence } from './presence.js';
import { findApp, findAppByApiKey } from './repo/apps.js';
import type { AppRow } from './repo/apps.js';
import {
  DEFAULT_SESSION_TTLS,
  deleteExpiredSessions,
  existingSessions,
  findSessionByHash,
  hashToken,
  sessionTtl,
  sessionUse,
  touchSession,
} from './repo/sessions.js';
import type { SessionTtls } from './repo/sessions.js';
import { findUser } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { mergeSettings } from './settings.js';
import type { ResolvedSettings } from './settings.js';

export interface Deps {
  db: Db;
  chat: Chat;
  presence: Presence;
  log: Logger;
  adminKey: string;
  /** How long sessions live without use; `DEFAULT_SESSION_TTLS` when absent. */
  sessionTtls?: SessionTtls;
  /** Closes the sockets of sessions that end (realtime.ts, attached once it exists). */
  sockets?: SessionSockets;
}

/** Closing the sockets of ended sessions (implemented by realtime.ts). */
export interface SessionSockets {
  /** The sockets opened with these sessions (token hashes): signed out, expired. */
  disconnectSessions(tokenHashes: readonly string[]): Promise<void>;
  /** Every socket of the user except those opened with `keepHash` (their sessions were revoked). */
  disconnectUser(appId: string, userId: string, keepHash?: string): Promise<void>;
  /** The sessions (token hashes) that have a socket open. */
  openSessions(): Promise<string[]>;
}

/** An app's settings with every field resolved (`settings.ts`). */
export type Settings = ResolvedSettings;

export interface AppContext {
  app: AppRow;
  settings: Settings;
}

export interface SessionContext extends AppContext {
  user: UserRow;
  /** The session was handed out for a userId nobody verified: it may not change the profile. */
  unverified: boolean;
}

/** Same-length constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The app for a widget request: 404 PL-A-01 when unknown, 403 PL-O-01 for a refused origin. */
export async function widgetApp(deps: Deps, ctx: Ctx, appId: string): Promise<AppContext> {
  const app = await findApp(deps.db, appId);
  if (!app) throw fail.appNotFound();
  const settings = mergeSettings(app.settings);
  if (!isOriginAllowed(ctx.origin, settings.chatWidget.allowedDomains)) throw fail.originNotAllowed();
  ctx.allowOrigin();
  return { app, settings };
}

/**
 * Whether a session last used at `lastUsedAt` may be used now; records the use when it is due
 * (at most once per refresh interval, `repo/sessions.ts`), never on every request.
 */
async function useSession(deps: Deps, tokenHash: string, lastUsedAt: Date, role: UserRole, app: AppRow) {
  const ttl = sessionTtl(
    deps.sessionTtls ?? DEFAULT_SESSION_TTLS,
    role,
    mergeSettings(app.settings).chatWidget.sessionTimeout,
  );
  const use = sessionUse(lastUsedAt.getTime(), ttl, Date.now());
  if (use === 'refresh') await touchSession(deps.db, tokenHash);
  return use !== 'expired';
}

/** The user behind a session token (any role), or undefined (unknown, expired, deactivated). */
export async function userForToken(
  deps: Deps,
  token: string,
): Promise<{ app: AppRow; user: UserRow; unverified: boolean; tokenHash: string } | undefined> {
  if (token === '') return undefined;
  const tokenHash = hashToken(token);
  const session = await findSessionByHash(deps.db, tokenHash);
  if (!session) return undefined;
  const [app, user] = await Promise.all([
    findApp(deps.db, session.app_id),
    findUser(deps.db, session.app_id, session.user_id),
  ]);
  if (!app || !user || user.deactivated) return undefined;
  if (!(await useSession(deps, tokenHash, session.last_used_at, user.role, app))) return undefined;
  return { app, user, unverified: session.unverified, tokenHash };
}

/**
 * Before a socket's event: 401 PL-S-01 when the session it was opened with has ended (signed
 * out, revoked, expired — its sockets are being closed); the event counts as a use.
 */
export async function socketSessionLive(
  deps: Deps,
  socket: { tokenHash: string; app: AppRow; user: UserRow },
): Promise<void> {
  const session = await findSessionByHash(deps.db, socket.tokenHash);
  if (!session || !(await useSession(deps, socket.tokenHash, session.last_used_at, socket.user.role, socket.app)))
    throw fail.invalidToken();
}

/** How often the sessions' sweep runs: a tenth of the shorter TTL, at most every minute. */
export function sessionSweepMs(ttls: SessionTtls): number {
  return Math.min(60_000, Math.min(ttls.staffMs, ttls.visitorMs) / 10);
}

/**
 * The sessions' sweep: deletes the expired ones, then closes every socket whose session is gone
 * (expired, or revoked while the socket was still connecting).
 */
export async function sweepSessions(deps: Deps): Promise<void> {
  await deleteExpiredSessions(deps.db, deps.sessionTtls ?? DEFAULT_SESSION_TTLS);
  if (!deps.sockets) return;
  const open = [...new Set(await deps.sockets.openSessions())];
  const live = await existingSessions(deps.db, open);
  const ended = open.filter((h) => !live.has(h));
  if (ended.length > 0) await deps.sockets.disconnectSessions(ended);
}

const perRequest = new WeakMap<object, Map<string, ReturnType<typeof userForToken>>>();

/**
 * `userForToken`, looked up once per request: the permission gate and the handler after it ask
 * for the same token, and share one lookup.
 */
export function userForRequest(deps: Deps, ctx: Ctx, token: string): ReturnType<typeof userForToken> {
  let seen = perRequest.get(ctx.req);
  if (!seen) perRequest.set(ctx.req, (seen = new Map()));
  let found = seen.get(token);
  if (!found) seen.set(token, (found = userForToken(deps, token)));
  return found;
}

const appsPerRequest = new WeakMap<Ctx['req'], Map<string, Promise<AppRow | undefined>>>();

/** The app whose `Api-Key` this is, looked up once per request (the gate and the handler share it). */
export function appForApiKey(deps: Deps, ctx: Ctx, key: string): Promise<AppRow | undefined> {
  let seen = appsPerRequest.get(ctx.req);
  if (!seen) appsPerRequest.set(ctx.req, (seen = new Map()));
  let found = seen.get(key);
  if (!found) seen.set(key, (found = findAppByApiKey(deps.db, key)));
  return found;
}

export function bearerToken(ctx: Ctx): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '');
  return m?.[1];
}

/**
 * A widget request with `Authorization: Bearer <token>`: 401 PL-S-01 when invalid, 403 PL-O-01
 * for a refused origin, 403 PL-W-01 for a visitor of a disabled widget.
 */
export async function widgetSession(deps: Deps, ctx: Ctx): Promise<SessionContext> {
  const token = bearerToken(ctx);
  const found = token ? await userForRequest(deps, ctx, token) : undefined;
  if (!found) throw fail.invalidToken();
  const settings = mergeSettings(found.app.settings);
  if (!isOriginAllowed(ctx.origin, settings.chatWidget.allowedDomains)) throw fail.originNotAllowed();
  // A disabled widget's visitors get nothing; staff (the agent console) still work.
  if (found.user.role === 'user' && settings.chatWidget.disableChatWidget) throw fail.widgetDisabled();
  ctx.allowOrigin();
  return { app: found.app, settings, user: found.user, unverified: found.unverified };
}

/** A Platform API request: `Api-Key` (any letter case) must be the app's key. */
export async function platformApp(deps: Deps, ctx: Ctx): Promise<AppRow> {
  const key = ctx.header('api-key');
  if (key === undefined || key.trim() === '') throw fail.missingApiKey();
  const app = await appForApiKey(deps, ctx, key.trim());
  if (!app) throw fail.invalidApiKey();
  return app;
}

/** An admin request: `Api-Key` must be the server's admin key. */
export function requireAdmin(deps: Deps, ctx: Ctx): void {
  const key = ctx.header('api-key');
  if (key === undefined || key.trim() === '') throw fail.missingApiKey();
  if (!safeEqual(key.trim(), deps.adminKey)) throw fail.invalidApiKey();
}
