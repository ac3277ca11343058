/**
 * The delivery slice, store side: a message is written to the outbox before it is emitted and
 * leaves it on the server's acknowledgement (or when the visitor discards it); a failed one keeps
 * its place when retried. It remembers which keys this page sent, so that only this tab reports
 * `message-sent` (another tab may deliver them). Sending itself (one in flight, acknowledgements,
 * time-outs) is `OutboxSender` in `outbox.ts`, driven by the sync.
 */
import { localFileKey } from '../core/local-files.js';
import { toOutgoing, type LocalMessage } from '../core/messages.js';
import type { OutboxItem, ParleyStore } from '../store/store.js';
import type { OutgoingFile, PendingFiles, PendingFilesOptions, UploadOutcome } from './pending-files.js';

export class DeliverySlice {
  private readonly _store: ParleyStore;
  private readonly _filesOptions: PendingFilesOptions;
  private _files: Promise<PendingFiles> | undefined;
  /** The files' keeper, once a file has needed it (its code loads then: most chats have none). */
  loadedFiles: PendingFiles | undefined;
  /** Keys this page sent and the server has not stored yet (another tab may deliver them). */
  private readonly _sentHere = new Set<string>();

  constructor(filesOptions: PendingFilesOptions) {
    this._store = filesOptions.store;
    this._filesOptions = filesOptions;
  }

  private files(): Promise<PendingFiles> {
    this._files ??= import('./pending-files.js').then(
      ({ PendingFiles }) => (this.loadedFiles = new PendingFiles(this._filesOptions)),
    );
    return this._files;
  }

  /** Uploads the file of an outbox item (`PendingFiles.upload`), for the outbox's run. */
  async upload(item: OutboxItem): Promise<UploadOutcome> {
    return (await this.files()).upload(item);
  }

  /**
   * Saves a new message to the outbox (before it is shown as 'sending'); with `file`, the file
   * first. Resolves with the item saved.
   */
  async queue(local: LocalMessage, file?: OutgoingFile): Promise<OutboxItem> {
    const { key, groupId, createdAtTime } = local;
    const item: OutboxItem = { key, groupId, message: toOutgoing(local), createdAtTime };
    if (file) {
      delete item.message.fileMeta; // the local preview's: the server's comes with the upload
      item.file = await (await this.files()).keep(key, file);
    }
    await this._store.putOutbox(item);
    return item;
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
    } else if (shown && localFileKey(shown.fileMeta) === undefined) {
      // (A file not uploaded lives only with its outbox item: a shown copy cannot bring it back.)
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
    this.loadedFiles?.forget(key);
    await this._store.removeOutbox(key);
  }

  /** The server stored the visitor's message `key`: out of the outbox. True when this page sent it. */
  stored(key: string): boolean {
    this.loadedFiles?.forget(key);
    void this._store.removeOutbox(key);
    return this._sentHere.delete(key);
  }

  /** What waits in the outbox for `groupId` (with the files loaded for their previews). */
  async pending(groupId: string): Promise<OutboxItem[]> {
    const items = (await this._store.listOutbox()).filter((item) => item.groupId === groupId);
    return items.some((item) => item.file) ? (await this.files()).load(items) : items;
  }

  /** The visitor is forgotten in this tab. */
  reset(): void {
    this._sentHere.clear();
    this.loadedFiles?.reset();
  }
}
