/**
 * The XSS corpus harness: renders vectors through every path of `<parley-message-content>` in a
 * fresh same-origin frame per batch (fresh globals, tripwires installed before the widget code
 * loads), acts like a user, and checks the composed tree with the corpus README's hit criteria.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Message } from '../../src/core/protocol.js';
import type { ParleyMessageContent } from '../../src/ui/content/message-content.js';

/** The chat server the messages come from (relative URLs resolve against it). */
export const SERVER = 'https://chat.parley.test';

export interface Vector {
  /** `xss#12`, `url#3`, `own-xss#4`… */
  id: string;
  value: string;
  source?: string;
  category?: string;
  /** URL vectors only. */
  dangerous?: boolean;
  risk?: string;
}

export interface Hit {
  id: string;
  path: string;
  criterion: string;
  detail: string;
}

export interface BatchReport {
  hits: Hit[];
  blocked: string[];
}

interface FrameWindow extends Window {
  __xss: Array<{ fn: string; arg: string }>;
  /** Requests the page's Content Security Policy blocked (tripwires.js). */
  __blocked: string[];
}

/** A host no request may reach: the canary that proves a page's guard is in force. */
const CANARY = 'guard-canary.parley.test';

/**
 * Fails unless `win`'s Content Security Policy (frame.html, host.html) blocks requests to other
 * origins: an image from the canary host must be reported blocked. The guard is the page's own,
 * so it is the same in every engine; this check keeps it from being silently absent.
 */
export async function expectGuarded(win: Window): Promise<void> {
  const page = win as FrameWindow;
  const img = page.document.createElement('img');
  img.src = `https://${CANARY}/guard.png`;
  await waitUntil(() => page.__blocked.some((u) => u.includes(CANARY)), "the page's CSP blocks other origins", {
    timeout: 5000,
  });
  page.__blocked = page.__blocked.filter((u) => !u.includes(CANARY));
}

