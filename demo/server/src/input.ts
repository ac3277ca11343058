/**
 * Reading request bodies and query strings. Each reader takes `unknown` and either returns a
 * typed value or throws an `HttpError` with the documented code: PL-R-02 for a missing field,
 * PL-R-03 for a wrong type. The router turns the throw into the error envelope.
 */
import { CONTENT_TYPE_VALUES, MESSAGE_TYPES } from '../../../src/core/protocol.js';
import type { ContentType, FileMeta, Metadata, MessageType } from '../../../src/core/protocol.js';
import { fail } from './errors.js';

export type Json = Record<string, unknown>;

export const MAX_ID_LENGTH = 191;
export const MAX_KEY_LENGTH = 128;
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_NAME_LENGTH = 200;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  return value;
}

/** An identifier that may arrive as a string or a number (`clientGroupId`, `groupId`, `key`). */
export function id(obj: Json, field: string, max = MAX_ID_LENGTH): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw fail.invalidField(field, 'must be a string');
  if (value.length > max) throw fail.invalidField(field, 'is too long');
  return value;
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
 * are dropped.
 */
export function metadata(value: unknown, field = 'metadata'): Metadata {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw fail.invalidField(field, 'must be an object');
  const out: Metadata = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else out[k] = JSON.stringify(v);
  }
  return out;
}

export function contentType(value: unknown): ContentType {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!(CONTENT_TYPE_VALUES as readonly unknown[]).includes(n))
    throw fail.invalidField('contentType', 'is not a known content type');
  return n as ContentType;
}

export function messageType(value: unknown): MessageType | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (!(MESSAGE_TYPES as readonly unknown[]).includes(n)) throw fail.invalidField('type', 'must be 4 or 5');
  return n as MessageType;
}

export function fileMeta(value: unknown): FileMeta | undefined {
  if (value === undefined || value === null) return undefined;
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
}

function isRich(meta: Metadata): boolean {
  return meta['templateId'] !== undefined || meta['contentType'] === '300';
}

/** Reads a message body; an empty message needs a file or a rich template. */
export function messageInput(body: unknown): MessageInput {
  const obj = asObject(body);
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
