/**
 * The permission table: who may call what, as data. Every credential the server accepts has its
 * grants; every HTTP route and every socket event names the one permission it needs. The router
 * and the socket layer check it before any handler runs (`gate.ts`), and a route missing from
 * the table stops the server from starting. Handlers then apply what depends on the object (a
 * visitor is a member of the conversation; an operator sees only theirs) and finer grants of the
 * same table (`can(role, 'assignOthers')`). Pure.
 *
 * The roles are the dashboard's (Super admin, Admin, Agent, Operator; `roles.ts`); the other
 * credentials are the server's admin key, an app's `Api-Key` (an integration), another app's key,
 * a bot's and a visitor's session, and none.
 */
import type { UserRole } from '../../../src/core/protocol.js';
import { PEOPLE, PEOPLE_PERMISSIONS, ROLE_GRANTS, TEAMMATE_RULES, withDoors } from '../../../src/core/people-grants.js';
import type { TeammateChange } from '../../../src/core/people-grants.js';

export { PEOPLE_PERMISSIONS, ROLE_GRANTS, TEAMMATE_CHANGES, TEAMMATE_RULES } from '../../../src/core/people-grants.js';
export type { TeammateChange } from '../../../src/core/people-grants.js';

export const CREDENTIALS = [
  'none',
  'adminKey',
  'apiKey',
  'otherAppKey',
  'superadmin',
  'admin',
  'agent',
  'operator',
  'bot',
  'visitor',
] as const;
export type Credential = (typeof CREDENTIALS)[number];

