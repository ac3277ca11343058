/**
 * The staff app's languages: which have a table, which one to show, which way it is written,
 * how a count picks its plural form, and the staff member's own choice, kept in this browser.
 * English is in the main chunk; every other table is a chunk of its own, loaded before the app
 * first draws (`strings.ts` awaits it), so nobody sees English flip into their language.
 */
import { en as widgetEnglish } from '../../../src/core/locale.js';
import type { Strings as WidgetStrings } from '../../../src/core/locale.js';
import type { Plural, Strings } from './strings.js';

/** The languages with a table, English (the fallback) first. */
export const LANGUAGES = ['en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages written right to left (primary subtags), with a table or not yet. */
const RIGHT_TO_LEFT: readonly string[] = ['ar', 'he', 'fa', 'ur'];

/** Where the staff member's choice of language is kept (this browser, every app). */
const STORAGE_KEY = 'parley-dashboard-language';

const primary = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** The language of the table that serves `tag` (`ar` for `ar-EG`), if one does. */
export const languageOf = (tag: string): Language | undefined => LANGUAGES.find((l) => l === primary(tag));

/** Which way `tag`'s language is written. */
export const directionOf = (tag: string): 'ltr' | 'rtl' => (RIGHT_TO_LEFT.includes(primary(tag)) ? 'rtl' : 'ltr');

/**
 * The language to show: `lang` from the query, else the first of `preferred` (the staff member's
 * choice, then the browser's languages) that has a table, else English.
 */
export function pickLanguage(search: string, preferred: ReadonlyArray<string | null | undefined>): string {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...preferred]) if (tag && languageOf(tag)) return tag;
  return 'en';
}

/** The tables other than English, each a chunk of its own. */
const TABLES: Record<Exclude<Language, 'en'>, () => Promise<Strings>> = {
  ar: async () => (await import('./strings-ar.js')).ar,
};

/**
 * The widget's own tables for the staff app's languages: a message drawn by the widget's
 * `<parley-message-content>` (a form's labels, "Answered", a file card) speaks the staff member's
 * language too. Each is the widget's chunk for that language.
 */
const WIDGET_TABLES: Record<Exclude<Language, 'en'>, () => Promise<Partial<WidgetStrings>>> = {
  ar: async () => (await import('../../../src/locales/ar.js')).default,
};

/** The widget's strings in `tag`'s language (English for any key, or table, it lacks). */
export async function loadWidgetStrings(tag: string): Promise<WidgetStrings> {
  const language = languageOf(tag);
  if (!language || language === 'en') return widgetEnglish;
  try {
    return { ...widgetEnglish, ...(await WIDGET_TABLES[language]()) };
  } catch {
    return widgetEnglish;
  }
}

/**
 * The table of `tag`'s language: empty for English (the strings themselves), undefined when
 * it could not be loaded (the app then stays in English).
 */
export async function loadTable(tag: string): Promise<Partial<Strings> | undefined> {
  const language = languageOf(tag);
  if (!language || language === 'en') return {};
  try {
    return await TABLES[language]();
  } catch {
    return undefined;
  }
}

/** The form of `forms` that a count of `n` takes in `locale` (Arabic has six). */
export function pluralForm(forms: Plural, n: number, locale: string): string {
  return forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
}

/** A language's name in that language ("English", "العربية"): what a switcher offers. */
export function nativeName(language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** The staff member's choice of language in this browser, if any. */
export function chosenLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Keeps `language` as the staff member's choice and opens the page again in it (without a
 * `?lang=` that would win over the choice). The session is kept; the page is drawn anew.
 */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page, through the URL.
  }
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  if (chosenLanguage() !== language) url.searchParams.set('lang', language);
  if (url.href === location.href) location.reload();
  else location.replace(url.href);
}

/** `url` (a path and query of the app) with the `?lang=` of `search` kept, if it had one. */
export function keepingLang(url: string, search: string): string {
  const asked = new URLSearchParams(search).get('lang');
  if (!asked) return url;
  const next = new URL(url, 'https://x.invalid');
  next.searchParams.set('lang', asked);
  return next.pathname + next.search;
}
