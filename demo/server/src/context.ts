/**
 * What route handlers share: the server's dependencies and the ways a request proves who it
 * is — a widget session (bearer token), an app's Api-Key, or the admin key.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Chat } from './chat.js';
import type { Db } from './db.js';
import { fail } from './errors.js';
import type { Ctx } from './http.js';
import type { Logger } from './log.js';
import { isOriginAllowed } from './origin.js';
import type { Presence } from './presence.js';
import { findApp, findAppByApiKey } from './repo/apps.js';
import type { AppRow } from './repo/apps.js';
import { findSession } from './repo/sessions.js';
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

/** The user behind a session token (any role), or undefined. */
export async function userForToken(
  deps: Deps,
  token: string,
): Promise<{ app: AppRow; user: UserRow; unverified: boolean } | undefined> {
  if (token === '') return undefined;
  const session = await findSession(deps.db, token);
  if (!session) return undefined;
  const [app, user] = await Promise.all([
    findApp(deps.db, session.app_id),
    findUser(deps.db, session.app_id, session.user_id),
  ]);
  if (!app || !user || user.deactivated) return undefined;
  return { app, user, unverified: session.unverified };
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
  const found = token ? await userForToken(deps, token) : undefined;
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
  const app = await findAppByApiKey(deps.db, key.trim());
  if (!app) throw fail.invalidApiKey();
  return app;
}

/** An admin request: `Api-Key` must be the server's admin key. */
export function requireAdmin(deps: Deps, ctx: Ctx): void {
  const key = ctx.header('api-key');
  if (key === undefined || key.trim() === '') throw fail.missingApiKey();
  if (!safeEqual(key.trim(), deps.adminKey)) throw fail.invalidApiKey();
}
