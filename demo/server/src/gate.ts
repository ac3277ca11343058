/**
 * The permission table (`permissions.ts`) on every door: a router hook that runs before every
 * route's handler and a socket hook before every client event. It finds the caller's credential
 * (admin key, the app's or another app's `Api-Key`, a session's role, or none) and refuses what
 * the table does not grant: 401 without valid credentials, 403 PL-S-03 naming the permission.
 * A route or event the table does not name is refused to everybody (deny by default).
 */
import { appForApiKey, bearerToken, safeEqual, userForRequest } from './context.js';
import type { Deps } from './context.js';
import { fail } from './errors.js';
import type { HttpError } from './errors.js';
import type { BeforeHook, Ctx, RouteKey } from './http.js';
import { EVENT_PERMISSIONS, ROUTE_PERMISSIONS, allows, credentialOf } from './permissions.js';
import type { Credential, Permission } from './permissions.js';
import type { ClientEvent, EventHook } from './realtime.js';

const CREDENTIAL_NAMES: Readonly<Record<Credential, string>> = {
  none: 'a caller without credentials',
  adminKey: 'the admin key',
  apiKey: "the app's Api-Key",
  otherAppKey: "another app's Api-Key",
  superadmin: 'a super admin',
  admin: 'an admin',
  agent: 'an agent',
  operator: 'an operator',
  bot: 'a bot',
  visitor: 'a visitor',
};

/** The caller's credential, or the 401 its bad credentials deserve. */
export async function credentialFor(deps: Deps, ctx: Ctx): Promise<Credential | HttpError> {
  const key = ctx.header('api-key')?.trim();
  if (key) {
    if (safeEqual(key, deps.adminKey)) return 'adminKey';
    const app = await appForApiKey(deps, ctx, key);
    if (!app) return fail.invalidApiKey();
    const appId = ctx.params['appId'];
    return appId !== undefined && appId !== app.app_id ? 'otherAppKey' : 'apiKey';
  }
  // `<img src>` cannot send headers: files take the session token in the query too.
  const token =
    bearerToken(ctx) ?? (ctx.path.startsWith('/files/') ? (ctx.query.get('token') ?? undefined) : undefined);
  if (token === undefined) return 'none';
  const found = await userForRequest(deps, ctx, token);
  return found ? credentialOf(found.user.role) : fail.invalidToken();
}

/** The Platform API and the admin endpoints take an Api-Key; the other doors a session. */
function missing(route: RouteKey): HttpError {
  return / \/(rest|admin)\//.test(route) ? fail.missingApiKey() : fail.invalidToken();
}

function refused(credential: Credential, permission: Permission): HttpError {
  return fail.forbidden(`${CREDENTIAL_NAMES[credential]} may not do this (it needs "${permission}")`);
}

/** The router hook: every route's permission from the table, before its handler. */
export function routeGate(deps: Deps): BeforeHook {
  return async (ctx, route) => {
    if (route === undefined) return; // static files: public
    const permission = ROUTE_PERMISSIONS[route];
    if (permission === undefined) {
      throw fail.forbidden(`${route} has no entry in the permission table (permissions.ts)`);
    }
    if (permission === 'public') return;
    const credential = await credentialFor(deps, ctx);
    if (typeof credential !== 'string') throw credential;
    if (allows(credential, permission)) return;
    throw credential === 'none' ? missing(route) : refused(credential, permission);
  };
}

/** The socket hook: every client event's permission from the table, for the socket's user. */
export const eventGate: EventHook = (socket, event: ClientEvent) => {
  const permission = EVENT_PERMISSIONS[event];
  const credential = credentialOf(socket.data.user.role);
  if (permission === undefined) throw fail.forbidden(`${event} has no entry in the permission table`);
  if (!allows(credential, permission)) throw refused(credential, permission);
};

/** Whether a signed-in user of this credential may open a socket at all. */
export function mayConnect(credential: Credential): boolean {
  const permission = EVENT_PERMISSIONS['connect'];
  return permission !== undefined && allows(credential, permission);
}
