/**
 * Template 12, the form: labelled controls, client-side validation with the payload's regex
 * (compiled, and guarded, in `core/rich`), and one submit button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../../core/locale.js';
import type { FormField, FormValues, RichContent } from '../../core/rich.js';

export type FormContent = Extract<RichContent, { kind: 'form' }>;

export interface FormContext {
  strings: Strings;
  /** Answered, or a submit is in flight: the controls are disabled. */
  disabled: boolean;
  errors: Readonly<Record<string, string>>;
  onSubmit(event: SubmitEvent): void;
}

function field(f: FormField, i: number, ctx: FormContext): TemplateResult {
  const label = f.label ?? f.name;
  if ('options' in f && f.type !== 'dropdown') {
    return html`<fieldset class="choices">
      <legend>${label}</legend>
      ${f.options.map(
        (o) =>
          html`<label class="choice"><input type=${f.type} name=${f.name} .value=${o.value} ?checked=${o.selected} />${o.label}</label>`,
      )}
    </fieldset>`;
  }
  if ('options' in f) {
    return html`<label class="field"
      ><span>${label}</span>
      <select name=${f.name}>
        ${f.options.map((o) => html`<option .value=${o.value} ?selected=${o.selected}>${o.label}</option>`)}
      </select></label
    >`;
  }
  if (f.type === 'hidden') return html`<input type="hidden" name=${f.name} .value=${f.value ?? ''} />`;
  const error = ctx.errors[f.name];
  const invalid = error ? 'true' : 'false';
  const described = error ? `error-${i}` : nothing;
  const control =
    f.type === 'textarea'
      ? html`<textarea name=${f.name} placeholder=${f.placeholder ?? nothing} maxlength="2000" aria-invalid=${invalid}
          aria-describedby=${described} .defaultValue=${f.value ?? ''}></textarea>`
      : html`<input type=${f.type} name=${f.name} placeholder=${f.placeholder ?? nothing} maxlength="500"
          aria-invalid=${invalid} aria-describedby=${described} .defaultValue=${f.value ?? ''} />`;
  return html`<label class="field"><span>${label}</span>${control}</label>
    ${error ? html`<span class="error" id="error-${i}">${error}</span>` : nothing}`;
}

/** The form; `requestType: form` posts natively into a new tab, the others are handled in
 * `onSubmit`. */
export function richForm(c: FormContent, ctx: FormContext): TemplateResult {
  const native = c.submit.requestType === 'form';
  return html`<form class="form" novalidate method=${native ? 'post' : nothing} action=${native ? (c.submit.url ?? nothing) : nothing}
    target=${native ? '_blank' : nothing} @submit=${ctx.onSubmit}>
    <fieldset ?disabled=${ctx.disabled}>
      ${c.fields.map((f, i) => field(f, i, ctx))}
      ${Object.entries(c.submit.data).map(([name, value]) => html`<input type="hidden" name=${name} .value=${value} />`)}
      <button class="btn primary" type="submit">${c.label ?? ctx.strings.richSubmit}</button>
    </fieldset>
  </form>`;
}

/** Errors by field name for the fields whose value does not match their `validation.regex`. */
export function validate(form: HTMLFormElement, c: FormContent, s: Strings): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of c.fields) {
    if (!('pattern' in f) || !f.pattern) continue;
    const el = form.elements.namedItem(f.name);
    const value = el && 'value' in el && typeof el.value === 'string' ? el.value : '';
    if (!f.pattern.test(value)) errors[f.name] = f.errorText ?? s.richInvalid;
  }
  return errors;
}

/** The form's values: one string per name, an array when a name has several (checkboxes). */
export function collect(form: HTMLFormElement): FormValues {
  const out: FormValues = Object.create(null) as FormValues;
  new FormData(form).forEach((value, name) => {
    if (typeof value !== 'string') return;
    const prev = out[name];
    out[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  });
  return out;
}
