/**
 * The widget endpoints behind the fetched configuration: the settings themselves, the
 * welcome/away message, the CSAT rating and the visitor's own details (e-mail capture, the
 * pre-chat lead form, `updateUser()`, their locale). Domain restriction and "disable widget" apply to all of them; the
 * settings endpoint still answers a disabled widget (so that it knows to stay hidden).
 */
import { ERROR_CODES } from '../../../../src/core/protocol.js';
import type { CsatRating } from '../../../../src/core/protocol.js';
import { awayMessageFor } from '../away.js';
import { bearerToken, userForToken, widgetApp, widgetSession } from '../context.js';
import type { Deps, SessionContext } from '../context.js';
import { HttpError, fail } from '../errors.js';
import { ok, success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import { asObject, locale, metadata, str, MAX_NAME_LENGTH } from '../input.js';
import { pseudonymFor } from '../pseudonym.js';
import type { AppRow } from '../repo/apps.js';
import { findConversation } from '../repo/conversations.js';
import { toSummary } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';
import { rateConversation, updateVisitor } from '../repo/visitor-updates.js';
import { settingsResponse } from '../settings.js';
import type { ResolvedSettings } from '../settings.js';
import { sessionOf } from './widget-session.js';
import { agentsOnlineFor } from '../team-presence.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;

export const MAX_COMMENT_LENGTH = 2000;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE = /^\+?[0-9 ()./-]{3,30}$/;

/** The ratings a conversation accepts: three faces 1/5/10, or 1–5 stars. */
export function validRatings(base: 3 | 5): readonly number[] {
  return base === 5 ? [1, 2, 3, 4, 5] : [1, 5, 10];
}

/** A visitor counts as known once the site named them (userId) or they gave an e-mail. */
export function isAnonymousVisitor(user: UserRow): boolean {
  return user.anonymous && !user.email;
}

/** The asking visitor's pseudonym for the settings response, when pseudonyms are on. */
function pseudonymOf(settings: ResolvedSettings, user: UserRow): string | undefined {
  if (user.role !== 'user' || !user.anonymous || !settings.chatWidget.pseudonymsEnabled) return undefined;
  return user.user_name !== user.user_id ? user.user_name : pseudonymFor(user.user_id);
}

/** The visitor behind an optional bearer token, if it is one of this app's visitors. */
async function optionalVisitor(deps: Deps, ctx: Ctx, app: AppRow): Promise<UserRow | undefined> {
  const token = bearerToken(ctx);
  if (token === undefined) return undefined;
  const found = await userForToken(deps, token);
  if (!found || found.app.app_id !== app.app_id) throw fail.invalidToken();
  return found.user;
}

function visitorOnly(s: SessionContext): void {
  if (s.user.role !== 'user') throw fail.forbidden('only visitors can do this');
}

export function widgetConfigRoutes(router: Router, deps: Deps): void {
  const { db, chat } = deps;

  router.add(
    'GET',
    '/users/v3/chat/plugin/settings',
    async (ctx) => {
      const appId = ctx.query.get('appId');
      if (appId === null || appId.trim() === '') throw fail.missingField('appId');
      const { app, settings } = await widgetApp(deps, ctx, appId);
      // The settings are public; a stale or foreign token just means "no pseudonym".
      const token = bearerToken(ctx);
      const found = token ? await userForToken(deps, token) : undefined;
      const user = found && found.app.app_id === app.app_id ? found.user : undefined;
      // identityVerification: whether a page's userId needs an accessToken (the widget warns when not).
      const response = settingsResponse(settings, {
        userName: user && pseudonymOf(settings, user),
        identityVerification: Boolean(app.identity_secret),
      });
      return ok({ code: 'SUCCESS', response });
    },
    WIDGET,
  );

  router.add(
    'GET',
    '/applications/:appId/awaymessage',
    async (ctx) => {
      const { app, settings } = await widgetApp(deps, ctx, ctx.params['appId']!);
      if (settings.chatWidget.disableChatWidget) throw fail.widgetDisabled();
      const user = await optionalVisitor(deps, ctx, app);
      const teamId = ctx.query.get('teamId') ?? undefined;
      return ok(
        awayMessageFor(settings, {
          // The visitor's team's agents (`teamId`, else the rules' default team).
          agentsOnline: await agentsOnlineFor(deps.db, deps.presence, app.app_id, teamId),
          now: Date.now(),
          anonymous: user === undefined || isAnonymousVisitor(user),
          teamId,
        }),
      );
    },
    WIDGET,
  );

  router.add(
    'POST',
    '/widget/v1/conversations/:groupId/rating',
    async (ctx) => {
      const s = await widgetSession(deps, ctx);
      visitorOnly(s);
      const { app, settings, user } = s;
      const body = asObject(await ctx.body());
      const rating = body['rating'];
      if (rating === undefined || rating === null) throw fail.missingField('rating');
      const allowed = validRatings(settings.chatWidget.csatRatingBase);
      if (typeof rating !== 'number' || !allowed.includes(rating)) {
        throw fail.invalidField('rating', `must be one of ${allowed.join(', ')}`);
      }
      const comment = str(body, 'comment', { max: MAX_COMMENT_LENGTH })?.trim();
      const groupId = ctx.params['groupId']!;
      await chat.requireMember(app.app_id, groupId, user.user_id);
      if (!settings.collectFeedback) throw fail.forbidden('this app does not collect feedback');
      const value: CsatRating = { rating, createdAtTime: Date.now() };
      if (comment) value.comment = comment;
      const rated = await rateConversation(db, groupId, value);
      if (!rated) {
        const row = await findConversation(db, app.app_id, groupId);
        if (row?.rating) throw new HttpError(409, ERROR_CODES.alreadyRated, 'this conversation is already rated');
        throw new HttpError(409, ERROR_CODES.notResolved, 'only a resolved conversation can be rated');
      }
      await chat.publishConversation(app.app_id, groupId);
      return success(await chat.view(app.app_id, rated, user.user_id));
    },
    WIDGET,
  );

  router.add(
    'POST',
    '/widget/v1/user',
    async (ctx) => {
      const s = await widgetSession(deps, ctx);
      visitorOnly(s);
      // Somebody who only named an existing visitor (identity verification off) is not them.
      if (s.unverified) throw fail.identityNotVerified();
      const { app, user } = s;
      const body = asObject(await ctx.body());
      const email = str(body, 'email', { max: 320 })?.trim();
      if (email !== undefined && !EMAIL.test(email)) throw fail.invalidField('email', 'must be an e-mail address');
      const name = (
        str(body, 'displayName', { max: MAX_NAME_LENGTH }) ?? str(body, 'userName', { max: MAX_NAME_LENGTH })
      )?.trim();
      const phone = str(body, 'contactNumber', { max: 50 })?.trim();
      if (phone !== undefined && phone !== '' && !PHONE.test(phone))
        throw fail.invalidField('contactNumber', 'must be a phone number');
      const imageLink = str(body, 'imageLink', { max: 2000 })?.trim();
      if (imageLink !== undefined && imageLink !== '' && !/^https?:\/\//i.test(imageLink)) {
        throw fail.invalidField('imageLink', 'must be an http(s) URL');
      }
      const updated = await updateVisitor(db, app.app_id, user.user_id, {
        userName: name || undefined,
        email: email || undefined,
        phone: phone || undefined,
        imageLink: imageLink || undefined,
        metadata: body['metadata'] === undefined ? undefined : metadata(body['metadata']),
        locale: locale(body),
      });
      if (!updated) throw fail.userNotFound();
      if (updated.user_name !== user.user_name || updated.image_link !== user.image_link) {
        const summary = toSummary(updated);
        chat.notifier.toUsers(app.app_id, [updated.user_id], 'user', summary);
        chat.notifier.toStaff(app.app_id, 'user', summary, [updated.user_id]);
      }
      return success(sessionOf(app, updated, bearerToken(ctx) ?? ''));
    },
    WIDGET,
  );
}
