/**
 * The sending slice: the visitor's messages on their way out, on the state side — a new one is
 * saved to the outbox and then shown as 'sending'; a failed one is sent again (keeping its place)
 * or discarded. The store side is `DeliverySlice` (delivery.ts); one message in flight and the
 * acknowledgements are `OutboxSender`, driven by the sync. Knows nobody above it.
 */
import type { Clock } from '../core/clock.js';
import { createKey, createLocalMessage, mergeMessages, type LocalMessage } from '../core/messages.js';
import { CONTENT_TYPES, type FileMeta, type Metadata } from '../core/protocol.js';
import type { StateCell } from './cell.js';
import type { DeliverySlice } from './delivery.js';
import { localFileMeta } from '../core/local-files.js';
import type { OutgoingFile } from './pending-files.js';
import type { SessionSlice } from './session.js';
import { Slice } from './slice.js';
import { deliveryRetried, pendingDiscarded } from './state.js';
import type { ChatSync } from './sync.js';
import type { VisitorSlice } from './visitor.js';

/** What may go with a message's text. */
export interface SendOptions {
  metadata?: Metadata;
  /** A file already uploaded. */
  fileMeta?: FileMeta;
  /** A file to upload first (saved with the message). */
  file?: OutgoingFile;
}

export interface SendingOptions {
  cell: StateCell;
  clock: Clock;
  delivery: DeliverySlice;
  session: SessionSlice;
  visitor: VisitorSlice;
  sync: ChatSync;
  signal: AbortSignal;
}

export class SendingSlice extends Slice<SendingOptions> {
  private _order: Promise<unknown> = Promise.resolve();

  /**
   * A new message in the active conversation; undefined without a session and a conversation.
   * With `file`: the file to upload (shown from the visitor's own copy until it is sent).
   */
  async send(text: string, options: SendOptions): Promise<LocalMessage | undefined> {
    const { delivery } = this._o;
    const { session, activeGroupId } = this._state;
    if (!session || !activeGroupId || this._aborted) return undefined;
    const { file } = options;
    const key = createKey();
    const fileMeta = file
      ? localFileMeta(key, { name: file.name, size: file.file.size, type: file.file.type })
      : options.fileMeta;
    let local = createLocalMessage({
      key,
      groupId: activeGroupId,
      text,
      fromUserName: session.userId,
      now: this._o.clock.now(),
      metadata: options.metadata,
      ...(fileMeta ? { fileMeta, contentType: CONTENT_TYPES.attachment } : {}),
    });
    const { groupId } = local;
    // Saved first, shown second: a message the visitor sees as "sending" survives a reload or
    // a closed tab even if that comes a moment after the click (the write takes milliseconds).
    // Into the outbox in the order of the calls, though a file takes longer to save than a text.
    const queued = this._order.then(() => delivery.queue(local, file));
    this._order = queued.catch(() => undefined);
    const item = await queued;
    if (item.file?.inTab) local = { ...local, fileInTab: true };
    if (this._aborted) return local;
    delivery.sending(key);
    if (this._state.activeGroupId === groupId) this._set({ messages: mergeMessages(this._state.messages, [local]) });
    this._o.session.touch();
    this._flush();
    return local;
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  async retry(key: string): Promise<void> {
    const shown = () => this._state.messages.find((m) => m.key === key && m.id === undefined);
    if (!(await this._o.delivery.requeue(key, shown))) return;
    this._set(deliveryRetried(this._state, key));
    this._flush();
  }

  async discard(key: string): Promise<void> {
    await this._o.delivery.discard(key);
    this._set(pendingDiscarded(this._state, key));
  }

  /** Connects (with a session) and sends what waits in the outbox. */
  private _flush(): void {
    this._o.visitor.connect();
    void this._o.sync.flush();
  }
}
