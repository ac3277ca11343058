/**
 * Where mail goes: an SMTP server (`SMTP_URL`, `smtp://user:pass@host:port` or `smtps://…`,
 * through nodemailer), or — without one — `.eml` files (RFC 822, built by nodemailer's stream
 * transport) in a folder, `<dataDir>/mail/`, that the staff app lists. Either way a mail carries a
 * `Message-ID` made from its outbox id, so the same outbox row always makes the same message.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { redactUrl } from './secret-url.js';

export interface OutgoingMail {
  /** The outbox row's id: the file's name and the Message-ID's left part. */
  id: number;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** The sender's display name (the app's). */
  fromName: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'files';
  /** For logs and the start banner: the SMTP URL without its password, or the folder. */
  readonly description: string;
  /** Resolves once the SMTP server accepted the mail (or the file is written); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportOptions {
  /** `smtp://` or `smtps://`; undefined writes `.eml` files to `dir`. */
  smtpUrl?: string | undefined;
  /** The `.eml` files' folder. */
  dir: string;
  /** The sender's address (`parley@localhost`). */
  from?: string | undefined;
  /** How long an SMTP step may take (10 s). */
  timeoutMs?: number | undefined;
}

export const DEFAULT_MAIL_FROM = 'parley@localhost';

/** Whether `value` is an SMTP URL this server can use. Pure. */
export function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The SMTP URL for logs: never its password. */
export function describeSmtpUrl(value: string): string {
  return redactUrl(value, 'SMTP');
}

/** An SMTP answer that will not change on a retry (5xx): the mail fails for good. */
export function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function message(mail: OutgoingMail, from: string) {
  return {
    from: { name: mail.fromName, address: from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
    messageId: `<mail-${mail.id}@${from.split('@')[1] ?? 'parley'}>`,
  };
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  const from = options.from ?? DEFAULT_MAIL_FROM;
  const timeout = options.timeoutMs ?? 10_000;
  if (options.smtpUrl) {
    const url = options.smtpUrl;
    const smtp = nodemailer.createTransport({
      url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    return {
      kind: 'smtp',
      description: describeSmtpUrl(url),
      async send(mail) {
        await smtp.sendMail(message(mail, from));
      },
      close: () => smtp.close(),
    };
  }
  const build = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'files',
    description: options.dir,
    async send(mail) {
      const info = (await build.sendMail(message(mail, from))) as { message: Buffer };
      await mkdir(options.dir, { recursive: true });
      // Written whole, then renamed: a reader never sees half a file, and a second attempt of the
      // same row replaces the first file rather than adding one.
      const file = join(options.dir, mailFileName(mail.id));
      await writeFile(`${file}.part`, info.message);
      await rename(`${file}.part`, file);
    },
    close: () => build.close(),
  };
}

/** The `.eml` file of outbox row `id`. */
export function mailFileName(id: number): string {
  return `mail-${String(id).padStart(8, '0')}.eml`;
}
