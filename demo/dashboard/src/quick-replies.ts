/**
 * `<pd-quick-replies>`: the staff member's saved replies, picked in the reply box with
 * `/shortcut`: the list, a form to add one and a button to delete each (staff whose role may not
 * create them see the list only). Reports `pd-quick-reply-add` and `pd-quick-reply-delete`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { QuickReply } from '../../../src/core/staff-protocol.js';
import { format, strings } from './strings.js';
import { formStyles } from './styles.js';
import { pageStyles } from './page-styles.js';

export class PdQuickReplies extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 1.5rem;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: flex;
        align-items: baseline;
        gap: 0.75rem;
      }
      .shortcut {
        font-weight: 600;
      }
      li button {
        margin-inline-start: auto;
      }
    `,
  ];

  @property({ attribute: false }) replies: readonly QuickReply[] = [];
  /** Their role may create and delete quick replies. */
  @property({ type: Boolean }) editable = false;
  @property() error = '';

  /** Empties the form (the reply was saved). */
  reset(): void {
    this.renderRoot.querySelector('form')?.reset();
  }

  override render() {
    return html`<h2>${strings.quickRepliesTitle}</h2>
      <p class="lead">${strings.quickRepliesLead}</p>
      ${
        this.replies.length === 0
          ? html`<p>${strings.quickRepliesNone}</p>`
          : html`<ul>
            ${this.replies.map(
              (r) =>
                html`<li>
                  <bdi class="shortcut">/${r.shortcut}</bdi><bdi>${r.message}</bdi>
                  ${
                    this.editable
                      ? html`<button
                        type="button"
                        class="quiet"
                        aria-label=${format(strings.quickReplyDeleteLabel, { shortcut: r.shortcut })}
                        @click=${() => this.#emit('pd-quick-reply-delete', r.id)}
                      >
                        ${strings.quickReplyDelete}
                      </button>`
                      : nothing
                  }
                </li>`,
            )}
          </ul>`
      }
      ${
        this.editable
          ? html`<form class="fields" @submit=${this.#submit}>
            <label>${strings.quickReplyShortcut} <input name="shortcut" required maxlength="40" /></label>
            <label>${strings.quickReplyMessage} <textarea name="message" required rows="3" maxlength="2000"></textarea></label>
            <p class="error" role="alert">${this.error}</p>
            <button type="submit">${strings.quickReplySave}</button>
          </form>`
          : nothing
      }`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const shortcut = String(data.get('shortcut') ?? '')
      .trim()
      .replace(/^\//, '');
    const message = String(data.get('message') ?? '').trim();
    if (shortcut && message) this.#emit('pd-quick-reply-add', { shortcut, message });
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-quick-replies', PdQuickReplies);
