import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { FileUrlResolver } from '../../core/attachments.js';
import { en, type Strings } from '../../core/locale.js';
import { CONTENT_TYPES, type Message } from '../../core/protocol.js';
import {
  parseLocation,
  parseRich,
  str,
  type FormValues,
  type RichAction,
  type RichParse,
  type SubmitSpec,
} from '../../core/rich.js';
import { safeUrl } from '../../core/url.js';
import '../attachments/attachment.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyReplyEvent } from '../events.js';
import { ParleySubmitEvent, type SubmitResult } from './events.js';
import { collect, richForm, validate } from './form.js';
import { contentStyles } from './message-content.styles.js';
import { fileCard, imageLink, link, location, price, richContent, text, type RenderContext } from './render.js';
import { extras, type Extras } from '../lazy.js';
import { consumeEnvironment, stringsContext } from '../context.js';
import { mirrorStyles } from '../shared/mirror.styles.js';

/**
 * DOMPurify (12 KB gzip) is loaded with the first HTML message only: most conversations have
 * none, and the widget must stay small.
 */
let sanitizer: Promise<typeof import('./html.js')> | undefined;
const loadSanitizer = () => (sanitizer ??= import('./html.js'));

/**
 * The renderer of contact, audio and video messages (`media.ts`): in the extra chunk (`lazy.ts`),
 * loaded the first time one is drawn.
 */
let media: Extras['media'] | undefined;

/** Message keys already warned about (one console warning per bad rich message). */
const warned = new Set<string>();

function warnOnce(key: unknown, reason: string): void {
  const id = String(key);
  if (warned.has(id)) return;
  warned.add(id);
  console.warn(`[parley] message ${id}: rich payload shown as text (${reason})`);
}

/**
 * @summary The content of one message, by content type (text, attachment card, location, HTML,
 * price, image link, hyperlink, contact card, audio and video players) and, for rich messages (`metadata.templateId`), the template:
 * suggested replies, buttons, list, FAQ card, images, card carousel, form, video.
 * @tag parley-message-content
 *
 * @event parley-reply - `ParleyReplyEvent` `{message, metadata?}`: the visitor picked a reply
 *   (suggested reply, quick-reply button, post-back form; a form's data is `metadata.formData`,
 *   a JSON string); or `{message, url}`: a link button was clicked (its label and URL; it opens,
 *   nothing is to be sent).
 * @event parley-submit - `ParleySubmitEvent` `{url, data}`: post `data` as JSON to `url`; the
 *   listener calls `respondWith(promise)` and the result is shown in the message.
 */
export class ParleyMessageContent extends ParleyElement {
  static override styles = [hostStyles, contentStyles, mirrorStyles];

  @property({ attribute: false }) message?: Message;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /**
   * The chat server's URL: relative file and image URLs resolve against it. Inside the widget
   * it follows `environmentContext`, like `fileUrl`; this element hands both to its attachment.
   */
  @property() server = '';

  /** Turns an attachment into URLs the page may load (the visitor's token added for the chat server). */
  @property({ attribute: false }) fileUrl?: FileUrlResolver;

  /** Set by the parent once a reply to this message exists: its reply buttons show as used. */
  @property({ type: Boolean }) answered = false;

  constructor() {
    super();
    consumeEnvironment(this);
  }

  /** The action (or form) the visitor used here: buttons are used once. */
  @state() private chosen: unknown;
  @state() private busy = false;
  @state() private note = '';
  @state() private errors: Record<string, string> = {};

