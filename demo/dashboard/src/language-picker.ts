/**
 * `<pd-language-picker>`: the staff app's language switcher — a labelled select of the languages
 * with a table, each named in itself. A choice is kept in this browser and the page opens again
 * in it (`chooseLanguage`): the app draws in one language from its first frame, never flipping.
 */
import { LitElement, css, html } from 'lit';
import { chooseLanguage, LANGUAGES, languageOf, nativeName } from './language.js';
import { lang, strings } from './strings.js';
import { formStyles } from './styles.js';

export class PdLanguagePicker extends LitElement {
  static override styles = [
    formStyles,
    css`
      :host {
        display: inline-block;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        color: var(--pd-muted);
      }
      select {
        font: inherit;
        padding: 0.3rem;
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        background: var(--pd-bg);
        color: var(--pd-fg);
      }
    `,
  ];

  override render() {
    const current = languageOf(lang) ?? 'en';
    return html`<label
      >${strings.language}
      <select name="language" @change=${this.#chosen}>
        ${LANGUAGES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === current}>${nativeName(l)}</option>`)}
      </select></label
    >`;
  }

  #chosen(e: Event) {
    const value = (e.target as HTMLSelectElement).value;
    const language = LANGUAGES.find((l) => l === value);
    if (language) chooseLanguage(language);
  }
}

customElements.define('pd-language-picker', PdLanguagePicker);
