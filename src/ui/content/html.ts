/**
 * The only path from message HTML (content type 3) to the DOM: DOMPurify with a strict
 * allow-list, returning a DOM fragment (no HTML string is ever re-parsed). Links and images keep
 * only URLs that `safeUrl` allows; links open in a new tab with `rel="noopener noreferrer"`.
 */
import DOMPurify from 'dompurify';
import { safeUrl } from '../../core/url.js';

const purify = DOMPurify(window);

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'code',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'width', 'height', 'dir', 'lang'];

/** The server base of the sanitise call in progress (hooks run synchronously inside it). */
let base: string | undefined;

purify.addHook('afterSanitizeAttributes', (node) => {
  const href = node.getAttribute('href');
  if (href !== null) {
    const url = node.tagName === 'A' ? safeUrl(href, { kind: 'link', base }) : undefined;
    if (url) {
      node.setAttribute('href', url);
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else node.removeAttribute('href');
  }
  // An image the author left without alt text is treated as decorative.
  if (node.tagName === 'IMG' && !node.hasAttribute('alt')) node.setAttribute('alt', '');
  const src = node.getAttribute('src');
  if (src !== null) {
    const url = node.tagName === 'IMG' ? safeUrl(src, { kind: 'image', base }) : undefined;
    if (url) node.setAttribute('src', url);
    else node.removeAttribute('src');
  }
});

/** Sanitised DOM for `dirty` (an empty fragment for non-strings); relative URLs resolve
 * against `server`. */
export function sanitizeHtml(dirty: unknown, server?: string): DocumentFragment {
  base = server;
  try {
    return purify.sanitize(typeof dirty === 'string' ? dirty : '', {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      RETURN_DOM_FRAGMENT: true,
    });
  } catch {
    return document.createDocumentFragment();
  } finally {
    base = undefined;
  }
}
