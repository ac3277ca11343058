import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyLeadSubmitEvent } from '../events.js';
import { controlStyles } from '../shared/controls.styles.js';
import { leadFormStyles } from './lead-form.styles.js';
import {
  checkLeadValue,
  leadInputKind,
  leadLabel,
  leadProblemText,
  toLeadInputs,
  type LeadFormField,
  type LeadInput,
  type LeadProblem,
} from './validate.js';
import { stringsContext } from '../context.js';

/**
 * @summary A small form that asks the visitor for details: the pre-chat lead form
 * (`leadCollection`) or, with one email field, the "leave your email" prompt of the welcome and
 * away messages. Labelled fields; on submit, required fields, email, phone and number formats are
 * checked, errors show under their fields and focus moves to the first invalid one.
 * @tag parley-lead-form
 *
 * @event parley-lead-submit - `{values}`: the trimmed values of the filled fields, by `field`.
 *
 * @csspart form - The form.
 * @csspart submit-button - The submit button.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - The submit button.
 */
export class ParleyLeadForm extends ParleyElement {
  static override styles = [hostStyles, controlStyles, leadFormStyles];

  /**
   * The fields, in order (`LeadField` of the widget settings, or with a `label` of their own).
   * Malformed entries are skipped.
   */
  @property({ attribute: false }) fields: readonly LeadFormField[] = [];

  /** The submit button's text; `strings.leadSubmit` when empty. */
  @property({ attribute: 'submit-label' }) submitLabel = '';

  /** A line of text above the fields (plain text). */
  @property() intro = '';

  /** Being sent: the form keeps its values and focus but ignores submits. */
  @property({ type: Boolean, reflect: true }) busy = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  @state() private values: Record<string, string> = {};
  @state() private problems: Record<string, LeadProblem> = {};

  private inputs: LeadInput[] = [];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('fields')) {
      this.inputs = toLeadInputs(this.fields);
      this.problems = {};
    }
  }

  /** Validates every field and fires `parley-lead-submit` when all are fine. Returns whether it did. */
  submit(): boolean {
    if (this.busy) return false;
    const problems: Record<string, LeadProblem> = {};
    const values: Record<string, string> = {};
    for (const input of this.inputs) {
      const value = (this.values[input.field] ?? '').trim();
      const problem = checkLeadValue(input, value);
      if (problem) problems[input.field] = problem;
      else if (value) values[input.field] = value;
    }
    this.problems = problems;
    if (Object.keys(problems).length > 0) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    }
    this.emit(new ParleyLeadSubmitEvent({ values }));
    return true;
  }

  private renderControl(input: LeadInput, id: string, problem: LeadProblem | undefined) {
    const value = this.values[input.field] ?? '';
    const invalid = problem ? 'true' : 'false';
    const describedBy = problem ? `${id}-error` : nothing;
    if (input.type === 'select') {
      return html`<select
        id=${id}
        ?required=${input.required}
        ?disabled=${this.busy}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @change=${(e: Event) => this.handleInput(input, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${input.placeholder || this.strings.leadChoose}</option>
        ${input.options.map((o) => html`<option value=${o} ?selected=${value === o}>${o}</option>`)}
      </select>`;
    }
    const kind = leadInputKind(input);
    return html`<input
      id=${id}
      type=${kind.type}
      inputmode=${kind.inputmode}
      autocomplete=${kind.autocomplete}
      .value=${value}
      placeholder=${input.placeholder || nothing}
      ?required=${input.required}
      ?readonly=${this.busy}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      @input=${(e: Event) => this.handleInput(input, (e.target as HTMLInputElement).value)}
    />`;
  }

  override render() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
      ${this.intro ? html`<p class="intro">${this.intro}</p>` : nothing}
      ${this.inputs.map((input, index) => {
        const id = `lead-${index}`;
        const problem = this.problems[input.field];
        return html`<div class="field">
          <label for=${id}>
            ${leadLabel(input, this.strings)}${input.required ? html` <span class="mark" aria-hidden="true">*</span>` : nothing}
          </label>
          ${this.renderControl(input, id, problem)}
          ${problem ? html`<p class="error" id=${`${id}-error`}>${leadProblemText(problem, this.strings)}</p>` : nothing}
        </div>`;
      })}
      <button class="btn" part="submit-button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
        ${this.submitLabel || this.strings.leadSubmit}
      </button>
    </form>`;
  }

  private handleInput(input: LeadInput, value: string): void {
    this.values = { ...this.values, [input.field]: value };
    // An error shown goes away (or changes) as soon as the value is fixed; no new errors while typing.
    if (this.problems[input.field]) {
      const problems = { ...this.problems };
      const problem = checkLeadValue(input, value);
      if (problem) problems[input.field] = problem;
      else delete problems[input.field];
      this.problems = problems;
    }
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }
}

ParleyLeadForm.define('parley-lead-form');

declare global {
  interface HTMLElementTagNameMap {
    'parley-lead-form': ParleyLeadForm;
  }
}
