/**
 * A signed-in staff member's own Profile and Notification Preferences (`Authorization: Bearer
 * <agent session token>`; every staff role: `editProfile`, `editNotifications`):
 *
 * - `GET /agent/v1/me/profile` → `StaffProfile`
 * - `PATCH /agent/v1/me/profile` `{userName?, imageLink?, designation?, contactNumber?, email?,
 *   password?, currentPassword?}` → `StaffProfile`. Every problem is one item of one 400; an
 *   e-mail another teammate has is 409; a new password needs the current one (else 400
 *   PL-R-02, wrong 403 PL-S-03) and ends their other sessions. A new name or picture is pushed
 *   as `user`.
 * - `GET /agent/v1/me/notifications` → `NotificationPreferences` (defaults until saved);
 *   `PUT` the whole set → the same.
 */
import type { ApiErrorItem } from '../../../../src/core/protocol.js';
import type { StaffProfile } from '../../../../src/core/staff-protocol.js';
import { staffFromBearer } from '../access.js';
import { bearerToken } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { JsonReply, Router } from '../http.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { readNotifications, validateNotifications, validateProfile } from '../people.js';
import type { NotificationPreferences } from '../people.js';
import {
  findNotifications,
  lockEmails,
  lockUser,
  saveNotifications,
  saveProfile,
  staffEmailTaken,
} from '../repo/people.js';
import { contactsOf } from '../repo/routing.js';
import { endSessionsOf, hashToken } from '../repo/sessions.js';
import { toSummary } from '../repo/users.js';
import type { UserRow } from '../repo/users.js';

const CONSOLE = { cors: 'any', allowHeaders: 'Content-Type, Authorization' } as const;

export type { StaffProfile };

export type { NotificationPreferences };

function profileOf(u: UserRow): StaffProfile {
  const p: StaffProfile = { userId: u.user_id, userName: u.user_name, role: u.role };
  if (u.image_link) p.imageLink = u.image_link;
  if (u.designation) p.designation = u.designation;
  if (u.phone) p.contactNumber = u.phone;
  if (u.email) p.email = u.email;
  return p;
}

/** The documented error envelope with one item per problem (HTTP 400). */
function problems(errors: readonly ApiErrorItem[]): JsonReply {
  return { status: 400, body: { status: 'error', errorResponse: [...errors], generatedAt: Date.now() } };
}

export function profileRoutes(router: Router, deps: Deps): void {
  const { db } = deps;

  router.add(
    'GET',
    '/agent/v1/me/profile',
    async (ctx) => success(profileOf((await staffFromBearer(deps, ctx)).staff)),
    CONSOLE,
  );

  router.add(
    'PATCH',
    '/agent/v1/me/profile',
    async (ctx) => {
      const { app, staff } = await staffFromBearer(deps, ctx);
      const checked = validateProfile((await ctx.body()) ?? {});
      if (!checked.ok) return problems(checked.errors);
      const patch = checked.value;
      const appId = app.app_id;
      // The password check (scrypt) and the new hash before the transaction: it holds locks.
      if (patch.password && !(await verifyPassword(patch.password.current, staff.password_hash)))
        throw fail.forbidden('currentPassword is not your password');
      const passwordHash = patch.password ? await hashPassword(patch.password.next) : undefined;
      const keepHash = hashToken(bearerToken(ctx) ?? '');
      const updated = await db.tx(async (sql) => {
        if (patch.email !== undefined) {
          await lockEmails(sql, appId);
          if (await staffEmailTaken(sql, appId, patch.email, staff.user_id))
            throw fail.conflict(`email ${patch.email} belongs to another teammate`);
        }
        const u = await lockUser(sql, appId, staff.user_id);
        if (!u) throw fail.invalidToken();
        const saved = await saveProfile(sql, appId, u.user_id, {
          userName: patch.userName ?? u.user_name,
          imageLink: patch.imageLink === undefined ? u.image_link : patch.imageLink,
          designation: patch.designation === undefined ? u.designation : patch.designation,
          phone: patch.contactNumber === undefined ? u.phone : patch.contactNumber,
          email: patch.email ?? u.email,
          passwordHash,
        });
        // A new password ends every other session of theirs; the one it was set with stays.
        if (passwordHash !== undefined) await endSessionsOf(sql, appId, u.user_id, keepHash);
        return saved ?? u;
      });
      if (passwordHash !== undefined) await deps.sockets?.disconnectUser(appId, staff.user_id, keepHash);
      if (updated.user_name !== staff.user_name || updated.image_link !== staff.image_link) {
        const contacts = await contactsOf(db, appId, staff.user_id);
        const to = contacts.includes(staff.user_id) ? contacts : [...contacts, staff.user_id];
        deps.chat.notifier.toUsers(appId, to, 'user', toSummary(updated));
        deps.chat.notifier.toStaff(appId, 'user', toSummary(updated), to);
      }
      return success(profileOf(updated));
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/me/notifications',
    async (ctx) => {
      const { app, staff } = await staffFromBearer(deps, ctx);
      return success(readNotifications(await findNotifications(db, app.app_id, staff.user_id)));
    },
    CONSOLE,
  );

  router.add(
    'PUT',
    '/agent/v1/me/notifications',
    async (ctx) => {
      const { app, staff } = await staffFromBearer(deps, ctx);
      const checked = validateNotifications((await ctx.body()) ?? {});
      if (!checked.ok) return problems(checked.errors);
      await saveNotifications(db, app.app_id, staff.user_id, checked.value);
      return success(checked.value);
    },
    CONSOLE,
  );
}
