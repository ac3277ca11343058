/**
 * The staff app's REST client: the reference server's staff endpoints and the Platform API,
 * authenticated with the staff member's session token (`Authorization: Bearer …`), never an API
 * key. It talks to the server that served the app. Errors arrive as `ApiError` with the server's
 * error code.
 */
import type { Conversation, Message, Metadata, Session } from '../../../src/core/protocol.js';
import { ERROR_CODES } from '../../../src/core/protocol-errors.js';
import type {
  AgentStatus,
  CsatReport,
  Tag,
  InboxFilter,
  NotificationPreferences,
  QuickReply,
  StaffMe,
  StaffConversation,
  StaffProfile,
  Teammate,
} from '../../../src/core/staff-protocol.js';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../../src/core/webhook-protocol.js';
import { format, strings } from './strings.js';

/** A bot and its URL (`GET /admin/v1/apps/:appId/bots`); `secret` only in the answer that made it. */
export interface BotIntegration {
  botId: string;
  userName: string;
  deactivated: boolean;
  webhook: { url: string; timeoutMs: number; secretHint?: string; secret?: string } | null;
}
/** What sending a transcript did: queued, already sent before, or no address to send it to. */
export type TranscriptResult = 'queued' | 'duplicate' | 'no-address';

/** One problem the server named (the documented `errorResponse` items). */
export interface Problem {
  errorCode: string;
  description: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
    /** Every problem the server named (a form's answer may name several). */
    readonly problems: readonly Problem[] = [],
  ) {
    super(description);
    this.name = 'ApiError';
  }
}

/**
 * The problems of a failed save by field: the server starts each description with the field it
 * is about (`email must be an e-mail address`, `chatPopupMessage[0].delay must be …`). What names
 * no field in `fields` is under ''.
 */
export function fieldProblems(err: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const items =
    err instanceof ApiError && err.problems.length > 0 ? err.problems : [{ description: (err as Error).message }];
  for (const { description } of items) {
    const field = fields.find((f) => description.startsWith(`${f} `) || description.startsWith(`${f}[`)) ?? '';
    out[field] = out[field] ? `${out[field]} ${description}` : description;
  }
  return out;
}

async function envelope<T>(res: Response): Promise<T> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, ERROR_CODES.internal, format(strings.errorNotJson, { status: res.status }));
  }
  const b = body as {
    status?: string;
    response?: T;
    errorResponse?: Array<{ errorCode?: string; description?: string }>;
  };
  if (b?.status === 'success') return b.response as T;
  const items = Array.isArray(b?.errorResponse) ? b.errorResponse : [];
  const item = items[0];
  throw new ApiError(
    res.status,
    item?.errorCode ?? ERROR_CODES.internal,
    item?.description ?? format(strings.errorHttp, { status: res.status }),
    items.map((i) => ({ errorCode: String(i.errorCode ?? ''), description: String(i.description ?? '') })),
  );
}

async function call<T>(server: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${server}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, ERROR_CODES.internal, strings.errorNetwork);
  }
  return envelope<T>(res);
}

