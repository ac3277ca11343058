/**
 * The widget's session: `POST /widget/v1/session` makes one for an anonymous visitor or for the
 * visitor the site names (`userId`, with its `accessToken` when the app verifies identities), or
 * resumes one (`token`). It takes the visitor's details as the install settings give them —
 * `userName`, `email`, `imageLink`, `contactNumber`, `metadata` — and their `locale` (a BCP 47
 * tag, stored canonical: `src/core/language-tag.ts`; malformed → PL-R-03). Only a session that
 * may change the visitor's profile changes it; a returning visitor's new locale is stored too.
 * A known visitor back after the app's retention (`sessionTimeout`) starts fresh (`repo/retention.ts`).
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '../../../../src/core/protocol.js';
import { widgetApp, userForToken } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject, id, locale, metadata, str, MAX_NAME_LENGTH } from '../input.js';
import { identityVerified } from '../identity.js';
import { pseudonymFor } from '../pseudonym.js';
import type { AppRow } from '../repo/apps.js';
import { startFreshIfAway } from '../repo/retention.js';
import { createSession } from '../repo/sessions.js';
import { ensureUser, findUser, isStaffAddress, touchLogin, upsertKnownVisitor } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import { updateVisitor } from '../repo/visitor-updates.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;
/** Anonymous visitors' ids are `v-<16 hex>`, made by the server; no page may claim one as userId. */
export const ANONYMOUS_PREFIX = 'v-';

export function sessionOf(app: AppRow, user: UserRow, token: string): Session {
  const s: Session = {
    appId: app.app_id,
    userId: user.user_id,
    token,
    userName: user.user_name,
    anonymous: user.anonymous,
  };
  if (user.email) s.email = user.email;
  if (user.image_link) s.imageLink = user.image_link;
  if (user.locale) s.locale = user.locale;
  return s;
}

export function widgetSessionRoutes(router: Router, deps: Deps): void {
  const { db } = deps;

  /**
   * A returning visitor (their own token) whose browser now says another locale: stored. A session
   * that only named an existing visitor (`unverified`) changes nothing of theirs.
   */
  async function withLocale(user: UserRow, tag: string | undefined, unverified: boolean): Promise<UserRow> {
    if (tag === undefined || tag === user.locale || unverified) return user;
    return (await updateVisitor(db, user.app_id, user.user_id, { locale: tag })) ?? user;
  }

  router.add(
    'POST',
    '/widget/v1/session',
    async (ctx) => {
      const body = asObject(await ctx.body());
      const { app, settings } = await widgetApp(deps, ctx, str(body, 'appId', { required: true, max: 200 }));
      if (settings.chatWidget.disableChatWidget) throw fail.widgetDisabled();
      const token = str(body, 'token', { max: 200 });
      const userId = id(body, 'userId');
      // With an identity secret, a userId needs its accessToken; without one nobody vouches for it.
      const verified = userId !== undefined && Boolean(app.identity_secret);
      if (
        userId !== undefined &&
        !identityVerified(app.identity_secret, userId, str(body, 'accessToken', { max: 200 }))
      )
        throw fail.identityNotVerified();
      const details = {
        userName: str(body, 'userName', { max: MAX_NAME_LENGTH }),
        email: str(body, 'email', { max: 320 }),
        imageLink: str(body, 'imageLink', { max: 2000 }),
        phone: str(body, 'contactNumber', { max: 50 }),
        metadata: body['metadata'] === undefined ? undefined : metadata(body['metadata']),
        locale: locale(body),
      };

      if (token !== undefined) {
        const found = await userForToken(deps, token);
        if (found && found.app.app_id === app.app_id && found.user.role === 'user') {
          if (userId === undefined) {
            await touchLogin(db, app.app_id, found.user.user_id);
            return success(sessionOf(app, await withLocale(found.user, details.locale, found.unverified), token));
          }
          if (userId === found.user.user_id) {
            if (!verified) await touchLogin(db, app.app_id, userId);
            const user = verified
              ? await upsertKnownVisitor(db, app.app_id, { userId, ...details })
              : await withLocale(found.user, details.locale, found.unverified);
            if (user) return success(sessionOf(app, user, token));
          }
        }
      }

      if (userId === undefined) {
        const newId = `${ANONYMOUS_PREFIX}${randomBytes(8).toString('hex')}`;
        const user = await ensureUser(db, app.app_id, {
          userId: newId,
          userName: details.userName ?? (settings.chatWidget.pseudonymsEnabled ? pseudonymFor(newId) : newId),
          role: 'user',
          anonymous: true,
          email: details.email,
          imageLink: details.imageLink,
          phone: details.phone,
          metadata: details.metadata ?? {},
          locale: details.locale,
        });
        await touchLogin(db, app.app_id, newId);
        return success(sessionOf(app, user, await createSession(db, app.app_id, newId)));
      }

      // Staff and visitors never share an address; anonymous ids are the server's, resumed only
      // with their own token.
      if (await isStaffAddress(db, app.app_id, userId)) throw fail.forbidden('this user cannot use the chat widget');
      const existing = await findUser(db, app.app_id, userId);
      if (userId.startsWith(ANONYMOUS_PREFIX) || existing?.anonymous)
        throw fail.forbidden('this userId belongs to an anonymous visitor');
      if (existing?.deactivated) throw fail.forbidden('this user is deactivated');
      // Away longer than the retention: the old conversations are no longer theirs to see.
      if (existing) await startFreshIfAway(db, app.app_id, userId, settings.chatWidget.sessionTimeout);
      // Only a verified session may change an existing visitor's profile.
      const user = existing && !verified ? existing : await upsertKnownVisitor(db, app.app_id, { userId, ...details });
      if (!user || user.role !== 'user') throw fail.forbidden('this user cannot use the chat widget');
      if (user === existing) await touchLogin(db, app.app_id, userId);
      const unverified = existing !== undefined && !verified;
      return success(sessionOf(app, user, await createSession(db, app.app_id, user.user_id, unverified)));
    },
    WIDGET,
  );
}
