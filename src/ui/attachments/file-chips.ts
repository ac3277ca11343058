import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { formatFileSize, isInlineImage, type AttachmentItem } from '../../core/attachments.js';
import { ERROR_CODES } from '../../core/protocol.js';
import { en, format, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { closeIcon } from '../icons.js';
import { controlStyles } from '../shared/controls.styles.js';
import { ParleyAttachmentEvent, type AttachmentAction } from './events.js';
import { fileChipsStyles } from './file-chips.styles.js';
import { isolate } from '../bidi.js';
import { fileIcon, retryIcon, stopIcon } from './icons.js';
import { localeContext, stringsContext } from '../context.js';

/**
 * @summary The files attached to the next message, one chip each: a preview (images) or an
 * icon, the name and size, a progress bar while uploading, an inline message when a file was
 * refused or its upload failed, and Cancel / Retry / Remove buttons. Renders nothing when empty.
 * @tag parley-file-chips
 *
 * @event parley-attachment - `{id, action}`: `remove`, `cancel` (stop the upload) or `retry`.
 *
 * @csspart chips - The list.
 * @csspart chip - One file.
 * @csspart progress - The upload progress bar.
 */
export class ParleyFileChips extends ParleyElement {
  static override styles = [hostStyles, controlStyles, fileChipsStyles];

  /** The attachments, as the upload queue lists them. */
  @property({ attribute: false }) items: readonly AttachmentItem[] = [];

  /** The largest file the server takes, in MB (for the "too large" message). */
  @property({ type: Number, attribute: 'max-mb' }) maxMB = 0;

  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** Preview URLs of the image files shown, revoked when their chip goes. */
  readonly #previews = new Map<Blob, string>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#prune([]);
  }

  protected override updated(): void {
    this.#prune(this.items);
  }

  #prune(keep: readonly AttachmentItem[]): void {
    const files = new Set(keep.map((i) => i.file));
    for (const [file, url] of this.#previews) {
      if (files.has(file)) continue;
      URL.revokeObjectURL(url);
      this.#previews.delete(file);
    }
  }

  #preview(item: AttachmentItem): string | undefined {
    if (!isInlineImage({ contentType: item.type }) || item.state === 'rejected') return undefined;
    let url = this.#previews.get(item.file);
    if (!url) {
      url = URL.createObjectURL(item.file);
      this.#previews.set(item.file, url);
    }
    return url;
  }

  #problem(item: AttachmentItem): string {
    const s = this.strings;
    if (item.state === 'cancelled') return s.attachCancelled;
    if (item.state !== 'rejected' && item.state !== 'failed') return '';
    switch (item.error) {
      case 'too-large':
      case ERROR_CODES.fileTooLarge:
        return format(s.attachTooLarge, { max: formatFileSize(this.maxMB * 1024 * 1024, this.locale) });
      case 'type-not-allowed':
      case ERROR_CODES.fileTypeNotAllowed:
        return s.attachTypeNotAllowed;
      case 'empty':
        return s.attachEmpty;
      default:
        return s.attachFailed;
    }
  }

  #button(item: AttachmentItem, action: AttachmentAction) {
    const s = this.strings;
    const label = action === 'remove' ? s.attachRemove : action === 'cancel' ? s.attachCancel : s.attachRetry;
    const icon = action === 'remove' ? closeIcon : action === 'cancel' ? stopIcon : retryIcon;
    // A file name inside a label: isolated with FSI/PDI, as an attribute holds no <bdi> (ui/bidi.ts).
    return html`<button
      class="icon-btn ${action}"
      type="button"
      aria-label=${format(label, { name: isolate(item.name) })}
      @click=${() => this.dispatchEvent(new ParleyAttachmentEvent({ id: item.id, action }))}
    >
      ${icon}
    </button>`;
  }

  #chip(item: AttachmentItem) {
    const preview = this.#preview(item);
    const problem = this.#problem(item);
    const size = formatFileSize(item.size, this.locale);
    const actions: AttachmentAction[] =
      item.state === 'uploading'
        ? ['cancel']
        : item.state === 'failed' || item.state === 'cancelled'
          ? ['retry', 'remove']
          : ['remove'];
    return html`<li part="chip" class="chip ${item.state}" data-state=${item.state}>
      ${preview ? html`<img class="preview" src=${preview} alt="" />` : html`<span class="preview">${fileIcon}</span>`}
      <span class="body">
        <span class="name"><bdi>${item.name}</bdi></span>
        ${size ? html`<span class="size">${size}</span>` : nothing}
        ${
          item.state === 'uploading'
            ? html`<progress
              part="progress"
              max=${Math.max(item.total, 1)}
              .value=${item.loaded}
              aria-label=${format(this.strings.attachUploading, { name: isolate(item.name) })}
            ></progress>`
            : nothing
        }
        ${problem ? html`<span class="error" role="alert">${problem}</span>` : nothing}
      </span>
      ${actions.map((a) => this.#button(item, a))}
    </li>`;
  }

  override render() {
    if (!this.items.length) return nothing;
    return html`<ul part="chips" class="chips" aria-label=${this.strings.attachList}>
      ${repeat(
        this.items,
        (i) => i.id,
        (i) => this.#chip(i),
      )}
    </ul>`;
  }
}

ParleyFileChips.define('parley-file-chips');

declare global {
  interface HTMLElementTagNameMap {
    'parley-file-chips': ParleyFileChips;
  }
}
