/** SQL for what a visitor changes from the widget: CSAT ratings, their own details, reopening. */
import { CONVERSATION_STATUS } from '../../../../src/core/protocol.js';
import type { CsatRating, Metadata } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { ConversationRow } from './conversations.js';
import type { UserRow } from './users.js';

/** Stores the rating of a resolved, unrated conversation; undefined when it is not both. */
export function rateConversation(sql: Sql, groupId: string, rating: CsatRating): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET rating = $2::jsonb, updated_at = now()
     WHERE group_id = $1 AND status = ${CONVERSATION_STATUS.resolved} AND rating IS NULL RETURNING *`,
    [groupId, JSON.stringify(rating)],
  );
}

/** Sets a resolved conversation back to open (status 0); undefined when it was not resolved. */
export function reopenConversation(sql: Sql, groupId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET status = ${CONVERSATION_STATUS.open}, updated_at = now()
     WHERE group_id = $1 AND status = ${CONVERSATION_STATUS.resolved} RETURNING *`,
    [groupId],
  );
}

export interface VisitorDetails {
  userName?: string | undefined;
  email?: string | undefined;
  imageLink?: string | undefined;
  phone?: string | undefined;
  metadata?: Metadata | undefined;
  /** A canonical BCP 47 tag (`locale()` in input.ts). */
  locale?: string | undefined;
}

/** Updates a visitor's own details (absent fields keep their value; metadata merges). */
export function updateVisitor(
  sql: Sql,
  appId: string,
  userId: string,
  d: VisitorDetails,
): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `UPDATE users SET
       user_name = COALESCE($3, user_name),
       email = COALESCE($4, email),
       image_link = COALESCE($5, image_link),
       phone = COALESCE($6, phone),
       metadata = metadata || COALESCE($7::jsonb, '{}'::jsonb),
       locale = COALESCE($8, locale)
     WHERE app_id = $1 AND user_id = $2 AND role = 'user'
     RETURNING *`,
    [
      appId,
      userId,
      d.userName ?? null,
      d.email ?? null,
      d.imageLink ?? null,
      d.phone ?? null,
      d.metadata ? JSON.stringify(d.metadata) : null,
      d.locale ?? null,
    ],
  );
}
