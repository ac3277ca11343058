/**
 * The server's answer envelopes: `{status: 'success', response}` and `{status: 'error',
 * errorResponse: [{errorCode, description, displayMessage}]}`. Small on purpose: the first stage
 * reads the settings answer with these before the rest of `wire.ts` has loaded.
 */
import type { ApiErrorItem } from './protocol-errors.js';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The payload of the server's success envelope (`{status: 'success', response}`), if `body` is one. */
export function successPayload(body: unknown): { response: unknown } | undefined {
  return isRecord(body) && (body.status === 'success' || body.code === 'SUCCESS') && 'response' in body
    ? { response: body.response }
    : undefined;
}

/** One item of an error envelope's `errorResponse`, if `value` is one. */
export function parseApiErrorItem(value: unknown): ApiErrorItem | undefined {
  if (!isRecord(value)) return undefined;
  const errorCode = str(value.errorCode);
  if (!errorCode) return undefined;
  const description = str(value.description) ?? '';
  return { errorCode, description, displayMessage: str(value.displayMessage) ?? description };
}

/** The first error of an error envelope (`body.errorResponse[0]`), if `body` is one. */
export function errorItemOf(body: unknown): ApiErrorItem | undefined {
  return isRecord(body) && Array.isArray(body.errorResponse) ? parseApiErrorItem(body.errorResponse[0]) : undefined;
}
