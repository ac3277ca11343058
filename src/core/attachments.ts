/**
 * Attachments, the pure part: checking a file against the server's limits before it is sent
 * (`maxAttachmentSize` in MB, `allowedAttachmentTypes` as MIME types or `type/*` patterns),
 * the states an upload goes through, file sizes for people, and the URL of a stored file.
 *
 * The same `typeAllowed` runs on the reference server against the type it sniffed from the
 * file's content. Pure functions; bad input gives a result or a fallback, never an exception.
 */
import type { FileMeta } from './protocol.js';
import { safeUrl } from './url.js';

/** Why a file cannot be sent. */
export const FILE_ERRORS = ['too-large', 'type-not-allowed', 'empty'] as const;
export type FileError = (typeof FILE_ERRORS)[number];

export interface AttachmentLimits {
  /** Largest file in MB (the settings' `maxAttachmentSize`); 0 or less: no limit here. */
  maxMB: number;
  /** MIME types or `type/*` patterns (the settings' `allowedAttachmentTypes`); empty: any type. */
  allowedTypes: readonly string[];
}

/** What validation needs to know about a file (a `File` fits). */
export interface FileFacts {
  name: string;
  size: number;
  type: string;
}

export type FileCheck = { ok: true } | { ok: false; error: FileError };

const MB = 1024 * 1024;

/** The limit in bytes, or `Infinity` when there is none. */
export function maxBytes(limits: Pick<AttachmentLimits, 'maxMB'>): number {
  const mb = limits?.maxMB;
  return typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? Math.floor(mb * MB) : Infinity;
}

/** `type/subtype` in lower case without parameters, or '' when `value` is not a MIME type. */
export function mimeOf(value: unknown): string {
  if (typeof value !== 'string') return '';
  const t = value.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(t) ? t : '';
}

/**
 * Whether `type` matches one of `patterns` (`image/png`, `image/*`, `*` or `*` `/` `*`; case and
 * parameters ignored). An empty or missing list allows every type; an unknown type ('') is
 * allowed only by a list that allows everything.
 */
export function typeAllowed(type: unknown, patterns: readonly unknown[] | undefined): boolean {
  const list = Array.isArray(patterns)
    ? patterns.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  if (list.length === 0) return true;
  const mime = mimeOf(type);
  return list.some((raw) => {
    const p = raw.trim().toLowerCase();
    if (p === '*' || p === '*/*') return true;
    if (!mime) return false;
    if (p.endsWith('/*')) return mime.startsWith(p.slice(0, -1));
    return mimeOf(p) === mime;
  });
}

/** Checks a file before upload: not empty, not larger than the limit, of an allowed type. */
export function validateFile(file: FileFacts, limits: AttachmentLimits): FileCheck {
  const size = typeof file?.size === 'number' && Number.isFinite(file.size) ? file.size : 0;
  if (size <= 0) return { ok: false, error: 'empty' };
  if (size > maxBytes(limits ?? { maxMB: 0 })) return { ok: false, error: 'too-large' };
  if (!typeAllowed(file.type, limits?.allowedTypes)) return { ok: false, error: 'type-not-allowed' };
  return { ok: true };
}

/** The `accept` attribute of a file input for these patterns ('' = anything). */
export function acceptAttribute(patterns: readonly unknown[] | undefined): string {
  const list = Array.isArray(patterns)
    ? patterns.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : [];
  if (list.some((p) => p.trim() === '*' || p.trim() === '*/*')) return '';
  return list.map((p) => p.trim()).join(',');
}

/** A size for people ("340 kB", "2.5 MB"), in the given locale; '' for a bad value. */
export function formatFileSize(bytes: unknown, locale?: string): string {
  let n = typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? bytes : -1;
  if (n < 0) return '';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let i = 0;
  for (; n >= 1024 && i < 3; i++) n /= 1024;
  const options: Intl.NumberFormatOptions = {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i ? 1 : 0,
  };
  try {
    return new Intl.NumberFormat(locale || undefined, options).format(n);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(n);
  }
}

/** Image types the widget shows inline (the ones the server makes thumbnails of). */
const INLINE_IMAGES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function isInlineImage(file: Pick<FileMeta, 'contentType'> | undefined): boolean {
  return INLINE_IMAGES.includes(mimeOf(file?.contentType));
}

/**
 * Which URL of a stored file: the file itself (a link: http, https, mailto, tel), its thumbnail,
 * or the file as the source of an `<audio>` / `<video>` player (`media`: http(s) only).
 */
export type FileUrlKind = 'file' | 'thumbnail' | 'media';

/** Turns a message's `fileMeta` into a URL the page may load, or undefined. */
export type FileUrlResolver = (file: FileMeta, kind: FileUrlKind) => string | undefined;

/** Blob keys the reference server hands out (it serves them at `/files/<blobKey>`). */
const OWN_BLOB_KEY = /^[a-f0-9]{32}$/;

export interface FileUrlOptions {
  /** The chat server's URL. */
  server: string;
  /** The visitor's session token: added (as `?token=`) only to URLs on the chat server. */
  token?: string | undefined;
}

/**
 * A resolver for the chat server: `fileMeta.url` / `thumbnailUrl` (absolute, or relative to the
 * server), else `/files/<blobKey>` for the server's own blobs. URLs on the chat server get the
 * session token, since the server serves files only to members of the conversation; URLs
 * elsewhere (a Platform API message pointing at another host) never do. Every URL passes
 * `safeUrl` (links: http(s), mailto, tel; thumbnails and players' sources: http(s)).
 */
export function createFileUrlResolver({ server, token }: FileUrlOptions): FileUrlResolver {
  const base = typeof server === 'string' && server ? server.replace(/\/+$/, '') + '/' : undefined;
  const origin = base ? safeUrl(base, { kind: 'image' }) : undefined;
  const serverOrigin = origin ? new URL(origin).origin : undefined;
  return (file, kind) => {
    if (!file || typeof file !== 'object') return undefined;
    const own = typeof file.blobKey === 'string' && OWN_BLOB_KEY.test(file.blobKey);
    const image = isInlineImage(file);
    // An image without a thumbnail is its own thumbnail.
    const thumb = kind === 'thumbnail';
    let raw: unknown = thumb ? (file.thumbnailUrl ?? (image ? file.url : undefined)) : file.url;
    if (raw === undefined && own && base && (!thumb || image)) {
      raw = `/files/${file.blobKey}${thumb ? '/thumbnail' : ''}`;
    }
    const url = safeUrl(raw, { kind: kind === 'file' ? 'link' : 'image', base });
    if (!url || !token || !serverOrigin) return url;
    const parsed = new URL(url);
    if (parsed.origin !== serverOrigin || !parsed.pathname.startsWith('/files/')) return url;
    parsed.searchParams.set('token', token);
    return parsed.href;
  };
}

/** The states of one attachment in the composer (see `src/controller/uploads.ts`). */
export const UPLOAD_STATES = ['rejected', 'uploading', 'done', 'failed', 'cancelled'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

/** One attachment as the composer shows it (a chip). Immutable: each change is a new object. */
export interface AttachmentItem {
  readonly id: string;
  /** The picked file (the chip previews images from it). */
  readonly file: Blob;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly state: UploadState;
  /** Bytes sent so far and in all (while uploading). */
  readonly loaded: number;
  readonly total: number;
  /** Why it was rejected (`FileError`) or failed (a server or network error code). */
  readonly error?: string;
  /** What the server stored, once `done`. */
  readonly fileMeta?: FileMeta;
}
