/**
 * Rich messages: `metadata.templateId` + `metadata.payload` (a JSON string) → a validated,
 * normalised description that the renderers draw. Only known fields survive, every value is a
 * string, counts and lengths are capped, and every URL went through `safeUrl`. Bad input gives
 * `{kind: 'fallback', reason}` (the renderer shows the text and warns once); never throws.
 * Shapes: the product's "Rich messages" table (`widget-reference.md`); see the README.
 */
import type { Message, Metadata } from './protocol.js';
import { safeUrl } from './url.js';

export const TEMPLATE_IDS = ['3', '6', '7', '8', '9', '10', '11', '12', '14'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const FIELD_TYPES = ['text', 'email', 'number', 'tel', 'date', 'password', 'textarea', 'hidden'] as const;
export const CHOICE_TYPES = ['radio', 'checkbox', 'dropdown'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** How a submit posts: as JSON (by the controller), as an ordinary form post in a new tab, or
 * back to the chat as the reply's `metadata.formData`. */
export type RequestType = 'json' | 'form' | 'postBack';

/** What a form sends: one value per field, several for checkboxes. */
export type FormValues = Record<string, string | string[]>;

export interface SubmitSpec {
  /** Where to post; always an absolute http(s) URL. Absent for `postBack`. */
  url?: string;
  requestType: RequestType;
  /** Fixed data to post along with the visitor's input. */
  data: Record<string, string>;
}

export type RichAction =
  | { type: 'link'; url: string; newTab: boolean }
  | { type: 'reply'; message: string; metadata?: Metadata }
  | { type: 'submit'; submit: SubmitSpec; message?: string };

export interface RichButton {
  label: string;
  action: RichAction;
}

export interface RichMedia {
  url: string;
  caption?: string;
}

export interface ListItem {
  title?: string;
  description?: string;
  image?: string;
  action?: RichAction;
}

export interface Card {
  title?: string;
  titleExt?: string;
  subtitle?: string;
  description?: string;
  image?: string;
  overlay?: string;
  buttons: RichButton[];
}

export interface Choice {
  label: string;
  value: string;
  selected: boolean;
}

export type FormField =
  | {
      type: FieldType;
      name: string;
      label?: string;
      placeholder?: string;
      value?: string;
      pattern?: RegExp;
      errorText?: string;
    }
  | { type: ChoiceType; name: string; label?: string; options: Choice[] };

export type RichContent =
  | { kind: 'replies' | 'buttons'; buttons: RichButton[] }
  | { kind: 'list'; headerImage?: string; headerText?: string; items: ListItem[]; buttons: RichButton[] }
  | { kind: 'faq'; title?: string; description?: string; buttonLabel?: string; buttons: RichButton[] }
  | { kind: 'images' | 'video'; media: RichMedia[] }
  | { kind: 'cards'; cards: Card[] }
  | { kind: 'form'; fields: FormField[]; label?: string; submit: SubmitSpec; message?: string };

export type RichParse = RichContent | { kind: 'text' } | { kind: 'fallback'; reason: string };

export interface RichOptions {
  /** The chat server's URL: relative image and link URLs resolve against it. */
  base?: string | undefined;
}

type Obj = Record<string, unknown>;

const MAX_ITEMS = 20;
const MAX_TEXT = 2000;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string (numbers are accepted and stringified), capped at `max` characters. */
export function str(v: unknown, max = MAX_TEXT): string | undefined {
  const s = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  return s ? s.slice(0, max) : undefined;
}

function list<T>(v: unknown, item: (o: Obj) => T | undefined, max = MAX_ITEMS): T[] {
  const out: T[] = [];
  for (const o of Array.isArray(v) ? v.slice(0, max * 5) : []) {
    const x = isObj(o) ? item(o) : undefined;
    if (x !== undefined && out.push(x) >= max) break;
  }
  return out;
}

function json(s: unknown): unknown {
  if (typeof s !== 'string') return s;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** A string map from an object (or a JSON string of one): strings kept, scalars stringified,
 * nested values as JSON. */
export function toMetadata(v: unknown): Metadata | undefined {
  const o = json(v);
  if (!isObj(o)) return undefined;
  const out: Metadata = {};
  for (const [k, x] of Object.entries(o).slice(0, 50)) {
    if (x === null || x === undefined) continue;
    out[k] = (typeof x === 'string' ? x : (JSON.stringify(x) ?? '')).slice(0, MAX_TEXT * 5);
  }
  return out;
}

function submitSpec(o: Obj, base: string | undefined): SubmitSpec {
  const url = safeUrl(o.formAction, { kind: 'form', base });
  const type = String(o.requestType ?? '').toLowerCase();
  const requestType: RequestType =
    url && type !== 'postbacktobotplatform' ? (type === 'json' ? 'json' : 'form') : 'postBack';
  const data = toMetadata(o.formData) ?? {};
  return requestType === 'postBack' ? { requestType, data } : { url, requestType, data };
}

function action(a: unknown, label: string | undefined, o: RichOptions): RichAction | undefined {
  if (!isObj(a)) return undefined;
  const type = String(a.type ?? '')
    .toLowerCase()
    .replace('_', '');
  const message = str(a.message) ?? str(a.text) ?? str(a.replyText) ?? label;
  if (type === 'link') {
    const url = safeUrl(a.url, { kind: 'link', base: o.base });
    return url ? { type: 'link', url, newTab: a.openLinkInNewTab !== false } : undefined;
  }
  if (type === 'quickreply' || type === 'suggestedreply') {
    const metadata = toMetadata(a.replyMetadata);
    return message ? { type: 'reply', message, ...(metadata && { metadata }) } : undefined;
  }
  if (type === 'submit') return { type: 'submit', submit: submitSpec(a, o.base), ...(message && { message }) };
  return undefined;
}

function button(b: Obj, o: RichOptions): RichButton | undefined {
  const label = str(b.name, 200) ?? str(b.title, 200) ?? str(b.label, 200);
  const act = action(b.action, label, o);
  return label && act ? { label, action: act } : undefined;
}

/** Template 6: `[{title, message, replyMetadata?}]`. */
function replies(payload: unknown): RichContent {
  const buttons = list(payload, (b) => {
    const label = str(b.title, 200);
    const message = str(b.message) ?? label;
    const metadata = toMetadata(b.replyMetadata);
    return label && message
      ? ({ label, action: { type: 'reply', message, ...(metadata && { metadata }) } } as RichButton)
      : undefined;
  });
  return { kind: 'replies', buttons };
}

/** Template 3 (old buttons): `[{type:"link", url, name, openLinkInNewTab?}]` or
 * `[{name, replyText?}]`, submitting `metadata.formData` to `metadata.formAction` when present. */
function legacyButtons(payload: unknown, md: Metadata, o: RichOptions): RichContent {
  const buttons = list(payload, (b) => {
    const label = str(b.name, 200);
    if (b.type === 'link') return button({ name: label, action: { ...b, type: 'link' } }, o);
    const message = str(b.replyText) ?? label;
    const act: RichAction | undefined = md.formAction
      ? { type: 'submit', submit: submitSpec(md, o.base), ...(message && { message }) }
      : message
        ? { type: 'reply', message }
        : undefined;
    return label && act ? { label, action: act } : undefined;
  });
  return { kind: 'buttons', buttons };
}

function media(payload: unknown, o: RichOptions, kind: 'images' | 'video'): RichContent {
  return {
    kind,
    media: list(payload, (m) => {
      const url = safeUrl(m.url, { kind: 'image', base: o.base });
      const caption = str(m.caption);
      return url ? { url, ...(caption && { caption }) } : undefined;
    }),
  };
}

function cards(payload: unknown, _md: Metadata, o: RichOptions): RichContent {
  return {
    kind: 'cards',
    cards: list(
      payload,
      (c) => {
        const header = isObj(c.header) ? c.header : {};
        return {
          title: str(c.title),
          titleExt: str(c.titleExt),
          subtitle: str(c.subtitle),
          description: str(c.description),
          image: safeUrl(header.imgSrc, { kind: 'image', base: o.base }),
          overlay: str(header.overlayText),
          buttons: list(c.buttons, (b) => button(b, o), 5),
        };
      },
      10,
    ),
  };
}

function listTemplate(payload: unknown, _md: Metadata, o: RichOptions): RichContent {
  const p = isObj(payload) ? payload : {};
  return {
    kind: 'list',
    headerImage: safeUrl(p.headerImgSrc, { kind: 'image', base: o.base }),
    headerText: str(p.headerText),
    items: list(p.elements, (e) => {
      const title = str(e.title);
      const description = str(e.description);
      const image = safeUrl(e.imgSrc, { kind: 'image', base: o.base });
      return title || description
        ? { title, description, image, action: action(e.action, title ?? description, o) }
        : undefined;
    }),
    buttons: list(p.buttons, (b) => button(b, o)),
  };
}

function faq(payload: unknown): RichContent {
  const p = isObj(payload) ? payload : {};
  return {
    kind: 'faq',
    title: str(p.title),
    description: str(p.description),
    buttonLabel: str(p.buttonLabel),
    buttons: list(p.buttons, (b) => {
      const label = str(b.name, 200);
      const metadata = toMetadata(b.replyMetadata);
      return label ? { label, action: { type: 'reply', message: label, ...(metadata && { metadata }) } } : undefined;
    }),
  };
}

function pattern(v: unknown): RegExp | undefined {
  const s = str(v, 500);
  try {
    return s ? new RegExp(s) : undefined;
  } catch {
    return undefined;
  }
}

/** Template 12: fields, then `{type:"submit", label, formAction, requestType, message?}`.
 * Also accepts the product's nested form, `{type, data:{…}}`. */
function form(payload: unknown, _md: Metadata, o: RichOptions): RichContent {
  let submit: Obj | undefined;
  const fields = list(
    payload,
    (raw): FormField | undefined => {
      const f: Obj = isObj(raw.data)
        ? { ...raw.data, ...(isObj(raw.data.action) ? raw.data.action : {}), type: raw.type }
        : raw;
      const type = String(f.type ?? '').toLowerCase();
      const label = str(f.label, 500) ?? str(f.title, 500);
      if (type === 'submit') {
        submit ??= { ...f, label: label ?? str(f.name, 200) };
        return undefined;
      }
      const name = str(f.name, 200) ?? label;
      if (!name) return undefined;
      if ((CHOICE_TYPES as readonly string[]).includes(type)) {
        const options = list(
          f.options,
          (c) => {
            const l = str(c.label, 500) ?? str(c.value, 500);
            return l ? { label: l, value: str(c.value, 500) ?? l, selected: c.selected === true } : undefined;
          },
          30,
        );
        return options.length ? { type: type as ChoiceType, name, label, options } : undefined;
      }
      const validation = isObj(f.validation) ? f.validation : {};
      return {
        type: (FIELD_TYPES as readonly string[]).includes(type) ? (type as FieldType) : 'text',
        name,
        label,
        placeholder: str(f.placeholder, 500),
        value: str(f.value),
        pattern: pattern(validation.regex),
        errorText: str(validation.errorText, 500),
      };
    },
    30,
  );
  const s: Obj = submit ?? {};
  const message = str(s.message);
  return { kind: 'form', fields, label: str(s.label, 200), submit: submitSpec(s, o.base), ...(message && { message }) };
}

const TEMPLATES: Record<TemplateId, (payload: unknown, md: Metadata, o: RichOptions) => RichContent> = {
  3: legacyButtons,
  6: replies,
  7: listTemplate,
  8: faq,
  9: (p, _, o) => media(p, o, 'images'),
  10: cards,
  11: (p, _, o) => ({ kind: 'buttons', buttons: list(p, (b) => button(b, o)) }),
  12: form,
  14: (p, _, o) => media(p, o, 'video'),
};

function isEmpty(c: RichContent): boolean {
  switch (c.kind) {
    case 'replies':
    case 'buttons':
      return !c.buttons.length;
    case 'images':
    case 'video':
      return !c.media.length;
    case 'cards':
      return !c.cards.length;
    case 'form':
      return !c.fields.length;
    case 'list':
      return !c.items.length && !c.buttons.length && !c.headerText;
    case 'faq':
      return !c.title && !c.description && !c.buttons.length;
  }
}

/**
 * What to draw for `message`: `{kind:'text'}` when it is not a rich message (or a legacy
 * `contentType: "300"` message without a template), a `RichContent`, or `{kind:'fallback'}` with
 * the reason when the payload is not JSON, has the wrong shape, or names an unknown template.
 */
export function parseRich(message: Pick<Message, 'metadata'> | undefined, o: RichOptions = {}): RichParse {
  const md = isObj(message?.metadata) ? (message.metadata as Metadata) : {};
  const id = md.templateId === undefined ? undefined : String(md.templateId);
  if (id === undefined) return { kind: 'text' };
  if (!(TEMPLATE_IDS as readonly string[]).includes(id))
    return { kind: 'fallback', reason: `unknown template ${id.slice(0, 20)}` };
  const payload = json(md.payload);
  if (payload === undefined) return { kind: 'fallback', reason: 'payload is not JSON' };
  const arrayTemplate = id !== '7' && id !== '8';
  if (Array.isArray(payload) !== arrayTemplate)
    return { kind: 'fallback', reason: `wrong payload shape for template ${id}` };
  const content = TEMPLATES[id as TemplateId](payload, md, o);
  return isEmpty(content) ? { kind: 'fallback', reason: `no usable items in template ${id}` } : content;
}

/** A finite number, or a non-empty numeric string. */
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' || (typeof v === 'string' && v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Content type 2: `{"lat", "lon"}` (or `lng`) as JSON in the message text, numbers or numeric
 * strings, within range. */
export function parseLocation(text: unknown): { lat: number; lon: number } | undefined {
  const o = json(text);
  const lat = isObj(o) ? num(o.lat) : undefined;
  const lon = isObj(o) ? num(o.lon ?? o.lng) : undefined;
  return lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
    ? { lat, lon }
    : undefined;
}

/** Content type 4: `{"amount" | "price", "currency"}` as JSON in the message text; plain text
 * (e.g. "$10") gives `undefined` and is shown as it is. */
export function parsePrice(text: unknown): { amount: number; currency: string } | undefined {
  const o = json(text);
  const amount = isObj(o) ? num(o.amount ?? o.price) : undefined;
  const currency = isObj(o) && typeof o.currency === 'string' ? o.currency : '';
  return amount !== undefined && /^[a-z]{3}$/i.test(currency)
    ? { amount, currency: currency.toUpperCase() }
    : undefined;
}
