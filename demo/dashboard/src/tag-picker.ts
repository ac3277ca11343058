/**
 * `<pd-tag-picker>`: a conversation's tags as chips, and a "Tags" button that opens a checkbox for
 * each of the app's tags (Escape closes it and gives the keyboard back to the button). Each change
 * reports `pd-action` `{tags}` with the ids the conversation should now carry.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MAX_TAGS_PER_CONVERSATION, type Tag, type TagView } from '../../../src/core/staff-protocol.js';
import type { ConversationAction } from './conversation-actions.js';
import { plural, strings } from './strings.js';
import { formStyles } from './styles.js';
import { tagChip, tagChips, tagStyles } from './tag-chips.js';

export class PdTagPicker extends LitElement {
  static override styles = [
    formStyles,
    tagStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        position: relative;
      }
      button {
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
      }
      fieldset {
        position: absolute;
        inset-block-start: 100%;
        inset-inline-start: 0;
        z-index: 2;
        margin: 0.25rem 0 0;
        padding: 0.5rem 0.75rem;
        min-width: 14rem;
        max-height: 16rem;
        overflow-y: auto;
        background: var(--pd-bg);
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
      }
      legend {
        font-weight: 600;
        padding: 0;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.2rem 0;
      }
      .hint {
        color: var(--pd-muted);
        margin: 0.25rem 0 0;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The app's tags (what can be chosen). */
  @property({ attribute: false }) tags: readonly Tag[] = [];
  /** The conversation's tags now. */
  @property({ attribute: false }) chosen: readonly TagView[] = [];
  @state() private expanded = false;

  override render() {
    const ids = new Set(this.chosen.map((t) => t.id));
    const full = ids.size >= MAX_TAGS_PER_CONVERSATION;
    return html`${tagChips(this.chosen)}
      <button
        type="button"
        class="quiet"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="choose"
        aria-label=${strings.tagsEditLabel}
        @click=${() => (this.expanded = !this.expanded)}
      >
        ${strings.tagsEdit}
      </button>
      ${
        this.expanded
          ? html`<fieldset id="choose" @keydown=${this.#key}>
            <legend>${strings.tagsChoose}</legend>
            ${
              this.tags.length === 0
                ? html`<p class="hint">${strings.tagsNoneToPick}</p>`
                : this.tags.map(
                    (t) => html`<label
                      ><input
                        type="checkbox"
                        .checked=${live(ids.has(t.id))}
                        ?disabled=${full && !ids.has(t.id)}
                        @change=${(e: Event) => this.#toggle(t.id, (e.target as HTMLInputElement).checked)}
                      />${tagChip(t)}</label
                    >`,
                  )
            }
            ${full ? html`<p class="hint">${plural(strings.tagsAtMost, MAX_TAGS_PER_CONVERSATION, { count: MAX_TAGS_PER_CONVERSATION })}</p>` : nothing}
          </fieldset>`
          : nothing
      }`;
  }

  #toggle(id: number, on: boolean) {
    const ids = this.chosen.map((t) => t.id).filter((x) => x !== id);
    const detail: ConversationAction = { tags: on ? [...ids, id] : ids };
    this.dispatchEvent(new CustomEvent('pd-action', { detail, bubbles: true, composed: true }));
  }

  #key(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.expanded = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector('button')?.focus());
  }
}

customElements.define('pd-tag-picker', PdTagPicker);
