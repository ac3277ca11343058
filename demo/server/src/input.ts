/**
 * Reading request bodies and query strings. Each reader takes `unknown` and either returns a
 * typed value or throws an `HttpError` with the documented code: PL-R-02 for a missing field,
 * PL-R-03 for a wrong type or a value over a cap. The router turns the throw into the error
 * envelope.
 *
 * Text that PostgreSQL cannot store is **cleaned, not refused**: every string and every object
 * key loses its NUL characters (U+0000) and has each lone UTF-16 surrogate replaced by U+FFFD,
 * the way a browser's `TextEncoder` already treats them. A visitor whose text carries a broken
 * emoji still gets the message through, and no input reaches the database as something it
 * rejects (which was a 500). Cleaning happens once at each boundary, before any check compares
 * a value: `readBody` in http.ts cleans every parsed JSON body (and the router cleans path and
 * query values), and the readers below clean again for payloads that arrive without http.ts
 * (socket.io events). Nesting deeper than `MAX_JSON_DEPTH` is refused (PL-R-03).
 *
 * `metadata` (messages, conversations, users, sessions) is capped by `METADATA_LIMITS`; a map
 * over any cap is refused (PL-R-03), never truncated, so the sender learns what was not stored.
 */
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../../src/core/language-tag.js';
import { CONTENT_TYPE_VALUES, MESSAGE_TYPES } from '../../../src/core/protocol.js';
import type { ContentType, FileMeta, Metadata, MessageType } from '../../../src/core/protocol.js';
import { fail } from './errors.js';

export type { Json } from '../../../src/core/wire.js';
export { isRecord } from '../../../src/core/wire.js';
import type { Json } from '../../../src/core/wire.js';
import { isRecord } from '../../../src/core/wire.js';

export const MAX_ID_LENGTH = 191;
export const MAX_KEY_LENGTH = 128;
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 200;

/**
 * Caps on every `metadata` map, as stored (after scalars and objects become strings):
 * - `keys`: 100 entries — integrations use a handful; custom attributes in comparable products
 *   stop at a few hundred per record;
 * - `keyLength`: 100 characters per key;
 * - `valueLength`: 10,000 characters per value — a rich message's `payload` (up to 20 cards or
 *   buttons) fits, and it is what the widget reads of a value (`toMetadata` in src/core/rich.ts);
 * - `bytes`: 16 KB (16,384 bytes of UTF-8) for the whole map serialized as JSON.
 */
export const METADATA_LIMITS = { keys: 100, keyLength: 100, valueLength: 10_000, bytes: 16 * 1024 } as const;

/** Objects and arrays nested deeper than this are refused: no request needs more, and walking
 * (or serializing) a value nested thousands deep would exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** `text` without NUL characters and with each lone surrogate replaced by U+FFFD. */
export function cleanText(text: string): string {
  const noNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  const wf = noNul as unknown as WellFormedString;
  return wf.isWellFormed() ? noNul : wf.toWellFormed();
}

/**
 * A parsed JSON value with `cleanText` applied to every string and every object key (a later
 * key wins when two become equal). Objects are rebuilt as plain data (`__proto__` stays an
 * ordinary key). Nesting deeper than `MAX_JSON_DEPTH` is PL-R-03 on `field`.
 */
export function cleanJson(value: unknown, field = 'body'): unknown {
  return cleanAt(value, field, 0);
}

function cleanAt(value: unknown, field: string, depth: number): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) throw fail.invalidField(field, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v: unknown) => cleanAt(v, field, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [cleanText(k), cleanAt(v, field, depth + 1)] as const),
  );
}

export function asObject(body: unknown): Json {
  if (body === undefined) return {};
  if (!isRecord(body)) throw fail.invalidField('body', 'must be a JSON object');
  return body;
}

/** A string field; `required` makes a missing or blank value PL-R-02. */
export function str(obj: Json, field: string, opts: { required: true; max?: number }): string;
export function str(obj: Json, field: string, opts?: { required?: false; max?: number }): string | undefined;
export function str(obj: Json, field: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) {
    if (opts.required) throw fail.missingField(field);
    return undefined;
  }
  if (typeof value !== 'string') throw fail.invalidField(field, 'must be a string');
  if (opts.required && value.trim() === '') throw fail.missingField(field);
  if (value.length > (opts.max ?? MAX_TEXT_LENGTH)) throw fail.invalidField(field, 'is too long');
  return cleanText(value);
}

/** An identifier that may arrive as a string or a number (`clientGroupId`, `groupId`, `key`). */
export function id(obj: Json, field: string, max = MAX_ID_LENGTH): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw fail.invalidField(field, 'must be a string');
  if (value.length > max) throw fail.invalidField(field, 'is too long');
  return cleanText(value);
}

/**
 * A visitor's locale (`src/core/language-tag.ts`): a well-formed BCP 47 tag, answered canonical
 * (`de-at` → `de-AT`); absent, null or blank → undefined (unchanged). Anything else is PL-R-03.
 */
export function locale(obj: Json, field = 'locale'): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value !== 'string') throw fail.invalidField(field, 'must be a string');
  if (value.trim().length > MAX_LOCALE_LENGTH)
    throw fail.invalidField(field, `must be at most ${MAX_LOCALE_LENGTH} characters`);
  const canonical = canonicalLocale(value);
  if (canonical === undefined) throw fail.invalidField(field, 'must be a BCP 47 language tag, such as de-AT');
  return canonical;
}

