import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyShowListEvent, ParleyTtsToggleEvent } from '../events.js';
import { controlStyles } from '../shared/controls.styles.js';
import { backIcon, speakerOffIcon, speakerOnIcon } from '../shared/icons.js';
import { headerActionsStyles } from './header-actions.styles.js';
import { stringsContext } from '../context.js';
import { mirrorStyles } from '../shared/mirror.styles.js';

/**
 * @summary The panel header's buttons: back to the conversation list, and a toggle that reads
 * agent and bot replies aloud. Each shows only when asked for; with neither, nothing renders.
 * @tag parley-header-actions
 *
 * @event parley-show-list - The visitor clicked the back button.
 * @event parley-tts-toggle - `{on}`: the visitor switched reading replies aloud on or off.
 *
 * @csspart back-button - The back button.
 * @csspart tts-button - The speaker toggle.
 */
export class ParleyHeaderActions extends ParleyElement {
  static override styles = [hostStyles, controlStyles, headerActionsStyles, mirrorStyles];

  /** Show the back button (multiple conversations, one of them open). */
  @property({ type: Boolean, attribute: 'show-back' }) showBack = false;

  /** Show the speaker toggle (`voiceOutput` is on and the browser can speak). */
  @property({ type: Boolean, attribute: 'tts-available' }) ttsAvailable = false;

  /** Whether replies are read aloud now (the toggle is pressed). */
  @property({ type: Boolean, attribute: 'tts-on' }) ttsOn = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  override render() {
    return html`${
      this.showBack
        ? html`<button
          class="icon-btn mirror"
          part="back-button"
          type="button"
          aria-label=${this.strings.showConversations}
          @click=${this.handleBack}
        >
          ${backIcon}
        </button>`
        : nothing
    }
    ${
      this.ttsAvailable
        ? html`<button
          class="icon-btn"
          part="tts-button"
          type="button"
          aria-label=${this.strings.ttsToggle}
          aria-pressed=${this.ttsOn ? 'true' : 'false'}
          @click=${this.handleTts}
        >
          ${this.ttsOn ? speakerOnIcon : speakerOffIcon}
        </button>`
        : nothing
    }`;
  }

  private handleBack(): void {
    this.emit(new ParleyShowListEvent());
  }

  private handleTts(): void {
    this.emit(new ParleyTtsToggleEvent({ on: !this.ttsOn }));
  }
}

ParleyHeaderActions.define('parley-header-actions');

declare global {
  interface HTMLElementTagNameMap {
    'parley-header-actions': ParleyHeaderActions;
  }
}
