/**
 * What text-to-speech reads for a message, and how dictated words join a draft. Text only:
 * plain text without emphasis markers, HTML without its tags, rich messages as their titles,
 * descriptions and button labels (from `parseRich`), never a raw payload or a URL list.
 * Pure; bad input gives ''.
 */
import { CONTENT_TYPES, type Message } from './protocol.js';
import { parsePrice, parseRich, type RichButton, type RichContent } from './rich.js';
import { tokenizeText } from './text.js';

/** What can go wrong with voice input, as the visitor is told (one locale string each). */
export const SPEECH_INPUT_ERRORS = ['denied', 'no-speech', 'no-microphone', 'network', 'failed'] as const;
export type SpeechInputError = (typeof SPEECH_INPUT_ERRORS)[number];

/** Longest text handed to the speech engine (some engines stop at a few thousand characters). */
export const MAX_SPOKEN_LENGTH = 1500;

/** Plain text as people read it: emphasis markers dropped, links as their text. */
function plain(value: unknown): string {
  return tokenizeText(value)
    .map((t) => (t.kind === 'br' ? '\n' : t.text))
    .join('');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function codePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/** The text of an HTML fragment, without a DOM: no scripts, styles or comments, tags as spaces. */
export function htmlToText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|template|noscript)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
      return codePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
}

function labels(buttons: readonly RichButton[]): string[] {
  return buttons.map((b) => b.label);
}

/** The words of a rich message's template: titles, descriptions, captions, labels. */
function richWords(c: RichContent): Array<string | undefined> {
  switch (c.kind) {
    case 'replies':
    case 'buttons':
      return labels(c.buttons);
    case 'list':
      return [c.headerText, ...c.items.flatMap((i) => [i.title, i.description]), ...labels(c.buttons)];
    case 'faq':
      return [c.title, c.description, c.buttonLabel, ...labels(c.buttons)];
    case 'images':
    case 'video':
      return c.media.map((m) => m.caption);
    case 'cards':
      return c.cards.flatMap((k) => [k.title, k.titleExt, k.subtitle, k.description, ...labels(k.buttons)]);
    case 'form':
      return [...c.fields.map((f) => f.label), c.label];
  }
}

function tidy(parts: Array<string | undefined>): string {
  const text = parts
    .map((p) => (typeof p === 'string' ? p.replace(/\s+/g, ' ').trim() : ''))
    .filter(Boolean)
    .join('. ')
    .replace(/([.!?…:;,])\. /g, '$1 ');
  return text.length > MAX_SPOKEN_LENGTH ? `${text.slice(0, MAX_SPOKEN_LENGTH - 1)}…` : text;
}

/**
 * The text to read aloud for `message`: its text (HTML without tags, prices formatted, no
 * location JSON or bare links), an attachment's file name, and a rich message's words.
 * System notifications (content type 10) and unreadable content give ''.
 */
export function speakableText(
  message: Pick<Message, 'message' | 'contentType' | 'metadata'> & Partial<Pick<Message, 'fileMeta'>>,
): string {
  if (!message || typeof message !== 'object') return '';
  const text = typeof message.message === 'string' ? message.message : '';
  let body: Array<string | undefined>;
  switch (message.contentType) {
    case CONTENT_TYPES.attachment:
    case CONTENT_TYPES.audio:
    case CONTENT_TYPES.video:
      body = [plain(text), message.fileMeta?.name];
      break;
    case CONTENT_TYPES.location:
    case CONTENT_TYPES.imageLink:
    case CONTENT_TYPES.hyperlink:
    case CONTENT_TYPES.notification:
      // Coordinates, image and link URLs, system lines: nothing worth hearing.
      body = [];
      break;
    case CONTENT_TYPES.html:
      body = [htmlToText(text)];
      break;
    case CONTENT_TYPES.price: {
      const p = parsePrice(text);
      body = [p ? `${p.amount} ${p.currency}` : plain(text)];
      break;
    }
    default:
      body = [plain(text)];
  }
  const rich = parseRich(message);
  if (rich.kind !== 'text' && rich.kind !== 'fallback') body.push(...richWords(rich));
  return tidy(body);
}

/**
 * The composer's text while dictating: the draft the visitor had when they started, then the
 * words heard so far, with one space between.
 */
export function withTranscript(draft: string, transcript: string): string {
  const d = typeof draft === 'string' ? draft : '';
  const t = typeof transcript === 'string' ? transcript.trim() : '';
  if (!t) return d;
  return d.trim() ? `${d.replace(/\s+$/, '')} ${t}` : t;
}
