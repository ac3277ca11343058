import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import type { SpeechInputError } from '../../core/speech-text.js';
import { micIcon } from '../attachments/icons.js';
import { ParleyElement, hostStyles } from '../base.js';
import { controlStyles } from '../shared/controls.styles.js';
import { ParleyMicEvent } from './events.js';
import { stringsContext } from '../context.js';

/**
 * @summary The composer's voice input button (a toggle: pressed while listening) with a short
 * status line above it: "Listening…", or what went wrong (microphone denied, no speech heard,
 * no connection). Render it only where the browser can recognise speech.
 * @tag parley-mic-button
 *
 * @event parley-mic - `{listening}`: start (true) or stop (false) listening.
 *
 * @csspart mic-button - The button.
 * @csspart status - The status line.
 */
export class ParleyMicButton extends ParleyElement {
  static override styles = [
    hostStyles,
    controlStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      :host([listening]) .icon-btn {
        background: var(--_primary);
        color: var(--_primary-text);
      }
      /* Still under reduced motion (palette.ts). */
      :host([listening]) .icon-btn {
        animation: pulse 1.4s ease-in-out infinite;
      }
      @keyframes pulse {
        50% {
          box-shadow: 0 0 0 6px color-mix(in srgb, var(--_accent) 25%, transparent);
        }
      }
      .status:empty {
        display: none;
      }
      .status {
        position: absolute;
        inset-inline-end: 0;
        bottom: calc(100% + 8px);
        width: max-content;
        max-width: 240px;
        padding: 6px 10px;
        border-radius: 8px;
        background: var(--_text);
        color: var(--_surface);
        font-size: 0.8125rem;
      }
    `,
  ];

  /** Listening now (the button shows pressed). */
  @property({ type: Boolean, reflect: true }) listening = false;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The last voice input problem (`SpeechInputError`), '' for none. */
  @property() error: SpeechInputError | '' = '';

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  private get status(): string {
    const s = this.strings;
    if (this.listening) return s.micListening;
    switch (this.error) {
      case 'denied':
        return s.micDenied;
      case 'no-speech':
        return s.micNoSpeech;
      case 'no-microphone':
        return s.micNoMicrophone;
      case 'network':
        return s.micNetwork;
      case 'failed':
        return s.micFailed;
      default:
        return '';
    }
  }

  override render() {
    return html`<button
        part="mic-button"
        class="icon-btn"
        type="button"
        aria-label=${this.strings.micLabel}
        aria-pressed=${this.listening ? 'true' : 'false'}
        ?disabled=${this.disabled}
        @click=${this.handleClick}
      >
        ${micIcon}</button
      ><span part="status" class="status" role="status">${this.status}</span>`;
  }

  private handleClick(): void {
    this.dispatchEvent(new ParleyMicEvent({ listening: !this.listening }));
  }
}

ParleyMicButton.define('parley-mic-button');

declare global {
  interface HTMLElementTagNameMap {
    'parley-mic-button': ParleyMicButton;
  }
}
