/**
 * An in-memory stand-in for the reference server, for controller tests: a RestClient over a few
 * arrays, and a socket factory whose sockets the test drives (connect, drop, answer acks).
 */
import type { Conversation, Message, OutgoingMessage, Session, SessionRequest } from '../../src/core/protocol.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import { createRealtimeClient, type RealtimeClient, type RealtimeOptions } from '../../src/net/realtime.js';
import type { RestClient } from '../../src/net/rest.js';
import { FakeSocket } from './fake-socket.js';

export class FakeChatServer {
  settings: unknown = {};
  /** Settings requests wait for this when set (to test stale-while-revalidate). */
  settingsGate: Promise<void> | undefined;
  offline = false;
  readonly calls: string[] = [];
  readonly sessions: Session[] = [];
  /** What each session request asked for. */
  readonly sessionRequests: Array<Omit<SessionRequest, 'appId'>> = [];
  /** The details of each visitor update (`updateUser`), in order. */
  readonly userUpdates: Array<Record<string, unknown>> = [];
  /** Tokens whose session the widget ended (logout). */
  readonly ended: string[] = [];
  conversations: Conversation[] = [];
  readonly messages: Message[] = [];
  readonly sockets: FakeSocket[] = [];
  readonly reads: Array<{ groupId: string; id: number }> = [];
  /** Those of `reads` that came over a socket. */
  readonly socketReads: Array<{ groupId: string; id: number }> = [];
  /** Delivered markers (over a socket only). */
  readonly delivered: Array<{ groupId: string; id: number }> = [];
  #nextId = 1;
  #nextGroup = 1;

  constructor(readonly appId: string) {}

  /** Stores a message once per key (as the server does) and returns the stored copy. */
  store(input: OutgoingMessage, from: string, type: 4 | 5): Message {
    const existing = this.messages.find((m) => m.key === input.key);
    if (existing) return existing;
    const message: Message = {
      key: input.key,
      id: this.#nextId++,
      groupId: input.groupId,
      message: input.message,
      contentType: input.contentType ?? 0,
      type,
      fromUserName: from,
      metadata: input.metadata ?? {},
      createdAtTime: 1000 + this.#nextId,
      status: 3,
      ...(input.fileMeta ? { fileMeta: input.fileMeta } : {}),
    };
    this.messages.push(message);
    const c = this.conversations.find((x) => x.groupId === input.groupId);
    if (c) c.lastMessage = message;
    return message;
  }

  /** An agent's message, stored (not pushed: push it with `push`). */
  agentSays(groupId: string, text: string, key = `agent-${this.#nextId}`): Message {
    return this.store({ key, groupId, message: text }, 'agent-1', 4);
  }

  addConversation(partial: Partial<Conversation> = {}): Conversation {
    const c: Conversation = {
      groupId: `g${this.#nextGroup++}`,
      groupName: 'Chat',
      status: 0,
      members: [{ userId: 'agent-1', userName: 'Alice', role: 'agent' }],
      metadata: {},
      createdAtTime: 1,
      updatedAtTime: 1,
      unreadCount: 0,
      ...partial,
    };
    this.conversations.push(c);
    return c;
  }

  get socket(): FakeSocket | undefined {
    return this.sockets.at(-1);
  }

  /** Pushes an event to every open socket. */
  push(event: string, payload: unknown): void {
    for (const s of this.sockets) if (s.connected) s.fire(event, payload);
  }

  /** Answers every pending `message:send` ack as the server would. */
  ackAll(socket = this.socket): void {
    for (const ack of [...(socket?.acks ?? [])]) {
      if (ack.event !== 'message:send') continue;
      const stored = this.store(ack.payload as OutgoingMessage, this.sessions[0]?.userId ?? 'visitor', 5);
      ack.reply({ ok: true, data: stored });
    }
  }

