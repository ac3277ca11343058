/**
 * The chat service's contracts (`chat.ts`): where it reports changes (`Notifier`, socket.io
 * implements it), what message listeners learn, and how new conversations are routed.
 */
import type { Message, Metadata, ServerToClientEvents } from '../../../src/core/protocol.js';
import type { AppRow } from './repo/apps.js';
import type { ConversationRow } from './repo/conversations.js';
import type { UserRow } from './repo/users.js';

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Where the chat service reports changes; socket.io implements it. */
export interface Notifier {
  /** Sends an event to every socket of each listed user of the app. */
  toUsers<E extends keyof ServerToClientEvents>(
    appId: string,
    userIds: readonly string[],
    event: E,
    payload: Payload<E>,
  ): void;
  /** Sends an event to every staff socket (agents, admins…) of the app, except listed users. */
  toStaff<E extends keyof ServerToClientEvents>(
    appId: string,
    event: E,
    payload: Payload<E>,
    exceptUserIds?: readonly string[],
  ): void;
  /** Sends an event to every socket of the app. */
  toApp<E extends keyof ServerToClientEvents>(appId: string, event: E, payload: Payload<E>): void;
}

/** What listeners learn about each newly stored message. */
export interface MessageEvent {
  app: AppRow;
  sender: UserRow;
  conversation: ConversationRow;
  message: Message;
}
export type MessageListener = (event: MessageEvent) => void | Promise<void>;

export interface NewConversationOptions {
  memberIds: readonly string[];
  groupName: string;
  metadata?: Metadata;
  clientGroupId?: string | undefined;
  /**
   * Whose namespace `clientGroupId` is in: '' (the default) is the Platform API's; a visitor's
   * own ids are theirs alone, so a visitor cannot take an id an integration will use.
   */
  clientScope?: string | undefined;
  /** Assignee; defaults to the bot when `withBot`. */
  assignee?: string | undefined;
  /** Routes to the app's bot first: the bot joins and is assigned. */
  withBot: boolean;
}

/** Decides who joins a routed new conversation and who is assigned (the conversation rules). */
export interface ConversationRouter {
  /** `waiting`: nobody can take it now; it is stored with status 7 (waiting) and `queued` follows. */
  route(
    appId: string,
    o: NewConversationOptions,
  ): Promise<{ memberIds: string[]; assignee?: string | undefined; waiting?: boolean }>;
  /** A new conversation was stored waiting (announced already): tell the visitor. */
  queued(appId: string, conv: ConversationRow): Promise<void>;
}
