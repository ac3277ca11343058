/**
 * The server's error type and the documented error envelope
 * (`{"status":"error","errorResponse":[{errorCode, description, displayMessage}],"generatedAt"}`).
 * Request handlers throw an `HttpError`; the router turns it into the envelope.
 */
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiError, ApiErrorItem, ErrorCode } from '../../../src/core/protocol.js';

export const DISPLAY_MESSAGE = 'unable to process';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly description: string,
  ) {
    super(`${code} ${description}`);
    this.name = 'HttpError';
  }

  toItem(): ApiErrorItem {
    return errorItem(this.code, this.description);
  }
}

export function errorItem(code: ErrorCode, description: string): ApiErrorItem {
  return { errorCode: code, description, displayMessage: DISPLAY_MESSAGE };
}

export function errorBody(item: ApiErrorItem, now = Date.now()): ApiError {
  return { status: 'error', errorResponse: [item], generatedAt: now };
}

/** Any thrown value as an error item; unknown failures become `PL-X-01 internal error`. */
export function toErrorItem(err: unknown): ApiErrorItem {
  if (err instanceof HttpError) return err.toItem();
  return errorItem(ERROR_CODES.internal, 'internal error');
}

/** The errors the server answers with, by name. */
export const fail = {
  groupNotFound: () => new HttpError(404, ERROR_CODES.groupNotFound, 'group not found'),
  userNotFound: () => new HttpError(404, ERROR_CODES.userNotFound, 'user not found'),
  appNotFound: () => new HttpError(404, ERROR_CODES.appNotFound, 'application not found'),
  invalidApiKey: () => new HttpError(401, ERROR_CODES.invalidApiKey, 'invalid api key'),
  missingApiKey: () => new HttpError(401, ERROR_CODES.missingApiKey, 'missing Api-Key header'),
  malformedJson: () => new HttpError(400, ERROR_CODES.malformedJson, 'malformed JSON body'),
  missingField: (field: string) => new HttpError(400, ERROR_CODES.missingField, `${field} is required`),
  invalidField: (field: string, why = 'has the wrong type') =>
    new HttpError(400, ERROR_CODES.invalidField, `${field} ${why}`),
  unknownField: (field: string) => new HttpError(400, ERROR_CODES.unknownField, `${field} is not a known field`),
  conflict: (what: string) => new HttpError(409, ERROR_CODES.invalidField, what),
  notFound: () => new HttpError(404, ERROR_CODES.notFound, 'not found'),
  payloadTooLarge: () => new HttpError(413, ERROR_CODES.payloadTooLarge, 'request body too large'),
  originNotAllowed: () => new HttpError(403, ERROR_CODES.originNotAllowed, 'origin not allowed'),
  widgetDisabled: () => new HttpError(403, ERROR_CODES.widgetDisabled, 'chat widget disabled'),
  invalidToken: () => new HttpError(401, ERROR_CODES.invalidToken, 'invalid session'),
  invalidCredentials: () => new HttpError(401, ERROR_CODES.invalidToken, 'invalid credentials'),
  identityNotVerified: () =>
    new HttpError(
      401,
      ERROR_CODES.identityNotVerified,
      "the visitor's identity could not be verified: check accessToken",
    ),
  blocked: () => new HttpError(403, ERROR_CODES.blocked, 'this visitor is blocked: messages are not accepted'),
  notMember: () => new HttpError(403, ERROR_CODES.notMember, 'not a member of this conversation'),
  forbidden: (why = 'forbidden') => new HttpError(403, ERROR_CODES.forbidden, why),
  internal: () => new HttpError(500, ERROR_CODES.internal, 'internal error'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new HttpError(429, ERROR_CODES.tooManyRequests, `too many requests: try again in ${retryAfterSeconds} s`),
} as const;