export const PERMISSIONS = [
  /** Anybody, with or without credentials (settings, sign-in, session creation, health, readiness). */
  'public',
  /** The server itself: create apps, storage, this table. */
  'manageServer',
  /** A visitor's own chat through the widget endpoints. */
  'chatAsVisitor',
  /** Real-time chat over the socket: send, typing, read, delivered (visitors and staff, each in their conversations). */
  'chat',
  /** A staff member's own console: who am I, my status, the conversations I may see. */
  'console',
  /** Read attachments (visitors: their conversations; staff: those they may see). */
  'readFiles',
  /** Upload attachments into a conversation. */
  'uploadFiles',
  /** Read the conversation rules and the widget settings. */
  'viewSettings',
  /** Change the Welcome, Away (office hours) and CSAT settings (`src/core/settings-access.ts`). */
  'changeMessages',
  /** Change the conversation rules and auto-resolve, but for the waiting queue (`changeSettings`). */
  'changeRules',
  /** Change conversation rules, auto-resolve, widget settings, identity secret, API key. */
  'changeSettings',
  ...PEOPLE_PERMISSIONS,
  /** Assign a conversation to somebody else (assigning oneself needs only `assign`). */
  'assignOthers',
  /** Assign a conversation (to oneself: take over). */
  'assign',
  /** Resolve, reopen, mark as spam. */
  'changeStatus',
  /** Send messages through the Platform API. */
  'sendMessages',
  /** Create conversations through the Platform API. */
  'createConversations',
  /** Read visitors' details (e-mail, phone, metadata). */
  'viewUsers',
  /** Update visitors' details. */
  'updateUsers',
  /** Update one's own profile through the Platform API. */
  'updateProfile',
  /** Create and delete saved quick replies. */
  'createQuickReplies',
  /** Pick saved quick replies. */
  'useQuickReplies',
  /** Put tags on (and take them off) conversations one may see ("Assign Tags"). */
  'assignTags',
  /** Create and delete the app's tags ("Create Tags"). */
  'createTags',
  /** Block and unblock visitors ("Block User"; operators: see the server README). */
  'blockUsers',
  /** Read reports: the CSAT report ("Reports" VIEW). */
  'viewReports',
  /** Back the app's bots with URLs ("Bot Integrations" EDIT: agents and up; `routes/bots.ts`). */
  'editBotIntegrations',
  /** Read the app's mail outbox and its `.eml` files ("Fallback Emails" and "Chat Transcript": operators NO ACCESS). */
  'viewMail',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What every signed-in staff member may do. */
const STAFF: readonly Permission[] = [
  'public',
  'chat',
  'console',
  'readFiles',
  'uploadFiles',
  'assign',
  'changeStatus',
  'sendMessages',
  'updateProfile',
  'useQuickReplies',
  'editProfile',
  'editNotifications',
  'assignTags',
  // Block User: every role (an operator, the visitors of the conversations they see: staff-tools.ts).
  'blockUsers',
];
const AGENT: readonly Permission[] = [
  ...STAFF,
  'viewSettings',
  'changeMessages',
  'changeRules',
  'assignOthers',
  'createConversations',
  'viewUsers',
  'updateUsers',
  'createQuickReplies',
  'createTags',
  'viewReports',
  'editBotIntegrations',
  'viewMail',
];

const ADMIN: readonly Permission[] = withDoors([...AGENT, 'changeSettings', ...PEOPLE.admin]);
const KEY_PEOPLE: readonly Permission[] = [...PEOPLE.admin, ...PEOPLE.keys];

/** The table. */
export const GRANTS: Readonly<Record<Credential, readonly Permission[]>> = {
  none: ['public'],
  adminKey: withDoors([
    'public',
    'manageServer',
    'viewSettings',
    'changeMessages',
    'changeRules',
    'changeSettings',
    'editBotIntegrations',
    ...KEY_PEOPLE,
  ]),
  apiKey: withDoors([
    'public',
    'readFiles',
    'viewSettings',
    'changeMessages',
    'changeRules',
    'changeSettings',
    'editBotIntegrations',
    'assign',
    'assignOthers',
    'changeStatus',
    'sendMessages',
    'createConversations',
    'viewUsers',
    'updateUsers',
    'updateProfile',
    ...KEY_PEOPLE,
  ]),
  otherAppKey: ['public'],
  superadmin: withDoors([...ADMIN, ...PEOPLE.superadmin]),
  admin: ADMIN,
  agent: withDoors([...AGENT, ...PEOPLE.agent]),
  operator: STAFF,
  // Bots answer through the server (the demo bot) and have no session of their own yet.
  bot: ['public'],
  visitor: ['public', 'chatAsVisitor', 'chat', 'readFiles', 'uploadFiles'],
};

/** Every HTTP route and the permission it needs. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'GET /health': 'public',
  /** Readiness (database, Redis): says which failed, nothing more. */
  'GET /readyz': 'public',
  'GET /users/v3/chat/plugin/settings': 'public',
  'GET /applications/:appId/awaymessage': 'public',
  'POST /widget/v1/session': 'public',
  'POST /agent/v1/session': 'public',
  /** Sign out: a session ends itself. */
  'DELETE /agent/v1/session': 'console',
  'DELETE /widget/v1/session': 'chatAsVisitor',

  'GET /widget/v1/conversations': 'chatAsVisitor',
  'POST /widget/v1/conversations': 'chatAsVisitor',
  'GET /widget/v1/conversations/:groupId': 'chatAsVisitor',
  'GET /widget/v1/conversations/:groupId/messages': 'chatAsVisitor',
  'POST /widget/v1/conversations/:groupId/read': 'chatAsVisitor',
  'POST /widget/v1/conversations/:groupId/rating': 'chatAsVisitor',
  'GET /widget/v1/messages': 'chatAsVisitor',
  'POST /widget/v1/messages': 'chatAsVisitor',
  'GET /widget/v1/presence': 'chatAsVisitor',
  'POST /widget/v1/user': 'chatAsVisitor',
  'POST /widget/v1/uploads': 'uploadFiles',
  'GET /files/:blobKey': 'readFiles',
  'GET /files/:blobKey/thumbnail': 'readFiles',

  'GET /agent/v1/me': 'console',
  'GET /agent/v1/me/status': 'console',
  'PUT /agent/v1/me/status': 'console',
  'GET /agent/v1/me/profile': 'editProfile',
  'PATCH /agent/v1/me/profile': 'editProfile',
  'GET /agent/v1/me/notifications': 'editNotifications',
  'PUT /agent/v1/me/notifications': 'editNotifications',
  'GET /agent/v1/conversations': 'console',
  'GET /agent/v1/conversations/:groupId': 'console',
  'GET /agent/v1/conversations/:groupId/messages': 'console',
  'POST /agent/v1/conversations/:groupId/read': 'console',
  'GET /agent/v1/quick-replies': 'useQuickReplies',
  'POST /agent/v1/quick-replies': 'createQuickReplies',
  'DELETE /agent/v1/quick-replies/:id': 'createQuickReplies',
  'GET /agent/v1/tags': 'assignTags',
  'POST /agent/v1/tags': 'createTags',
  'DELETE /agent/v1/tags/:id': 'createTags',
  /** Only on conversations the caller may see (operators: theirs). */
  'PUT /agent/v1/conversations/:groupId/tags': 'assignTags',
  'PUT /agent/v1/users/:userId/block': 'blockUsers',
  'GET /agent/v1/reports/csat': 'viewReports',
  /** Only on conversations the caller may see (operators: theirs). */
  'POST /agent/v1/conversations/:groupId/transcript': 'console',
  /** The mail outbox and, without SMTP, its `.eml` files (routes/mail.ts). */
  'GET /agent/v1/mail': 'viewMail',
  'GET /agent/v1/mail/:id': 'viewMail',

  'POST /rest/ws/group/conversation': 'createConversations',
  'POST /rest/ws/user/v2/detail': 'viewUsers',
  'POST /rest/ws/user/update': 'updateProfile',
  'POST /rest/ws/message/v2/send': 'sendMessages',
  'POST /rest/ws/message/send': 'sendMessages',
  'PATCH /rest/ws/group/status/change': 'changeStatus',
  'PATCH /rest/ws/group/assignee/change': 'assign',
  /** Webhook endpoints (`routes/webhooks.ts`): the app's key or an admin. */
  'GET /admin/v1/apps/:appId/webhooks': 'changeSettings',
  'POST /admin/v1/apps/:appId/webhooks': 'changeSettings',
  'DELETE /admin/v1/apps/:appId/webhooks/:id': 'changeSettings',
  'GET /admin/v1/apps/:appId/webhooks/:id/deliveries': 'changeSettings',
  /** Bot integrations (`routes/bots.ts`): a bot's URL and secret ("Bot Integrations" EDIT: agents and up). */
  'GET /admin/v1/apps/:appId/bots': 'editBotIntegrations',
  'GET /admin/v1/apps/:appId/bots/:botId': 'editBotIntegrations',
  'PUT /admin/v1/apps/:appId/bots/:botId/webhook': 'editBotIntegrations',
  'DELETE /admin/v1/apps/:appId/bots/:botId/webhook': 'editBotIntegrations',
  /** Rotation: the old secret signs too while the overlap lasts. */
  'POST /admin/v1/apps/:appId/webhooks/:id/rotate': 'changeSettings',
  /** Sends a finished delivery again (the same id). */
  'POST /admin/v1/apps/:appId/webhooks/:id/deliveries/:deliveryId/resend': 'changeSettings',

  'POST /admin/v1/apps': 'manageServer',
  'GET /admin/v1/storage': 'manageServer',
  'GET /admin/v1/permissions': 'manageServer',
  'GET /admin/v1/apps/:appId/settings': 'viewSettings',
  /** Its paths beyond the message settings need `changeSettings` too (`src/core/settings-access.ts`). */
  'PATCH /admin/v1/apps/:appId/settings': 'changeMessages',
  'GET /admin/v1/apps/:appId/identity': 'viewSettings',
  'POST /admin/v1/apps/:appId/identity': 'changeSettings',
  'DELETE /admin/v1/apps/:appId/identity': 'changeSettings',
  'GET /admin/v1/apps/:appId/api-key': 'changeSettings',
  'POST /admin/v1/apps/:appId/api-key': 'changeSettings',
  'GET /admin/v1/apps/:appId/rules': 'viewSettings',
  /** The waiting queue (`conversationRules.queue`) needs `changeSettings` too. */
  'PATCH /admin/v1/apps/:appId/rules': 'changeRules',
  'GET /admin/v1/apps/:appId/teammates': 'viewTeammates',
  'POST /admin/v1/apps/:appId/teammates': 'editTeammates',
  /** Which changes of which teammate: `TEAMMATE_RULES` and `ROLE_GRANTS`. */
  'PATCH /admin/v1/apps/:appId/teammates/:userId': 'manageTeammates',
  'DELETE /admin/v1/apps/:appId/teammates/:userId': 'manageTeammates',
  'POST /admin/v1/apps/:appId/owner': 'transferOwnership',
};

