import { html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { controlStyles } from '../shared/controls.styles.js';
import { ParleyFilesEvent } from './events.js';
import { paperclipIcon } from './icons.js';
import { stringsContext } from '../context.js';

/**
 * @summary The composer's attach button: a labelled button that opens the file picker (several
 * files at once).
 * @tag parley-attach-button
 *
 * @event parley-files - `{files}`: the visitor picked one or more files.
 *
 * @csspart attach-button - The button.
 */
export class ParleyAttachButton extends ParleyElement {
  static override styles = [hostStyles, controlStyles];

  /** The picker's filter: the server's `allowedAttachmentTypes` (see `acceptAttribute`). */
  @property() accept = '';

  @property({ type: Boolean, reflect: true }) disabled = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  @query('input') private input?: HTMLInputElement;

  /** Opens the file picker. */
  pick(): void {
    if (!this.disabled) this.input?.click();
  }

  override render() {
    return html`<button
        part="attach-button"
        class="icon-btn"
        type="button"
        aria-label=${this.strings.attachFiles}
        ?disabled=${this.disabled}
        @click=${this.pick}
      >
        ${paperclipIcon}</button
      ><input type="file" multiple hidden tabindex="-1" accept=${this.accept} @change=${this.handleChange} />`;
  }

  private handleChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Picking the same file again must fire `change` again.
    input.value = '';
    if (files.length) this.dispatchEvent(new ParleyFilesEvent({ files }));
  }
}

ParleyAttachButton.define('parley-attach-button');

declare global {
  interface HTMLElementTagNameMap {
    'parley-attach-button': ParleyAttachButton;
  }
}