const json = JSON.stringify;
const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Every render path, with every displayed and URL-bearing field set to `v`. */
export function messagesFor(v: string): Array<[path: string, message: Partial<Message>]> {
  const rich = (templateId: string, payload: unknown, extra: Record<string, string> = {}): Partial<Message> => ({
    message: v,
    metadata: {
      contentType: '300',
      templateId,
      payload: typeof payload === 'string' ? payload : json(payload),
      ...extra,
    },
  });
  return [
    ['text', { message: v }],
    ['html', { contentType: 3, message: v }],
    ['html-attributes', { contentType: 3, message: `<a href="${attr(v)}">a</a><img src="${attr(v)}" alt="i">` }],
    [
      'file',
      {
        contentType: 1,
        message: v,
        fileMeta: { blobKey: v, name: v, size: 10, contentType: v, url: v, thumbnailUrl: v },
      },
    ],
    [
      'file-image',
      {
        contentType: 1,
        fileMeta: { blobKey: 'b', name: v, size: 1, contentType: 'image/png', url: v, thumbnailUrl: v },
      },
    ],
    ['location', { contentType: 2, message: v }],
    ['location-json', { contentType: 2, message: json({ lat: v, lon: v }) }],
    ['price', { contentType: 4, message: v }],
    ['price-json', { contentType: 4, message: json({ amount: 1, currency: v }) }],
    ['image-link', { contentType: 5, message: v }],
    ['hyperlink', { contentType: 6, message: v }],
    ['contact', { contentType: 7, message: v }],
    ['contact-json', { contentType: 7, message: json({ name: v, phone: v, email: v }) }],
    [
      'audio',
      { contentType: 8, message: v, fileMeta: { blobKey: v, name: v, size: 1, contentType: 'audio/mpeg', url: v } },
    ],
    [
      'video',
      {
        contentType: 9,
        message: v,
        fileMeta: { blobKey: 'b', name: v, size: 1, contentType: v, url: v, thumbnailUrl: v },
      },
    ],
    [
      't3',
      rich(
        '3',
        [
          { type: 'link', url: v, name: v },
          { name: v, replyText: v },
        ],
        { formAction: v, formData: json({ [v]: v }) },
      ),
    ],
    [
      't3-post',
      rich('3', [{ name: v, replyText: v }], { formAction: 'https://forms.parley.test/', formData: json({ [v]: v }) }),
    ],
    ['t6', rich('6', [{ title: v, message: v, replyMetadata: { [v]: v } }])],
    ['t6-raw-payload', rich('6', v)],
    [
      't7',
      rich('7', {
        headerImgSrc: v,
        headerText: v,
        elements: [
          { imgSrc: v, title: v, description: v, action: { type: 'link', url: v } },
          { title: v, description: v, action: { type: 'quick_reply', text: v } },
        ],
        buttons: [{ name: v, action: { type: 'link', url: v } }],
      }),
    ],
    ['t8', rich('8', { title: v, description: v, buttonLabel: v, buttons: [{ name: v }] })],
    [
      't9',
      rich('9', [
        { url: v, caption: v },
        { url: 'https://img.parley.test/a.png', caption: v },
      ]),
    ],
    [
      't10',
      rich('10', [
        {
          title: v,
          subtitle: v,
          titleExt: v,
          description: v,
          header: { imgSrc: v, overlayText: v },
          buttons: [
            { name: v, action: { type: 'link', url: v } },
            { name: v, action: { type: 'quickReply', message: v } },
          ],
        },
        { title: v },
      ]),
    ],
    [
      't11',
      rich('11', [
        { name: v, action: { type: 'link', url: v } },
        { name: v, action: { type: 'submit', formAction: v, requestType: 'json', formData: { [v]: v } } },
        { name: v, action: { type: 'submit', formAction: v, requestType: 'form' } },
      ]),
    ],
    [
      't12',
      rich('12', [
        { type: 'text', label: v, name: v, placeholder: v, value: v },
        { type: 'text', label: 'r', name: 'r', validation: { regex: v, errorText: v } },
        { type: 'radio', label: v, name: v, options: [{ label: v, value: v }] },
        { type: 'dropdown', label: v, name: 'd', options: [{ label: v, value: v }] },
        { type: 'textarea', label: v, name: 't', value: v },
        { type: 'hidden', name: v, value: v },
        { type: v, label: v, name: 'x' },
        { type: 'submit', label: v, formAction: v, requestType: 'form', message: v },
      ]),
    ],
    ['t14', rich('14', [{ url: v, caption: v }])],
  ];
}

/** Tags our renderers create, and the ones the HTML sanitiser lets through. */
const OUR_TAGS = new Set(
  'p br a strong em span div img video audio figure figcaption ul li button form input fieldset legend label select option textarea svg path bdi parley-attachment parley-image-viewer dialog'.split(
    ' ',
  ),
);
const HTML_TAGS = new Set(
  'a abbr b blockquote br caption code dd del div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub sup table tbody td tfoot th thead tr u ul'.split(
    ' ',
  ),
);
const DANGEROUS = new Set(
  'script iframe object embed base meta frame frameset applet link style template noscript portal'.split(' '),
);
const URL_ATTRS = new Set(
  'href xlink:href src action formaction data poster background lowsrc dynsrc srcset cite ping code codebase longdesc usemap'.split(
    ' ',
  ),
);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The scheme a browser would use for `value`: normalised as the URL parser does. */
function schemeOf(value: string, base: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- C0 controls are what the URL parser strips
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const explicit = /^([a-z][a-z\d+.-]*):/i.exec(cleaned)?.[1];
  try {
    return new URL(value, base).protocol;
  } catch {
    return explicit ? `${explicit.toLowerCase()}:` : undefined;
  }
}

export type Report = (criterion: string, detail: string) => void;

/** `widget`: the rest of the widget (only the hit criteria apply); `ours`: inside a message's
 * content (only the tags our renderers make, no style attributes); `html`: sanitiser output. */
export type Zone = 'widget' | 'ours' | 'html';

