/**
 * Managing an app's webhook endpoints, beside the app's other settings (`routes/admin.ts`): the
 * app's `Api-Key`, the server's admin key, or a session of a staff member who may `changeSettings`:
 *
 * - `POST /admin/v1/apps/:appId/webhooks` `{url, events, secret?, unreadAfterSeconds?, undeliveredAfterSeconds?}`
 *   — creates one; the secret (made here when none is given) is answered this once; the delays of
 *   `message.unread` (300) and `message.undelivered` (60)
 * - `GET /admin/v1/apps/:appId/webhooks` — the app's endpoints, each secret shown only by its first characters
 * - `DELETE /admin/v1/apps/:appId/webhooks/:id` — deletes one, with its deliveries
 * - `POST /admin/v1/apps/:appId/webhooks/:id/rotate` `{secret?, overlapSeconds?}` — a new secret (answered
 *   this once); the old one signs too until the overlap (a day unless asked) ends
 * - `GET /admin/v1/apps/:appId/webhooks/:id/deliveries` — its newest 100 deliveries: status, attempts, last error
 * - `POST /admin/v1/apps/:appId/webhooks/:id/deliveries/:deliveryId/resend` — sends a finished delivery
 *   again: pending, due now, attempts from 0, the same id (409 while it is still pending)
 *
 * The URL must be http(s) and not name the server's own network by an IP literal
 * (`webhook-address.ts`; names are checked when each delivery resolves them).
 */
import { randomBytes } from 'node:crypto';
import { appCaller, requirePermission } from '../access.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { str } from '../input.js';
import {
  DEFAULT_SECRET_OVERLAP_SECONDS,
  MAX_SECRET_OVERLAP_SECONDS,
  MAX_WEBHOOK_SECRET,
  MAX_WEBHOOK_URL,
  MIN_WEBHOOK_SECRET,
} from '../../../../src/core/webhook-protocol.js';
import type { WebhookDelivery, WebhookEndpoint } from '../../../../src/core/webhook-protocol.js';
import {
  countEndpoints,
  deleteEndpoint,
  deliveriesOf,
  endpointsOf,
  insertEndpoint,
  resendDelivery,
  rotateSecret,
} from '../repo/webhooks.js';
import type { DeliveryLogRow, EndpointRow } from '../repo/webhooks.js';
import type { Json } from '../input.js';
import { startWatch } from '../repo/webhook-watch.js';
import { refusedUrl } from '../webhook-address.js';
import { WATCH_DELAY_BOUNDS } from '../webhook-watch.js';
import { isWebhookEvent, WEBHOOK_EVENTS } from '../webhooks.js';
import type { WebhookEvent } from '../webhooks.js';
import { bodyOf } from './platform-params.js';

const SETTINGS = { cors: 'any', allowHeaders: 'Content-Type, Api-Key, Authorization' } as const;
export const MAX_ENDPOINTS = 20;
/** Deliveries the log answers, newest first. */
const DELIVERY_LOG_SIZE = 100;
/** Characters of a secret a listing shows. */
const SECRET_HINT = 8;

export interface WebhookRouteOptions {
  /** Loopback URLs are allowed (tests, local development). */
  allowLoopback: boolean;
}

/** An endpoint as the API shows it; `secret` only when it was just made. */
function view(e: EndpointRow, withSecret = false): WebhookEndpoint {
  const until = e.previous_secret_until?.getTime() ?? 0;
  return {
    id: e.id,
    url: e.url,
    events: e.events as WebhookEvent[],
    disabled: e.disabled,
    createdAt: e.created_at.getTime(),
    unreadAfterSeconds: e.unread_after_ms / 1000,
    undeliveredAfterSeconds: e.undelivered_after_ms / 1000,
    ...(withSecret ? { secret: e.secret } : { secretHint: `${e.secret.slice(0, SECRET_HINT)}…` }),
    previousSecretUntil: e.previous_secret !== null && until > Date.now() ? until : null,
  };
}

function deliveryView(d: DeliveryLogRow): WebhookDelivery {
  return {
    id: String(d.id),
    event: d.event as WebhookEvent,
    groupId: d.group_id,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.getTime() : null,
    lastError: d.last_error,
    createdAt: d.created_at.getTime(),
    deliveredAt: d.delivered_at?.getTime() ?? null,
  };
}

/** A secret given in `body`, checked; undefined when none is. */
function secretOf(body: Json): string | undefined {
  const given = str(body, 'secret', { max: MAX_WEBHOOK_SECRET });
  if (given !== undefined && given.length < MIN_WEBHOOK_SECRET)
    throw fail.invalidField('secret', `must have at least ${MIN_WEBHOOK_SECRET} characters`);
  return given;
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** A rotation's overlap in seconds: a whole number from 0 to a week; a day when left out. */
function overlapOf(body: Json): number {
  const value = body['overlapSeconds'];
  if (value === undefined || value === null) return DEFAULT_SECRET_OVERLAP_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SECRET_OVERLAP_SECONDS)
    throw fail.invalidField(
      'overlapSeconds',
      `must be a whole number of seconds from 0 to ${MAX_SECRET_OVERLAP_SECONDS}`,
    );
  return value;
}

