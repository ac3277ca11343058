/**
 * Webhooks as the reference server's admin routes (`/admin/v1/apps/:appId/webhooks`) and the staff
 * app's Webhooks page share them: the events an endpoint may subscribe to, the bounds of its
 * fields, and the shapes of an endpoint and of a delivery in its log. One list both types the code
 * and checks input at run time (the server) and offers the choices (the staff app).
 */

/** The events an endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'message.unread',
  'message.undelivered',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'csat.submitted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

export const MAX_WEBHOOK_URL = 2000;
export const MIN_WEBHOOK_SECRET = 16;
export const MAX_WEBHOOK_SECRET = 200;
/** A rotation's overlap (both secrets sign) when none is asked for: a day. */
export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 60 * 60;
/** The longest overlap a rotation may ask for: a week. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

/** An endpoint as the API answers it: `secret` only when it was just made (created or rotated). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEvent[];
  disabled: boolean;
  createdAt: number;
  /** The delays (s) after which a message still unread / not delivered is reported. */
  unreadAfterSeconds: number;
  undeliveredAfterSeconds: number;
  /** The secret's first characters (a listing). */
  secretHint?: string;
  /** The whole secret: answered once, by the request that made it. */
  secret?: string;
  /** While a rotation's overlap lasts, until when the previous secret signs too (ms); else null. */
  previousSecretUntil: number | null;
}

export const DELIVERY_STATUSES = ['pending', 'done', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One delivery of an endpoint's log. */
export interface WebhookDelivery {
  id: string;
  event: WebhookEvent;
  groupId: string | null;
  status: DeliveryStatus;
  attempts: number;
  /** When it is tried next (ms), while pending. */
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}
