import { css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { closeIcon } from '../icons.js';
import { controlStyles } from '../shared/controls.styles.js';

/** The element that really has focus, looking into open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/**
 * @summary A full-size image in a modal dialog over the page: closes with Escape, the close
 * button or a click beside the image, and gives focus back to where it was.
 * @tag parley-image-viewer
 *
 * @csspart viewer - The dialog.
 * @csspart image - The image.
 * @csspart close-button - The close button.
 */
export class ParleyImageViewer extends ParleyElement {
  static override styles = [
    hostStyles,
    controlStyles,
    css`
      dialog {
        max-width: 96vw;
        max-height: 96vh;
        padding: 0;
        border: none;
        border-radius: var(--_radius);
        background: transparent;
        overflow: visible;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.8);
      }
      img {
        display: block;
        max-width: 96vw;
        max-height: 90vh;
        object-fit: contain;
        border-radius: var(--_radius);
      }
      .icon-btn {
        position: fixed;
        top: 12px;
        inset-inline-end: 12px;
        background: rgb(0 0 0 / 0.6);
        color: #fff;
      }
    `,
  ];

  /** The image's accessible name (the file name). */
  @property() label = '';

  @property({ attribute: false }) strings: Strings = en;

  /** The image shown; set by `show()`. */
  @state() private src = '';

  @query('dialog') private dialog?: HTMLDialogElement;

  #returnFocus: HTMLElement | undefined;

  /** True while the viewer is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the viewer on `src` (an http(s) or blob URL the caller checked). */
  async show(src: string, label = this.label): Promise<void> {
    this.src = src;
    this.label = label;
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    this.#returnFocus = deepActiveElement();
    dialog.showModal();
  }

  /** Closes the viewer (focus goes back where it was). */
  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  override render() {
    return html`<dialog
      part="viewer"
      aria-label=${this.label}
      @keydown=${this.handleKeydown}
      @cancel=${this.handleCancel}
      @close=${this.handleClose}
      @click=${this.handleClick}
    >
      <button part="close-button" class="icon-btn" type="button" aria-label=${this.strings.attachCloseImage} @click=${this.close}>
        ${closeIcon}
      </button>
      ${this.src ? html`<img part="image" src=${this.src} alt=${this.label} referrerpolicy="no-referrer" />` : ''}
    </dialog>`;
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // Only the viewer closes, not the chat panel around it.
    event.preventDefault();
    event.stopPropagation();
    this.close();
  }

  private handleCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  private handleClick(event: MouseEvent): void {
    // A click on the backdrop lands on the dialog itself.
    if (event.target === this.dialog) this.close();
  }

  private handleClose(): void {
    const target = this.#returnFocus;
    this.#returnFocus = undefined;
    if (target?.isConnected) target.focus();
  }
}

ParleyImageViewer.define('parley-image-viewer');

declare global {
  interface HTMLElementTagNameMap {
    'parley-image-viewer': ParleyImageViewer;
  }
}
