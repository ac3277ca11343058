/**
 * Files of the visitor's not sent yet (the outbox's), as a message's `fileMeta` names them until
 * the server has them. Apart from `attachments.ts` so that the engine needs none of that file.
 */
import type { FileMeta } from './protocol.js';

/**
 * The `blobKey` of a file still in the visitor's browser (an outbox message not uploaded yet):
 * only the widget makes these, and only its own files resolve (to an object URL of the Blob).
 */
const LOCAL_BLOB_PREFIX = 'local:';

/** The outbox message key a local `fileMeta` stands for, or undefined for any other file. */
export function localFileKey(file: Pick<FileMeta, 'blobKey'> | undefined): string | undefined {
  const key = file?.blobKey;
  return typeof key === 'string' && key.startsWith(LOCAL_BLOB_PREFIX) ? key.slice(LOCAL_BLOB_PREFIX.length) : undefined;
}

/** The `fileMeta` a file not sent yet shows with (a preview from the visitor's own copy). */
export function localFileMeta(key: string, file: { name: string; size: number; type: string }): FileMeta {
  return { blobKey: LOCAL_BLOB_PREFIX + key, name: file.name, size: file.size, contentType: file.type };
}
