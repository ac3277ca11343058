import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { createFileUrlResolver, formatFileSize, isInlineImage, type FileUrlResolver } from '../../core/attachments.js';
import { en, format, type Strings } from '../../core/locale.js';
import type { FileMeta } from '../../core/protocol.js';
import { str } from '../../core/rich.js';
import { ParleyElement, hostStyles } from '../base.js';
import { fileIcon } from './icons.js';
import { needElement } from '../lazy.js';
import { isolate } from '../bidi.js';
import type { ParleyImageViewer } from './image-viewer.js';
import { localeContext, stringsContext } from '../context.js';

/**
 * @summary A file in a message (`contentType` 1, the visitor's or an agent's): an image as a
 * thumbnail that opens full size in a viewer, any other file as a card with icon, name, size
 * and a download link.
 * @tag parley-attachment
 *
 * @csspart thumbnail - The image button.
 * @csspart file - The file card.
 */
export class ParleyAttachment extends ParleyElement {
  static override styles = [
    hostStyles,
    css`
      :host {
        display: block;
        max-width: 100%;
      }
      .thumb {
        display: block;
        max-width: 100%;
        padding: 0;
        border: none;
        border-radius: calc(var(--_radius) - 4px);
        background: none;
        cursor: zoom-in;
      }
      .thumb img {
        display: block;
        max-width: min(100%, 240px);
        max-height: 240px;
        border-radius: inherit;
        object-fit: cover;
      }
      .file {
        display: flex;
        align-items: center;
        gap: 10px;
        min-width: 0;
        padding: 8px 12px;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) - 4px);
        background: var(--_surface);
        color: var(--_text);
        text-decoration: none;
      }
      a.file:hover .name {
        text-decoration: underline;
      }
      .file svg {
        flex: none;
        color: var(--_muted);
      }
      .text {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .name {
        overflow: hidden;
        font-weight: 600;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .size {
        color: var(--_muted);
        font-size: 0.8125rem;
      }
    `,
  ];

  @property({ attribute: false }) file?: FileMeta;

  /**
   * Turns the file into URLs the page may load (with the visitor's token for the chat server).
   * Without one, `fileMeta.url` / `thumbnailUrl` are used as they are, relative to `server`.
   */
  @property({ attribute: false }) fileUrl?: FileUrlResolver;

  /** The chat server's URL (used when there is no `fileUrl`). */
  @property() server = '';

  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** The thumbnail did not load: show the file card instead. */
  @state() private broken = false;

  @query('parley-image-viewer') private viewer?: ParleyImageViewer;

  #resolve: FileUrlResolver = createFileUrlResolver({ server: '' });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fileUrl') || changed.has('server')) {
      this.#resolve = this.fileUrl ?? createFileUrlResolver({ server: this.server });
    }
    if (changed.has('file')) this.broken = false;
  }

  private get name(): string {
    return str(this.file?.name, 300) ?? this.strings.contentFile;
  }

  override render() {
    const file = this.file;
    if (!file) return nothing;
    const name = this.name;
    const thumb = isInlineImage(file) && !this.broken ? this.#resolve(file, 'thumbnail') : undefined;
    if (thumb) {
      return html`<button part="thumbnail" class="thumb" type="button" aria-label=${format(this.strings.attachOpenImage, { name: isolate(name) })} @click=${this.handleOpen}
          @pointerenter=${this.prefetchViewer} @focus=${this.prefetchViewer}>
          <img src=${thumb} alt="" referrerpolicy="no-referrer" @error=${this.handleBroken} />
        </button>
        <parley-image-viewer .strings=${this.strings} label=${name}></parley-image-viewer>`;
    }
    const href = this.#resolve(file, 'file');
    const size = formatFileSize(file.size, this.locale);
    const body = html`${fileIcon}<span class="text"><span class="name"><bdi>${name}</bdi></span>${size ? html`<span class="size">${size}</span>` : nothing}</span>`;
    return href
      ? html`<a part="file" class="file" href=${href} download=${name} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer"
          title=${format(this.strings.contentDownload, { name: isolate(name) })}>${body}</a>`
      : html`<div part="file" class="file">${body}</div>`;
  }

  private async handleOpen(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const full = this.#resolve(file, 'file') ?? this.#resolve(file, 'thumbnail');
    // The viewer's chunk comes with the first image opened (a hover or focus asked for it already).
    if (full && (await needElement('parley-image-viewer'))) void this.viewer?.show(full, this.name);
  }

  private prefetchViewer(): void {
    void needElement('parley-image-viewer');
  }

  private handleBroken(): void {
    this.broken = true;
  }
}

ParleyAttachment.define('parley-attachment');

declare global {
  interface HTMLElementTagNameMap {
    'parley-attachment': ParleyAttachment;
  }
}
