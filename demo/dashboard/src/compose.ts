/**
 * What the reply box needs besides the DOM: the saved quick replies that match what the agent
 * typed after "/", and suggested-reply buttons (rich template 6) from a plain-text list. Pure.
 */
import type { Metadata } from '../../../src/core/protocol.js';
import type { QuickReply } from '../../../src/core/staff-protocol.js';

/** Suggested-reply buttons at most, and the longest title. */
export const MAX_BUTTONS = 10;
export const MAX_BUTTON_TITLE = 40;

/**
 * The quick replies to offer while the box holds `/shortcut-prefix` (nothing else): shortcuts
 * that start with the prefix first, then ones that merely contain it. Up to `max`.
 */
export function matchQuickReplies(replies: readonly QuickReply[], text: string, max = 8): QuickReply[] {
  const m = /^\/([^\s/]*)$/.exec(text);
  if (!m) return [];
  const q = (m[1] ?? '').toLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const contains = replies.filter(
    (r) => !r.shortcut.toLowerCase().startsWith(q) && r.shortcut.toLowerCase().includes(q),
  );
  return [...starts, ...contains].slice(0, max);
}

export interface SuggestedReply {
  title: string;
  message: string;
}

/** Suggested replies from one line each: `Title` (sends the title) or `Title | message`. Blank lines are skipped. */
export function parseButtons(text: string): SuggestedReply[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, MAX_BUTTONS)
    .map((line) => {
      const bar = line.indexOf('|');
      const title = (bar === -1 ? line : line.slice(0, bar)).trim().slice(0, MAX_BUTTON_TITLE);
      const message = (bar === -1 ? line : line.slice(bar + 1)).trim() || title;
      return { title, message };
    })
    .filter((b) => b.title !== '');
}

/** The metadata of a template-6 rich message (its payload a JSON string, as the product wants). */
export function suggestedRepliesMetadata(buttons: readonly SuggestedReply[]): Metadata {
  return { contentType: '300', templateId: '6', payload: JSON.stringify(buttons) };
}

/** A reply as it goes out: the text (or the buttons' titles when there is none) and its buttons. */
export function outgoing(text: string, buttonsText: string): { message: string; metadata?: Metadata } | undefined {
  const buttons = parseButtons(buttonsText);
  if (text.trim() === '' && buttons.length === 0) return undefined;
  const message = text.trim() === '' ? buttons.map((b) => b.title).join(' / ') : text;
  return buttons.length > 0 ? { message, metadata: suggestedRepliesMetadata(buttons) } : { message };
}
