// @ts-check
/**
 * The console's REST client: the Platform API and the console endpoints of the reference
 * server, authenticated with the agent's session token (`Authorization: Bearer …`) — never the
 * app's API key. Errors arrive as `ApiError` with the server's error code.
 */

/**
 * @typedef {{ errorCode: string, description: string, displayMessage: string }} ApiErrorItem
 * @typedef {{ userId: string, userName: string, imageLink?: string, role: string }} UserSummary
 * @typedef {{ key: string, id: number, groupId: string, message: string, contentType: number, type: number,
 *   fromUserName: string, metadata: Record<string, string>, fileMeta?: { name: string, size: number, contentType: string, url?: string },
 *   createdAtTime: number, status: number }} Message
 * @typedef {{ groupId: string, clientGroupId?: string, groupName: string, status: number, assignee?: string,
 *   members: UserSummary[], metadata: Record<string, string>, createdAtTime: number, updatedAtTime: number,
 *   lastMessage?: Message, unreadCount: number }} Conversation
 * @typedef {{ appId: string, userId: string, token: string, userName: string }} Session
 * @typedef {'online' | 'away'} AgentStatus
 * @typedef {{ appId: string, user: UserSummary & { email?: string }, permissions: string[], routing: string, seesAll: boolean,
 *   status: AgentStatus }} Me
 * @typedef {UserSummary & { email?: string, deactivated: boolean, connected: boolean, status?: AgentStatus,
 *   openConversations: number }} Teammate
 * @typedef {{ id: number, shortcut: string, message: string }} QuickReply
 */
import { format, t } from './locale.js';
import { ERROR_CODES } from './protocol.js';

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} description
   */
  constructor(status, code, description) {
    super(description);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {Response} res
 * @returns {Promise<unknown>}
 */
async function envelope(res) {
  /** @type {any} */
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, ERROR_CODES.internal, format(t.errorNotJson, { status: res.status }));
  }
  if (body && body.status === 'success') return body.response;
  const item = body && Array.isArray(body.errorResponse) ? body.errorResponse[0] : undefined;
  throw new ApiError(
    res.status,
    item?.errorCode ?? ERROR_CODES.internal,
    item?.description ?? format(t.errorHttp, { status: res.status }),
  );
}

/**
 * Signs an agent in (`POST /agent/v1/session`).
 * @param {string} server
 * @param {{ appId: string, email: string, password: string }} credentials
 * @returns {Promise<Session>}
 */
export async function signIn(server, credentials) {
  const res = await fetch(`${server}/agent/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return /** @type {Promise<Session>} */ (envelope(res));
}

/**
 * A client bound to one server and one agent token.
 * @param {string} server
 * @param {string} appId
 * @param {string} token
 */
export function createApi(server, appId, token) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   */
  async function send(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined || method === 'PATCH') headers['Content-Type'] = 'application/json';
    const res = await fetch(`${server}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return envelope(res);
  }
  const q = (/** @type {Record<string, string>} */ params) => new URLSearchParams(params).toString();
  const enc = encodeURIComponent;

  return {
    /** Ends this token on the server (and closes its sockets). @returns {Promise<boolean>} */
    signOut: () => /** @type {Promise<boolean>} */ (send('DELETE', '/agent/v1/session')),
    /** @returns {Promise<Me>} */
    me: () => /** @type {Promise<Me>} */ (send('GET', '/agent/v1/me')),
    /** The signed-in agent's own status. @returns {Promise<{ status: AgentStatus }>} */
    myStatus: () => /** @type {Promise<{ status: AgentStatus }>} */ (send('GET', '/agent/v1/me/status')),
    /** @returns {Promise<{ status: AgentStatus }>} */
    setMyStatus: (/** @type {AgentStatus} */ status) =>
      /** @type {Promise<{ status: AgentStatus }>} */ (send('PUT', '/agent/v1/me/status', { status })),
    /**
     * @param {{ status: string, assigned: string }} filter
     * @returns {Promise<Conversation[]>}
     */
    conversations: (filter) =>
      /** @type {Promise<Conversation[]>} */ (send('GET', `/agent/v1/conversations?${q(filter)}`)),
    /** @returns {Promise<Conversation>} */
    conversation: (/** @type {string} */ groupId) =>
      /** @type {Promise<Conversation>} */ (send('GET', `/agent/v1/conversations/${enc(groupId)}`)),
    /** @returns {Promise<Message[]>} */
    messages: (/** @type {string} */ groupId, after = 0) =>
      /** @type {Promise<Message[]>} */ (
        send(
          'GET',
          `/agent/v1/conversations/${enc(groupId)}/messages?${q(after > 0 ? { after: String(after), limit: '200' } : { limit: '200' })}`,
        )
      ),
    /** @returns {Promise<boolean>} */
    markRead: (/** @type {string} */ groupId, /** @type {number} */ id) =>
      /** @type {Promise<boolean>} */ (send('POST', `/agent/v1/conversations/${enc(groupId)}/read`, { id })),
    /**
     * Platform API: send as the signed-in agent.
     * @param {{ groupId: string, message: string, key: string, metadata?: Record<string, string> }} m
     * @returns {Promise<Message>}
     */
    send: (m) => /** @type {Promise<Message>} */ (send('POST', '/rest/ws/message/v2/send', m)),
    /** Platform API: 0 open, 2 resolved, 3 spam. @returns {Promise<string>} */
    setStatus: (/** @type {string} */ groupId, /** @type {number} */ status) =>
      /** @type {Promise<string>} */ (
        send('PATCH', `/rest/ws/group/status/change?${q({ groupId, status: String(status) })}`)
      ),
    /** Platform API. @returns {Promise<string>} "updated" | "already updated" | "AGENT_IS_ALREADY_ENGAGED" */
    assign: (/** @type {string} */ groupId, /** @type {string} */ assignee, takeOverFromBot = false) =>
      /** @type {Promise<string>} */ (
        send(
          'PATCH',
          `/rest/ws/group/assignee/change?${q({ groupId, assignee, takeOverFromBot: String(takeOverFromBot) })}`,
        )
      ),
    /** Platform API. @returns {Promise<Array<Record<string, unknown>>>} */
    userDetail: (/** @type {string} */ userId) =>
      /** @type {Promise<Array<Record<string, unknown>>>} */ (
        send('POST', '/rest/ws/user/v2/detail?fetchLatestMessageTime=true', { userIdList: [userId] })
      ),
    /** @returns {Promise<Teammate[]>} */
    teammates: () => /** @type {Promise<Teammate[]>} */ (send('GET', `/admin/v1/apps/${enc(appId)}/teammates`)),
    /** @returns {Promise<QuickReply[]>} */
    quickReplies: () => /** @type {Promise<QuickReply[]>} */ (send('GET', '/agent/v1/quick-replies')),
    /** @returns {Promise<QuickReply>} */
    addQuickReply: (/** @type {string} */ shortcut, /** @type {string} */ message) =>
      /** @type {Promise<QuickReply>} */ (send('POST', '/agent/v1/quick-replies', { shortcut, message })),
    deleteQuickReply: (/** @type {number} */ id) => send('DELETE', `/agent/v1/quick-replies/${id}`),
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
