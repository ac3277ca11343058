/**
 * Attachment storage: files in `<dataDir>/blobs/` named by an unguessable blob key, metadata in
 * the `blobs` table, uploads streamed through `<dataDir>/blobs/tmp/` and renamed into place
 * only once complete and checked. The type of a file is what its bytes say (magic numbers for
 * PNG, JPEG, GIF, WEBP and PDF; plain text = valid UTF-8 without NUL), never its name.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import sharp from 'sharp';
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { FileMeta } from '../../../src/core/protocol.js';
import type { Sql } from './db.js';
import { HttpError } from './errors.js';

export const uploadErrors = {
  tooLarge: (maxBytes: number) =>
    new HttpError(413, ERROR_CODES.fileTooLarge, `file is larger than the limit of ${maxBytes} bytes`),
  typeNotAllowed: (why: string) => new HttpError(415, ERROR_CODES.fileTypeNotAllowed, why),
  incomplete: (why = 'upload ended before the file was complete') =>
    new HttpError(400, ERROR_CODES.uploadIncomplete, why),
  notFound: () => new HttpError(404, ERROR_CODES.blobNotFound, 'file not found'),
  notMultipart: () =>
    new HttpError(400, ERROR_CODES.invalidField, 'body must be multipart/form-data with a "file" part'),
  noFile: () => new HttpError(400, ERROR_CODES.missingField, 'file is required'),
  empty: () => new HttpError(400, ERROR_CODES.invalidField, 'file is empty'),
  quotaExceeded: (quotaBytes: number) =>
    new HttpError(
      507,
      ERROR_CODES.storageQuotaExceeded,
      `this app's storage quota of ${quotaBytes} bytes would be exceeded: remove files or raise the quota`,
    ),
} as const;

/** Blob keys this server makes: 128 random bits in hex. */
export const BLOB_KEY = /^[a-f0-9]{32}$/;

/** The largest edge of a thumbnail, px. */
export const THUMBNAIL_SIZE = 320;

/** The types this server can recognise by content. */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function startsWith(head: Buffer, bytes: readonly number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The type a file's first bytes announce, or undefined. */
export function sniffMagic(head: Buffer): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

/**
 * Watches a byte stream as it passes: its size, its first bytes, and whether it is plain text
 * (valid UTF-8, no NUL). `type()` is the verdict once the stream has ended.
 */
export class ContentSniffer extends Transform {
  size = 0;
  #head = Buffer.alloc(0);
  #text = true;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.#head.length < 16) this.#head = Buffer.concat([this.#head, chunk.subarray(0, 16 - this.#head.length)]);
    if (this.#text) {
      if (chunk.includes(0)) this.#text = false;
      else {
        try {
          this.#decoder.decode(chunk, { stream: true });
        } catch {
          this.#text = false;
        }
      }
    }
    done(null, chunk);
  }

  /** The content's type: a recognised format, `text/plain`, or undefined for anything else. */
  type(): string | undefined {
    const magic = sniffMagic(this.#head);
    if (magic) return magic;
    if (!this.#text) return undefined;
    try {
      this.#decoder.decode();
      return 'text/plain';
    } catch {
      return undefined;
    }
  }
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: unknown): string {
  const base = typeof raw === 'string' ? (raw.split(/[\\/]/).pop() ?? '') : '';
  const name = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 200);
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

export interface Received {
  /** The completed file in the temp folder. */
  path: string;
  name: string;
  size: number;
  /** Type by content; undefined when not recognised. */
  type: string | undefined;
}

/**
 * Streams the `file` part of a multipart request into `tmpPath` (never more than `maxBytes` + 1
 * bytes and never the whole file in memory). Rejects with PL-U-01 when it is too large, PL-U-03
 * when the request ends early or the multipart body is cut off, PL-R-02/03 for a missing part or
 * a non-multipart body; on any failure nothing is left at `tmpPath`.
 */
export function receiveFile(req: IncomingMessage, tmpPath: string, maxBytes: number): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, parts: 21, fileSize: maxBytes + 1 } });
    } catch {
      reject(uploadErrors.notMultipart());
      return;
    }
    let settled = false;
    let writing: Promise<Received> | undefined;
    let out: ReturnType<typeof createWriteStream> | undefined;

    const fail = (err: HttpError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Drain what the client still sends, so it can read the answer; the parser is done.
      req.resume();
      // Not from inside the parser's own event (busboy still touches its state after 'limit').
      setImmediate(() => parser.destroy());
      const file = out;
      // A write stream destroyed before it opened still creates the file: remove it once closed.
      const closed = file && !file.closed ? new Promise<void>((r) => file.once('close', () => r())) : Promise.resolve();
      file?.destroy();
      closed
        .then(() => rm(tmpPath, { force: true }))
        .then(
          () => reject(err),
          () => reject(err),
        );
    };
    const succeed = (value: Received) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || writing) {
        stream.resume();
        return;
      }
      const sniffer = new ContentSniffer();
      out = createWriteStream(tmpPath, { flags: 'wx' });
      stream.on('limit', () => fail(uploadErrors.tooLarge(maxBytes)));
      writing = pipeline(stream, sniffer, out).then(() => ({
        path: tmpPath,
        name: cleanFileName(info.filename),
        size: sniffer.size,
        type: sniffer.type(),
      }));
      // Failures surface through `close`/`error` below; keep this one from going unhandled.
      writing.catch(() => {});
    });
    parser.on('error', () => fail(uploadErrors.incomplete()));
    parser.on('close', () => {
      if (!writing) fail(uploadErrors.noFile());
      else writing.then(succeed, () => fail(uploadErrors.incomplete()));
    });
    req.on('close', () => {
      if (!req.complete) fail(uploadErrors.incomplete('the client closed the connection during the upload'));
    });
    req.pipe(parser);
  });
}

