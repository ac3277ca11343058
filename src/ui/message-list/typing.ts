/** The typing indicator under the conversation: who is typing, in the visitor's language. */
import { html, nothing } from 'lit';
import { format, type Strings } from '../../core/locale.js';
import { isolated } from '../bidi.js';

function listFormat(names: string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale || undefined, { type: 'conjunction' }).format(names);
  } catch {
    return new Intl.ListFormat(undefined, { type: 'conjunction' }).format(names);
  }
}

/** "Ana is typing…" / "Ana and Bob are typing…" (never the visitor; each name isolated), or nothing. */
export function typingLine(
  typing: readonly string[],
  selfId: string,
  nameOf: (userId: string) => string,
  strings: Strings,
  locale: string,
) {
  const ids = Array.isArray(typing) ? typing.filter((id) => id && id !== selfId) : [];
  if (ids.length === 0) return nothing;
  const names = [...new Set(ids)].map(nameOf);
  const text = isolated((mark) =>
    names.length === 1
      ? format(strings.typing, { name: mark(names[0] ?? '') })
      : format(strings.typingMany, { names: listFormat(names.map(mark), locale) }),
  );
  return html`<p class="typing" part="typing">
    <span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>${text}
  </p>`;
}
