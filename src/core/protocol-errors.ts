/**
 * The envelopes of REST answers (success and error) and the error codes the server uses.
 * Re-exported by `protocol.ts`; imports nothing.
 */

/** Success envelope of the Platform API and the widget endpoints. */
export interface ApiSuccess<T> {
  status: 'success';
  generatedAt: number;
  response: T;
}

export interface ApiErrorItem {
  errorCode: string;
  description: string;
  displayMessage: string;
}

/** Error envelope (documented: `{"status":"error","errorResponse":[…],"generatedAt":…}`). */
export interface ApiError {
  status: 'error';
  errorResponse: ApiErrorItem[];
  generatedAt: number;
}

export type ApiResult<T> = ApiSuccess<T> | ApiError;

/** Error codes the server uses. Product codes first, then Parley's own (`PL-`). */
export const ERROR_CODES = {
  groupNotFound: 'AL-G-01',
  userNotFound: 'AL-U-01',
  appNotFound: 'PL-A-01',
  invalidApiKey: 'PL-K-01',
  missingApiKey: 'PL-K-02',
  malformedJson: 'PL-R-01',
  missingField: 'PL-R-02',
  invalidField: 'PL-R-03',
  unknownField: 'PL-R-04',
  notFound: 'PL-R-05',
  payloadTooLarge: 'PL-R-06',
  originNotAllowed: 'PL-O-01',
  widgetDisabled: 'PL-W-01',
  invalidToken: 'PL-S-01',
  notMember: 'PL-S-02',
  forbidden: 'PL-S-03',
  /** A known visitor's `accessToken` is missing or wrong (the app verifies identities). */
  identityNotVerified: 'PL-S-04',
  /** The visitor was blocked by staff: their new messages are refused (nothing is stored). */
  blocked: 'PL-S-05',
  conversationClosed: 'PL-C-01',
  /** The conversation already has a CSAT rating; it is stored once. */
  alreadyRated: 'PL-C-02',
  /** A CSAT rating for a conversation that is not resolved (status 2). */
  notResolved: 'PL-C-03',
  internal: 'PL-X-01',
  /** Upload larger than the app's `maxAttachmentSize`. */
  fileTooLarge: 'PL-U-01',
  /** Upload whose content is not of an allowed type (sniffed from the bytes, not the name). */
  fileTypeNotAllowed: 'PL-U-02',
  /** Upload that ended early (aborted, truncated multipart body, length mismatch). */
  uploadIncomplete: 'PL-U-03',
  /** No stored file has this blob key (for this app). */
  blobNotFound: 'PL-U-04',
  /** The upload would take the app over its storage quota (HTTP 507). */
  storageQuotaExceeded: 'PL-U-05',
  /** Too many requests of this kind from this address, session or account: retry after `Retry-After` s (HTTP 429). */
  tooManyRequests: 'PL-L-01',
} as const;

/** The server's answers that mean "no chat on this page": the widget then shows nothing at all. */
export function isShutOut(code: string | undefined): boolean {
  return code === ERROR_CODES.widgetDisabled || code === ERROR_CODES.originNotAllowed;
}

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