/** Writes a WEBP thumbnail of the image at `source` to `target`; rejects for a broken image. */
export async function makeThumbnail(source: string, target: string): Promise<void> {
  await sharp(source, { limitInputPixels: 100_000_000, failOn: 'error' })
    .rotate()
    .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toFile(target);
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
  thumbnail: boolean;
}

/** The files on disk and their rows. */
export class BlobStore {
  readonly dir: string;
  readonly tmpDir: string;

  constructor(
    root: string,
    private readonly sql: Sql,
  ) {
    this.dir = join(root, 'blobs');
    this.tmpDir = join(this.dir, 'tmp');
  }

  /**
   * Creates the folders and removes uploads a previous run left unfinished (the `blobs` table is
   * migration 9's, `db-migrations.ts`).
   */
  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  /** A fresh path in the temp folder. */
  tempPath(suffix = ''): string {
    return join(this.tmpDir, `${randomBytes(12).toString('hex')}${suffix}`);
  }

  filePath(key: string, thumbnail = false): string {
    return join(this.dir, thumbnail ? `${key}.thumb.webp` : key);
  }

  /**
   * Moves a checked upload (and its thumbnail) into place and records it — unless the app's files
   * and this one would pass `quotaBytes` (0: no quota): then 507 PL-U-05 and nothing is kept. The
   * sum and the insert are one statement, so uploads finishing together cannot both slip under.
   */
  async commit(file: string, thumbnail: string | undefined, blob: NewBlob, quotaBytes = 0): Promise<BlobRow> {
    const key = randomBytes(16).toString('hex');
    const final = this.filePath(key);
    const finalThumb = this.filePath(key, true);
    try {
      await rename(file, final);
      if (thumbnail) await rename(thumbnail, finalThumb);
      const row = await this.sql.row<BlobRow>(
        `INSERT INTO blobs (blob_key, app_id, group_id, uploader, name, size, content_type, thumbnail)
         SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::text, $8::boolean
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
        ],
      );
      if (!row) throw uploadErrors.quotaExceeded(quotaBytes);
      return row;
    } catch (err) {
      await Promise.all([rm(final, { force: true }), rm(finalThumb, { force: true })]);
      throw err;
    }
  }

  find(appId: string, key: string): Promise<BlobRow | undefined> {
    if (!BLOB_KEY.test(key)) return Promise.resolve(undefined);
    return this.sql.row<BlobRow>(`SELECT * FROM blobs WHERE app_id = $1 AND blob_key = $2`, [appId, key]);
  }

  /** The bytes of an app's stored files (thumbnails not counted). */
  async appBytes(appId: string): Promise<number> {
    const row = await this.sql.row<{ bytes: number }>(
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
   * names a file that is gone and answers 404), then the files. Answers how many were removed.
   */
  async sweepUnreferenced(graceMs: number, now = Date.now(), batch = 500): Promise<number> {
    const gone = await this.sql.rows<{ blob_key: string; thumbnail: boolean }>(
      `DELETE FROM blobs WHERE blob_key IN (
         SELECT b.blob_key FROM blobs b
         WHERE b.created_at < $1
           AND NOT EXISTS (
             SELECT 1 FROM messages m
             WHERE m.app_id = b.app_id AND m.file_meta IS NOT NULL AND m.file_meta->>'blobKey' = b.blob_key
           )
         ORDER BY b.created_at
         LIMIT $2
       ) RETURNING blob_key, thumbnail`,
      [new Date(now - graceMs), batch],
    );
    await Promise.all(
      gone.map((b) =>
        Promise.all([
          rm(this.filePath(b.blob_key), { force: true }),
          b.thumbnail ? rm(this.filePath(b.blob_key, true), { force: true }) : undefined,
        ]),
      ),
    );
    return gone.length;
  }

  /** How much is stored, and how many uploads are unfinished (files in the temp folder). */
  async usage(): Promise<{ blobs: number; bytes: number; partial: number }> {
    const row = await this.sql.row<{ blobs: number; bytes: number }>(
      `SELECT count(*)::int AS blobs, coalesce(sum(size), 0)::float8 AS bytes FROM blobs`,
    );
    const partial = (await readdir(this.tmpDir).catch(() => [])).length;
    return { blobs: row?.blobs ?? 0, bytes: row?.bytes ?? 0, partial };
  }
}
