/**
 * Signing out: the caller's own session token ends on the server, and the sockets opened with
 * it are closed. (Sessions also end by themselves after a time without use, and all of a staff
 * member's end when an admin changes their password or role or deactivates them: `context.ts`,
 * `repo/sessions.ts`, `routes/rules.ts`.)
 *
 * - `DELETE /agent/v1/session` (the console's "Sign out") → `true`
 * - `DELETE /widget/v1/session` (a visitor's logout; the app's allowed origins may read it) → `true`
 *
 * Either ends whichever token it is called with (`Authorization: Bearer`); none, an unknown or
 * an already ended one → 401 PL-S-01.
 */
import { bearerToken, userForRequest } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import { isOriginAllowed } from '../origin.js';
import { endSession } from '../repo/sessions.js';
import { mergeSettings } from '../settings.js';

export function sessionRoutes(router: Router, deps: Deps): void {
  async function signOut(ctx: Ctx, widget: boolean) {
    const token = bearerToken(ctx);
    const found = token ? await userForRequest(deps, ctx, token) : undefined;
    if (!found) throw fail.invalidToken();
    if (widget && isOriginAllowed(ctx.origin, mergeSettings(found.app.settings).chatWidget.allowedDomains))
      ctx.allowOrigin();
    await endSession(deps.db, found.tokenHash);
    await deps.sockets?.disconnectSessions([found.tokenHash]);
    return success(true);
  }

  router.add('DELETE', '/agent/v1/session', (ctx) => signOut(ctx, false), {
    cors: 'any',
    allowHeaders: 'Content-Type, Authorization',
  });
  router.add('DELETE', '/widget/v1/session', (ctx) => signOut(ctx, true), {
    cors: 'app',
    allowHeaders: 'Content-Type, Authorization',
  });
}
