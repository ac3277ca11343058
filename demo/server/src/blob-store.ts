/**
 * Stored attachments: their rows in the `blobs` table (migrations 9 and 11) and their bytes in a
 * `BlobStore` — files in a folder (`blob-store-files.ts`: the default with the embedded database)
 * or parts in the database itself (`blob-store-database.ts`: the default with `DATABASE_URL`, so
 * that every process reads every upload). Each row names the store that holds its bytes, so files
 * stored before a change of setting stay readable.
 *
 * `Blobs` stores a checked upload within the app's storage quota, finds and opens files, sweeps
 * uploads no message refers to, and reports usage. Uploads are received into this process's
 * temporary folder (`TempUploads`) first.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FileMeta } from '../../../src/core/protocol.js';
import { BLOB_KEY, uploadErrors } from './blobs.js';
import type { Db, Sql } from './db.js';
import type { FileBlobStore, TempUploads } from './blob-store-files.js';

export const BLOB_STORES = ['files', 'database'] as const;
export type BlobStoreKind = (typeof BLOB_STORES)[number];

export function isBlobStoreKind(value: string): value is BlobStoreKind {
  return (BLOB_STORES as readonly string[]).includes(value);
}

/** A stored file and its thumbnail are the two parts of a blob. */
export type BlobPart = 'file' | 'thumbnail';

/** Bytes to serve: their length, and a stream of them (opened when the answer starts). */
export interface BlobContent {
  size: number;
  stream(): Readable;
}

/** Where the bytes of stored attachments live. */
export interface BlobStore {
  readonly kind: BlobStoreKind;
  /**
   * Keeps the complete temporary `file` as `key`'s `part` (the file is gone after). Called in the
   * transaction that inserts the blob's row (`sql`), after the insert.
   */
  put(key: string, part: BlobPart, file: string, sql: Sql): Promise<void>;
  /** The part's bytes, or undefined when there are none. */
  open(key: string, part: BlobPart): Promise<BlobContent | undefined>;
  /** Removes both parts of `key` (nothing when there are none). */
  remove(key: string): Promise<void>;
}

export interface BlobRow {
  blob_key: string;
  app_id: string;
  group_id: string;
  uploader: string;
  name: string;
  size: number;
  content_type: string;
  thumbnail: boolean;
  store: BlobStoreKind;
  created_at: Date;
}

export function toFileMeta(row: BlobRow): FileMeta {
  const meta: FileMeta = {
    blobKey: row.blob_key,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    url: `/files/${row.blob_key}`,
    createdAtTime: row.created_at.getTime(),
  };
  if (row.thumbnail) meta.thumbnailUrl = `/files/${row.blob_key}/thumbnail`;
  return meta;
}

export interface NewBlob {
  appId: string;
  groupId: string;
  uploader: string;
  name: string;
  size: number;
  contentType: string;
}

/** The blobs' rows, and their bytes in the stores. */
export class Blobs {
  /** Where new uploads go. */
  readonly store: BlobStore;

  constructor(
    private readonly db: Db,
    writeTo: BlobStoreKind,
    /** Both stores: a row's bytes are where it was stored, whatever `writeTo` says now. */
    private readonly stores: { files: FileBlobStore; database: BlobStore },
    readonly temp: TempUploads,
  ) {
    this.store = stores[writeTo];
  }

