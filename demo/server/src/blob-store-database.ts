/**
 * Attachment bytes in the database (`blob_parts`, migration 11), the default with `DATABASE_URL`:
 * every process that reaches the database reads every upload, with nothing else to share, back up
 * or mount. A file is kept in parts of `PART_BYTES` (1 MiB), so neither storing nor serving one
 * holds more than a part in memory; a part row goes with its blob's row (`ON DELETE CASCADE`).
 *
 * The cost is database size and I/O for attachments (at most `maxAttachmentSize` each, within the
 * storage quota); a deployment that would rather keep them out of PostgreSQL sets
 * `PARLEY_UPLOAD_STORE=files` and `PARLEY_UPLOAD_DIR` to a folder every process mounts.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { BlobContent, BlobPart, BlobStore } from './blob-store.js';
import type { Sql } from './db.js';

/** The size of a stored part. */
export const PART_BYTES = 1024 * 1024;

export class DatabaseBlobStore implements BlobStore {
  readonly kind = 'database';

  constructor(private readonly db: Sql) {}

  async put(key: string, part: BlobPart, file: string, sql: Sql): Promise<void> {
    let index = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: PART_BYTES })) {
      await sql.row(`INSERT INTO blob_parts (blob_key, kind, part, bytes) VALUES ($1, $2, $3, $4)`, [
        key,
        part,
        index++,
        chunk as Buffer,
      ]);
    }
  }

  async open(key: string, part: BlobPart): Promise<BlobContent | undefined> {
    const info = await this.db.row<{ parts: number; size: number }>(
      `SELECT count(*)::int AS parts, coalesce(sum(octet_length(bytes)), 0)::float8 AS size
       FROM blob_parts WHERE blob_key = $1 AND kind = $2`,
      [key, part],
    );
    if (!info || info.parts === 0) return undefined;
    const db = this.db;
    const { parts, size } = info;
    return {
      size,
      stream: () =>
        Readable.from(
          (async function* () {
            for (let index = 0; index < parts; index++) {
              const row = await db.row<{ bytes: Uint8Array }>(
                `SELECT bytes FROM blob_parts WHERE blob_key = $1 AND kind = $2 AND part = $3`,
                [key, part, index],
              );
              // Removed meanwhile (the sweep): the answer is cut off rather than completed wrongly.
              if (!row) throw new Error('blob removed while it was served');
              yield Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
            }
          })(),
        ),
    };
  }

  async remove(key: string): Promise<void> {
    await this.db.row(`DELETE FROM blob_parts WHERE blob_key = $1`, [key]);
  }
}
