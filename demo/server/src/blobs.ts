/**
 * Receiving attachments: an upload is streamed into a temporary file of this process
 * (`blob-store-files.ts`), checked (size, type, an image's thumbnail) and only then stored
 * (`blob-store.ts`). The type of a file is what its bytes say (magic numbers for PNG, JPEG, GIF,
 * WEBP and PDF; plain text = valid UTF-8 without NUL), never its name.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import sharp from 'sharp';
import { ERROR_CODES } from '../../../src/core/protocol.js';
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