  #storeOf(row: Pick<BlobRow, 'store'>): BlobStore {
    return this.stores[row.store] ?? this.stores.files;
  }

  /** A fresh path for an upload being received. */
  tempPath(suffix = ''): Promise<string> {
    return this.temp.path(suffix);
  }

  /**
   * Stores a checked upload (and its thumbnail) and records it — unless the app's files and this
   * one would pass `quotaBytes` (0: no quota): then 507 PL-U-05 and nothing is kept. Uploads of
   * one app take turns for the sum and the insert (a transaction-level advisory lock, on every
   * process), so uploads finishing together cannot both slip under the quota.
   */
  async commit(file: string, thumbnail: string | undefined, blob: NewBlob, quotaBytes = 0): Promise<BlobRow> {
    const key = randomBytes(16).toString('hex');
    try {
      return await this.db.tx(async (sql) => {
        await sql.row(`SELECT pg_advisory_xact_lock(hashtextextended('parley:blobs:' || $1::text, 0))`, [blob.appId]);
        const row = await sql.row<BlobRow>(
          `INSERT INTO blobs (blob_key, app_id, group_id, uploader, name, size, content_type, thumbnail, store)
           SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::text, $8::boolean, $10::text
           WHERE $9::bigint <= 0
              OR (SELECT coalesce(sum(size), 0) FROM blobs WHERE app_id = $2::text) + $6::bigint <= $9::bigint
           RETURNING *`,
          [
            key,
            blob.appId,
            blob.groupId,
            blob.uploader,
            blob.name,
            blob.size,
            blob.contentType,
            thumbnail !== undefined,
            quotaBytes,
            this.store.kind,
          ],
        );
        if (!row) throw uploadErrors.quotaExceeded(quotaBytes);
        await this.store.put(key, 'file', file, sql);
        if (thumbnail) await this.store.put(key, 'thumbnail', thumbnail, sql);
        return row;
      });
    } catch (err) {
      // Files already moved into place; a database store's parts went with the transaction.
      await this.store.remove(key).catch(() => {});
      throw err;
    }
  }

  find(appId: string, key: string): Promise<BlobRow | undefined> {
    if (!BLOB_KEY.test(key)) return Promise.resolve(undefined);
    return this.db.row<BlobRow>(`SELECT * FROM blobs WHERE app_id = $1 AND blob_key = $2`, [appId, key]);
  }

  /** The bytes of a found blob's file or thumbnail, or undefined when they are gone. */
  open(row: BlobRow, part: BlobPart): Promise<BlobContent | undefined> {
    return this.#storeOf(row).open(row.blob_key, part);
  }

  /** The bytes of an app's stored files (thumbnails not counted). */
  async appBytes(appId: string): Promise<number> {
    const row = await this.db.row<{ bytes: number }>(
      `SELECT coalesce(sum(size), 0)::float8 AS bytes FROM blobs WHERE app_id = $1`,
      [appId],
    );
    return row?.bytes ?? 0;
  }

  /**
   * Removes uploads that no message refers to (`messages.file_meta->>'blobKey'`, any conversation
   * of the app) and that are older than `graceMs` — an upload is sent as a message right after
   * it is made, so the grace period keeps one that is on its way. At most `batch` per call. Rows
   * go first, in one statement (a message stored before it keeps its file; one stored after it
   * names a file that is gone and answers 404), with the parts a database store holds; then the
   * files. Several processes may sweep at once: each row is deleted, and its files removed, by one.
   * Answers how many were removed.
   */
  async sweepUnreferenced(graceMs: number, now = Date.now(), batch = 500): Promise<number> {
    const gone = await this.db.rows<{ blob_key: string; store: BlobStoreKind }>(
      `DELETE FROM blobs WHERE blob_key IN (
         SELECT b.blob_key FROM blobs b
         WHERE b.created_at < $1
           AND NOT EXISTS (
             SELECT 1 FROM messages m
             WHERE m.app_id = b.app_id AND m.file_meta IS NOT NULL AND m.file_meta->>'blobKey' = b.blob_key
           )
         ORDER BY b.created_at
         LIMIT $2
       ) RETURNING blob_key, store`,
      [new Date(now - graceMs), batch],
    );
    await Promise.all(gone.filter((b) => b.store === 'files').map((b) => this.stores.files.remove(b.blob_key)));
    await this.temp.removeStale(now);
    return gone.length;
  }

  /** How much is stored, and how many uploads are being received (temp files of processes sharing the folder). */
  async usage(): Promise<{ blobs: number; bytes: number; partial: number }> {
    const row = await this.db.row<{ blobs: number; bytes: number }>(
      `SELECT count(*)::int AS blobs, coalesce(sum(size), 0)::float8 AS bytes FROM blobs`,
    );
    return { blobs: row?.blobs ?? 0, bytes: row?.bytes ?? 0, partial: await this.temp.partial() };
  }
}
