/**
 * The composer's attachments: files the visitor picked, dropped or pasted, each checked against
 * the server's limits, uploaded at once with progress (while the visitor types), cancellable and
 * retryable, and handed over to the outbox when the visitor presses Send. Framework-free: an
 * `EventTarget` with a readable `items` list.
 *
 *   queue.add(files)    → rejected items (too large, wrong type, empty) stay with their error;
 *                         the others start uploading
 *   queue.takeForSending() → the visitor pressed Send: rejected items are dismissed; the others
 *                         (but cancelled ones) leave the list, each with its upload if one runs
 *                         (the outbox awaits it, or uploads the file itself: `pending-files.ts`)
 *   queue.cancel(id), retry(id), remove(id), clear()
 *
 * Events: `change` (the list changed: re-render).
 *
 * `conversationUploader(chat, server)` is the production `UploadFn`: into the visitor's current
 * conversation (started on demand), through `net/upload.ts`.
 */
import { validateFile, type AttachmentItem, type AttachmentLimits } from '../core/attachments.js';
import type { FileMeta } from '../core/protocol.js';
import { NetworkError, errorCodeOf } from '../net/errors.js';
import { uploadFile, type Uploader } from '../net/upload.js';

/** Uploads one file; in production `conversationUploader(chat, server)`. */
export type UploadFn = (
  file: Blob,
  options: { name: string; signal: AbortSignal; onProgress: (loaded: number, total: number) => void },
) => Promise<FileMeta>;

/** What the uploader needs of the ChatController: the conversation to upload into. */
export interface UploadTarget {
  ensureConversation(): Promise<{ groupId: string; token: string } | undefined>;
}

/**
 * Uploads into the visitor's current conversation on `server`, starting one when there is none
 * yet; rejects with a `NetworkError` when none can be had. `upload` is for tests.
 */
export function conversationUploader(target: UploadTarget, server: string, upload: Uploader = uploadFile): UploadFn {
  return async (file, options) => {
    const conversation = await target.ensureConversation();
    if (!conversation) throw new NetworkError('no conversation to upload to');
    return upload({ server, token: conversation.token, groupId: conversation.groupId, file, ...options });
  };
}

export interface UploadQueueOptions {
  upload: UploadFn;
  /** The server's limits (`maxAttachmentSize`, `allowedAttachmentTypes`); settable later. */
  limits?: AttachmentLimits;
}

/** The list changed. */
export class UploadChangeEvent extends Event {
  static readonly eventName = 'change';
  constructor() {
    super(UploadChangeEvent.eventName);
  }
}

/** A file the visitor sends: its item, and its upload while one runs. */
export interface HandedFile {
  item: AttachmentItem;
  upload?: Promise<FileMeta>;
}

interface Entry {
  item: AttachmentItem;
  abort?: AbortController;
  upload?: Promise<FileMeta>;
}

let counter = 0;

function nameOf(file: Blob): string {
  return typeof File !== 'undefined' && file instanceof File && file.name ? file.name : 'file';
}

export class UploadQueue extends EventTarget {
  limits: AttachmentLimits;
  readonly #upload: UploadFn;
  #entries: Entry[] = [];

  constructor(options: UploadQueueOptions) {
    super();
    this.#upload = options.upload;
    this.limits = options.limits ?? { maxMB: 0, allowedTypes: [] };
  }

  /** The attachments in the order they were added. */
  get items(): readonly AttachmentItem[] {
    return this.#entries.map((e) => e.item);
  }

  /** True while any file is uploading. */
  get busy(): boolean {
    return this.#entries.some((e) => e.item.state === 'uploading');
  }

  /** Checks and starts uploading `files`; returns their items (rejected ones included). */
  add(files: Iterable<Blob>): AttachmentItem[] {
    const added: AttachmentItem[] = [];
    for (const file of files) {
      if (!(file instanceof Blob)) continue;
      const name = nameOf(file);
      const check = validateFile({ name, size: file.size, type: file.type }, this.limits);
      const base = {
        id: `att-${++counter}`,
        file,
        name,
        size: file.size,
        type: file.type,
        loaded: 0,
        total: file.size,
      };
      const item: AttachmentItem = check.ok
        ? { ...base, state: 'uploading' }
        : { ...base, state: 'rejected', error: check.error };
      const entry: Entry = { item };
      this.#entries.push(entry);
      added.push(item);
      if (check.ok) this.#start(entry);
    }
    if (added.length) this.#changed();
    return added;
  }

  /** Stops an upload; the item stays as `cancelled` (it can be retried or removed). */
  cancel(id: string): void {
    const entry = this.#find(id);
    if (!entry || entry.item.state !== 'uploading') return;
    entry.abort?.abort();
    entry.abort = undefined;
    this.#set(entry, { state: 'cancelled', loaded: 0 });
  }

  /** Uploads a failed or cancelled item again. */
  retry(id: string): void {
    const entry = this.#find(id);
    if (!entry || (entry.item.state !== 'failed' && entry.item.state !== 'cancelled')) return;
    const { error: _error, ...rest } = entry.item;
    entry.item = { ...rest, state: 'uploading', loaded: 0 };
    this.#start(entry);
    this.#changed();
  }

  /** Takes an item out of the list, stopping its upload. */
  remove(id: string): void {
    const entry = this.#find(id);
    if (!entry) return;
    entry.abort?.abort();
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#changed();
  }

  /**
   * The visitor pressed Send: rejected items are dismissed; every other one but the cancelled
   * leaves the list, in order, with its upload while it runs (it is not stopped).
   */
  takeForSending(): HandedFile[] {
    const before = this.#entries.length;
    const going = this.#entries.filter((e) => e.item.state !== 'rejected' && e.item.state !== 'cancelled');
    this.#entries = this.#entries.filter((e) => e.item.state === 'cancelled');
    if (this.#entries.length !== before) this.#changed();
    return going.map((e) =>
      e.item.state === 'uploading' && e.upload ? { item: e.item, upload: e.upload } : { item: e.item },
    );
  }

  /** Stops every upload and empties the list (logout, conversation switch). */
  clear(): void {
    for (const e of this.#entries) e.abort?.abort();
    const had = this.#entries.length > 0;
    this.#entries = [];
    if (had) this.#changed();
  }

  #find(id: string): Entry | undefined {
    return this.#entries.find((e) => e.item.id === id);
  }

  #changed(): void {
    this.dispatchEvent(new UploadChangeEvent());
  }

  #set(entry: Entry, patch: Partial<AttachmentItem>): void {
    entry.item = { ...entry.item, ...patch };
    this.#changed();
  }

  #start(entry: Entry): void {
    const abort = new AbortController();
    entry.abort = abort;
    const current = () => entry.abort === abort && this.#entries.includes(entry);
    const upload = (entry.upload = this.#upload(entry.item.file, {
      name: entry.item.name,
      signal: abort.signal,
      onProgress: (loaded, total) => {
        if (current() && loaded !== entry.item.loaded) this.#set(entry, { loaded, total });
      },
    }));
    upload.then(
      (fileMeta) => {
        if (!current()) return;
        entry.abort = undefined;
        this.#set(entry, { state: 'done', loaded: entry.item.total, fileMeta });
      },
      (error: unknown) => {
        if (!current()) return;
        entry.abort = undefined;
        this.#set(entry, { state: 'failed', error: errorCodeOf(error) });
      },
    );
  }
}
