/**
 * The delivery slice, store side: a message is written to the outbox before it is emitted and
 * leaves it on the server's acknowledgement (or when the visitor discards it); a failed one keeps
 * its place when retried. It remembers which keys this page sent, so that only this tab reports
 * `message-sent` (another tab may deliver them). Sending itself (one in flight, acknowledgements,
 * time-outs) is `OutboxSender` in `outbox.ts`, driven by the sync.
 */
import { toOutgoing, type LocalMessage } from '../core/messages.js';
import type { OutboxItem, ParleyStore } from '../store/store.js';

export class DeliverySlice {
  private readonly _store: ParleyStore;
  /** Keys this page sent and the server has not stored yet (another tab may deliver them). */
  private readonly _sentHere = new Set<string>();

  constructor(store: ParleyStore) {
    this._store = store;
  }

  /** Saves a new message to the outbox (before it is shown as 'sending'). */
  async queue(local: LocalMessage): Promise<void> {
    const { key, groupId, createdAtTime } = local;
    await this._store.putOutbox({ key, groupId, message: toOutgoing(local), createdAtTime });
  }

  /** The message `key` is on its way from this page. */
  sending(key: string): void {
    this._sentHere.add(key);
  }

  /**
   * Puts a failed message back in the outbox, keeping its place (or rebuilt from the one shown
   * when the outbox no longer has it). False when there is nothing to send again.
   */
  async requeue(key: string, shownNow: () => LocalMessage | undefined): Promise<boolean> {
    const item = (await this._store.listOutbox()).find((i) => i.key === key);
    const shown = shownNow();
    if (item) {
      const { failed: _failed, ...fresh } = item;
      await this._store.putOutbox(fresh);
    } else if (shown) {
      await this._store.putOutbox({
        key,
        groupId: shown.groupId,
        message: toOutgoing(shown),
        createdAtTime: shown.createdAtTime,
      });
    } else return false;
    this.sending(key);
    return true;
  }

  async discard(key: string): Promise<void> {
    await this._store.removeOutbox(key);
  }

  /** The server stored the visitor's message `key`: out of the outbox. True when this page sent it. */
  stored(key: string): boolean {
    void this._store.removeOutbox(key);
    return this._sentHere.delete(key);
  }

  /** What waits in the outbox for `groupId`. */
  async pending(groupId: string): Promise<OutboxItem[]> {
    return (await this._store.listOutbox()).filter((item) => item.groupId === groupId);
  }

  /** The visitor is forgotten in this tab. */
  reset(): void {
    this._sentHere.clear();
  }
}
