/**
 * One parser per rich-message template (`metadata.templateId`): payload → `RichContent`, with
 * only known fields kept, values capped and every URL through `safeUrl`. Used by `parseRich`
 * (`rich.ts`).
 */
import type { Metadata } from './protocol.js';
import { list, str, toMetadata } from './rich-read.js';
import {
  CHOICE_TYPES,
  FIELD_TYPES,
  type ChoiceType,
  type FieldType,
  type FormField,
  type RequestType,
  type RichAction,
  type RichButton,
  type RichContent,
  type RichOptions,
  type SubmitSpec,
  type TemplateId,
} from './rich-types.js';
import { safeUrl } from './url.js';
import { isRecord, type Json } from './wire.js';

function submitSpec(o: Json, base: string | undefined): SubmitSpec {
  const url = safeUrl(o.formAction, { kind: 'form', base });
  const type = String(o.requestType ?? '').toLowerCase();
  const requestType: RequestType =
    url && type !== 'postbacktobotplatform' ? (type === 'json' ? 'json' : 'form') : 'postBack';
  const data = toMetadata(o.formData) ?? {};
  return requestType === 'postBack' ? { requestType, data } : { url, requestType, data };
}

function action(a: unknown, label: string | undefined, o: RichOptions): RichAction | undefined {
  if (!isRecord(a)) return undefined;
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

function button(b: Json, o: RichOptions): RichButton | undefined {
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
        const header = isRecord(c.header) ? c.header : {};
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
  const p = isRecord(payload) ? payload : {};
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
  const p = isRecord(payload) ? payload : {};
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
  let submit: Json | undefined;
  const fields = list(
    payload,
    (raw): FormField | undefined => {
      const f: Json = isRecord(raw.data)
        ? { ...raw.data, ...(isRecord(raw.data.action) ? raw.data.action : {}), type: raw.type }
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
      const validation = isRecord(f.validation) ? f.validation : {};
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
  const s: Json = submit ?? {};
  const message = str(s.message);
  return { kind: 'form', fields, label: str(s.label, 200), submit: submitSpec(s, o.base), ...(message && { message }) };
}

export const TEMPLATES: Record<TemplateId, (payload: unknown, md: Metadata, o: RichOptions) => RichContent> = {
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
