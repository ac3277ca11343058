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
  /** Real-time chat over the socket: send, typing, read (visitors and staff, each in their conversations). */
  'chat',
  /** A staff member's own console: who am I, my status, the conversations I may see. */
  'console',
  /** Read attachments (visitors: their conversations; staff: those they may see). */
  'readFiles',
  /** Upload attachments into a conversation. */
  'uploadFiles',
  /** Read the conversation rules, the widget settings and the teammates list. */
  'viewSettings',
  /** Change conversation rules, auto-resolve, widget settings, identity secret, API key. */
  'changeSettings',
  /** Add teammates and change their roles. */
  'changeRoles',
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
];
const AGENT: readonly Permission[] = [
  ...STAFF,
  'viewSettings',
  'assignOthers',
  'createConversations',
  'viewUsers',
  'updateUsers',
  'createQuickReplies',
];
const ADMIN: readonly Permission[] = [...AGENT, 'changeSettings', 'changeRoles'];

/** The table. */
export const GRANTS: Readonly<Record<Credential, readonly Permission[]>> = {
  none: ['public'],
  adminKey: ['public', 'manageServer', 'viewSettings', 'changeSettings', 'changeRoles'],
  apiKey: [
    'public',
    'readFiles',
    'viewSettings',
    'changeSettings',
    'changeRoles',
    'assign',
    'assignOthers',
    'changeStatus',
    'sendMessages',
    'createConversations',
    'viewUsers',
    'updateUsers',
    'updateProfile',
  ],
  otherAppKey: ['public'],
  superadmin: ADMIN,
  admin: ADMIN,
  agent: AGENT,
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
  'GET /vendor/socket.io.esm.min.js': 'public',
  'GET /vendor/socket.io.esm.min.js.map': 'public',
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
  'GET /agent/v1/conversations': 'console',
  'GET /agent/v1/conversations/:groupId': 'console',
  'GET /agent/v1/conversations/:groupId/messages': 'console',
  'POST /agent/v1/conversations/:groupId/read': 'console',
  'GET /agent/v1/quick-replies': 'useQuickReplies',
  'POST /agent/v1/quick-replies': 'createQuickReplies',
  'DELETE /agent/v1/quick-replies/:id': 'createQuickReplies',

  'POST /rest/ws/group/conversation': 'createConversations',
  'POST /rest/ws/user/v2/detail': 'viewUsers',
  'POST /rest/ws/user/update': 'updateProfile',
  'POST /rest/ws/message/v2/send': 'sendMessages',
  'POST /rest/ws/message/send': 'sendMessages',
  'PATCH /rest/ws/group/status/change': 'changeStatus',
  'PATCH /rest/ws/group/assignee/change': 'assign',

  'POST /admin/v1/apps': 'manageServer',
  'GET /admin/v1/storage': 'manageServer',
  'GET /admin/v1/permissions': 'manageServer',
  'GET /admin/v1/apps/:appId/settings': 'viewSettings',
  'PATCH /admin/v1/apps/:appId/settings': 'changeSettings',
  'GET /admin/v1/apps/:appId/identity': 'viewSettings',
  'POST /admin/v1/apps/:appId/identity': 'changeSettings',
  'DELETE /admin/v1/apps/:appId/identity': 'changeSettings',
  'GET /admin/v1/apps/:appId/api-key': 'changeSettings',
  'POST /admin/v1/apps/:appId/api-key': 'changeSettings',
  'GET /admin/v1/apps/:appId/rules': 'viewSettings',
  'PATCH /admin/v1/apps/:appId/rules': 'changeSettings',
  'GET /admin/v1/apps/:appId/teammates': 'viewSettings',
  'POST /admin/v1/apps/:appId/teammates': 'changeRoles',
  'PATCH /admin/v1/apps/:appId/teammates/:userId': 'changeRoles',
};

/** Every socket event (and the connection itself) and the permission it needs. */
export const EVENT_PERMISSIONS: Readonly<Record<string, Permission>> = {
  connect: 'chat',
  'message:send': 'chat',
  typing: 'chat',
  read: 'chat',
};

/** What a teammate change is: their role, their activity (deactivate / reactivate), their password. */
export type TeammateChange = 'role' | 'deactivate' | 'password';

/**
 * Whom a staff member with `changeRoles` may change, by the target's role (the dashboard's team
 * settings: an admin changes agents' and operators' roles and may remove admins; nobody changes
 * the super admin's role or removes them, and only the super admin sets their own password).
 */
export const TEAMMATE_CHANGES: Readonly<
  Record<TeammateChange, Readonly<Partial<Record<UserRole, readonly UserRole[]>>>>
> = {
  role: { superadmin: ['admin', 'agent', 'operator'], admin: ['agent', 'operator'] },
  deactivate: { superadmin: ['admin', 'agent', 'operator', 'bot'], admin: ['admin', 'agent', 'operator', 'bot'] },
  password: { superadmin: ['admin', 'agent', 'operator'], admin: ['agent', 'operator'] },
};

/** The changes the owner's keys (Api-Key, admin key) may make: anything but the super admin's role or activity. */
const KEY_CHANGES: Readonly<Record<TeammateChange, readonly UserRole[]>> = {
  role: ['admin', 'agent', 'operator'],
  deactivate: ['admin', 'agent', 'operator', 'bot'],
  password: ['superadmin', 'admin', 'agent', 'operator'],
};

/** Whether a caller (a staff role, or undefined for a key) may make `change` to a teammate of role `target`. */
export function mayManage(manager: UserRole | undefined, target: UserRole, change: TeammateChange): boolean {
  const targets = manager === undefined ? KEY_CHANGES[change] : (TEAMMATE_CHANGES[change][manager] ?? []);
  return targets.includes(target);
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
