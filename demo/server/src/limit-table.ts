/**
 * The table of rate limits, one place for each: the limits there are (`LIMIT_NAMES`), whom each
 * counts (`LIMIT_SUBJECTS`), their defaults (`DEFAULT_LIMITS`, each `{max, windowMs}`; `max` 0 =
 * off), and which of them each route, socket event and connection counts against. Applied by
 * `limits.ts`.
 */
import type { RouteKey } from './http.js';
import type { ClientEvent } from './realtime.js';
import { MINUTE } from './units.js';

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
  'GET /admin/v1/apps/:appId/bots': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'GET /admin/v1/apps/:appId/bots/:botId': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'PUT /admin/v1/apps/:appId/bots/:botId/webhook': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'DELETE /admin/v1/apps/:appId/bots/:botId/webhook': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'POST /admin/v1/apps/:appId/webhooks/:id/rotate': { limits: ['peopleChangesPerToken'], apiKeyExempt: true },
  'POST /admin/v1/apps/:appId/webhooks/:id/deliveries/:deliveryId/resend': {
    limits: ['peopleChangesPerToken'],
    apiKeyExempt: true,
  },
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
