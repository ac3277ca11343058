/**
 * Chat transcripts (the dashboard's "Chat Transcript"): a conversation's messages mailed to the
 * company's address and/or the visitor, queued in the mail outbox (`repo/mail.ts`) — on resolve
 * as the app's rules say (`rules.ts` `chatTranscript`, in the resolve's own transaction), or by
 * hand from the staff app. The dedupe key names the conversation, the recipient and the newest
 * message: the same transcript is queued once, a conversation resolved again after new messages
 * gets a new one.
 */
import type { Sql } from './db.js';
import { mailStrings, mailText } from './mail-strings.js';
import type { AppRow } from './repo/apps.js';
import type { ConversationRow } from './repo/conversations.js';
import { membersOf } from './repo/conversations.js';
import { enqueueMail } from './repo/mail.js';
import { listMessages, toMessage } from './repo/messages.js';
import { findRules } from './repo/routing.js';
import { findUsers } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { readRules } from './rules.js';
import { mergeSettings } from './settings.js';
import { renderTranscript } from './transcript-render.js';

/** Who a transcript goes to. */
export const TRANSCRIPT_RECIPIENTS = ['visitor', 'company'] as const;
export type TranscriptRecipient = (typeof TRANSCRIPT_RECIPIENTS)[number];

/** Messages a transcript holds at most (the newest). */
const MAX_LINES = 2000;

export interface QueuedTranscript {
  to: TranscriptRecipient;
  /** 'queued', or why not: 'duplicate' (this transcript was queued before), 'no-address'. */
  result: 'queued' | 'duplicate' | 'no-address';
}

/** The app's name in mails: the widget's title, else its team name, else the app id. */
export function appNameOf(app: AppRow): string {
  const s = mergeSettings(app.settings);
  return s.chatWidget.title.trim() || s.chatWidget.teamName.trim() || app.app_id;
}

async function queueOne(
  sql: Sql,
  app: AppRow,
  conv: ConversationRow,
  to: TranscriptRecipient,
  address: string,
  recipientLocale: string | null,
  visitor: UserRow | undefined,
  baseUrl: string,
  trigger: 'resolve' | 'manual',
): Promise<QueuedTranscript> {
  const rows = await listMessages(sql, conv.group_id, { limit: MAX_LINES });
  const senders = new Map(
    (await findUsers(sql, app.app_id, [...new Set(rows.map((r) => r.from_user))])).map((u) => [u.user_id, u]),
  );
  const { lang, t } = mailStrings(recipientLocale);
  const settings = mergeSettings(app.settings);
  const appName = appNameOf(app);
  const visitorName = visitor?.user_name || visitor?.email || conv.group_id;
  const subject =
    to === 'visitor'
      ? mailText(t, 'transcriptSubject', { app: appName }, lang)
      : mailText(t, 'transcriptCompanySubject', { app: appName, visitor: visitorName }, lang);
  const mail = renderTranscript({
    appName,
    color: settings.chatWidget.primaryColor,
    lang,
    t,
    baseUrl,
    subject,
    lines: rows.map((r) => ({
      message: toMessage(r),
      sender:
        to === 'visitor' && r.from_user === visitor?.user_id
          ? t.you
          : (senders.get(r.from_user)?.user_name ?? r.from_user),
    })),
  });
  const last = rows.at(-1)?.id ?? 0;
  const id = await enqueueMail(sql, {
    appId: app.app_id,
    kind: 'transcript',
    recipient: address,
    senderName: appName,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    dedupeKey: `transcript:${app.app_id}:${conv.group_id}:${last}:${to}:${address.toLowerCase()}:${trigger}`,
  });
  return { to, result: id === undefined ? 'duplicate' : 'queued' };
}

/**
 * Queues the transcript of `conv` for each of `to` that has an address: the visitor's e-mail,
 * the company's address from the app's rules. Call it inside the transaction that decided it.
 */
export async function queueTranscripts(
  sql: Sql,
  app: AppRow,
  conv: ConversationRow,
  to: readonly TranscriptRecipient[],
  o: { baseUrl: string; trigger: 'resolve' | 'manual' },
): Promise<QueuedTranscript[]> {
  const visitor = (await membersOf(sql, app.app_id, [conv.group_id])).find((u) => u.role === 'user');
  const rules = readRules(await findRules(sql, app.app_id));
  const out: QueuedTranscript[] = [];
  for (const recipient of to) {
    if (recipient === 'visitor') {
      const email = visitor?.email?.trim();
      out.push(
        email
          ? await queueOne(sql, app, conv, 'visitor', email, visitor!.locale, visitor, o.baseUrl, o.trigger)
          : { to: 'visitor', result: 'no-address' },
      );
    } else {
      const email = rules.chatTranscript.companyEmail;
      out.push(
        email
          ? await queueOne(sql, app, conv, 'company', email, null, visitor, o.baseUrl, o.trigger)
          : { to: 'company', result: 'no-address' },
      );
    }
  }
  return out;
}

/** On resolve: the recipients the app's rules name (none by default). */
export async function queueTranscriptsOnResolve(
  sql: Sql,
  app: AppRow,
  conv: ConversationRow,
  baseUrl: string,
): Promise<void> {
  const { chatTranscript: c } = readRules(await findRules(sql, app.app_id));
  const to: TranscriptRecipient[] = [];
  if (c.toCompany) to.push('company');
  if (c.toVisitor) to.push('visitor');
  if (to.length > 0) await queueTranscripts(sql, app, conv, to, { baseUrl, trigger: 'resolve' });
}
