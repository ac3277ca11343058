/**
 * Attachment bytes as files in a folder (`<dataDir>/blobs`, or `PARLEY_UPLOAD_DIR` — a folder
 * several processes may share), and the temporary files uploads are received into.
 *
 * Temporary files live in `<folder>/tmp/<process>/`, a folder of this process's own, on the same
 * file system as the stored files so that storing one is a rename. A process never empties the
 * temp folder of another, which may be receiving an upload at that moment: at start and with each
 * sweep, it removes only what has not been written to for `STALE_TEMP_MS` — an upload is written
 * to while it is received, and node gives up on a request body after 5 minutes (`requestTimeout`),
 * so such a file belongs to a process that is gone. A closing process removes its own folder.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobContent, BlobPart, BlobStore } from './blob-store.js';

/** A temporary file not written to for this long belongs to an upload that is over. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export class FileBlobStore implements BlobStore {
  readonly kind = 'files';

  constructor(readonly dir: string) {}

  path(key: string, part: BlobPart): string {
    return join(this.dir, part === 'thumbnail' ? `${key}.thumb.webp` : key);
  }

  async put(key: string, part: BlobPart, file: string): Promise<void> {
    await rename(file, this.path(key, part));
  }

  async open(key: string, part: BlobPart): Promise<BlobContent | undefined> {
    const path = this.path(key, part);
    const info = await stat(path).catch(() => undefined);
    return info ? { size: info.size, stream: () => createReadStream(path) } : undefined;
  }

  async remove(key: string): Promise<void> {
    await Promise.all([rm(this.path(key, 'file'), { force: true }), rm(this.path(key, 'thumbnail'), { force: true })]);
  }
}

/** This process's temporary files: `<root>/tmp/<process>/`. */
export class TempUploads {
  readonly tmpRoot: string;
  /** This process's own temp folder. */
  readonly dir: string;

  constructor(root: string) {
    this.tmpRoot = join(root, 'tmp');
    this.dir = join(this.tmpRoot, `p${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  /** Creates this process's folder and removes what other processes left long ago. */
  async init(now = Date.now()): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.removeStale(now);
  }

  /** A fresh path in this process's temp folder (made again if another process removed it as stale). */
  async path(suffix = ''): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return join(this.dir, `${randomBytes(12).toString('hex')}${suffix}`);
  }

  /**
   * Removes temporary files (and other processes' folders, once empty) not written to for
   * `STALE_TEMP_MS`; answers how many files went. Files of uploads under way are never that old.
   */
  async removeStale(now = Date.now(), staleMs = STALE_TEMP_MS): Promise<number> {
    let removed = 0;
    // This process is alive: its folder is not stale, however long since its last upload.
    await utimes(this.dir, new Date(now), new Date(now)).catch(() => {});
    const old = async (path: string) => {
      const info = await stat(path).catch(() => undefined);
      return info !== undefined && now - info.mtimeMs > staleMs ? info : undefined;
    };
    for (const entry of await readdir(this.tmpRoot, { withFileTypes: true }).catch(() => [])) {
      const path = join(this.tmpRoot, entry.name);
      if (!entry.isDirectory()) {
        // A file of a version that kept temp files loose in tmp/.
        if (await old(path)) removed += await rm(path, { force: true }).then(() => 1);
        continue;
      }
      for (const name of await readdir(path).catch(() => [])) {
        const file = join(path, name);
        if (await old(file)) removed += await rm(file, { force: true }).then(() => 1);
      }
      // rmdir refuses a folder that is not empty (or was just written to); that one stays.
      if (path !== this.dir && (await old(path))) await rmdir(path).catch(() => {});
    }
    return removed;
  }

  /** Files being received now, by every process sharing the folder. */
  async partial(): Promise<number> {
    let count = 0;
    for (const entry of await readdir(this.tmpRoot, { withFileTypes: true }).catch(() => [])) {
      count += entry.isDirectory() ? (await readdir(join(this.tmpRoot, entry.name)).catch(() => [])).length : 1;
    }
    return count;
  }

  /** Removes this process's folder (nothing is being received once the server has drained). */
  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
