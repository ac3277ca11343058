/**
 * What the staff app knows about the open conversation besides its messages: who is typing (each
 * shown until they stop, send, or go quiet for `TYPING_SHOWN_MS`), how far each member has read
 * and has received,
 * and its visitor's details. `changed` runs after each change (the host renders).
 */
import type { Api } from './api.js';
import type { Conversation } from '../../../src/core/protocol.js';

/** How long a typing indicator stays without news (the sender may have gone). */
export const TYPING_SHOWN_MS = 8000;

export class ConversationDetails {
  /** Who is typing now (not this staff member). */
  readonly typing = new Map<string, ReturnType<typeof setTimeout>>();
  /** The highest message id each member has read, and each member's clients have received. */
  readonly readBy = new Map<string, number>();
  readonly deliveredBy = new Map<string, number>();
  /** The visitor, as the Platform API details them. */
  visitor?: Record<string, unknown>;
  /** Counts visitor reads, so that only the latest one's answer is kept (answers may cross). */
  #visitorRead = 0;

  constructor(private readonly changed: () => void) {}

  /** Another conversation opens (or none). */
  clear(): void {
    for (const timer of this.typing.values()) clearTimeout(timer);
    this.typing.clear();
    this.readBy.clear();
    this.deliveredBy.clear();
    this.visitor = undefined;
    this.#visitorRead++;
  }

  typingChanged(userId: string, typing: boolean): void {
    clearTimeout(this.typing.get(userId));
    if (typing)
      this.typing.set(
        userId,
        setTimeout(() => this.typingChanged(userId, false), TYPING_SHOWN_MS),
      );
    else this.typing.delete(userId);
    this.changed();
  }

  read(userId: string, id: number, by: Map<string, number> = this.readBy): void {
    by.set(userId, Math.max(by.get(userId) ?? 0, id));
    this.changed();
  }

  delivered(userId: string, id: number): void {
    this.read(userId, id, this.deliveredBy);
  }

  /**
   * Reads the visitor's details; `stillOpen` says whether the conversation is still the open one.
   * Staff who may not read visitors' details (`mayRead`) get what the conversation says of them:
   * their id and name. A read that a later one overtook is dropped, so an answer from before the
   * visitor connected never hides a newer "online".
   */
  async loadVisitor(api: Api, c: Conversation, stillOpen: () => boolean, mayRead: boolean): Promise<void> {
    const visitor = c.members.find((m) => m.role === 'user');
    if (!visitor) return;
    const read = ++this.#visitorRead;
    let detail: Record<string, unknown> = { userId: visitor.userId, userName: visitor.userName ?? visitor.userId };
    if (mayRead) [detail = detail] = await api.userDetail(visitor.userId).catch(() => [this.visitor ?? detail]);
    if (!stillOpen() || read !== this.#visitorRead) return;
    this.visitor = detail;
    this.changed();
  }
}
