/**
 * Every word the server's e-mails say, per language: the recipient's (`users.locale`, a BCP 47
 * tag) when one of these tables has it, else English. A new language: one table here with every
 * key (`MailStrings` makes a missing one a type error). `{name}` placeholders are filled by
 * `format` (`src/core/locale-format.ts`).
 */
import { format } from '../../../src/core/locale-format.js';

const EN = {
  transcriptSubject: 'Transcript of your conversation with {app}',
  transcriptCompanySubject: 'Chat transcript: {visitor} with {app}',
  transcriptIntro: 'Here is the transcript of the conversation with {app}.',
  transcriptStarted: 'Started {time}',
  attachment: 'Attachment',
  you: 'You',
  footer: 'Sent by {app}.',
} as const;

export type MailStringKey = keyof typeof EN;
export type MailStrings = { readonly [K in MailStringKey]: string };

const AR: MailStrings = {
  transcriptSubject: 'نص محادثتك مع {app}',
  transcriptCompanySubject: 'نص المحادثة: {visitor} مع {app}',
  transcriptIntro: 'إليك نص المحادثة مع {app}.',
  transcriptStarted: 'بدأت في {time}',
  attachment: 'مرفق',
  you: 'أنت',
  footer: 'أُرسلت من {app}.',
};

const TABLES: Readonly<Record<string, MailStrings>> = { en: EN, ar: AR };

/** The mail table for `locale` (its language subtag), English when there is none. */
export function mailStrings(locale: string | null | undefined): { lang: string; t: MailStrings } {
  const lang = (locale ?? '').split('-')[0]!.toLowerCase();
  const t = TABLES[lang];
  return t ? { lang, t } : { lang: 'en', t: EN };
}

/** `key` of the table, its placeholders filled. */
export function mailText(
  t: MailStrings,
  key: MailStringKey,
  params: Readonly<Record<string, string>> = {},
  lang = 'en',
): string {
  return format(t[key], params, lang);
}

/** Languages written right to left (the HTML part's `dir`). */
export function isRtl(lang: string): boolean {
  return ['ar', 'he', 'fa', 'ur'].includes(lang);
}
