// @ts-check
/**
 * What the composer needs besides the DOM: the saved quick replies that match what the agent
 * typed after "/", and the suggested-reply buttons (rich template 6) from a plain-text list.
 * Pure functions.
 */

/**
 * The quick replies to offer while the composer holds `/shortcut-prefix` (nothing else):
 * shortcuts that start with the prefix first, then ones that merely contain it. Up to `max`.
 * @param {ReadonlyArray<{ id: number, shortcut: string, message: string }>} replies
 * @param {string} text
 * @param {number} [max]
 */
export function matchQuickReplies(replies, text, max = 8) {
  const m = /^\/([^\s/]*)$/.exec(text);
  if (!m) return [];
  const q = (m[1] ?? '').toLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const contains = replies.filter(
    (r) => !r.shortcut.toLowerCase().startsWith(q) && r.shortcut.toLowerCase().includes(q),
  );
  return [...starts, ...contains].slice(0, max);
}

/**
 * Suggested replies from one line each: `Title` (sends the title) or `Title | message`.
 * Blank lines are skipped; at most 10 buttons, titles up to 40 characters.
 * @param {string} text
 * @returns {Array<{ title: string, message: string }>}
 */
export function parseButtons(text) {
  return String(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 10)
    .map((line) => {
      const bar = line.indexOf('|');
      const title = (bar === -1 ? line : line.slice(0, bar)).trim().slice(0, 40);
      const message = (bar === -1 ? line : line.slice(bar + 1)).trim() || title;
      return { title, message };
    })
    .filter((b) => b.title !== '');
}

/**
 * The metadata of a template-6 rich message (payload as a JSON string, as the product wants).
 * @param {Array<{ title: string, message: string }>} buttons
 * @returns {Record<string, string>}
 */
export function suggestedRepliesMetadata(buttons) {
  return { contentType: '300', templateId: '6', payload: JSON.stringify(buttons) };
}

/**
 * Titles of a rich message's buttons (templates 3 and 6), for showing as text; [] when the
 * payload does not parse.
 * @param {Record<string, string> | undefined} metadata
 * @returns {string[]}
 */
export function richButtons(metadata) {
  if (!metadata || (metadata['templateId'] !== '6' && metadata['templateId'] !== '3')) return [];
  try {
    const payload = JSON.parse(metadata['payload'] ?? '');
    if (!Array.isArray(payload)) return [];
    return payload
      .map((p) => (p && typeof p === 'object' ? String(p.title ?? p.name ?? '') : ''))
      .filter((t) => t !== '')
      .slice(0, 20);
  } catch {
    return [];
  }
}

/** A unique message key (the idempotency key). */
export function newKey() {
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  return `console-${rnd}`;
}
