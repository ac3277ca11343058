/**
 * A conversation as an e-mail: a plain-text part and an HTML part with the same content, in the
 * app's name and colour. Rich messages are their readable words (`speakableText`), links and
 * attachments absolute links; everything from a message is escaped in the HTML. Pure.
 */
import { CONTENT_TYPES } from '../../../src/core/protocol.js';
import type { Message } from '../../../src/core/protocol.js';
import { speakableText } from '../../../src/core/speech-text.js';
import { isRtl, mailText } from './mail-strings.js';
import type { MailStrings } from './mail-strings.js';

export interface TranscriptLine {
  message: Pick<Message, 'message' | 'contentType' | 'metadata' | 'createdAtTime'> & Partial<Pick<Message, 'fileMeta'>>;
  /** Who wrote it, as the recipient knows them. */
  sender: string;
}

export interface TranscriptInput {
  appName: string;
  /** `#rrggbb` (the settings keep only those). */
  color: string;
  lang: string;
  t: MailStrings;
  /** The server's public URL: attachments' server-relative URLs are made absolute with it. */
  baseUrl: string;
  lines: readonly TranscriptLine[];
  subject: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** An http(s) URL, absolute (server-relative ones against `baseUrl`); undefined for anything else. */
function safeUrl(value: string | undefined, baseUrl: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The words of a line and the links it carries (attachment, image or hyperlink). */
function partsOf(
  line: TranscriptLine,
  baseUrl: string,
  t: MailStrings,
): { words: string; links: { label: string; url: string }[] } {
  const m = line.message;
  const words = speakableText(m);
  const links: { label: string; url: string }[] = [];
  const file = m.fileMeta;
  const fileUrl = file && safeUrl(file.url ?? `/files/${encodeURIComponent(file.blobKey)}`, baseUrl);
  if (file && fileUrl) links.push({ label: `${t.attachment}: ${file.name}`, url: fileUrl });
  if (m.contentType === CONTENT_TYPES.imageLink || m.contentType === CONTENT_TYPES.hyperlink) {
    const url = safeUrl(m.message.trim(), baseUrl);
    if (url) links.push({ label: url, url });
  }
  return { words, links };
}

function time(ts: number, lang: string): string {
  return (
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ts) + ' UTC'
  );
}

export function renderTranscript(input: TranscriptInput): RenderedMail {
  const { t, lang, appName, baseUrl } = input;
  const p = { app: appName };
  const lines = input.lines.filter((l) => l.message.contentType !== CONTENT_TYPES.notification);
  const rendered = lines.map((l) => ({ ...l, ...partsOf(l, baseUrl, t), when: time(l.message.createdAtTime, lang) }));

  const text = [
    mailText(t, 'transcriptIntro', p, lang),
    '',
    ...rendered.flatMap((r) => [
      `[${r.when}] ${r.sender}:`,
      ...(r.words ? r.words.split('\n').map((w) => `  ${w}`) : []),
      ...r.links.map((l) => `  ${l.label === l.url ? l.url : `${l.label} <${l.url}>`}`),
      '',
    ]),
    '--',
    mailText(t, 'footer', p, lang),
    '',
  ].join('\n');

  const e = escapeHtml;
  const color = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(input.color) ? input.color : '#5b5bd6';
  const items = rendered
    .map(
      (r) =>
        `<tr><td style="padding:8px 0;border-bottom:1px solid #eee">` +
        `<div style="font-size:12px;color:#666"><strong style="color:${color}">${e(r.sender)}</strong> · ${e(r.when)}</div>` +
        (r.words ? `<div style="white-space:pre-wrap">${e(r.words)}</div>` : '') +
        r.links.map((l) => `<div><a href="${e(l.url)}">${e(l.label)}</a></div>`).join('') +
        `</td></tr>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="${e(lang)}" dir="${isRtl(lang) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${e(input.subject)}</title></head>` +
    `<body style="font-family:sans-serif;color:#222;margin:0;padding:16px">` +
    `<div style="background:${color};color:#fff;padding:12px 16px;font-size:18px">${e(appName)}</div>` +
    `<p>${e(mailText(t, 'transcriptIntro', p, lang))}</p>` +
    `<table style="width:100%;border-collapse:collapse">${items}</table>` +
    `<p style="font-size:12px;color:#666">${e(mailText(t, 'footer', p, lang))}</p>` +
    `</body></html>`;
  return { subject: input.subject, text, html };
}
