/**
 * `<pd-tags>`: the app's tags — each with its colour, a form to add one and a button to delete
 * each, confirmed in place (staff whose role may not create tags see the list only). Reports
 * `pd-tag-add` `{name, colour}` and `pd-tag-delete` (the id).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MAX_TAG_NAME, TAG_COLOURS, type Tag } from '../../../src/core/staff-protocol.js';
import { field, pageStyles } from './page-styles.js';
import { isolated } from './bidi.js';
import { format, strings } from './strings.js';
import { formStyles } from './styles.js';
import { COLOUR_NAMES, tagChip, tagStyles } from './tag-chips.js';

export class PdTags extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    tagStyles,
    css`
      ul.list {
        list-style: none;
        padding: 0;
        margin: 0 0 1.5rem;
        display: grid;
        gap: 0.5rem;
      }
      ul.list li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      ul.list li > button:first-of-type {
        margin-inline-start: auto;
      }
      select {
        font: inherit;
        padding: 0.4rem;
      }
    `,
  ];

  @property({ attribute: false }) tags: readonly Tag[] = [];
  /** Their role may create and delete tags. */
  @property({ type: Boolean }) editable = false;
  /** The last save's problems by field ('' for the rest). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property({ type: Boolean }) busy = false;
  /** The tag whose deletion waits for its confirmation. */
  @state() private asking?: number;

  /** Empties the form (the tag was saved). */
  reset(): void {
    this.renderRoot.querySelector('form')?.reset();
  }

  protected override updated(): void {
    // The question replaced the Delete button: keep the keyboard there.
    if (this.asking !== undefined) this.renderRoot.querySelector<HTMLElement>('.confirm')?.focus();
  }

  override render() {
    return html`<h2>${strings.pageTags}</h2>
      <p class="lead">${strings.tagsLead}</p>
      ${
        this.tags.length === 0
          ? html`<p>${strings.tagsNone}</p>`
          : html`<ul class="list">
            ${this.tags.map((t) => html`<li>${tagChip(t)} ${this.editable ? this.#deleting(t) : nothing}</li>`)}
          </ul>`
      }
      ${this.editable ? this.#form() : html`<p class="error" role="alert">${this.problems[''] ?? ''}</p>`}`;
  }

  #deleting(t: Tag) {
    if (this.asking !== t.id)
      return html`<button
        type="button"
        class="quiet"
        aria-label=${format(strings.tagDeleteLabel, { name: t.name })}
        @click=${() => (this.asking = t.id)}
      >
        ${strings.tagDelete}
      </button>`;
    return html`<span role="alert">${isolated(strings.tagDeleteConfirm, { name: t.name })}</span>
      <button
        type="button"
        class="confirm"
        @click=${() => {
          this.asking = undefined;
          this.#emit('pd-tag-delete', t.id);
        }}
      >
        ${strings.tagDelete}
      </button>
      <button type="button" class="quiet" @click=${() => (this.asking = undefined)}>${strings.cancel}</button>`;
  }

  #form() {
    const p = this.problems;
    return html`<h3>${strings.tagAddTitle}</h3>
      <form class="fields" novalidate @submit=${this.#add}>
        ${field('name', strings.tagName, p['name'], { maxlength: MAX_TAG_NAME })}
        <label
          >${strings.tagColour}
          <select name="colour">
            ${TAG_COLOURS.map((c) => html`<option value=${c}>${COLOUR_NAMES[c]}</option>`)}
          </select>
          <span class="field-error">${p['colour'] ?? ''}</span></label
        >
        <p class="error" role="alert">${p[''] ?? ''}</p>
        <button type="submit" ?disabled=${this.busy}>${strings.tagAdd}</button>
      </form>`;
  }

  #add(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.#emit('pd-tag-add', { name: String(data.get('name') ?? '').trim(), colour: String(data.get('colour') ?? '') });
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-tags', PdTags);
