import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyInputEvent, ParleySendEvent } from '../events.js';
import { sendIcon } from '../icons.js';
import { composerStyles } from './composer.styles.js';
import { stringsContext } from '../context.js';
import { mirrorStyles } from '../shared/mirror.styles.js';

const growsByItself = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/**
 * @summary Where the visitor writes: a growing text box and a Send button. Enter sends,
 * Shift+Enter starts a new line, and nothing is sent while an input method is composing.
 * @tag parley-composer
 *
 * @slot start - Before the text box, e.g. an attach button.
 * @slot end - Between the text box and Send, e.g. a microphone button.
 *
 * @event parley-send - `{text}`: the visitor sent a non-blank message (trimmed). Cancelable: when
 *   cancelled, the text stays in the box.
 * @event parley-input - `{value}`: the text changed (also to '' after a send).
 *
 * @csspart composer - The bar.
 * @csspart input - The text box.
 * @csspart send-button - The Send button.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - Send button background.
 * @cssprop [--parley-primary-text-color=#ffffff] - Send button icon.
 */
export class ParleyComposer extends ParleyElement {
  static override styles = [hostStyles, composerStyles, mirrorStyles];

  /** The text in the box (a draft can be put back through it). */
  @property() value = '';

  /** No typing or sending while true. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Send may be pressed with no text (attachments are waiting to go). */
  @property({ type: Boolean, attribute: 'allow-empty' }) allowEmpty = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  /** Focuses the text box. */
  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  override render() {
    return html`<div part="composer" class="composer">
      <slot name="start"></slot>
      <textarea
        part="input"
        rows="1"
        aria-label=${this.strings.composerLabel}
        placeholder=${this.strings.composerPlaceholder}
        enterkeyhint="send"
        .value=${live(this.value)}
        ?disabled=${this.disabled}
        @input=${this.handleInput}
        @keydown=${this.handleKeydown}
      ></textarea>
      <slot name="end"></slot>
      <button
        part="send-button"
        class="send mirror"
        type="button"
        aria-label=${this.strings.send}
        ?disabled=${this.disabled}
        @click=${this.handleSendClick}
      >
        ${sendIcon}
      </button>
    </div>`;
  }

  protected override updated(): void {
    if (!growsByItself) this.fitHeight();
  }

  /** For browsers without `field-sizing`: grow the box with its content (CSS caps it). */
  private fitHeight(): void {
    const box = this.textarea;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight}px`;
  }

  private handleInput(event: Event): void {
    const box = event.target as HTMLTextAreaElement;
    this.value = box.value;
    if (!growsByItself) this.fitHeight();
    this.emit(new ParleyInputEvent({ value: box.value }));
  }

  private handleKeydown(event: KeyboardEvent): void {
    // keyCode 229: the key went to an input method (Safari reports isComposing late).
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  }

  private handleSendClick(): void {
    this.send();
    this.focus();
  }

  private send(): void {
    const box = this.textarea;
    if (this.disabled || !box) return;
    const text = box.value.trim();
    if (!text && !this.allowEmpty) return;
    if (!this.emit(new ParleySendEvent({ text }))) return;
    box.value = '';
    this.value = '';
    if (!growsByItself) this.fitHeight();
    this.emit(new ParleyInputEvent({ value: '' }));
  }
}

ParleyComposer.define('parley-composer');

declare global {
  interface HTMLElementTagNameMap {
    'parley-composer': ParleyComposer;
  }
}
