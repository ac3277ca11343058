/**
 * The two ways a network call fails: the server said no (`ParleyApiError`, with the documented
 * error code) or no answer came back (`NetworkError`, including cancellation). The clients reject
 * with nothing else.
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';

export class ParleyApiError extends Error {
  override readonly name = 'ParleyApiError';
  /** HTTP status (0 for socket acknowledgements). */
  readonly status: number;
  /** The server's error code (`ERROR_CODES`) or `CLIENT_ERROR_CODES.malformedResponse`. */
  readonly code: string;
  readonly description: string;

  constructor(status: number, code: string, description: string) {
    super(`${code}: ${description || `HTTP ${status}`}`);
    this.status = status;
    this.code = code;
    this.description = description;
  }
}

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly code: typeof CLIENT_ERROR_CODES.network | typeof CLIENT_ERROR_CODES.aborted;
  /** True when the caller's AbortSignal cancelled the request. */
  readonly aborted: boolean;
  override readonly cause: unknown;

  constructor(message: string, options: { aborted?: boolean; cause?: unknown } = {}) {
    super(message);
    this.aborted = options.aborted ?? false;
    this.code = this.aborted ? CLIENT_ERROR_CODES.aborted : CLIENT_ERROR_CODES.network;
    this.cause = options.cause;
  }
}

/** The error code of anything a client rejected with (network code for unexpected values). */
export function errorCodeOf(error: unknown): string {
  if (error instanceof ParleyApiError || error instanceof NetworkError) return error.code;
  return CLIENT_ERROR_CODES.network;
}
