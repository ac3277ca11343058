/**
 * `format()`: a string of the widget's tables with its placeholders filled, in a language. Its
 * own module, so that the launcher (in the widget's bundle) words its unread count without the
 * string tables (`locale.ts`, which re-exports it). Pure; bad input gives a fallback.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.PluralRules>();

function intl<T extends Intl.NumberFormat | Intl.PluralRules>(kind: new (locale?: string) => T, locale: string): T {
  const id = `${kind.name}|${locale}`;
  let found = cache.get(id) as T | undefined;
  if (!found) {
    try {
      found = new kind(locale || 'en');
    } catch {
      found = new kind('en'); // not a locale tag
    }
    cache.set(id, found);
  }
  return found;
}

const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;

/**
 * Fills `{name}` placeholders from `params` (numbers written the `locale`'s way), and picks the
 * form of a `{name, plural, …}` by the locale's plural rules (`#` is the number). Placeholders
 * without a value are left as they are; a non-string template gives ''.
 */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
  locale = 'en',
): string {
  if (typeof template !== 'string') return '';
  const has = (name: string) => Object.prototype.hasOwnProperty.call(params, name);
  const text = (value: string | number | undefined) =>
    typeof value === 'number' ? intl(Intl.NumberFormat, locale).format(value) : String(value);
  return template
    .replace(PLURAL, (whole, name: string, cases: string) => {
      const n = params[name];
      if (typeof n !== 'number') return whole;
      const forms = new Map([...cases.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)].map(([, k, v]) => [k, v]));
      const form = forms.get(`=${n}`) ?? forms.get(intl(Intl.PluralRules, locale).select(n)) ?? forms.get('other');
      return form === undefined ? whole : form.replace(/#/g, text(n));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (has(name) ? text(params[name]) : whole));
}
