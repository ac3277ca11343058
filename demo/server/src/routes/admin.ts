/**
 * Server administration: create apps (header `Api-Key: <admin key>`), read and change an app's
 * widget settings (the admin key, the app's own Api-Key, or a signed-in admin of the app; agents
 * may read them), validated field by field with every problem reported at once. And the agents' sign-in, which hands out the same kind of session as
 * the widget.
 */
import type { ApiErrorItem } from '../../../../src/core/protocol.js';
import type { Deps } from '../context.js';
import { appCaller } from '../access.js';
import { can, CREDENTIALS, EVENT_PERMISSIONS, GRANTS, ROUTE_PERMISSIONS } from '../permissions.js';
import { adminOnlyPaths } from '../../../../src/core/settings-access.js';
import { CLIENT_EVENTS } from '../realtime.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { JsonReply, Router } from '../http.js';
import { asObject, str, MAX_ID_LENGTH } from '../input.js';
import { verifyLogin } from '../passwords.js';
import { newIdentitySecret } from '../identity.js';
import { findApp, lockApp, newApiKey, setApiKey, setIdentitySecret, updateAppSettings } from '../repo/apps.js';
import { createSession } from '../repo/sessions.js';
import { findStaffByLogin } from '../repo/users.js';
import { createApp } from '../seed.js';
import { crossCheck, validateSettingsPatch } from '../settings-validation.js';
import { mergeSettings, patchSettings, settingsResponse } from '../settings.js';
import { sessionOf } from './widget-session.js';

const ADMIN = { cors: 'any', allowHeaders: 'Content-Type, Api-Key' } as const;
/** Settings: the admin key, the app's Api-Key, or a signed-in admin of the app (agents may read). */
const SETTINGS = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;
const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The documented error envelope with one item per problem (HTTP 400). */
function problems(errors: readonly ApiErrorItem[]): JsonReply {
  return { status: 400, body: { status: 'error', errorResponse: [...errors], generatedAt: Date.now() } };
}

/**
 * New stored settings for `stored` patched with `patch`, or the problems: every key known, every
 * value valid, and the rules that span fields hold afterwards.
 */
function nextSettings(
  stored: unknown,
  patch: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; reply: JsonReply } {
  const checked = validateSettingsPatch(patch);
  if (!checked.ok) return { ok: false, reply: problems(checked.errors) };
  const value = patchSettings(stored, checked.value);
  const crossed = crossCheck(mergeSettings(value));
  return crossed.length > 0 ? { ok: false, reply: problems(crossed) } : { ok: true, value };
}

export function adminRoutes(router: Router, deps: Deps): void {
  const { db } = deps;

  router.add(
    'POST',
    '/admin/v1/apps',
    async (ctx) => {
      const body = asObject(await ctx.body());
      const appId = str(body, 'appId', { max: 64 });
      if (appId !== undefined && !APP_ID.test(appId))
        throw fail.invalidField('appId', 'must be letters, digits, ".", "_" or "-"');
      const next = nextSettings({}, body['settings'] ?? {});
      if (!next.ok) return next.reply;
      return success(await createApp(db, { appId, settings: next.value }));
    },
    ADMIN,
  );

  router.add(
    'GET',
    '/admin/v1/apps/:appId/settings',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const identityVerification = Boolean(caller.app.identity_secret);
      return success(settingsResponse(mergeSettings(caller.app.settings), { identityVerification }));
    },
    SETTINGS,
  );

  router.add(
    'PATCH',
    '/admin/v1/apps/:appId/settings',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const { app } = caller;
      const body = await ctx.body();
      // Agents change the message settings only (Welcome, Away, CSAT); the rest is admins'.
      const adminOnly = adminOnlyPaths(body);
      if (adminOnly.length > 0 && caller.staff && !can(caller.staff.role, 'changeSettings'))
        throw fail.forbidden(`your role (${caller.staff.role}) may not change ${adminOnly.join(', ')}`);
      // Read and write in one transaction, so that concurrent patches of other keys are kept.
      const outcome = await db.tx(async (sql) => {
        const current = (await lockApp(sql, app.app_id)) ?? app;
        const next = nextSettings(current.settings, body ?? {});
        return next.ok ? { ok: true as const, row: await updateAppSettings(sql, app.app_id, next.value) } : next;
      });
      if (!outcome.ok) return outcome.reply;
      const identityVerification = Boolean(outcome.row?.identity_secret);
      const resolved = settingsResponse(mergeSettings(outcome.row?.settings), { identityVerification });
      deps.chat.notifier.toApp(app.app_id, 'settings', resolved);
      return success(resolved);
    },
    SETTINGS,
  );

  // Identity verification (identity.ts): whether it is on, and a new secret (shown once).
  router.add(
    'GET',
    '/admin/v1/apps/:appId/identity',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      return success({ identityVerification: Boolean(caller.app.identity_secret) });
    },
    SETTINGS,
  );
  router.add(
    'POST',
    '/admin/v1/apps/:appId/identity',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const secret = newIdentitySecret();
      await setIdentitySecret(db, caller.app.app_id, secret);
      return success({ identityVerification: true, secret });
    },
    SETTINGS,
  );
  router.add(
    'DELETE',
    '/admin/v1/apps/:appId/identity',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      await setIdentitySecret(db, caller.app.app_id, null);
      return success({ identityVerification: false });
    },
    SETTINGS,
  );

  // The app's API key: its display prefix, and a new key (shown once; the old one stops working).
  router.add(
    'GET',
    '/admin/v1/apps/:appId/api-key',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      return success({ prefix: caller.app.api_key_prefix });
    },
    SETTINGS,
  );
  router.add(
    'POST',
    '/admin/v1/apps/:appId/api-key',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      const apiKey = newApiKey();
      const row = await setApiKey(db, caller.app.app_id, apiKey);
      return success({ apiKey, prefix: row?.api_key_prefix ?? '' });
    },
    SETTINGS,
  );

  // The permission table as this server applies it: every registered route and socket event with
  // the permission it needs, and every credential's grants (for operators and the route test).
  router.add(
    'GET',
    '/admin/v1/permissions',
    async () =>
      success({
        credentials: CREDENTIALS,
        grants: GRANTS,
        routes: router.routes().map((route) => ({ route, permission: ROUTE_PERMISSIONS[route] ?? null })),
        events: ['connect', ...CLIENT_EVENTS].map((event) => ({ event, permission: EVENT_PERMISSIONS[event] ?? null })),
      }),
    ADMIN,
  );

  router.add(
    'POST',
    '/agent/v1/session',
    async (ctx) => {
      const body = asObject(await ctx.body());
      const appId = str(body, 'appId', { required: true, max: 200 });
      const login = str(body, 'userId', { max: MAX_ID_LENGTH }) ?? str(body, 'email', { max: 320 });
      if (login === undefined) throw fail.missingField('userId');
      const password = str(body, 'password', { required: true, max: 1000 });
      // An unknown app, an unknown account and a wrong password get the same answer after the
      // same work (one scrypt run), so that sign-in tells a stranger nothing about what exists.
      const app = await findApp(db, appId);
      const found = app ? await findStaffByLogin(db, app.app_id, login) : undefined;
      const user = found && found.role !== 'bot' && !found.deactivated ? found : undefined;
      const valid = await verifyLogin(password, user?.password_hash);
      if (!valid || !user || !app) throw fail.invalidCredentials();
      return success(sessionOf(app, user, await createSession(db, app.app_id, user.user_id)));
    },
    { cors: 'any', allowHeaders: 'Content-Type' },
  );
}
