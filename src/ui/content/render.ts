/**
 * Renderers for each kind of message content. Every value reaches the DOM through lit text or
 * attribute bindings; URLs were checked by `safeUrl` before they get here.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { FileUrlResolver } from '../../core/attachments.js';
import { format, type Strings } from '../../core/locale.js';
import type { Message } from '../../core/protocol.js';
import {
  parsePrice,
  type Card,
  type ListItem,
  type RichAction,
  type RichButton,
  type RichContent,
  type RichMedia,
} from '../../core/rich.js';
import { tokenizeText } from '../../core/text.js';

export interface RenderContext {
  strings: Strings;
  /** Reply and submit buttons were used (the message is answered): shown disabled. */
  used: boolean;
  /** Used and `metadata.hidePostCTA` is "true": reply and submit buttons are hidden. */
  hide: boolean;
  /** A submit is in flight. */
  busy: boolean;
  /** The action the visitor picked, if it was in this message. */
  chosen: unknown;
  /** A button was activated (`event` is the click or the form's submit); a link goes on as well. */
  act(action: RichAction, label: string, event: Event): void;
}

type Content = TemplateResult | string | typeof nothing;

const icon = (d: string) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d=${d} /></svg>`;
const PREV_ICON = 'M15 6l-6 6 6 6';
const NEXT_ICON = 'M9 6l6 6-6 6';

/** A link; http(s) links open in a new tab (and say so to screen readers). */
export function link(
  href: string,
  content: Content,
  s: Strings,
  cls?: string,
  newTab = true,
  onClick?: (event: Event) => void,
): TemplateResult {
  const tab = newTab && /^https?:/.test(href);
  return html`<a class=${cls ?? nothing} href=${href} target=${tab ? '_blank' : nothing} rel="noopener noreferrer" @click=${onClick}
    >${content}${tab ? html`<span class="sr-only"> ${s.contentNewTab}</span>` : nothing}</a
  >`;
}

/**
 * Content type 0 (and every caption): line breaks, auto-links, emphasis. Its direction is its own
 * (`dir="auto"`): English in an Arabic widget reads left to right, and the other way round; so are
 * a rich message's titles, texts and button labels.
 */
export function text(value: unknown, s: Strings): TemplateResult | typeof nothing {
  const tokens = tokenizeText(value);
  if (!tokens.length) return nothing;
  return html`<p class="text" dir="auto">${tokens.map((t) =>
    t.kind === 'br'
      ? html`<br />`
      : t.kind === 'link'
        ? link(t.href, t.text, s)
        : t.kind === 'strong'
          ? html`<strong>${t.text}</strong>`
          : t.kind === 'em'
            ? html`<em>${t.text}</em>`
            : t.text,
  )}</p>`;
}

/** Content type 1 (and 8, 9 without a playable URL): the file card, and the text under it. */
export function fileCard(m: Message, fileUrl: FileUrlResolver | undefined, server: string, s: Strings): TemplateResult {
  return html`<parley-attachment .file=${m.fileMeta} .fileUrl=${fileUrl} server=${server} .strings=${s}></parley-attachment>${text(m.message, s)}`;
}

/** Content type 2. */
export function location(lat: number, lon: number, s: Strings): TemplateResult {
  const [la, lo] = [lat.toFixed(5), lon.toFixed(5)];
  const map = `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=16/${la}/${lo}`;
  return html`<p class="location">
    <strong>${s.contentLocation}</strong> <span>${format(s.contentCoordinates, { lat: la, lon: lo })}</span>
    ${link(map, s.contentOpenMap, s, 'btn')}
  </p>`;
}

/** Content type 4: `{amount, currency}` formatted for the visitor, or the text as it is. */
export function price(value: unknown): TemplateResult {
  const p = parsePrice(value);
  let shown = typeof value === 'string' ? value : '';
  if (p) {
    try {
      shown = new Intl.NumberFormat(undefined, { style: 'currency', currency: p.currency }).format(p.amount);
    } catch {
      shown = `${p.amount} ${p.currency}`;
    }
  }
  return html`<p class="price">${shown}</p>`;
}

/** Content type 5: an image that links to itself. */
export function imageLink(url: string, s: Strings): TemplateResult {
  return link(url, html`<img src=${url} alt=${s.contentImage} loading="lazy" />`, s, 'image');
}

function hidden(data: Record<string, string>): TemplateResult[] {
  return Object.entries(data).map(([name, value]) => html`<input type="hidden" name=${name} .value=${value} />`);
}

/** One rich button: a link, a reply, a submit (a real form post for `requestType: form`). */
export function button(b: RichButton, ctx: RenderContext, content: Content = html`<bdi>${b.label}</bdi>`): Content {
  const a = b.action;
  const act = (e: Event) => ctx.act(a, b.label, e);
  if (a.type === 'link') return link(a.url, content, ctx.strings, 'btn', a.newTab, act);
  if (ctx.hide) return nothing;
  const native = a.type === 'submit' && a.submit.requestType === 'form';
  const control = html`<button class="btn ${ctx.chosen === a ? 'chosen' : ''}" type=${native ? 'submit' : 'button'}
    ?disabled=${ctx.used || ctx.busy} @click=${native ? nothing : act}>${content}</button>`;
  return native
    ? html`<form class="inline" method="post" action=${a.submit.url ?? nothing} target="_blank"
        @submit=${act}>${hidden(a.submit.data)}${control}</form>`
    : control;
}

/** A row of buttons, with "Answered" once a reply was picked. */
export function buttons(list: RichButton[], ctx: RenderContext): TemplateResult | typeof nothing {
  if (!list.length) return nothing;
  const answerable = list.some((b) => b.action.type !== 'link');
  return html`<div class="actions">${list.map((b) => button(b, ctx))}</div>
    ${answerable && ctx.used && !ctx.hide ? html`<p class="note">${ctx.strings.richAnswered}</p>` : nothing}`;
}

function item(i: ListItem, ctx: RenderContext): Content {
  const body = html`${i.image ? html`<img src=${i.image} alt="" />` : nothing}<span class="item-text" dir="auto"
      >${i.title ? html`<strong>${i.title}</strong>` : nothing}${i.description ? html`<span>${i.description}</span>` : nothing}</span
    >`;
  const label = i.title ?? i.description ?? '';
  return i.action ? button({ label, action: i.action }, ctx, body) : html`<div class="item">${body}</div>`;
}

function media(list: RichMedia[], s: Strings, video: boolean): TemplateResult {
  return html`<div class="media">${list.map(
    (m) => html`<figure>
      ${
        video
          ? html`<video src=${m.url} controls preload="metadata"></video>`
          : link(m.url, html`<img src=${m.url} alt=${m.caption ?? s.contentImage} loading="lazy" />`, s, 'image')
      }
      ${
        m.caption || video
          ? html`<figcaption dir="auto">${m.caption ?? nothing}${video ? html` ${link(m.url, s.contentOpenVideo, s)}` : nothing}</figcaption>`
          : nothing
      }
    </figure>`,
  )}</div>`;
}

/** Scrolls a card carousel by `dir` cards (visual direction); ±Infinity: to the start / end. */
export function scrollCards(list: Element | null | undefined, dir: number): void {
  const first = list?.firstElementChild;
  if (!(list instanceof HTMLElement) || !(first instanceof HTMLElement)) return;
  const style = getComputedStyle(list);
  if (!Number.isFinite(dir)) {
    // Home / End: the start is 0 in either direction; the end is negative in RTL.
    list.scrollTo({ left: dir < 0 ? 0 : style.direction === 'rtl' ? -list.scrollWidth : list.scrollWidth });
    return;
  }
  list.scrollBy({ left: dir * (first.offsetWidth + (Number.parseFloat(style.columnGap) || 0)) });
}

function handleCardsKey(e: KeyboardEvent): void {
  const list = e.currentTarget as HTMLElement;
  const dir = ({ ArrowRight: 1, ArrowLeft: -1, End: Infinity, Home: -Infinity } as Record<string, number>)[e.key];
  if (!dir || e.target !== list) return;
  e.preventDefault();
  scrollCards(list, dir);
}

function handleNav(e: Event, dir: number): void {
  const list = (e.currentTarget as HTMLElement).closest('.carousel')?.querySelector('.cards');
  const rtl = list ? getComputedStyle(list).direction === 'rtl' : false;
  scrollCards(list, rtl ? -dir : dir);
}

function card(c: Card, ctx: RenderContext): TemplateResult {
  return html`<li class="card">
    ${
      c.image || c.overlay
        ? html`<div class=${c.image ? 'card-head pictured' : 'card-head'}>
          ${c.image ? html`<img src=${c.image} alt="" loading="lazy" />` : nothing}
          ${c.overlay ? html`<span class="overlay" dir="auto">${c.overlay}</span>` : nothing}
        </div>`
        : nothing
    }
    <div class="card-body">
      ${
        c.title || c.titleExt
          ? html`<p class="card-title" dir="auto"><strong>${c.title ?? nothing}</strong>${c.titleExt ? html`<span>${c.titleExt}</span>` : nothing}</p>`
          : nothing
      }
      ${c.subtitle ? html`<p class="sub" dir="auto">${c.subtitle}</p>` : nothing}
      ${c.description ? html`<p class="desc" dir="auto">${c.description}</p>` : nothing}
      ${buttons(c.buttons, ctx)}
    </div>
  </li>`;
}

function cards(list: Card[], ctx: RenderContext): TemplateResult {
  const s = ctx.strings;
  return html`<div class="carousel">
    <ul class="cards" tabindex="0" aria-label=${s.richCards} @keydown=${handleCardsKey}>
      ${list.map((c) => card(c, ctx))}
    </ul>
    ${
      list.length > 1
        ? html`<div class="nav mirror">
          <button type="button" class="btn" aria-label=${s.richPrevious} @click=${(e: Event) => handleNav(e, -1)}>${icon(PREV_ICON)}</button>
          <button type="button" class="btn" aria-label=${s.richNext} @click=${(e: Event) => handleNav(e, 1)}>${icon(NEXT_ICON)}</button>
        </div>`
        : nothing
    }
  </div>`;
}

/** Every template except the form (which has state: see `form.ts`). */
export function richContent(c: Exclude<RichContent, { kind: 'form' }>, ctx: RenderContext): Content {
  switch (c.kind) {
    case 'replies':
    case 'buttons':
      return html`<div class=${c.kind}>${buttons(c.buttons, ctx)}</div>`;
    case 'list':
      return html`<div class="list">
        ${c.headerImage ? html`<img class="list-head" src=${c.headerImage} alt="" />` : nothing}
        ${c.headerText ? html`<p class="list-title" dir="auto">${c.headerText}</p>` : nothing}
        <ul>${c.items.map((i) => html`<li>${item(i, ctx)}</li>`)}</ul>
        ${buttons(c.buttons, ctx)}
      </div>`;
    case 'faq':
      return html`<div class="faq">
        ${c.title ? html`<p class="card-title" dir="auto"><strong>${c.title}</strong></p>` : nothing}
        ${c.description ? html`<p class="desc" dir="auto">${c.description}</p>` : nothing}
        ${c.buttonLabel ? html`<p class="sub" dir="auto">${c.buttonLabel}</p>` : nothing}
        ${buttons(c.buttons, ctx)}
      </div>`;
    case 'images':
    case 'video':
      return media(c.media, ctx.strings, c.kind === 'video');
    case 'cards':
      return cards(c.cards, ctx);
  }
}
