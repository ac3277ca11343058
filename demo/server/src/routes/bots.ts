/**
 * Bot integrations: a bot of the app backed by a URL (`bot.ts`, `bot-webhook.ts`), managed with
 * the app's `Api-Key`, the admin key, or the session of a staff member who may
 * `editBotIntegrations` (the documented "Bot Integrations" row: EDIT for agents and up, operators
 * no access):
 *
 * - `GET /admin/v1/apps/:appId/bots` — the app's bots, each with its `webhook` (`null` without one)
 * - `GET /admin/v1/apps/:appId/bots/:botId` — one bot's detail, the same shape
 * - `PUT /admin/v1/apps/:appId/bots/:botId/webhook` `{url, secret?, timeoutMs?}` — sets it; a bot
 *   without a secret gets one made here, answered this once (`secret`); a given one replaces it
 * - `DELETE /admin/v1/apps/:appId/bots/:botId/webhook` — the demo bot answers for it again
 *
 * The URL follows the webhooks' rule (`webhook-address.ts`); a secret is 16–200 characters; the
 * time-out is whole milliseconds within `BOT_TIMEOUT_MS`. Listings show a secret's first characters only.
 */
import { randomBytes } from 'node:crypto';
import { appCaller, requirePermission } from '../access.js';
import { BOT_TIMEOUT_MS } from '../bot-answer.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import { str } from '../input.js';
import { botsWithWebhooks, deleteBotWebhook, findBotWebhook, saveBotWebhook } from '../repo/bot-webhooks.js';
import type { BotWithWebhook } from '../repo/bot-webhooks.js';
import { refusedUrl } from '../webhook-address.js';
import { bodyOf } from './platform-params.js';

const SETTINGS = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;
const MAX_URL_LENGTH = 2000;
const SECRET_LENGTH = { min: 16, max: 200 } as const;
/** Characters of a secret a listing shows. */
const SECRET_HINT = 8;

export interface BotRouteOptions {
  /** Loopback URLs are allowed (tests, local development). */
  allowLoopback: boolean;
}

/** A bot as the API shows it; `secret` only when it was just made. */
function view(b: BotWithWebhook, secret?: string) {
  return {
    botId: b.user_id,
    userName: b.user_name,
    deactivated: b.deactivated,
    webhook:
      b.url === null
        ? null
        : {
            url: b.url,
            timeoutMs: b.timeout_ms,
            updatedAt: b.updated_at?.getTime() ?? null,
            ...(secret !== undefined ? { secret } : { secretHint: `${(b.secret ?? '').slice(0, SECRET_HINT)}…` }),
          },
  };
}

function timeoutOf(value: unknown): number {
  if (value === undefined || value === null) return BOT_TIMEOUT_MS.default;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < BOT_TIMEOUT_MS.min || value > BOT_TIMEOUT_MS.max)
    throw fail.invalidField(
      'timeoutMs',
      `must be a whole number of milliseconds from ${BOT_TIMEOUT_MS.min} to ${BOT_TIMEOUT_MS.max}`,
    );
  return value;
}

export function botRoutes(router: Router, deps: Deps, options: BotRouteOptions): void {
  const { db } = deps;

  /** The caller's app and the bot the path names (404 AL-U-01 when it is not one of the app's bots). */
  async function botOf(ctx: Ctx) {
    const caller = await appCaller(deps, ctx);
    requirePermission(caller, 'editBotIntegrations');
    const appId = caller.app.app_id;
    const [bot] = await botsWithWebhooks(db, appId, ctx.params['botId'] ?? '');
    if (!bot) throw fail.userNotFound();
    return { appId, bot };
  }

  router.add(
    'GET',
    '/admin/v1/apps/:appId/bots',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'editBotIntegrations');
      return success((await botsWithWebhooks(db, caller.app.app_id)).map((b) => view(b)));
    },
    SETTINGS,
  );

  router.add(
    'GET',
    '/admin/v1/apps/:appId/bots/:botId',
    async (ctx) => success(view((await botOf(ctx)).bot)),
    SETTINGS,
  );

  router.add(
    'PUT',
    '/admin/v1/apps/:appId/bots/:botId/webhook',
    async (ctx) => {
      const { appId, bot } = await botOf(ctx);
      const body = await bodyOf(ctx);
      const unknown = Object.keys(body).find((k) => !['url', 'secret', 'timeoutMs'].includes(k));
      if (unknown !== undefined) throw fail.unknownField(unknown);
      const url = str(body, 'url', { required: true, max: MAX_URL_LENGTH }).trim();
      const why = refusedUrl(url, options.allowLoopback);
      if (why) throw fail.invalidField('url', why);
      const given = str(body, 'secret', { max: SECRET_LENGTH.max });
      if (given !== undefined && given.length < SECRET_LENGTH.min)
        throw fail.invalidField('secret', `must have at least ${SECRET_LENGTH.min} characters`);
      const timeoutMs = timeoutOf(body['timeoutMs']);
      const stored = given === undefined ? (await findBotWebhook(db, appId, bot.user_id))?.secret : undefined;
      const made =
        given === undefined && stored === undefined ? `botsec_${randomBytes(24).toString('base64url')}` : undefined;
      const secret = given ?? stored ?? made!;
      const row = (await saveBotWebhook(db, { appId, botId: bot.user_id, url, secret, timeoutMs }))!;
      const shown = given ?? made;
      return success(
        view(
          { ...bot, url: row.url, secret: row.secret, timeout_ms: row.timeout_ms, updated_at: row.updated_at },
          shown,
        ),
      );
    },
    SETTINGS,
  );

  router.add(
    'DELETE',
    '/admin/v1/apps/:appId/bots/:botId/webhook',
    async (ctx) => {
      const { appId, bot } = await botOf(ctx);
      if (!(await deleteBotWebhook(db, appId, bot.user_id))) throw fail.notFound();
      return success(true);
    },
    SETTINGS,
  );
}
