/**
 * Plain text → tokens for lit to render: line breaks, auto-links (http/https, `www.`, `mailto:`,
 * e-mail addresses) and plain-text emphasis (`*strong*`, `_em_`). Never produces HTML: every
 * token is text that lit puts in a text node, and every href has passed `safeUrl`.
 * Linear time; bad input gives `[]`.
 */
import { safeUrl } from './url.js';

export type TextToken =
  { kind: 'text' | 'strong' | 'em'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'br' };

const LINK_START = /https?:\/\/|www\.|mailto:/i;
const EMAIL = /^[\w.%+-]+@[a-z\d-]+(?:\.[a-z\d-]+)+$/i;
const EMPHASIS = /(^|[^\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])|(^|[^\w_])_(\S(?:[^_\n]*?\S)?)_(?![\w_])/g;
const TRAILING = '.,;:!?\'"*_>';
const LEADING = '(["\'<*_';
const MAX_WORD = 4096;

/** Drops trailing punctuation and unbalanced closing parentheses from a link candidate. */
function trimTail(s: string): string {
  const opens = s.split('(').length;
  let closes = s.split(')').length;
  for (;;) {
    const c = s.slice(-1);
    if (c && TRAILING.includes(c)) s = s.slice(0, -1);
    else if (c === ')' && closes > opens) {
      s = s.slice(0, -1);
      closes--;
    } else return s;
  }
}

interface Found {
  start: number;
  text: string;
  href: string;
}

function findLink(word: string): Found | undefined {
  if (word.length < 5 || word.length > MAX_WORD) return undefined;
  const m = LINK_START.exec(word);
  if (m && (m.index === 0 || /\W/.test(word.charAt(m.index - 1)))) {
    const text = trimTail(word.slice(m.index));
    const href = safeUrl(/^www\./i.test(text) ? `https://${text}` : text, { kind: 'link' });
    return href ? { start: m.index, text, href } : undefined;
  }
  if (!word.includes('@')) return undefined;
  let start = 0;
  while (start < word.length && LEADING.includes(word.charAt(start))) start++;
  const text = trimTail(word.slice(start));
  const href = EMAIL.test(text) ? safeUrl(`mailto:${text}`, { kind: 'link' }) : undefined;
  return href ? { start, text, href } : undefined;
}

function emphasise(s: string, out: TextToken[]): void {
  let last = 0;
  for (const m of s.matchAll(EMPHASIS)) {
    const start = (m.index ?? 0) + (m[1] ?? m[3] ?? '').length;
    if (start > last) out.push({ kind: 'text', text: s.slice(last, start) });
    out.push(m[2] !== undefined ? { kind: 'strong', text: m[2] } : { kind: 'em', text: m[4] ?? '' });
    last = (m.index ?? 0) + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
}

function line(s: string, out: TextToken[]): void {
  let buffer = '';
  for (const word of s.split(/(\s+)/)) {
    const link = findLink(word);
    if (!link) {
      buffer += word;
      continue;
    }
    emphasise(buffer + word.slice(0, link.start), out);
    out.push({ kind: 'link', text: link.text, href: link.href });
    buffer = word.slice(link.start + link.text.length);
  }
  emphasise(buffer, out);
}

/** Splits `input` into tokens; `\r\n`, `\r` and `\n` become `br` tokens. */
export function tokenizeText(input: unknown): TextToken[] {
  const out: TextToken[] = [];
  if (typeof input !== 'string') return out;
  input.split(/\r\n?|\n/).forEach((s, i) => {
    if (i) out.push({ kind: 'br' });
    line(s, out);
  });
  return out;
}