  realtimeFactory = (options: RealtimeOptions): RealtimeClient =>
    createRealtimeClient({
      ...options,
      socketFactory: (url, socketOptions) => {
        const s = new FakeSocket(url, socketOptions);
        // Read markers over the socket land where the REST ones do (`calls`, `reads`).
        s.answers.set('read', (payload) => {
          const { groupId, id } = payload as { groupId: string; id: number };
          this.calls.push(`markRead:${groupId}:${id}`);
          this.reads.push({ groupId, id });
          this.socketReads.push({ groupId, id });
          return { ok: true, data: true };
        });
        s.answers.set('delivered', (payload) => {
          this.delivered.push(payload as { groupId: string; id: number });
          return { ok: true, data: true };
        });
        this.sockets.push(s);
        return s;
      },
    });

  #guard(name: string): void {
    this.calls.push(name);
    if (this.offline) throw new NetworkError(`${name}: offline`);
  }

  #session(token: string): Session {
    const s = this.sessions.find((x) => x.token === token);
    if (!s) throw new ParleyApiError(401, 'PL-S-01', 'invalid token');
    return s;
  }

  restFactory = (): RestClient => ({
    getSettings: async () => {
      this.#guard('getSettings');
      if (this.settingsGate) await this.settingsGate;
      return this.settings;
    },
    createSession: async (request) => {
      this.#guard('createSession');
      this.sessionRequests.push(request);
      if (request.token) {
        const found = this.sessions.find((s) => s.token === request.token);
        if (found) return { ...found };
      }
      const userId = request.userId ?? `v-${this.sessions.length + 1}`;
      const session: Session = {
        appId: this.appId,
        userId,
        token: `token-${this.sessions.length + 1}`,
        userName: request.userName ?? 'Poised Salmon',
        anonymous: !request.userId,
        ...(request.locale ? { locale: request.locale } : {}),
      };
      this.sessions.push(session);
      // A copy, as a network answer is.
      return { ...session };
    },
    listConversations: async (token) => {
      this.#guard('listConversations');
      this.#session(token);
      return structuredClone(this.conversations);
    },
    createConversation: async (token, body = {}) => {
      this.#guard('createConversation');
      this.#session(token);
      return structuredClone(
        this.addConversation({ groupName: body.groupName ?? 'Chat', metadata: body.metadata ?? {} }),
      );
    },
    listMessages: async (token, groupId, page = {}) => {
      this.#guard(`listMessages:${groupId}:${page.after ?? ''}`);
      this.#session(token);
      // As the reference server: ascending after `after`, else the latest before `before`.
      const limit = page.limit ?? 100;
      const own = this.messages.filter((m) => m.groupId === groupId);
      if (page.after !== undefined) return own.filter((m) => m.id > page.after!).slice(0, limit);
      return own.filter((m) => m.id < (page.before ?? Infinity)).slice(-limit);
    },
    getMessagesAfter: async (token, after) => {
      this.#guard(`getMessagesAfter:${after}`);
      this.#session(token);
      return this.messages.filter((m) => m.id > after);
    },
    sendMessage: async (token, message) => {
      this.#guard('sendMessage');
      return this.store(message, this.#session(token).userId, 5);
    },
    markRead: async (token, groupId, id) => {
      this.#guard(`markRead:${groupId}:${id}`);
      this.#session(token);
      this.reads.push({ groupId, id });
    },
    rateConversation: async (token, groupId, rating) => {
      this.#guard(`rate:${groupId}`);
      this.#session(token);
      const conversation = this.conversations.find((c) => c.groupId === groupId);
      if (!conversation) throw new ParleyApiError(404, 'AL-G-01', 'group not found');
      return { ...conversation, rating: { ...rating, createdAtTime: Date.now() } };
    },
    updateUser: async (token, details) => {
      this.#guard('updateUser');
      const session = this.#session(token);
      this.userUpdates.push(details);
      if (typeof details.locale === 'string') session.locale = details.locale;
      return { ...session, ...(typeof details.email === 'string' ? { email: details.email } : {}) };
    },
    endSession: async (token) => {
      this.#guard('endSession');
      this.ended.push(this.#session(token).token);
    },
  });
}
