/**
 * The `Sql` face of a driver's connection, the same for PGlite and PostgreSQL: every string
 * parameter is cleaned of NUL before it is sent.
 */
import type { Sql } from './db.js';

/** A driver's connection, pool or transaction: one statement with parameters, rows back. */
export interface Queryable {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and a browser drops it from text anyway: strip
 * it from every string parameter (inside JSON documents and arrays too) rather than fail the request.
 */
export function withoutNul(value: unknown): unknown {
  // Arrays (`unnest($1::text[])`, `= ANY($1)`) are cleaned item by item.
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === 'string') {
    if (/^[[{]/.test(value) && value.includes('\\u0000')) {
      try {
        return JSON.stringify(
          JSON.parse(value, (_k, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)),
        );
      } catch {
        /* not JSON: plain text */
      }
    }
    return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  }
  return value;
}

export function wrap(q: Queryable): Sql {
  return {
    async rows<T>(text: string, params: readonly unknown[] = []) {
      return (await q.query(text, params.map(withoutNul))).rows as T[];
    },
    async row<T>(text: string, params: readonly unknown[] = []) {
      return (await q.query(text, params.map(withoutNul))).rows[0] as T | undefined;
    },
  };
}
