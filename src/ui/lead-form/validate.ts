/**
 * The lead form's field rules: labels, input kinds and validation of `LeadField`s from the
 * widget settings (`leadCollection`) or the "leave your email" prompt. Pure; never throws.
 */
import type { Strings } from '../../core/locale.js';
import type { LeadField } from '../../core/protocol.js';
import { LEAD_FIELD_TYPES } from '../../core/settings-schema.js';

/** The lead field kinds: the settings schema's one list. */
export const LEAD_TYPES = LEAD_FIELD_TYPES;
export type LeadType = (typeof LEAD_TYPES)[number];

/** What is wrong with a value. */
export const LEAD_PROBLEMS = ['required', 'email', 'phone', 'number'] as const;
export type LeadProblem = (typeof LEAD_PROBLEMS)[number];

/** A field of the form: a settings `LeadField`, or one of the widget's own with its own label. */
export type LeadFormField = LeadField & { label?: string };

/** A field as the form draws it: checked, with a known type and a list of options. */
export interface LeadInput {
  field: string;
  type: LeadType;
  required: boolean;
  placeholder: string;
  options: string[];
  /** The label given with the field, if any ('' otherwise). */
  label: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
const NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/**
 * The usable fields of a list: those with a non-empty `field` name (the first of a name wins),
 * an unknown type as 'text', a 'select' without options as 'text'. Anything else is dropped.
 */
export function toLeadInputs(fields: unknown): LeadInput[] {
  if (!Array.isArray(fields)) return [];
  const seen = new Set<string>();
  const inputs: LeadInput[] = [];
  for (const raw of fields as Partial<LeadFormField>[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.field !== 'string') continue;
    const field = raw.field.trim();
    if (!field || seen.has(field)) continue;
    seen.add(field);
    const options = Array.isArray(raw.options)
      ? raw.options.filter((o): o is string => typeof o === 'string' && o.trim() !== '')
      : [];
    let type: LeadType = (LEAD_TYPES as readonly unknown[]).includes(raw.type) ? (raw.type as LeadType) : 'text';
    if (type === 'select' && options.length === 0) type = 'text';
    inputs.push({
      field,
      type,
      required: raw.required === true,
      placeholder: typeof raw.placeholder === 'string' ? raw.placeholder : '',
      options,
      label: typeof raw.label === 'string' ? raw.label.trim() : '',
    });
  }
  return inputs;
}

/** What is wrong with `value` for `input`, or undefined when it is fine. */
export function checkLeadValue(input: LeadInput, value: unknown): LeadProblem | undefined {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) return input.required ? 'required' : undefined;
  switch (input.type) {
    case 'email':
      return v.length <= 254 && EMAIL.test(v) ? undefined : 'email';
    case 'phone':
      return /^\+?\d{5,15}$/.test(v.replace(/[\s().-]/g, '')) ? undefined : 'phone';
    case 'number':
      return NUMBER.test(v) ? undefined : 'number';
    case 'select':
      return input.options.includes(v) ? undefined : 'required';
    default:
      return undefined;
  }
}

/** The `<input>` attributes for a field: its type, the virtual keyboard, and what browsers may fill in. */
export function leadInputKind(input: LeadInput): { type: string; inputmode: string; autocomplete: string } {
  switch (input.type) {
    case 'email':
      return { type: 'email', inputmode: 'email', autocomplete: 'email' };
    case 'phone':
      return { type: 'tel', inputmode: 'tel', autocomplete: 'tel' };
    case 'number':
      return { type: 'text', inputmode: 'decimal', autocomplete: 'off' };
    default:
      return { type: 'text', inputmode: 'text', autocomplete: commonField(input) === 'name' ? 'name' : 'off' };
  }
}

function commonField(input: LeadInput): 'name' | 'email' | 'phone' | undefined {
  switch (input.field.toLowerCase().replace(/[\s_-]/g, '')) {
    case 'name':
    case 'fullname':
      return 'name';
    case 'email':
    case 'emailaddress':
      return 'email';
    case 'phone':
    case 'phonenumber':
    case 'contactnumber':
      return 'phone';
    default:
      return undefined;
  }
}

/** The visible label: the field's own, else the localised word for the common fields (name, email, phone), else the field's own name. */
export function leadLabel(input: LeadInput, strings: Strings): string {
  if (input.label) return input.label;
  switch (commonField(input)) {
    case 'name':
      return strings.leadFieldName;
    case 'email':
      return strings.leadFieldEmail;
    case 'phone':
      return strings.leadFieldPhone;
    default:
      return input.field;
  }
}

/** The error message for a problem. */
export function leadProblemText(problem: LeadProblem, strings: Strings): string {
  switch (problem) {
    case 'email':
      return strings.leadInvalidEmail;
    case 'phone':
      return strings.leadInvalidPhone;
    case 'number':
      return strings.leadInvalidNumber;
    default:
      return strings.leadRequired;
  }
}
