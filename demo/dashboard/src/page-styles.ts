/** The settings pages' and reports' styles: a readable column, fields with their problems, tables. */
import { css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** A settings page: a readable column of headings, text and forms. */
export const pageStyles = css`
  :host {
    display: block;
    padding: 1rem 1.25rem;
    max-width: 44rem;
    overflow-y: auto;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.5rem;
  }
  .lead {
    color: var(--pd-muted);
    margin: 0 0 1rem;
  }
  .fields {
    display: grid;
    gap: 0.75rem;
    max-width: 30rem;
  }
  .fields button {
    justify-self: start;
  }
  .field-error {
    color: var(--pd-error);
    font-size: 0.85rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.5rem 0 0.5rem;
  }
`;

/** A labelled text input with its problem under it (`aria-invalid`, `aria-describedby`). */
export function field(
  name: string,
  label: string,
  problem: string | undefined,
  input: { type?: string; value?: string; autocomplete?: string; maxlength?: number } = {},
) {
  const id = `problem-${name}`;
  return html`<label class="field"
    >${label}
    <input
      name=${name}
      type=${input.type ?? 'text'}
      autocomplete=${input.autocomplete ?? 'off'}
      .value=${input.value ?? ''}
      maxlength=${ifDefined(input.maxlength)}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${id}
    />
    <span class="field-error" id=${id}>${problem ?? ''}</span></label
  >`;
}

/** A table of figures or people, and the selects in it. */
export const tableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
    margin-bottom: 1.25rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--pd-line);
    vertical-align: middle;
  }
  select {
    font: inherit;
    padding: 0.3rem;
    border: 1px solid var(--pd-line);
    border-radius: 6px;
    background: var(--pd-bg);
    color: inherit;
  }
`;
