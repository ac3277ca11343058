/**
 * The records the store keeps (`store.ts`): their shapes, the `{v, at, data}` envelope every
 * record is wrapped in, and the parsers of the outbox and the preferences. A record of another
 * version or that fails to parse reads as missing; nothing here throws.
 */
import type { Message, OutgoingMessage } from '../core/protocol.js';
import { isRecord, parseMessage, parseMetadata } from '../core/wire.js';

export const RECORD_VERSION = 1;

export interface CachedSettings {
  /** The server's settings as fetched (parsed again on every use). */
  raw: unknown;
  fetchedAt: number;
}

/**
 * A file of an outbox message still to be uploaded: the Blob waits in a record of its own
 * (`outbox-file:<key>`); once uploaded, the server's `fileMeta` replaces this in the message.
 */
export interface OutboxFile {
  name: string;
  size: number;
  type: string;
  /** Storage refused the Blob (quota): it is kept in this tab's memory only. */
  inTab?: true;
}

/** A message waiting for the server's acknowledgement. */
export interface OutboxItem {
  key: string;
  groupId: string;
  message: OutgoingMessage;
  createdAtTime: number;
  /** Error code of a server rejection: the item waits for retry or discard, it is not resent. */
  failed?: string;
  /** A file to upload before the message can go. */
  file?: OutboxFile;
}

export type PrefValue = string | number | boolean;
/** Small visitor preferences (text-to-speech on/off, panel open, active conversation…). */
export type Prefs = Record<string, PrefValue>;

interface Envelope {
  v: number;
  at: number;
  data: unknown;
}

export function wrap(data: unknown): Envelope {
  return { v: RECORD_VERSION, at: Date.now(), data };
}

export function unwrap(record: unknown): unknown {
  if (!isRecord(record) || record.v !== RECORD_VERSION || !('data' in record)) return undefined;
  return record.data;
}

function parseOutboxItem(value: unknown): OutboxItem | undefined {
  if (!isRecord(value) || !isRecord(value.message)) return undefined;
  const { key, groupId, createdAtTime, failed } = value;
  const m = value.message;
  if (typeof key !== 'string' || !key || typeof groupId !== 'string' || !groupId) return undefined;
  if (typeof m.key !== 'string' || typeof m.groupId !== 'string' || typeof m.message !== 'string') return undefined;
  const message: OutgoingMessage = { key: m.key, groupId: m.groupId, message: m.message };
  if (typeof m.contentType === 'number') message.contentType = m.contentType as OutgoingMessage['contentType'];
  if (m.metadata !== undefined) message.metadata = parseMetadata(m.metadata);
  if (isRecord(m.fileMeta)) {
    // Re-use the message parser's file checks through a minimal stored message.
    const parsed = parseMessage({ key: 'x', id: 0, groupId: 'x', fileMeta: m.fileMeta });
    if (parsed?.fileMeta) message.fileMeta = parsed.fileMeta;
  }
  const item: OutboxItem = {
    key,
    groupId,
    message,
    createdAtTime: typeof createdAtTime === 'number' && Number.isFinite(createdAtTime) ? createdAtTime : 0,
  };
  if (typeof failed === 'string' && failed) item.failed = failed;
  const file = value.file;
  if (
    isRecord(file) &&
    typeof file.name === 'string' &&
    typeof file.size === 'number' &&
    typeof file.type === 'string'
  ) {
    item.file = { name: file.name, size: file.size, type: file.type, ...(file.inTab === true ? { inTab: true } : {}) };
  }
  return item;
}

export function parseOutbox(value: unknown): OutboxItem[] {
  if (!Array.isArray(value)) return [];
  const out: OutboxItem[] = [];
  for (const v of value) {
    const item = parseOutboxItem(v);
    if (item) out.push(item);
  }
  return out;
}

export function parsePrefs(value: unknown): Prefs {
  const out: Prefs = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** True when `list` starts with the very objects of `start`. */
export function startsWith(list: readonly unknown[], start: readonly unknown[]): boolean {
  if (list.length < start.length) return false;
  for (let i = 0; i < start.length; i++) if (list[i] !== start[i]) return false;
  return true;
}

export function sortedById(messages: Message[]): Message[] {
  return messages.sort((a, b) => a.id - b.id);
}
