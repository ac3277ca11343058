/**
 * E-mail for staff (`Authorization: Bearer <agent session token>`):
 *
 * - `POST /agent/v1/conversations/:groupId/transcript` `{to: ['visitor' | 'company', …]}` →
 *   `[{to, result: 'queued' | 'duplicate' | 'no-address'}]`: the conversation's transcript, queued
 *   in the mail outbox (any staff member, on the conversations they may see)
 * - `GET /agent/v1/mail` → the app's newest mails in the outbox `[{id, kind, recipient, subject,
 *   status, attempts, lastError, createdAtTime, sentAtTime, file}]` (`file`: the `.eml` file's
 *   name when the server has no SMTP server; admins and agents)
 * - `GET /agent/v1/mail/<file>` (`mail-00000042.eml`) → that `.eml` file (no-SMTP mode; admins and agents)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requireVisible, staffFromBearer } from '../access.js';
import type { ConversationActions } from '../conversation-actions.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Router } from '../http.js';
import { asObject } from '../input.js';
import { mailFileName } from '../mail-transport.js';
import type { MailTransport } from '../mail-transport.js';
import { findConversation } from '../repo/conversations.js';
import { mailOf } from '../repo/mail.js';
import { TRANSCRIPT_RECIPIENTS, queueTranscripts } from '../transcript.js';
import type { TranscriptRecipient } from '../transcript.js';

const CONSOLE = { cors: 'any', allowHeaders: 'Content-Type, Authorization' } as const;
/** Mails the list shows at most. */
const LIST_LIMIT = 100;

export interface MailServices {
  actions: ConversationActions;
  transport: MailTransport;
  /** The `.eml` files' folder (no-SMTP mode). */
  dir: string;
  /** The server's public URL (attachment links): known once it listens. */
  baseUrl: () => string;
}

/** `to`: a non-empty array of 'visitor' and 'company' (repeats count once). */
function readRecipients(value: unknown): TranscriptRecipient[] {
  if (value === undefined || value === null) throw fail.missingField('to');
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((v) => (TRANSCRIPT_RECIPIENTS as readonly unknown[]).includes(v))
  )
    throw fail.invalidField('to', `must be a non-empty array of ${TRANSCRIPT_RECIPIENTS.join(', ')}`);
  return [...new Set(value as TranscriptRecipient[])];
}

export function mailRoutes(router: Router, deps: Deps, services: MailServices): void {
  const { db } = deps;
  const { actions, transport } = services;

  router.add(
    'POST',
    '/agent/v1/conversations/:groupId/transcript',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const appId = caller.app.app_id;
      const conv = await findConversation(db, appId, ctx.params['groupId'] ?? '');
      if (!conv) throw fail.groupNotFound();
      requireVisible(caller, conv, await actions.rules(appId));
      const to = readRecipients(asObject(await ctx.body())['to']);
      const results = await db.tx((sql) =>
        queueTranscripts(sql, caller.app, conv, to, { baseUrl: services.baseUrl(), trigger: 'manual' }),
      );
      return success(results);
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/mail',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const rows = await mailOf(db, caller.app.app_id, LIST_LIMIT);
      return success(
        rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          recipient: r.recipient,
          subject: r.subject,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAtTime: r.created_at.getTime(),
          sentAtTime: r.sent_at?.getTime() ?? null,
          file: transport.kind === 'files' && r.status === 'sent' ? mailFileName(r.id) : null,
        })),
      );
    },
    CONSOLE,
  );

  router.add(
    'GET',
    '/agent/v1/mail/:id',
    async (ctx) => {
      const caller = await staffFromBearer(deps, ctx);
      const id = /^mail-(\d{1,15})\.eml$/.exec(ctx.params['id'] ?? '')?.[1];
      // Only the app's own mails, and only while there is no SMTP server (then there are no files).
      const mine = id && (await mailOf(db, caller.app.app_id, LIST_LIMIT)).find((r) => r.id === Number(id));
      if (!mine || transport.kind !== 'files' || mine.status !== 'sent') throw fail.notFound();
      const bytes = await readFile(join(services.dir, mailFileName(mine.id))).catch(() => undefined);
      if (!bytes) throw fail.notFound();
      ctx.res.writeHead(200, {
        // Any origin, as for this route's JSON answers (the staff app may be served elsewhere).
        ...(ctx.origin ? { 'Access-Control-Allow-Origin': ctx.origin, Vary: 'Origin' } : {}),
        'Content-Type': 'message/rfc822',
        'Content-Length': bytes.length,
        'Content-Disposition': `attachment; filename="${mailFileName(mine.id)}"`,
        'Cache-Control': 'no-store',
      });
      ctx.res.end(bytes);
      return null;
    },
    CONSOLE,
  );
}
