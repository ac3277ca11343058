import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { enLauncher, type LauncherStrings } from '../../core/locale-front.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyGreetingDismissEvent, ParleyGreetingOpenEvent } from '../events.js';
import { closeIcon } from '../icons.js';
import { controlStyles } from '../shared/controls.styles.js';
import { greetingStyles } from './greeting.styles.js';

/** The greeting's lines: a string is one line; blank lines and non-strings are dropped. */
function linesOf(message: unknown): string[] {
  const list: unknown[] = Array.isArray(message) ? message : [message];
  return list.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}

/**
 * @summary The greeting bubble by the launcher: the greeting message as plain text (a button that
 * opens the chat) and a close button. Renders nothing without a message. It does not time itself
 * or play a sound: the top element shows it after the configured delay.
 * @tag parley-greeting
 *
 * @event parley-greeting-open - The visitor clicked the message.
 * @event parley-greeting-dismiss - The visitor clicked the close button.
 *
 * @csspart greeting - The bubble.
 * @csspart greeting-message - The button with the message text.
 * @csspart close-button - The close button.
 *
 * @cssprop [--parley-greeting-width=280px] - Largest width of the bubble.
 * @cssprop [--parley-radius=12px] - Bubble corners.
 */
export class ParleyGreeting extends ParleyElement {
  static override styles = [hostStyles, controlStyles, greetingStyles];

  /** The greeting: one line, or several (the settings' `chatPopupMessage[].message`). Plain text. */
  @property() message: string | readonly string[] = '';

  /** The launcher's corner; the bubble's pointed corner faces it. */
  @property({ reflect: true }) position: 'left' | 'right' = 'right';

  @property({ attribute: false }) strings: Pick<LauncherStrings, 'greetingDismiss'> = enLauncher;

  override render() {
    const lines = linesOf(this.message);
    if (lines.length === 0) return nothing;
    return html`<div class="bubble" part="greeting">
      <button class="message" part="greeting-message" type="button" @click=${this.handleOpen}>
        ${lines.map((line) => html`<span class="line" dir="auto">${line}</span>`)}
      </button>
      <button
        class="icon-btn close"
        part="close-button"
        type="button"
        aria-label=${this.strings.greetingDismiss}
        @click=${this.handleDismiss}
      >
        ${closeIcon}
      </button>
    </div>`;
  }

  private handleOpen(): void {
    this.emit(new ParleyGreetingOpenEvent());
  }

  private handleDismiss(): void {
    this.emit(new ParleyGreetingDismissEvent());
  }
}

ParleyGreeting.define('parley-greeting');

declare global {
  interface HTMLElementTagNameMap {
    'parley-greeting': ParleyGreeting;
  }
}