  private rich: RichParse = { kind: 'text' };
  private htmlNode: HTMLElement | undefined;
  /** The sanitised HTML being put in place (awaited by `updateComplete`). */
  private htmlReady: Promise<void> | undefined;
  /** The media renderer arriving, then drawn (awaited by `updateComplete`). */
  private mediaReady: Promise<unknown> | undefined;
  /** Draws a media message when the extra chunk could not load: the file card and the text. */
  private mediaFallback: typeof fileCard | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('message') && !changed.has('server')) return;
    const m = this.message;
    if (changed.get('message')?.key !== m?.key) {
      this.chosen = undefined;
      this.busy = false;
      this.note = '';
      this.errors = {};
    }
    this.rich = parseRich(m, { base: this.base });
    if (this.rich.kind === 'fallback') warnOnce(m?.key, this.rich.reason);
    this.htmlNode = undefined;
    this.htmlReady = undefined;
    if (m?.contentType === CONTENT_TYPES.html) {
      const node = document.createElement('div');
      node.className = 'html';
      node.dir = 'auto';
      this.htmlNode = node;
      const base = this.base;
      this.htmlReady = loadSanitizer().then(
        ({ sanitizeHtml }) => {
          if (this.htmlNode === node) node.append(sanitizeHtml(m.message, base));
        },
        (error: unknown) => console.error('[parley] could not load the HTML sanitiser', error),
      );
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.htmlReady;
    await this.mediaReady;
    return result;
  }

  private get base(): string | undefined {
    return this.server || undefined;
  }

  private get used(): boolean {
    return this.answered || this.chosen !== undefined;
  }

  private renderBody(m: Message) {
    const s = this.strings;
    switch (m.contentType) {
      case CONTENT_TYPES.contact:
      case CONTENT_TYPES.audio:
      case CONTENT_TYPES.video: {
        const draw = media ?? this.mediaFallback;
        if (draw) return draw(m, this.fileUrl, this.server, s);
        // Nothing until the renderer has come (as `needElement` does for the lazy elements).
        this.mediaReady ??= extras().then((x) => {
          media = x?.media;
          this.mediaFallback = fileCard;
          this.requestUpdate();
          return super.getUpdateComplete();
        });
        return nothing;
      }
      case CONTENT_TYPES.attachment:
        return fileCard(m, this.fileUrl, this.server, s);
      case CONTENT_TYPES.location: {
        const at = parseLocation(m.message);
        if (at) return location(at.lat, at.lon, s);
        break;
      }
      case CONTENT_TYPES.html:
        return this.htmlNode;
      case CONTENT_TYPES.price:
        return price(m.message);
      case CONTENT_TYPES.imageLink: {
        const url = safeUrl(m.fileMeta?.url ?? m.message, { kind: 'image', base: this.base });
        if (url) return imageLink(url, s);
        break;
      }
      case CONTENT_TYPES.hyperlink: {
        const url = safeUrl(m.message, { kind: 'link', base: this.base });
        if (url) return html`<p class="text">${link(url, url, s)}</p>`;
        break;
      }
    }
    return text(m.message, s);
  }

  private renderRich() {
    const r = this.rich;
    if (r.kind === 'text' || r.kind === 'fallback') return nothing;
    const disabled = this.used || this.busy;
    const body =
      r.kind === 'form'
        ? richForm(r, { strings: this.strings, disabled, errors: this.errors, onSubmit: this.handleFormSubmit })
        : richContent(r, this.context());
    return html`${body}<p class="note" role="status">${this.note}</p>`;
  }

  private context(): RenderContext {
    return {
      strings: this.strings,
      used: this.used,
      hide: this.used && this.message?.metadata?.hidePostCTA === 'true',
      busy: this.busy,
      chosen: this.chosen,
      act: this.handleAction,
    };
  }

  override render() {
    const m = this.message;
    return m ? html`${this.renderBody(m)}${this.renderRich()}` : nothing;
  }

  private reply(message: string, metadata?: Record<string, string>): void {
    this.emit(new ParleyReplyEvent(metadata ? { message, metadata } : { message }));
  }

  private handleAction = (action: RichAction, label: string, event: Event): void => {
    // A link button opens its page, and the page hears of it (nothing is sent).
    if (action.type === 'link') {
      this.emit(new ParleyReplyEvent({ message: label, url: action.url }));
    } else if (this.used || this.busy) {
      event.preventDefault();
      return;
    }
    if (action.type === 'reply') {
      this.chosen = action;
      this.reply(action.message, action.metadata);
    } else if (action.type === 'submit') {
      if (event.type === 'submit') {
        // A real form post into a new tab (requestType "form"): let it go, then reply.
        this.chosen = action;
        if (action.message) this.reply(action.message);
      } else void this.submit(action, action.submit, {}, action.message, label);
    }
  };

  private handleFormSubmit = (event: SubmitEvent): void => {
    const r = this.rich;
    const form = event.currentTarget;
    if (r.kind !== 'form' || !(form instanceof HTMLFormElement) || this.used || this.busy) {
      event.preventDefault();
      return;
    }
    this.errors = validate(form, r, this.strings);
    if (Object.keys(this.errors).length) {
      event.preventDefault();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } else if (r.submit.requestType === 'form') {
      this.chosen = r;
      if (r.message) this.reply(r.message);
    } else {
      event.preventDefault();
      void this.submit(r, r.submit, collect(form), r.message, r.label ?? this.strings.richSubmit);
    }
  };

  /**
   * Post-back: the data goes into the reply's metadata (the reply is `message`, else `label`).
   * JSON: the controller posts it; on success `message`, if any, is sent as the reply.
   */
  private async submit(
    key: unknown,
    spec: SubmitSpec,
    values: FormValues,
    message: string | undefined,
    label: string,
  ): Promise<void> {
    const data: FormValues = { ...spec.data, ...values };
    if (spec.requestType === 'postBack' || !spec.url) {
      this.chosen = key;
      this.reply(message ?? label, { formData: JSON.stringify(data) });
      return;
    }
    const s = this.strings;
    this.busy = true;
    this.note = s.richSending;
    const event = new ParleySubmitEvent({ url: spec.url, data });
    this.dispatchEvent(event);
    let result: SubmitResult = { ok: false };
    try {
      result = (await event.response) ?? result;
    } catch {
      // Shown as a failure below.
    }
    this.busy = false;
    const ok = result?.ok === true;
    this.note = str(result?.message, 500) ?? (ok ? s.richSubmitted : s.richSubmitFailed);
    if (ok) {
      this.chosen = key;
      if (message) this.reply(message);
    }
  }
}

ParleyMessageContent.define('parley-message-content');

declare global {
  interface HTMLElementTagNameMap {
    'parley-message-content': ParleyMessageContent;
  }
}
