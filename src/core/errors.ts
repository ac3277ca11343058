/**
 * Error codes the widget raises itself (the server's codes are `ERROR_CODES` in protocol.ts).
 * State carries codes, never text: the UI maps a code to a locale string.
 */
import type { ErrorCode } from './protocol.js';

export const CLIENT_ERROR_CODES = {
  /** The server answered with something that is not the documented shape. */
  malformedResponse: 'PL-N-01',
  /** The request never got an answer (offline, DNS, CORS, server down). */
  network: 'PL-N-02',
  /** No acknowledgement in time. */
  timeout: 'PL-N-03',
  /** The caller cancelled the request. */
  aborted: 'PL-N-04',
  /** The realtime connection is not up. */
  offline: 'PL-N-05',
  /** A file waiting to be sent was kept only in a tab that has closed: it can only be deleted. */
  fileLost: 'PL-F-01',
  /** The install settings are unusable (e.g. no appId). */
  invalidInstall: 'PL-I-01',
} as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/** Any code the controller may put in `state.error`. */
export type ChatErrorCode = ErrorCode | ClientErrorCode;
