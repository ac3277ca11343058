/**
 * Content types 7 (contact), 8 (audio) and 9 (video). They travel in the extra chunk
 * (`../lazy.ts`), loaded with the first such message: most conversations have none, and the
 * widget must stay small. Values reach the DOM through lit bindings; links and sources passed
 * `safeUrl` (the file URL resolver's `media` kind) or are made of a checked phone or e-mail
 * address (`parseContact`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { createFileUrlResolver, type FileUrlResolver } from '../../core/attachments.js';
import { parseContact } from '../../core/contact.js';
import type { Strings } from '../../core/locale.js';
import { CONTENT_TYPES, type Message } from '../../core/protocol.js';
import { fileCard, link, text } from './render.js';

const part = (value: string | undefined, href: string | undefined, s: Strings) =>
  href ? link(href, html`<bdi>${value}</bdi>`, s) : value ? html`<bdi>${value}</bdi>` : nothing;

/**
 * A contact card (name, phone as a `tel:` link, e-mail as a `mailto:` link), else the text; a
 * native player when the file's URL is http(s) (the chat server's own files with the visitor's
 * token), with the text under it, else the file card.
 */
export function media(
  m: Message,
  fileUrl: FileUrlResolver | undefined,
  server: string,
  s: Strings,
): TemplateResult | typeof nothing {
  if (m.contentType === CONTENT_TYPES.contact) {
    const c = parseContact(m.message);
    return c
      ? html`<p class="contact"><span class="sub">${s.contentContact}</span> ${c.name ? html`<strong dir="auto">${c.name}</strong>` : nothing}
          ${part(c.phone, c.tel, s)} ${part(c.email, c.mailto, s)}</p>`
      : text(m.message, s);
  }
  const src = m.fileMeta && (fileUrl ?? createFileUrlResolver({ server }))(m.fileMeta, 'media');
  if (!src) return fileCard(m, fileUrl, server, s);
  return html`${
    m.contentType === CONTENT_TYPES.audio
      ? html`<audio src=${src} controls preload="metadata" aria-label=${s.contentAudio}></audio>`
      : html`<video src=${src} controls preload="metadata" aria-label=${s.contentVideo}></video>`
  }${text(m.message, s)}`;
}
