/**
 * `<parley-chat-composer>`: the widget's composer — the chips of the files waiting to go, the text
 * box and Send (`<parley-composer>`), the attach button and, where the browser can, the mic with
 * voice input into the text box (it owns that draft, so nothing reaches into another element for
 * it). Part of the panel's chunk, rendered by `<parley-chat-body>` in the panel's footer.
 *
 * Props down: the attachment `items` (`UploadQueue.items`) and the settings that gate the buttons.
 * Events up, from the elements inside (bubbling, composed): `parley-send`, `parley-input`,
 * `parley-files` and `parley-attachment`, which `<parley-chat-body>` turns into controller calls.
 */
import { css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { AttachmentItem } from '../core/attachments.js';
import { needElement } from '../ui/lazy.js';
import type { SpeechInputController } from '../controller/speech.js';
import { loadVoice } from './voice-loader.js';
import { ParleyElement } from '../ui/base.js';
import type { ParleyComposer } from '../ui/composer/composer.js';
import { localeContext } from '../ui/context.js';
import type { ParleyMicEvent } from '../ui/speech/events.js';

/**
 * @summary The chat panel's composer inside `<parley-chat>` (internal: defined lazily with the
 * panel's chunk).
 * @csspart composer - (exported from `<parley-composer>`) the bar.
 */
export class ParleyChatComposer extends ParleyElement {
  static override styles = [ParleyElement.styles, css`:host { display: block; }`];

  /** The attachments waiting to go (shown as chips; Send may then be pressed with no text). */
  @property({ attribute: false }) items: readonly AttachmentItem[] = [];

  /** The app allows attachments: show the attach button and the chips. */
  @property({ type: Boolean }) attachments = false;

  /** The file picker's `accept` (`acceptAttribute(allowedAttachmentTypes)`). */
  @property() accept = '';

  /** The largest file, in MB (for the chips' errors). */
  @property({ type: Number, attribute: 'max-mb' }) maxMB = 0;

  /** The app has voice input on: a mic button where the browser can listen. */
  @property({ type: Boolean }) voice = false;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The widget's language for voice input ('' = the browser's). */
  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @query('parley-composer') private composer?: ParleyComposer | null;

  /** The text before voice input started: the transcript goes after it. */
  #before = '';

  /** Voice input, once the app has it on and the speech chunk has loaded (`voice.ts`). */
  #mic?: SpeechInputController;

  override willUpdate(): void {
    if (this.voice && !this.#mic)
      void loadVoice().then((voice) => {
        if (!voice || this.#mic) return;
        const draft = (text: string) => this.#setDraft(voice.withTranscript(this.#before, text));
        this.#mic = new voice.SpeechInputController(this, {
          lang: () => this.locale || navigator.language,
          onInterim: draft,
          onFinal: draft,
        });
        this.requestUpdate();
      });
  }

  /** Focuses the text box (once rendered). */
  async focusText(): Promise<void> {
    await this.updateComplete;
    this.composer?.focus();
  }

  override render() {
    const pending = this.attachments && this.items.length > 0;
    const mic = this.voice && this.#mic?.available ? this.#mic : undefined;
    if (mic) void needElement('parley-mic-button');
    return html`${
      pending ? html`<parley-file-chips .items=${this.items} max-mb=${this.maxMB}></parley-file-chips>` : nothing
    }
      <parley-composer exportparts="composer" ?disabled=${this.disabled} ?allow-empty=${pending}>
        ${
          this.attachments
            ? html`<parley-attach-button slot="start" accept=${this.accept} ?disabled=${this.disabled}></parley-attach-button>`
            : nothing
        }
        ${
          mic
            ? html`<parley-mic-button
              slot="end"
              ?listening=${mic.listening}
              error=${mic.error ?? ''}
              ?disabled=${this.disabled}
              @parley-mic=${this.#handleMic}
            ></parley-mic-button>`
            : nothing
        }
      </parley-composer>`;
  }

  #setDraft(text: string): void {
    if (this.composer) this.composer.value = text;
  }

  /** Puts a kept draft back in an empty text box; false when the box already holds text. */
  async restoreText(text: string): Promise<boolean> {
    await this.updateComplete;
    if (!this.composer || this.composer.value) return false;
    this.#setDraft(text);
    return true;
  }

  #handleMic = (event: ParleyMicEvent): void => {
    if (event.detail.listening) {
      this.#before = this.composer?.value ?? '';
      this.#mic?.start();
    } else this.#mic?.stop();
  };
}

ParleyChatComposer.define('parley-chat-composer');

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat-composer': ParleyChatComposer;
  }
}
