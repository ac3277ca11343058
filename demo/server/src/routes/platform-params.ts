/**
 * Reading the Platform API's parameters: from the query string, else the JSON body (the product's
 * PATCH endpoints take either), flags as the product spells them, the conversation a request names.
 */
import type { SettableStatus } from '../conversation-actions.js';
import { SETTABLE_STATUSES } from '../conversation-actions.js';
import { fail } from '../errors.js';
import type { Ctx } from '../http.js';
import { asObject, MAX_ID_LENGTH } from '../input.js';
import type { Json } from '../input.js';

/** A "true"/"false" flag (any letter case; also 1/0) from the query or body; absent → `fallback`. */
export function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw fail.invalidField(name, 'must be true or false');
}

/** A conversation status the API may set (0, 2, 3), from a query string or a JSON number. */
export function settableStatus(value: unknown): SettableStatus {
  if (value === undefined || value === null || value === '') throw fail.missingField('status');
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!(SETTABLE_STATUSES as readonly number[]).includes(n))
    throw fail.invalidField('status', 'must be 0 (open), 2 (resolved) or 3 (spam)');
  return n as SettableStatus;
}

/** A parameter from the query string, else from the JSON body. */
export function param(ctx: Ctx, body: Json, name: string): unknown {
  const q = ctx.query.get(name);
  return q !== null ? q : body[name];
}

/** A text parameter (query or body); numbers are taken as text (ids). */
export function textParam(ctx: Ctx, body: Json, name: string, required: boolean): string | undefined {
  const value = param(ctx, body, name);
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw fail.missingField(name);
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw fail.invalidField(name, 'must be a string');
  if (value.length > MAX_ID_LENGTH) throw fail.invalidField(name, 'is too long');
  return value.trim();
}

/** The conversation a request names: `groupId`, else `clientGroupId`; PL-R-02 (groupId) when neither. */
export function groupRef(ctx: Ctx, body: Json): { groupId?: string; clientGroupId?: string } {
  const groupId = textParam(ctx, body, 'groupId', false);
  const clientGroupId = groupId === undefined ? textParam(ctx, body, 'clientGroupId', false) : undefined;
  if (groupId === undefined && clientGroupId === undefined) throw fail.missingField('groupId');
  return { groupId, clientGroupId };
}

/** The request's body as an object (absent → {}); PL-R-01 when malformed, PL-R-03 when not an object. */
export async function bodyOf(ctx: Ctx): Promise<Json> {
  return asObject(await ctx.body());
}