/** A delivery id of the path: digits, else no such delivery. */
function deliveryIdOf(value: string | undefined): number {
  if (!/^[1-9]\d{0,14}$/.test(value ?? '')) throw fail.notFound();
  return Number(value);
}

function eventsOf(value: unknown): WebhookEvent[] {
  if (value === undefined || value === null) throw fail.missingField('events');
  if (!Array.isArray(value) || value.length === 0)
    throw fail.invalidField('events', `must be a non-empty array of: ${WEBHOOK_EVENTS.join(', ')}`);
  const events: WebhookEvent[] = [];
  for (const item of value) {
    if (!isWebhookEvent(item)) throw fail.invalidField('events', `must each be one of: ${WEBHOOK_EVENTS.join(', ')}`);
    if (!events.includes(item)) events.push(item);
  }
  return events;
}

/** `message.unread` / `message.undelivered`'s delay in seconds (`webhook-watch.ts`), in milliseconds; absent → undefined. */
function delayOf(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const { min, max } = WATCH_DELAY_BOUNDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw fail.invalidField(field, `must be a whole number of seconds from ${min} to ${max}`);
  return value * 1000;
}

export function webhookRoutes(router: Router, deps: Deps, options: WebhookRouteOptions): void {
  const { db } = deps;

  router.add(
    'POST',
    '/admin/v1/apps/:appId/webhooks',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      const body = await bodyOf(ctx);
      const url = str(body, 'url', { required: true, max: MAX_WEBHOOK_URL }).trim();
      const why = refusedUrl(url, options.allowLoopback);
      if (why) throw fail.invalidField('url', why);
      const events = eventsOf(body['events']);
      const given = secretOf(body);
      const unreadMs = delayOf(body, 'unreadAfterSeconds');
      const undeliveredMs = delayOf(body, 'undeliveredAfterSeconds');
      const appId = caller.app.app_id;
      if (((await countEndpoints(db, appId))?.n ?? 0) >= MAX_ENDPOINTS)
        throw fail.conflict(`an app has at most ${MAX_ENDPOINTS} webhook endpoints`);
      const row = await insertEndpoint(db, {
        id: `wh_${randomBytes(12).toString('base64url')}`,
        appId,
        url,
        events,
        secret: given ?? newSecret(),
      });
      await startWatch(db, { id: row!.id, appId }, { unreadMs, undeliveredMs });
      return success(
        view(
          {
            ...row!,
            unread_after_ms: unreadMs ?? row!.unread_after_ms,
            undelivered_after_ms: undeliveredMs ?? row!.undelivered_after_ms,
          },
          true,
        ),
      );
    },
    SETTINGS,
  );

  router.add(
    'GET',
    '/admin/v1/apps/:appId/webhooks',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      return success((await endpointsOf(db, caller.app.app_id)).map((e) => view(e)));
    },
    SETTINGS,
  );

  router.add(
    'DELETE',
    '/admin/v1/apps/:appId/webhooks/:id',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      const id = ctx.params['id'] ?? '';
      if (!(await deleteEndpoint(db, caller.app.app_id, id))) throw fail.notFound();
      return success(true);
    },
    SETTINGS,
  );

  router.add(
    'GET',
    '/admin/v1/apps/:appId/webhooks/:id/deliveries',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      const rows = await deliveriesOf(db, caller.app.app_id, ctx.params['id'] ?? '', DELIVERY_LOG_SIZE);
      if (!rows) throw fail.notFound();
      return success(rows.map(deliveryView));
    },
    SETTINGS,
  );

  router.add(
    'POST',
    '/admin/v1/apps/:appId/webhooks/:id/rotate',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      const body = await bodyOf(ctx);
      const secret = secretOf(body) ?? newSecret();
      const overlap = overlapOf(body);
      const row = await rotateSecret(db, caller.app.app_id, ctx.params['id'] ?? '', secret, overlap);
      if (!row) throw fail.notFound();
      return success(view(row, true));
    },
    SETTINGS,
  );

  router.add(
    'POST',
    '/admin/v1/apps/:appId/webhooks/:id/deliveries/:deliveryId/resend',
    async (ctx) => {
      const caller = await appCaller(deps, ctx);
      requirePermission(caller, 'changeSettings');
      const deliveryId = deliveryIdOf(ctx.params['deliveryId']);
      const found = await resendDelivery(db, caller.app.app_id, ctx.params['id'] ?? '', deliveryId);
      if (!found) throw fail.notFound();
      if (!found.resent) throw fail.conflict(`delivery ${deliveryId} is still pending: it is sent on its own`);
      return success(deliveryView(found.delivery));
    },
    SETTINGS,
  );
}
