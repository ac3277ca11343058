/**
 * File upload to the chat server (`POST /widget/v1/uploads?groupId=…`, multipart with one `file`
 * part) over XMLHttpRequest, which — unlike fetch — reports upload progress. Resolves with the
 * stored file's `FileMeta`; rejects with a `ParleyApiError` (the server's code: PL-U-01 too
 * large, PL-U-02 type not allowed, PL-S-02 not a member…) or a `NetworkError` (no answer, or
 * cancelled through the AbortSignal).
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import { ERROR_CODES, type FileMeta } from '../core/protocol.js';
import { errorItemOf, isRecord, parseFileMeta } from '../core/wire.js';
import { NetworkError, ParleyApiError } from './errors.js';

export interface UploadRequest {
  /** Base URL of the chat server ('' = the page's origin). */
  server: string;
  /** The visitor's session token. */
  token: string;
  groupId: string;
  file: Blob;
  /** The file name to store; defaults to the `File`'s own name. */
  name?: string;
  signal?: AbortSignal;
  /** Bytes of the file sent so far, and the file's size. */
  onProgress?: (loaded: number, total: number) => void;
  /** Makes the request object (tests inject a fake). */
  createXhr?: () => XMLHttpRequest;
}

/** Signature of `uploadFile`, for code that takes the uploader as a dependency. */
export type Uploader = (request: UploadRequest) => Promise<FileMeta>;

function statusCode(status: number): string {
  if (status === 413) return ERROR_CODES.fileTooLarge;
  if (status === 415) return ERROR_CODES.fileTypeNotAllowed;
  if (status === 401) return ERROR_CODES.invalidToken;
  if (status === 403) return ERROR_CODES.forbidden;
  if (status === 404) return ERROR_CODES.notFound;
  if (status >= 500) return ERROR_CODES.internal;
  return CLIENT_ERROR_CODES.malformedResponse;
}

/** The stored file, or the error the answer describes. */
function outcome(status: number, text: string): FileMeta | ParleyApiError {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && body.status === 'error') {
    const item = errorItemOf(body);
    if (item) return new ParleyApiError(status, item.errorCode, item.description);
  }
  if (status < 200 || status >= 300)
    return new ParleyApiError(status, statusCode(status), `upload failed (HTTP ${status})`);
  const meta = isRecord(body) && body.status === 'success' ? parseFileMeta(body.response) : undefined;
  return meta ?? new ParleyApiError(status, CLIENT_ERROR_CODES.malformedResponse, 'unexpected response: file');
}

export function uploadFile(request: UploadRequest): Promise<FileMeta> {
  const { file, signal, onProgress } = request;
  const server = (request.server ?? '').replace(/\/+$/, '');
  const name = request.name ?? (typeof File !== 'undefined' && file instanceof File ? file.name : 'file');
  return new Promise<FileMeta>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new NetworkError('upload was cancelled', { aborted: true }));
      return;
    }
    const xhr = request.createXhr?.() ?? new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);

    // The request body is the multipart form: report progress in bytes of the file itself.
    xhr.upload.addEventListener('progress', (e) => {
      const part = e.lengthComputable && e.total > 0 ? e.loaded / e.total : e.loaded / Math.max(file.size, 1);
      onProgress?.(Math.min(file.size, Math.round(part * file.size)), file.size);
    });
    xhr.addEventListener('load', () => {
      done();
      const result = outcome(xhr.status, typeof xhr.responseText === 'string' ? xhr.responseText : '');
      if (result instanceof ParleyApiError) reject(result);
      else {
        onProgress?.(file.size, file.size);
        resolve(result);
      }
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new NetworkError('upload failed: no answer from the server'));
    });
    xhr.addEventListener('timeout', () => {
      done();
      reject(new NetworkError('upload failed: timed out'));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(new NetworkError('upload was cancelled', { aborted: true }));
    });
    signal?.addEventListener('abort', onAbort, { once: true });

    const form = new FormData();
    form.append('file', file, name);
    try {
      xhr.open('POST', `${server}/widget/v1/uploads?groupId=${encodeURIComponent(request.groupId)}`);
      xhr.setRequestHeader('Authorization', `Bearer ${request.token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.send(form);
    } catch (error) {
      done();
      reject(new NetworkError('upload could not start', { cause: error }));
    }
  });
}