/** Signs a staff member in (`POST /agent/v1/session`). */
export function signIn(server: string, credentials: { appId: string; email: string; password: string }) {
  return call<Session>(server, 'POST', '/agent/v1/session', undefined, credentials);
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const enc = encodeURIComponent;
const strung = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

/** A client bound to one server and one staff token. */
export function createApi(server: string, appId: string, token: string) {
  const send = <T>(method: string, path: string, body?: unknown) => call<T>(server, method, path, token, body);
  return {
    signOut: () => send<boolean>('DELETE', '/agent/v1/session'),
    me: () => send<StaffMe>('GET', '/agent/v1/me'),
    setMyStatus: (status: AgentStatus) => send<{ status: AgentStatus }>('PUT', '/agent/v1/me/status', { status }),
    conversations: (filter: InboxFilter) =>
      send<StaffConversation[]>('GET', `/agent/v1/conversations?${q(strung(filter))}`),
    conversation: (groupId: string) => send<Conversation>('GET', `/agent/v1/conversations/${enc(groupId)}`),
    messages: (groupId: string) =>
      send<Message[]>('GET', `/agent/v1/conversations/${enc(groupId)}/messages?${q({ limit: '200' })}`),
    markRead: (groupId: string, id: number) =>
      send<boolean>('POST', `/agent/v1/conversations/${enc(groupId)}/read`, { id }),
    /** Platform API: sends as the signed-in staff member. */
    send: (m: { groupId: string; message: string; key: string; metadata?: Metadata }) =>
      send<Message>('POST', '/rest/ws/message/v2/send', m),
    /** Platform API: 0 open, 2 resolved, 3 spam. */
    setStatus: (groupId: string, status: number) =>
      send<string>('PATCH', `/rest/ws/group/status/change?${q({ groupId, status: String(status) })}`),
    /** Platform API. */
    assign: (groupId: string, assignee: string) =>
      send<string>('PATCH', `/rest/ws/group/assignee/change?${q({ groupId, assignee })}`),
    /** Platform API; `takeOverFromBot` lets staff take a conversation the bot has. */
    takeOver: (groupId: string, assignee: string) =>
      send<string>('PATCH', `/rest/ws/group/assignee/change?${q({ groupId, assignee, takeOverFromBot: 'true' })}`),
    /** Platform API: the visitor's details (with their last message time). */
    userDetail: (userId: string) =>
      send<Array<Record<string, unknown>>>('POST', '/rest/ws/user/v2/detail?fetchLatestMessageTime=true', {
        userIdList: [userId],
      }),
    block: (userId: string, blocked: boolean) =>
      send<{ userId: string; blocked: boolean }>('PUT', `/agent/v1/users/${enc(userId)}/block`, { blocked }),
    tags: () => send<Tag[]>('GET', '/agent/v1/tags'),
    /** Queues the conversation's transcript for `to` (`demo/server/src/routes/mail.ts`). */
    sendTranscript: (groupId: string, to: readonly ('visitor' | 'company')[]) =>
      send<{ to: string; result: TranscriptResult }[]>('POST', `/agent/v1/conversations/${enc(groupId)}/transcript`, {
        to,
      }),
    addTag: (name: string, colour: string) => send<Tag>('POST', '/agent/v1/tags', { name, colour }),
    deleteTag: (id: number) => send<boolean>('DELETE', `/agent/v1/tags/${id}`),
    setTags: (groupId: string, tagIds: number[]) =>
      send<StaffConversation>('PUT', `/agent/v1/conversations/${enc(groupId)}/tags`, { tagIds }),
    csatReport: (from: number, to: number) =>
      send<CsatReport>('GET', `/agent/v1/reports/csat?${q({ from: String(from), to: String(to) })}`),
    teammates: () => send<Teammate[]>('GET', `/admin/v1/apps/${enc(appId)}/teammates`),
    profile: () => send<StaffProfile>('GET', '/agent/v1/me/profile'),
    saveProfile: (patch: Record<string, string>) => send<StaffProfile>('PATCH', '/agent/v1/me/profile', patch),
    notifications: () => send<NotificationPreferences>('GET', '/agent/v1/me/notifications'),
    saveNotifications: (prefs: NotificationPreferences) =>
      send<NotificationPreferences>('PUT', '/agent/v1/me/notifications', prefs),
    addTeammate: (t: { email: string; userName: string; role: string; password: string }) =>
      send<Teammate>('POST', `/admin/v1/apps/${enc(appId)}/teammates`, t),
    changeTeammate: (userId: string, patch: Record<string, unknown>) =>
      send<Teammate>('PATCH', `/admin/v1/apps/${enc(appId)}/teammates/${enc(userId)}`, patch),
    deleteTeammate: (userId: string) =>
      send<boolean>('DELETE', `/admin/v1/apps/${enc(appId)}/teammates/${enc(userId)}`),
    transferOwnership: (userId: string) => send<unknown>('POST', `/admin/v1/apps/${enc(appId)}/owner`, { userId }),
    settings: () => send<Record<string, unknown>>('GET', `/admin/v1/apps/${enc(appId)}/settings`),
    saveSettings: (patch: Record<string, unknown>) =>
      send<Record<string, unknown>>('PATCH', `/admin/v1/apps/${enc(appId)}/settings`, patch),
    rules: () =>
      send<{ conversationRules: { teams: Array<{ teamId: string; name: string }> } } & Record<string, unknown>>(
        'GET',
        `/admin/v1/apps/${enc(appId)}/rules`,
      ),
    saveRules: (patch: Record<string, unknown>) =>
      send<Record<string, unknown>>('PATCH', `/admin/v1/apps/${enc(appId)}/rules`, patch),
    identity: () => send<{ identityVerification: boolean }>('GET', `/admin/v1/apps/${enc(appId)}/identity`),
    identityOn: () =>
      send<{ identityVerification: boolean; secret: string }>('POST', `/admin/v1/apps/${enc(appId)}/identity`),
    identityOff: () => send<unknown>('DELETE', `/admin/v1/apps/${enc(appId)}/identity`),
    apiKey: () => send<{ prefix: string }>('GET', `/admin/v1/apps/${enc(appId)}/api-key`),
    newApiKey: () => send<{ apiKey: string; prefix: string }>('POST', `/admin/v1/apps/${enc(appId)}/api-key`),
    bots: () => send<BotIntegration[]>('GET', `/admin/v1/apps/${enc(appId)}/bots`),
    setBotHook: (botId: string, hook: { url: string; timeoutMs: number }) =>
      send<BotIntegration>('PUT', `/admin/v1/apps/${enc(appId)}/bots/${enc(botId)}/webhook`, hook),
    clearBotHook: (botId: string) => send<boolean>('DELETE', `/admin/v1/apps/${enc(appId)}/bots/${enc(botId)}/webhook`),
    quickReplies: () => send<QuickReply[]>('GET', '/agent/v1/quick-replies'),
    addQuickReply: (shortcut: string, message: string) =>
      send<QuickReply>('POST', '/agent/v1/quick-replies', { shortcut, message }),
    deleteQuickReply: (id: number) => send<unknown>('DELETE', `/agent/v1/quick-replies/${id}`),
    ...webhookCalls(send, `/admin/v1/apps/${enc(appId)}/webhooks`),
  };
}

/** The app's webhook endpoints (`/admin/v1/apps/:appId/webhooks`): a created or rotated one carries its secret. */
function webhookCalls(send: <T>(method: string, path: string, body?: unknown) => Promise<T>, base: string) {
  return {
    webhooks: () => send<WebhookEndpoint[]>('GET', base),
    addWebhook: (w: { url: string; events: WebhookEvent[]; secret?: string }) => send<WebhookEndpoint>('POST', base, w),
    deleteWebhook: (id: string) => send<boolean>('DELETE', `${base}/${enc(id)}`),
    rotateWebhook: (id: string) => send<WebhookEndpoint>('POST', `${base}/${enc(id)}/rotate`, {}),
    webhookLog: (id: string) => send<WebhookDelivery[]>('GET', `${base}/${enc(id)}/deliveries`),
    resendDelivery: (id: string, deliveryId: string) =>
      send<WebhookDelivery>('POST', `${base}/${enc(id)}/deliveries/${enc(deliveryId)}/resend`, {}),
  };
}

export type Api = ReturnType<typeof createApi>;
