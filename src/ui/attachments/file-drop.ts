/**
 * Files dragged onto the chat or pasted into it. A reactive controller on the element that
 * should take them (e.g. the widget's panel, `<parley-chat-body>`; drag and clipboard events cross
 * shadow roots):
 * `dragging` is true while files are held over it, and `onFiles` gets what was dropped or the
 * files (images) that were pasted. Text pastes are left alone.
 *
 *   drop = new FileDropController(this, { onFiles: (files) => queue.add(files), enabled: () => open && attachmentsOn });
 *   render: ${drop.dragging ? dropOverlay(strings) : nothing}
 */
import { css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Strings } from '../../core/locale.js';

export interface FileDropOptions {
  onFiles: (files: File[]) => void;
  /** Whether files are taken now (panel open, attachments on). Default: always. */
  enabled?: () => boolean;
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export class FileDropController implements ReactiveController {
  /** Files are being dragged over the host. */
  dragging = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FileDropOptions;
  /** dragenter/dragleave fire for every child crossed: count them. */
  #depth = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FileDropOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    const h = this.#host;
    h.addEventListener('dragenter', this.#handleEnter);
    h.addEventListener('dragover', this.#handleOver);
    h.addEventListener('dragleave', this.#handleLeave);
    h.addEventListener('drop', this.#handleDrop);
    h.addEventListener('paste', this.#handlePaste);
  }

  hostDisconnected(): void {
    const h = this.#host;
    h.removeEventListener('dragenter', this.#handleEnter);
    h.removeEventListener('dragover', this.#handleOver);
    h.removeEventListener('dragleave', this.#handleLeave);
    h.removeEventListener('drop', this.#handleDrop);
    h.removeEventListener('paste', this.#handlePaste);
    this.#set(false);
  }

  get #enabled(): boolean {
    return this.#options.enabled?.() ?? true;
  }

  #set(dragging: boolean): void {
    if (!dragging) this.#depth = 0;
    if (dragging === this.dragging) return;
    this.dragging = dragging;
    this.#host.requestUpdate();
  }

  readonly #handleEnter = (event: DragEvent): void => {
    if (!hasFiles(event) || !this.#enabled) return;
    event.preventDefault();
    this.#depth++;
    this.#set(true);
  };

  readonly #handleOver = (event: DragEvent): void => {
    if (!hasFiles(event) || !this.#enabled) return;
    // Cancelling dragover is what makes the host a drop target.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.#set(true);
  };

  readonly #handleLeave = (): void => {
    if (this.dragging && --this.#depth <= 0) this.#set(false);
  };

  readonly #handleDrop = (event: DragEvent): void => {
    if (!hasFiles(event) || !this.#enabled) return;
    event.preventDefault();
    this.#set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) this.#options.onFiles(files);
  };

  readonly #handlePaste = (event: ClipboardEvent): void => {
    const data = event.clipboardData;
    const files = Array.from(data?.files ?? []);
    if (!files.length || !this.#enabled) return;
    // Pasted text (with an image, as some apps copy both) still goes into the text box.
    if (!data?.types.includes('text/plain')) event.preventDefault();
    this.#options.onFiles(files);
  };
}

/** The hint shown over the panel while files are dragged over it. */
export function dropOverlay(strings: Pick<Strings, 'attachDrop'>) {
  return html`<div class="parley-drop-overlay" part="drop-overlay" aria-hidden="true">${strings.attachDrop}</div>`;
}

/** Styles for `dropOverlay()`: put it in a positioned container (e.g. the panel body). */
export const dropOverlayStyles = css`
  .parley-drop-overlay {
    position: absolute;
    inset: 0;
    z-index: 2;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_surface) 88%, transparent);
    color: var(--_accent);
    font-weight: 600;
    pointer-events: none;
  }
`;
