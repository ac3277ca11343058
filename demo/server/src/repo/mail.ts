/**
 * SQL for the mail outbox (migration 22, `db-migrations.ts`): mails queued by transcripts and
 * fallbacks, claimed and finished by the worker (`mail.ts`).
 */
import type { Sql } from '../db.js';

/** What a mail is about: the outbox's `kind`. */
export const MAIL_KINDS = ['transcript', 'visitor-fallback', 'agent-fallback'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface NewMail {
  appId: string;
  kind: MailKind;
  recipient: string;
  /** The sender's display name (the app's name). */
  senderName: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** One row per key: the same transcript or fallback queued again is not a second mail. */
  dedupeKey: string;
}

export interface MailRow {
  id: number;
  app_id: string;
  kind: MailKind;
  recipient: string;
  sender_name: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
}

/** Queues a mail; answers its id, or undefined when a mail with that key was queued before. */
export async function enqueueMail(sql: Sql, m: NewMail): Promise<number | undefined> {
  const row = await sql.row<{ id: number }>(
    `INSERT INTO mail_outbox (app_id, kind, recipient, sender_name, subject, text_body, html_body, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [m.appId, m.kind, m.recipient, m.senderName, m.subject, m.text, m.html ?? null, m.dedupeKey],
  );
  return row ? Number(row.id) : undefined;
}

/**
 * Claims up to `limit` due mails for `leaseMs` (`SKIP LOCKED`: each row by one process). The claim
 * counts the attempt and moves `next_attempt_at` past its end, so a process that dies mid-attempt
 * leaves the mail due again after the lease.
 */
export async function claimDueMail(sql: Sql, limit: number, leaseMs: number): Promise<MailRow[]> {
  const rows = await sql.rows<MailRow>(
    `WITH due AS (
       SELECT id FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY id LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE mail_outbox m
        SET attempts = m.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
       FROM due
      WHERE m.id = due.id
      RETURNING m.id, m.app_id, m.kind, m.recipient, m.sender_name, m.subject, m.text_body, m.html_body, m.attempts`,
    [limit, leaseMs],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The server accepted the mail: it is never attempted again. */
export async function markMailSent(sql: Sql, id: number): Promise<void> {
  await sql.rows(`UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [id]);
}

/** A failed attempt: due again after `retryInMs`, or failed for good when that is undefined. */
export async function markMailFailed(
  sql: Sql,
  id: number,
  error: string,
  retryInMs: number | undefined,
): Promise<void> {
  await sql.rows(
    retryInMs === undefined
      ? `UPDATE mail_outbox SET status = 'failed', last_error = $2 WHERE id = $1`
      : `UPDATE mail_outbox SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
    retryInMs === undefined ? [id, error.slice(0, 500)] : [id, error.slice(0, 500), retryInMs],
  );
}

/** A claim given back unattempted (shutdown): due again at once, and it does not count. */
export async function releaseMailClaim(sql: Sql, id: number): Promise<void> {
  await sql.rows(
    `UPDATE mail_outbox SET attempts = greatest(attempts - 1, 0), next_attempt_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id],
  );
}

export interface MailLogRow {
  id: number;
  kind: MailKind;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** An app's newest mails (at most `limit`), newest first. */
export async function mailOf(sql: Sql, appId: string, limit: number): Promise<MailLogRow[]> {
  const rows = await sql.rows<MailLogRow>(
    `SELECT id, kind, recipient, subject, status, attempts, last_error, created_at, sent_at
       FROM mail_outbox WHERE app_id = $1 ORDER BY id DESC LIMIT $2`,
    [appId, limit],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Forgets finished mails (sent or failed) older than `keepMs`. */
export async function pruneMail(sql: Sql, keepMs: number): Promise<void> {
  await sql.rows(
    `DELETE FROM mail_outbox WHERE status <> 'pending' AND created_at < now() - $1 * interval '1 millisecond'`,
    [keepMs],
  );
}
