/**
 * Group commit for new messages. Messages of an app take turns from their insert to their commit
 * (ids commit in order, `insertMessages`), so on PostgreSQL one app's sends are bounded by one
 * commit (a WAL flush) each. The writer lets at most two statements of an app be under way at
 * once and gathers the messages that arrive meanwhile into the next one: a lone message goes out
 * at once, and under load one flush stores many. Each caller learns its own row (or none, when
 * its key was stored already), exactly as with one statement per message.
 */
import type { Sql } from '../db.js';
import { withoutNul } from '../db-sql.js';
import { memberIdsOf } from './conversations.js';
import { insertMessages } from './messages.js';
import type { MessageRow, NewMessage } from './messages.js';

/** Statements of one app under way at once: one holding the turn, one waiting for it. */
const IN_FLIGHT = 2;
/** Messages in one statement at most. */
const MAX_BATCH = 200;

/** A stored message and its conversation's members, read once it is committed. */
export interface Stored {
  row: MessageRow;
  memberIds: string[];
}

interface Pending {
  message: NewMessage;
  resolve: (stored: Stored | undefined) => void;
  reject: (err: unknown) => void;
}

interface AppQueue {
  pending: Pending[];
  inFlight: number;
}

export class MessageWriter {
  readonly #queues = new Map<string, AppQueue>();

  /**
   * `sql` must not be a transaction: each batch is a statement of its own. `sole`: nothing else
   * writes the database (`Db.sole`), so the members read in the insert's own statement are the
   * members at its commit, and no second read is needed.
   */
  constructor(
    private readonly sql: Sql,
    private readonly sole = false,
  ) {}

  /**
   * Stores the message (with its conversation's and sender's bookkeeping) and answers it with its
   * conversation's members as they are once it is committed (one read for the whole batch);
   * undefined when its key was taken.
   */
  store(appId: string, message: NewMessage): Promise<Stored | undefined> {
    let queue = this.#queues.get(appId);
    if (!queue) this.#queues.set(appId, (queue = { pending: [], inFlight: 0 }));
    const q = queue;
    return new Promise((resolve, reject) => {
      q.pending.push({ message, resolve, reject });
      this.#pump(appId, q);
    });
  }

  #pump(appId: string, q: AppQueue): void {
    while (q.inFlight < IN_FLIGHT && q.pending.length > 0) {
      const batch = q.pending.splice(0, MAX_BATCH);
      q.inFlight++;
      void this.#write(appId, batch).finally(() => {
        q.inFlight--;
        if (q.inFlight === 0 && q.pending.length === 0) this.#queues.delete(appId);
        else this.#pump(appId, q);
      });
    }
  }

  async #write(appId: string, batch: Pending[]): Promise<void> {
    let rows: Array<MessageRow & { member_ids?: string[] | null }>;
    try {
      rows = await insertMessages(
        this.sql,
        appId,
        batch.map((p) => p.message),
        this.sole,
      );
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // One bad message must not fail the others: each on its own, with its own outcome.
      await Promise.all(batch.map((p) => this.#write(appId, [p])));
      return;
    }
    let members: Map<string, string[]>;
    try {
      members = this.sole
        ? new Map(rows.map((r) => [r.group_id, r.member_ids ?? []]))
        : await memberIdsOf(
            this.sql,
            rows.map((r) => r.group_id),
          );
    } catch (err) {
      // Stored, but not pushed: each caller fails as a send whose member read fails would.
      for (const p of batch) p.reject(err);
      return;
    }
    const byKey = new Map<string, MessageRow>(
      rows.map(({ member_ids: _, ...r }) => [`${r.from_user}\u0000${r.key}`, r as MessageRow] as const),
    );
    for (const p of batch) {
      const id = `${String(withoutNul(p.message.fromUser))}\u0000${String(withoutNul(p.message.key))}`;
      // A key twice in one batch: the first caller has the row, the second finds it stored.
      const row = byKey.get(id);
      byKey.delete(id);
      p.resolve(row && { row, memberIds: members.get(row.group_id) ?? [] });
    }
  }
}