function checkElement(el: Element, zone: Zone, base: string, report: Report): void {
  const tag = el.localName;
  if (DANGEROUS.has(tag)) report('4 dangerous element', `<${tag}>`);
  else if (zone !== 'widget' && !(zone === 'html' ? HTML_TAGS : OUR_TAGS).has(tag))
    report('element created from payload', `<${tag}>`);
  if (tag === 'form' && el.hasAttribute('action')) {
    const scheme = schemeOf(el.getAttribute('action') ?? '', base);
    if (scheme !== 'http:' && scheme !== 'https:') report('4 form with a non-http(s) action', `${scheme}`);
  }
  for (const { name, value } of Array.from(el.attributes)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) report('2 on* attribute', `<${tag} ${name}>`);
    if (lower === 'style' && zone !== 'widget') report('4 style attribute', `<${tag} style>`);
    if (!URL_ATTRS.has(lower)) continue;
    const urls = lower === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [value];
    for (const url of urls) {
      const scheme = schemeOf(url, base);
      if (scheme && !SAFE_SCHEMES.has(scheme)) report('3 URL with a disallowed scheme', `<${tag} ${name}=${scheme}>`);
    }
  }
}

/** Walks the composed tree under `root`: children, shadow roots, template contents. */
export function walk(root: ParentNode, zone: Zone, base: string, report: Report): void {
  for (const el of Array.from(root.children)) {
    checkElement(el, zone, base, report);
    if (el.shadowRoot)
      walk(
        el.shadowRoot,
        zone === 'widget' && el.localName !== 'parley-message-content' ? 'widget' : 'ours',
        base,
        report,
      );
    if (el.localName === 'template') walk((el as HTMLTemplateElement).content, zone, base, report);
    walk(el, zone === 'ours' && el.classList.contains('html') ? 'html' : zone, base, report);
  }
}

function openFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 360px; height: 400px; border: 0';
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.src = new URL('./frame.html', import.meta.url).href;
  document.body.append(frame);
  return loaded.then(async () => {
    await expectGuarded(frame.contentWindow!);
    await frame.contentWindow!.customElements.whenDefined('parley-message-content');
    return frame;
  });
}

/** What a visitor does: hover and focus everything, click links (navigation held back) and
 * buttons (except real form posts, which would open a tab). */
export function actLikeAUser(root: ShadowRoot): void {
  for (const el of Array.from(
    root.querySelectorAll<HTMLElement>('a, button, input, select, textarea, img, video, audio, [tabindex]'),
  )) {
    // As if scrolled into view: lazy images load now.
    if (el.localName === 'img') (el as HTMLImageElement).loading = 'eager';
    el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    el.focus();
    if ((el.localName === 'a' || el.localName === 'button') && !el.closest('form[action]')) el.click();
  }
}

export function mediaSettled(root: ShadowRoot): boolean {
  const images = Array.from(root.querySelectorAll('img'));
  const videos = Array.from(root.querySelectorAll<HTMLMediaElement>('video, audio'));
  return images.every((i) => i.complete) && videos.every((v) => v.networkState !== HTMLMediaElement.NETWORK_LOADING);
}

/** The corpus README's settle period: nothing is reported before it has passed. */
export const SETTLE_MS = 500;

/**
 * Renders `vectors` through every path in one fresh frame and returns the hits. `check` may add
 * path-specific assertions (benign URLs still working, for instance).
 */
