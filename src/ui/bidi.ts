/**
 * Names and other text that may run the other way inside a sentence ("New message from John" in
 * Arabic, "Ahmed is typing…" in English) are isolated, so the bidi algorithm neither reorders them
 * nor lets their neutrals (a trailing "!", digits) join the sentence around them. In the DOM a value
 * goes into a `<bdi>` (`isolated`); in an attribute, which cannot hold markup, between U+2068 FIRST
 * STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (`isolate`), which mean the same to the browser.
 */
import { html, type TemplateResult } from 'lit';

/** What `mark` puts around a value: a private-use character, which no text of ours holds. */
const MARK = '\uE000';

/**
 * `compose`'s text as lit content, each value it passed through `mark` in a `<bdi>` ('' stays ''):
 * `isolated((mark) => format(s.typing, { name: mark(name) }))`. A value cut short (a preview's
 * length) is still isolated to the end.
 */
export function isolated(compose: (mark: (value: string) => string) => string): Array<string | TemplateResult> {
  return compose((value) => value && MARK + value + MARK)
    .split(MARK)
    .map((part, i) => (i % 2 ? html`<bdi>${part}</bdi>` : part));
}

/** `value` isolated inside an attribute's text (FSI … PDI: see above). */
export const isolate = (value: string): string => `\u2068${value}\u2069`;
