/**
 * Text of either direction inside the other's: the names, e-mails and messages staff and
 * visitors type may be Latin inside Arabic or Arabic inside English. A placeholder's value is
 * isolated (`<bdi>`) so that it never reorders the sentence around it; a message takes the
 * direction of its own first letter, as `dir="auto"` does for text in the light DOM.
 */
import { html, type TemplateResult } from 'lit';
import { formatNumber } from './strings.js';

/**
 * `template` with its placeholders filled as `format()` fills them, each text value in a `<bdi>`
 * (numbers as the app's language writes them); an unknown placeholder stays as it is.
 */
export function isolated(template: string, values: Record<string, string | number>): Array<string | TemplateResult> {
  return template.split(/\{(\w+)\}/g).map((part, i) => {
    if (i % 2 === 0) return part;
    if (!Object.prototype.hasOwnProperty.call(values, part)) return `{${part}}`;
    const value = values[part];
    return typeof value === 'number' ? formatNumber(value) : html`<bdi>${value}</bdi>`;
  });
}

/** Letters of the scripts written right to left. */
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/**
 * The direction of `text` by its first letter (`undefined` when it has none: it follows the
 * page). For text drawn inside another element's shadow root, where `dir="auto"` cannot see it.
 */
export function textDirection(text: string): 'ltr' | 'rtl' | undefined {
  const first = /\p{L}/u.exec(text)?.[0];
  if (!first) return undefined;
  return RTL_LETTER.test(first) ? 'rtl' : 'ltr';
}
