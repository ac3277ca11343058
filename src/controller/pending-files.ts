/**
 * The visitor's files on their way out (issue "every documented behaviour": an attachment is never
 * lost). A file the visitor sends is saved (its Blob in a record of its own) before its message
 * shows; the outbox uploads it when the message's turn comes, after a reload or reconnect too,
 * then sends the message with the server's `fileMeta`. An upload started while the visitor was
 * still typing (the composer's chips) is handed over, not started again. Across tabs, one uploads
 * (a Web Lock per message, where the browser has them); the others find the item uploaded.
 *
 * A Blob the storage refused (a full quota) stays in this tab's memory (`inTab`): the card says
 * so; after a reload such an item can only be deleted (`fileLost`).
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import type { FileMeta } from '../core/protocol.js';
import { NetworkError, errorCodeOf } from '../net/errors.js';
import type { Uploader } from '../net/upload.js';
import type { OutboxFile, OutboxItem, ParleyStore } from '../store/store.js';

/** A file handed to `send`: the Blob, its name, and its upload if one is already running. */
export interface OutgoingFile {
  file: Blob;
  name: string;
  upload?: Promise<FileMeta>;
}

/** What became of an item's upload. */
export type UploadOutcome =
  | { ok: true; item: OutboxItem }
  /** Gone from the outbox meanwhile (sent by another tab, or discarded). */
  | { ok: false; gone: true }
  /** Worth another try later (no answer, offline). */
  | { ok: false; retryable: true }
  /** Refused for good (too large, a type not allowed, lost): the message fails with `code`. */
  | { ok: false; code: string };

export interface PendingFilesOptions {
  store: ParleyStore;
  server: string;
  appId: string;
  /** The visitor's session token now. */
  token: () => string | undefined;
  signal: AbortSignal;
  /** Defaults to `uploadFile`, loaded with the first file. */
  uploader?: Uploader | undefined;
}

export class PendingFiles {
  private readonly _o: PendingFilesOptions;
  private readonly _held = new Map<string, { file: Blob; upload?: Promise<FileMeta> | undefined }>();

  constructor(options: PendingFilesOptions) {
    this._o = options;
  }

  /** The Blob of the outbox message `key`, while this tab holds it. */
  get(key: string): Blob | undefined {
    return this._held.get(key)?.file;
  }

  /** Holds and saves `file` for the message `key`: its outbox record (`inTab` when storage refused it). */
  async keep(key: string, { file, name, upload }: OutgoingFile): Promise<OutboxFile> {
    this._held.set(key, { file, upload });
    const saved = await this._o.store.putFile(key, file);
    return { name, size: file.size, type: file.type, ...(saved ? {} : { inTab: true as const }) };
  }

  /**
   * Loads the Blobs of `items` (a reload: shown as previews, ready to upload); an item whose file
   * is nowhere (it was kept in a closed tab's memory) becomes failed with `fileLost`.
   */
  async load(items: OutboxItem[]): Promise<OutboxItem[]> {
    return Promise.all(
      items.map(async (item) => {
        if (!item.file || this._held.has(item.key)) return item;
        const file = await this._o.store.getFile(item.key);
        if (file) {
          this._held.set(item.key, { file });
          return item;
        }
        if (item.failed) return item;
        const lost = { ...item, failed: CLIENT_ERROR_CODES.fileLost };
        await this._o.store.putOutbox(lost);
        return lost;
      }),
    );
  }

  forget(key: string): void {
    this._held.delete(key);
  }

  reset(): void {
    this._held.clear();
  }

  /** Uploads the file of `item` (once across tabs), and saves the item with the server's `fileMeta`. */
  async upload(item: OutboxItem): Promise<UploadOutcome> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = () => this._upload(item.key);
    if (!locks) return run();
    return await locks.request(`parley:${this._o.appId}:upload:${item.key}`, run);
  }

  private async _upload(key: string): Promise<UploadOutcome> {
    const { store, signal } = this._o;
    // The newest word on the item: another tab may have uploaded it, or the visitor deleted it.
    const item = (await store.listOutbox()).find((i) => i.key === key);
    if (!item || item.failed) return { ok: false, gone: true };
    if (!item.file) return { ok: true, item };
    const token = this._o.token();
    const held = this._held.get(key);
    const file = held?.file ?? (await store.getFile(key));
    if (!token || signal.aborted) return { ok: false, retryable: true };
    if (!file) return { ok: false, code: CLIENT_ERROR_CODES.fileLost };
    let fileMeta: FileMeta;
    try {
      const upload = held?.upload;
      if (held) held.upload = undefined;
      fileMeta = await (upload?.catch(() => this._send(item, file, token)) ?? this._send(item, file, token));
    } catch (error) {
      if (error instanceof NetworkError) return { ok: false, retryable: true };
      return { ok: false, code: errorCodeOf(error) };
    }
    const { file: _file, ...rest } = item;
    const uploaded: OutboxItem = { ...rest, message: { ...item.message, fileMeta } };
    await store.putOutbox(uploaded);
    return { ok: true, item: uploaded };
  }

  /** The upload itself; its code loads with the first file (it is the composer's too). */
  private async _send(item: OutboxItem, file: Blob, token: string): Promise<FileMeta> {
    const upload = this._o.uploader ?? (await import('../net/upload.js')).uploadFile;
    const { server, signal } = this._o;
    return upload({ server, token, groupId: item.groupId, file, name: item.file?.name ?? 'file', signal });
  }
}
