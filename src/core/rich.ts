/**
 * Rich messages: `metadata.templateId` + `metadata.payload` (a JSON string) → a validated,
 * normalised description that the renderers draw. Only known fields survive, every value is a
 * string, counts and lengths are capped, and every URL went through `safeUrl`. Bad input gives
 * `{kind: 'fallback', reason}` (the renderer shows the text and warns once); never throws.
 * Shapes: the product's "Rich messages" table (`widget-reference.md`); see the README.
 */
import type { Message, Metadata } from './protocol.js';
import { json } from './rich-read.js';
import { TEMPLATES } from './rich-templates.js';
import { TEMPLATE_IDS, type RichContent, type RichOptions, type RichParse, type TemplateId } from './rich-types.js';
import { isRecord } from './wire.js';

export * from './rich-types.js';
export { parseLocation, parsePrice, str, toMetadata } from './rich-read.js';

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
  const md = isRecord(message?.metadata) ? (message.metadata as Metadata) : {};
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
