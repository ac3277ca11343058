/**
 * `<pd-reply-box>`: where staff write a reply — a text box that offers the saved quick replies
 * matching `/shortcut` (a combobox: arrows move, Enter or Tab picks, Escape closes), optional
 * suggested-reply buttons (rich template 6), Enter to send. Reports `pd-reply` with the message
 * (and its metadata) and `pd-typing` as the writer starts and stops; the app empties the box
 * with `clear()` once the reply is stored, so nothing typed is lost when sending fails.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Metadata } from '../../../src/core/protocol.js';
import type { QuickReply } from '../../../src/core/staff-protocol.js';
import { matchQuickReplies, outgoing } from './compose.js';
import { strings } from './strings.js';
import { formStyles } from './styles.js';

/** How long after the last key press "typing" ends. */
export const TYPING_IDLE_MS = 3000;

export interface Reply {
  message: string;
  metadata?: Metadata;
}

export class PdReplyBox extends LitElement {
  static override styles = [
    formStyles,
    css`
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.4rem 0.5rem;
        padding: 0.6rem 1rem;
        border-top: 1px solid var(--pd-line);
        position: relative;
      }
      textarea {
        resize: vertical;
        min-height: 2.5rem;
      }
      /* A reply takes the direction of what is typed (dir="auto"); empty, the app's, placeholder too. */
      textarea:placeholder-shown {
        direction: inherit;
      }
      .hint,
      details {
        grid-column: 1 / -1;
        font-size: 0.85rem;
        color: var(--pd-muted);
        margin: 0;
      }
      [role='listbox'] {
        position: absolute;
        inset-inline: 1rem;
        inset-block-end: 100%;
        margin: 0;
        padding: 0.25rem 0;
        list-style: none;
        background: var(--pd-bg);
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
      }
      [role='option'] {
        padding: 0.35rem 0.75rem;
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--pd-soft);
      }
      .shortcut {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) quickReplies: readonly QuickReply[] = [];
  @property({ type: Boolean }) sending = false;
  @state() private offered: QuickReply[] = [];
  @state() private active = 0;
  @query('textarea[name="reply"]') private box?: HTMLTextAreaElement | null;
  @query('textarea[name="buttons"]') private buttons?: HTMLTextAreaElement | null;
  @query('details') private details?: HTMLDetailsElement | null;
  #typing = false;
  #idle?: ReturnType<typeof setTimeout>;

  /** Empties the box (the reply was stored). */
  clear(): void {
    if (this.box) this.box.value = '';
    if (this.buttons) this.buttons.value = '';
    if (this.details) this.details.open = false;
    this.offered = [];
  }

  override focus(): void {
    this.box?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#setTyping(false);
  }

  override render() {
    const open = this.offered.length > 0;
    const [before, between, after] = strings.buttonsHelp.split(/\{title\}|\{titleAndMessage\}/);
    return html`<form @submit=${this.#submit}>
      ${
        open
          ? html`<ul id="quick" role="listbox" aria-label=${strings.quickRepliesLabel}>
            ${this.offered.map(
              (r, i) =>
                html`<li
                  id=${`quick-${r.id}`}
                  role="option"
                  aria-selected=${i === this.active ? 'true' : 'false'}
                  @mousedown=${(e: MouseEvent) => {
                    e.preventDefault();
                    this.#pick(i);
                  }}
                >
                  <bdi class="shortcut">/${r.shortcut}</bdi> <bdi>${r.message}</bdi>
                </li>`,
            )}
          </ul>`
          : nothing
      }
      <textarea
        name="reply"
        rows="2"
        dir="auto"
        aria-label=${strings.replyLabel}
        aria-describedby="hint"
        aria-autocomplete="list"
        aria-controls=${open ? 'quick' : nothing}
        aria-activedescendant=${open ? `quick-${this.offered[this.active]?.id}` : nothing}
        placeholder=${strings.replyPlaceholder}
        @input=${this.#input}
        @keydown=${this.#keydown}
        @blur=${() => (this.offered = [])}
      ></textarea>
      <button type="submit" ?disabled=${this.sending}>${this.sending ? strings.sending : strings.send}</button>
      <p class="hint" id="hint">${strings.replyHint}</p>
      <details>
        <summary>${strings.buttonsSummary}</summary>
        <label
          >${before}<code>${strings.buttonsExampleTitle}</code>${between}<code>${strings.buttonsExampleTitleAndMessage}</code>${after}
          <textarea name="buttons" rows="3" dir="auto"></textarea>
        </label>
      </details>
    </form>`;
  }

  #input() {
    const text = this.box?.value ?? '';
    this.offered = matchQuickReplies(this.quickReplies, text);
    this.active = 0;
    this.#setTyping(text.trim() !== '');
    clearTimeout(this.#idle);
    if (this.#typing) this.#idle = setTimeout(() => this.#setTyping(false), TYPING_IDLE_MS);
  }

  #keydown(e: KeyboardEvent) {
    const n = this.offered.length;
    if (n > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
    } else if (n > 0 && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      this.#pick(this.active);
    } else if (n > 0 && e.key === 'Escape') {
      e.preventDefault();
      this.offered = [];
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.renderRoot.querySelector('form')?.requestSubmit();
    }
  }

  #pick(i: number) {
    const reply = this.offered[i];
    if (!reply || !this.box) return;
    this.box.value = reply.message;
    this.offered = [];
    this.box.focus();
  }

  #setTyping(typing: boolean) {
    if (this.#typing === typing) return;
    this.#typing = typing;
    this.dispatchEvent(new CustomEvent<boolean>('pd-typing', { detail: typing, bubbles: true, composed: true }));
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const reply = outgoing(this.box?.value ?? '', this.buttons?.value ?? '');
    if (!reply || this.sending) return;
    clearTimeout(this.#idle);
    this.#setTyping(false);
    this.dispatchEvent(new CustomEvent<Reply>('pd-reply', { detail: reply, bubbles: true, composed: true }));
  }
}

customElements.define('pd-reply-box', PdReplyBox);
