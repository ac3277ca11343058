/**
 * Helpers for the people tests (people*.test.ts): teammates added with the app's key, teammate
 * requests as a staff session or with the key, a teammate's role as the teammates list has it.
 */
import type { Session } from '../../src/core/protocol.js';
import { call } from './platform-support.js';
import { bearer, errorCode, responseOf, uniqueKey } from './support.js';
import type { JsonResponse, TestApp } from './support.js';

let counter = 0;

/** Adds a teammate of `role` with the app's key (no session: a target). */
export async function addPerson(app: TestApp, role: 'admin' | 'agent' | 'operator'): Promise<string> {
  counter++;
  const email = `${role}.${counter}.${uniqueKey()}@people.test`;
  const body = { email, userName: `${role} ${counter}`, role, password: `pw-${crypto.randomUUID()}` };
  responseOf(await call(app, `/admin/v1/apps/${app.appId}/teammates`, { body }));
  return email;
}

export function teammatePath(app: TestApp, userId: string): string {
  return `/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(userId)}`;
}

/** A teammate request as `by` (a session), or with the app's key (undefined). */
export function asCaller<T = unknown>(
  app: TestApp,
  path: string,
  init: { method: string; body?: unknown },
  by?: Session,
) {
  return call<T>(app, path, { ...init, ...(by ? { noKey: true, headers: bearer(by) } : {}) });
}

export async function roleOf(app: TestApp, userId: string): Promise<string | undefined> {
  const team = responseOf(
    await call<Array<{ userId: string; role: string }>>(app, `/admin/v1/apps/${app.appId}/teammates`),
  );
  return team.find((t) => t.userId === userId)?.role;
}

export function statusAndCode(res: JsonResponse<unknown>): [number, string | undefined] {
  return [res.status, res.status === 200 ? undefined : errorCode(res)];
}
