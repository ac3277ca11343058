/**
 * Identity verification for known visitors. A site names its signed-in visitor with `userId`;
 * without a check, anybody could name someone else's id and read their conversations. With an
 * identity secret set for the app (`POST /admin/v1/apps/:appId/identity`), a widget session for
 * a `userId` needs the product's `accessToken` install setting, which the site's own server
 * computes as the hex HMAC-SHA256 of the userId with that secret (as Intercom's and Chatwoot's
 * identity verification do). Anonymous visitors are unaffected.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './context.js';

/** A new random secret (64 hex characters). */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}

/** The accessToken a site's server gives its page for `userId`. */
export function accessTokenFor(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** True when the app does not verify identities, or `accessToken` is right for `userId`. */
export function identityVerified(secret: string | null | undefined, userId: string, accessToken: string | undefined) {
  if (!secret) return true;
  return accessToken !== undefined && safeEqual(accessTokenFor(secret, userId), accessToken.toLowerCase());
}