export function bool(obj: Json, field: string): boolean | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw fail.invalidField(field, 'must be a boolean');
}

/**
 * Metadata as the product stores it: string values. Booleans and numbers arrive unquoted on
 * the wire (`"skipBot": true`) and are stored as strings; objects become JSON strings; nulls
 * are dropped. Keys and values are cleaned (`cleanText`); a map over `METADATA_LIMITS` is
 * PL-R-03 naming `field` and the cap.
 */
export function metadata(value: unknown, field = 'metadata'): Metadata {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw fail.invalidField(field, 'must be an object');
  const { keys, keyLength, valueLength, bytes } = METADATA_LIMITS;
  const entries = Object.entries(value);
  if (entries.length > keys) throw fail.invalidField(field, `must have at most ${keys} keys`);
  const pairs: Array<[string, string]> = [];
  for (const [rawKey, v] of entries) {
    if (v === null || v === undefined) continue;
    const k = cleanText(rawKey);
    if (k.length > keyLength) throw fail.invalidField(field, `keys must be at most ${keyLength} characters`);
    const text =
      typeof v === 'string'
        ? cleanText(v)
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(cleanJson(v, field));
    if (text.length > valueLength)
      throw fail.invalidField(`${field}.${k}`, `must be at most ${valueLength} characters`);
    pairs.push([k, text]);
  }
  // fromEntries defines properties, so a `__proto__` key stays a key.
  const out: Metadata = Object.fromEntries(pairs);
  if (new TextEncoder().encode(JSON.stringify(out)).length > bytes)
    throw fail.invalidField(field, `must be at most ${bytes} bytes as JSON`);
  return out;
}

export function contentType(value: unknown): ContentType {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!(CONTENT_TYPE_VALUES as readonly unknown[]).includes(n))
    throw fail.invalidField('contentType', 'is not a known content type');
  return n as ContentType;
}

/** The Platform API's `source`, the channel a message came from: a whole number 0–32767, or absent. */
export function messageSource(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 32767)
    throw fail.invalidField('source', 'must be a whole number from 0 to 32767');
  return n;
}

export function messageType(value: unknown): MessageType | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!(MESSAGE_TYPES as readonly unknown[]).includes(n)) throw fail.invalidField('type', 'must be 4 or 5');
  return n as MessageType;
}

export function fileMeta(raw: unknown): FileMeta | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = cleanJson(raw, 'fileMeta');
  if (!isRecord(value)) throw fail.invalidField('fileMeta', 'must be an object');
  const blobKey = str(value, 'blobKey', { required: true, max: 2000 });
  const size = value['size'];
  if (size !== undefined && (typeof size !== 'number' || !Number.isFinite(size) || size < 0)) {
    throw fail.invalidField('fileMeta.size', 'must be a number');
  }
  const created = value['createdAtTime'];
  if (created !== undefined && (typeof created !== 'number' || !Number.isFinite(created))) {
    throw fail.invalidField('fileMeta.createdAtTime', 'must be a number');
  }
  const meta: FileMeta = {
    blobKey,
    name: str(value, 'name', { max: 1000 }) ?? '',
    size: typeof size === 'number' ? size : 0,
    contentType: str(value, 'contentType', { max: 200 }) ?? 'application/octet-stream',
  };
  const thumbnailUrl = str(value, 'thumbnailUrl', { max: 4000 });
  const url = str(value, 'url', { max: 4000 });
  if (thumbnailUrl !== undefined) meta.thumbnailUrl = thumbnailUrl;
  if (url !== undefined) meta.url = url;
  if (typeof created === 'number') meta.createdAtTime = created;
  return meta;
}

/** A non-negative integer from a query string; absent → `fallback`; clamped to `max`. */
export function queryInt(
  params: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw fail.invalidField(name, 'must be a non-negative integer');
  return Math.min(Number(raw), max);
}

/** A message as any sender path (socket, widget REST, Platform API) hands it to the chat service. */
export interface MessageInput {
  key?: string;
  groupId?: string;
  clientGroupId?: string;
  message: string;
  contentType: ContentType;
  metadata: Metadata;
  fileMeta?: FileMeta;
  type?: MessageType;
  /** The channel (Platform API `source`): only the Platform API reads it (`messageSource`). */
  source?: number;
}

function isRich(meta: Metadata): boolean {
  return meta['templateId'] !== undefined || meta['contentType'] === '300';
}

/** Reads a message body; an empty message needs a file or a rich template. */
export function messageInput(body: unknown): MessageInput {
  const obj = asObject(cleanJson(body));
  const input: MessageInput = {
    message: str(obj, 'message') ?? '',
    contentType: contentType(obj['contentType']),
    metadata: metadata(obj['metadata']),
  };
  const key = id(obj, 'key', MAX_KEY_LENGTH);
  const groupId = id(obj, 'groupId');
  const clientGroupId = id(obj, 'clientGroupId');
  const file = fileMeta(obj['fileMeta']);
  const type = messageType(obj['type']);
  if (key !== undefined) input.key = key;
  if (groupId !== undefined) input.groupId = groupId;
  if (clientGroupId !== undefined) input.clientGroupId = clientGroupId;
  if (file !== undefined) input.fileMeta = file;
  if (type !== undefined) input.type = type;
  if (input.message.trim() === '' && !file && !isRich(input.metadata)) throw fail.missingField('message');
  return input;
}