/** Every socket event (and the connection itself) and the permission it needs. */
export const EVENT_PERMISSIONS: Readonly<Record<string, Permission>> = {
  connect: 'chat',
  'message:send': 'chat',
  typing: 'chat',
  read: 'chat',
  delivered: 'chat',
};

/** Whether `credential` may make `change` to a teammate whose role is `target`. */
export function mayChange(credential: Credential, change: TeammateChange, target: UserRole): boolean {
  const needed = TEAMMATE_RULES[change][target];
  return needed !== undefined && allows(credential, needed);
}

/** Whether `credential` may give somebody the role `role`. */
export function mayGive(credential: Credential, role: UserRole): boolean {
  const needed = ROLE_GRANTS[role];
  return needed !== undefined && allows(credential, needed);
}

/** A caller's credential for the finer checks: a staff member's role, or (undefined) the owner's keys. */
export function managerCredential(role: UserRole | undefined): Credential {
  return role === undefined ? 'apiKey' : credentialOf(role);
}

export function allows(credential: Credential, permission: Permission): boolean {
  return GRANTS[credential].includes(permission);
}

/** The credential a signed-in user's role gives. */
export function credentialOf(role: UserRole): Credential {
  return role === 'user' ? 'visitor' : role;
}

/** Whether a user of `role` holds `permission` (finer checks inside handlers). */
export function can(role: UserRole, permission: Permission): boolean {
  return allows(credentialOf(role), permission);
}

/** Routes (or events) that the table does not name — the server refuses to start with any. */
export function unlisted(keys: readonly string[], table: Readonly<Record<string, Permission>>): string[] {
  return keys.filter((k) => !Object.hasOwn(table, k));
}