export async function runBatch(
  vectors: Vector[],
  check?: (vector: Vector, path: string, root: ShadowRoot) => string | undefined,
): Promise<BatchReport> {
  const frame = await openFrame();
  const win = frame.contentWindow as FrameWindow;
  const doc = frame.contentDocument!;
  // Whatever the dev server put into the page before the messages (its own scripts).
  const before = new Set(Array.from(doc.body.children));
  const rendered: Array<{ vector: Vector; path: string; el: ParleyMessageContent }> = [];
  let seq = 0;
  for (const vector of vectors) {
    for (const [path, partial] of messagesFor(vector.value)) {
      const el = doc.createElement('parley-message-content');
      el.message = {
        key: `${vector.id}/${path}/${seq++}`,
        id: seq,
        groupId: 'g',
        message: '',
        contentType: 0,
        type: 4,
        fromUserName: 'bot',
        metadata: {},
        createdAtTime: 0,
        status: 3,
        ...partial,
      };
      el.server = SERVER;
      doc.body.append(el);
      rendered.push({ vector, path, el });
    }
  }
  const started = performance.now();
  await Promise.all(rendered.map((r) => r.el.updateComplete));
  for (const r of rendered) actLikeAUser(r.el.shadowRoot!);
  await Promise.all(rendered.map((r) => r.el.updateComplete));
  try {
    await waitUntil(
      () => performance.now() - started >= SETTLE_MS && rendered.every((r) => mediaSettled(r.el.shadowRoot!)),
      'settle',
      { timeout: 15000, interval: 50 },
    );
  } catch {
    const stuck = rendered.filter((r) => !mediaSettled(r.el.shadowRoot!)).map((r) => `${r.vector.id}/${r.path}`);
    frame.remove();
    throw new Error(`the batch did not settle: media still loading in ${stuck.slice(0, 10).join(', ')}`);
  }

  const hits: Hit[] = [];
  for (const { vector, path, el } of rendered) {
    const report: Report = (criterion, detail) => hits.push({ id: vector.id, path, criterion, detail });
    const extra = check?.(vector, path, el.shadowRoot!);
    if (extra) report('usability', extra);
    walk(el.shadowRoot!, 'ours', doc.baseURI, report);
  }
  // Anything outside our elements (something escaped into the document).
  for (const child of Array.from(doc.body.children)) {
    if (!before.has(child) && child.localName !== 'parley-message-content')
      hits.push({
        id: 'batch',
        path: 'document',
        criterion: '4 element outside the widget',
        detail: `<${child.localName}>`,
      });
  }
  const { dialogs } = await executeServerCommand<{ dialogs: string[] }, undefined>('security-report');
  const blocked = win.__blocked.splice(0);
  const script = [...win.__xss.map((x) => `${x.fn}(${x.arg})`), ...dialogs, ...topTrips.splice(0)];
  frame.remove();
  if (script.length) {
    // Script ran somewhere in this batch: find out which vector(s), one frame each.
    if (vectors.length === 1)
      hits.push({ id: vectors[0]!.id, path: 'any', criterion: '1 script ran', detail: script.join('; ') });
    else
      for (const v of vectors)
        hits.push(...(await runBatch([v], check)).hits.filter((h) => h.criterion === '1 script ran'));
  }
  return { hits, blocked };
}

/** Sinks that vectors reach through `top`. */
export const topTrips: string[] = [];

/** Every element matching `selector` in the composed tree under `root`. */
export function deepQueryAll<E extends Element = HTMLElement>(root: ParentNode, selector: string, out: E[] = []): E[] {
  root.querySelectorAll<E>(selector).forEach((el) => out.push(el));
  root.querySelectorAll('*').forEach((el) => {
    if (el.shadowRoot) deepQueryAll(el.shadowRoot, selector, out);
  });
  return out;
}

/**
 * Tripwires in the test page itself, and the driver's record of JavaScript dialogs in every frame
 * (where it has one: test/helpers/engine.ts, LIMITS.dialogs). Requests to other origins are
 * blocked by each corpus page's own CSP (`expectGuarded`).
 */
export async function guard(): Promise<void> {
  Object.defineProperty(window, 'xssed', {
    configurable: true,
    get: () => undefined,
    set: (v) => topTrips.push(`top.xssed=${String(v)}`),
  });
  for (const fn of ['alert', 'confirm', 'prompt'] as const) {
    window[fn] = ((arg: unknown) => {
      topTrips.push(`top.${fn}(${String(arg)})`);
    }) as never;
  }
  await executeServerCommand('security-guard');
}

export function describeHits(hits: Hit[], vectors: Map<string, Vector>): string {
  return hits
    .slice(0, 30)
    .map((h) => {
      const v = vectors.get(h.id);
      return `${h.id} [${v?.source ?? ''} / ${v?.category ?? v?.risk ?? ''}] path=${h.path}: ${h.criterion} — ${h.detail}`;
    })
    .join('\n');
}
