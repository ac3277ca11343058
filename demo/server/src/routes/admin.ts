/**
 * Server administration (header `Api-Key: <admin key>`): create apps, change an app's widget
 * settings. And the agents' sign-in, which hands out the same kind of session as the widget.
 */
import type { Deps } from '../context.js';
import { requireAdmin } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, isRecord, str, MAX_ID_LENGTH } from '../input.js';
import { verifyPassword } from '../passwords.js';
import { findApp, updateAppSettings } from '../repo/apps.js';
import { createSession } from '../repo/sessions.js';
import { findUserOrStaffByEmail } from '../repo/users.js';
import { createApp } from '../seed.js';
import { mergeSettings, patchSettings } from '../settings.js';
import { sessionOf } from './widget.js';

const ADMIN = { cors: 'any', allowHeaders: 'Content-Type, Api-Key' } as const;
const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function settingsFrom(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw fail.invalidField('settings', 'must be an object');
  if (value['chatWidget'] !== undefined && !isRecord(value['chatWidget'])) {
    throw fail.invalidField('settings.chatWidget', 'must be an object');
  }
  return value;
}

export function adminRoutes(router: Router, deps: Deps): void {
  const { db } = deps;

  router.add(
    'POST',
    '/admin/v1/apps',
    async (ctx) => {
      requireAdmin(deps, ctx);
      const body = asObject(await ctx.body());
      const appId = str(body, 'appId', { max: 64 });
      if (appId !== undefined && !APP_ID.test(appId)) throw fail.invalidField('appId', 'must be letters, digits, ".", "_" or "-"');
      const settings = settingsFrom(body['settings']);
      return success(await createApp(db, { appId, settings: settings ?? {} }));
    },
    ADMIN,
  );

  router.add(
    'PATCH',
    '/admin/v1/apps/:appId/settings',
    async (ctx) => {
      requireAdmin(deps, ctx);
      const appId = ctx.params['appId']!;
      const app = await findApp(db, appId);
      if (!app) throw fail.appNotFound();
      const patch = settingsFrom(await ctx.body()) ?? {};
      const updated = await updateAppSettings(db, appId, patchSettings(app.settings, patch));
      const merged = mergeSettings(updated?.settings);
      deps.chat.notifier.toApp(appId, 'settings', merged);
      return success(merged);
    },
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
      const app = await findApp(db, appId);
      if (!app) throw fail.appNotFound();
      const user = await findUserOrStaffByEmail(db, app.app_id, login);
      const valid =
        user !== undefined &&
        user.role !== 'user' &&
        user.role !== 'bot' &&
        !user.deactivated &&
        (await verifyPassword(password, user.password_hash));
      if (!valid || !user) throw fail.invalidCredentials();
      return success(sessionOf(app, user, await createSession(db, app.app_id, user.user_id)));
    },
    { cors: 'any', allowHeaders: 'Content-Type' },
  );
}
