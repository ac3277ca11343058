/**
 * Readers of untrusted JSON values for the rich-message parsers (`rich.ts`,
 * `rich-templates.ts`, `contact.ts`), and the payloads of content types 2 (location) and 4 (price). Each
 * returns a value or `undefined`; none throws. `str`, `toMetadata`, `parseLocation` and
 * `parsePrice` are re-exported by `rich.ts`.
 */
import type { Metadata } from './protocol.js';
import { isRecord, type Json } from './wire.js';

const MAX_ITEMS = 20;
const MAX_TEXT = 2000;

/** A non-empty string (numbers are accepted and stringified), capped at `max` characters. */
export function str(v: unknown, max = MAX_TEXT): string | undefined {
  const s = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  return s ? s.slice(0, max) : undefined;
}

export function list<T>(v: unknown, item: (o: Json) => T | undefined, max = MAX_ITEMS): T[] {
  const out: T[] = [];
  for (const o of Array.isArray(v) ? v.slice(0, max * 5) : []) {
    const x = isRecord(o) ? item(o) : undefined;
    if (x !== undefined && out.push(x) >= max) break;
  }
  return out;
}

export function json(s: unknown): unknown {
  if (typeof s !== 'string') return s;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** A string map from an object (or a JSON string of one): strings kept, scalars stringified,
 * nested values as JSON. */
export function toMetadata(v: unknown): Metadata | undefined {
  const o = json(v);
  if (!isRecord(o)) return undefined;
  const out: Metadata = {};
  for (const [k, x] of Object.entries(o).slice(0, 50)) {
    if (x === null || x === undefined) continue;
    out[k] = (typeof x === 'string' ? x : (JSON.stringify(x) ?? '')).slice(0, MAX_TEXT * 5);
  }
  return out;
}

/** A finite number, or a non-empty numeric string. */
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' || (typeof v === 'string' && v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Content type 2: `{"lat", "lon"}` (or `lng`) as JSON in the message text, numbers or numeric
 * strings, within range. */
export function parseLocation(text: unknown): { lat: number; lon: number } | undefined {
  const o = json(text);
  const lat = isRecord(o) ? num(o.lat) : undefined;
  const lon = isRecord(o) ? num(o.lon ?? o.lng) : undefined;
  return lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
    ? { lat, lon }
    : undefined;
}

/** Content type 4: `{"amount" | "price", "currency"}` as JSON in the message text; plain text
 * (e.g. "$10") gives `undefined` and is shown as it is. */
export function parsePrice(text: unknown): { amount: number; currency: string } | undefined {
  const o = json(text);
  const amount = isRecord(o) ? num(o.amount ?? o.price) : undefined;
  const currency = isRecord(o) && typeof o.currency === 'string' ? o.currency : '';
  return amount !== undefined && /^[a-z]{3}$/i.test(currency)
    ? { amount, currency: currency.toUpperCase() }
    : undefined;
}
