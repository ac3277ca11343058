/**
 * The staff app's strings (`demo/dashboard/src/strings.ts`) and languages (`language.ts`): every
 * table complete with the same placeholders, a language picked, plurals and direction by language.
 */
import { expect } from '@open-wc/testing';
import {
  directionOf,
  keepingLang,
  LANGUAGES,
  languageOf,
  loadTable,
  nativeName,
  pickLanguage,
  pluralForm,
} from '../../demo/dashboard/src/language.js';
import { ar } from '../../demo/dashboard/src/strings-ar.js';
import { en, format, stringsFor, type Plural, type Strings } from '../../demo/dashboard/src/strings.js';

const TABLES: Record<string, Strings> = { en, ar };

/** Every text of a value: the text, or each form of a plural. */
const textsOf = (value: string | Plural): string[] => (typeof value === 'string' ? [value] : Object.values(value));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Arabic values that may be without Arabic letters: brand, command, placeholders and punctuation only. */
const NOT_ARABIC: ReadonlyArray<keyof Strings> = [
  'brand',
  'signInHintCommand',
  'meLine',
  'listSeparator',
  'ratingValue',
  'reportValueCount',
  'apiKeyMasked',
];

describe('staff app: strings', () => {
  it('has a table for every language, with every key of English and no other', () => {
    expect(Object.keys(TABLES).sort()).to.deep.equal([...LANGUAGES].sort());
    for (const [language, table] of Object.entries(TABLES))
      expect(Object.keys(table).sort(), language).to.deep.equal(Object.keys(en).sort());
  });

  it('keeps each text’s placeholders in every language (a plural’s forms may leave out the count)', () => {
    for (const [language, table] of Object.entries(TABLES))
      for (const [key, english] of Object.entries(en) as Array<[keyof Strings, string | Plural]>) {
        const value = table[key];
        for (const text of textsOf(value)) expect(text.trim(), `${language} ${key}`).not.to.equal('');
        expect(typeof value, `${language} ${key}`).to.equal(typeof english);
        if (typeof english === 'string') {
          expect(placeholders(value as string), `${language} ${key}`).to.deep.equal(placeholders(english));
          continue;
        }
        const forms = value as Plural;
        expect(placeholders(forms.other), `${language} ${key}.other`).to.deep.equal(placeholders(english.other));
        const allowed = new Set(textsOf(english).flatMap(placeholders));
        for (const text of textsOf(forms))
          for (const p of placeholders(text)) expect(allowed, `${language} ${key}: ${text}`).to.include(p);
      }
  });

  it('writes Arabic in Arabic letters, apart from brand names, commands and bare placeholders', () => {
    for (const [key, value] of Object.entries(ar) as Array<[keyof Strings, string | Plural]>) {
      if (NOT_ARABIC.includes(key)) continue;
      for (const text of textsOf(value)) expect(text, key).to.match(/\p{Script=Arabic}{2}/u);
    }
    expect(ar.signInHintCommand).to.equal(en.signInHintCommand);
    expect(ar.brand).to.equal(en.brand);
  });

  it('fills placeholders, leaving unknown ones as they are, and falls back to English by key', () => {
    expect(format(en.meLine, { name: 'Ann', role: 'Agent' })).to.equal('Ann · Agent');
    expect(format('{a} {b}', { a: 1 })).to.equal('1 {b}');
    expect(stringsFor({ signOut: 'Abmelden' })).to.deep.equal({ ...en, signOut: 'Abmelden' });
  });
});

describe('staff app: languages', () => {
  it('picks ?lang=, else the first preferred language with a table (the choice, then the browser’s), else English', () => {
    expect(pickLanguage('?lang=en-GB', ['ar'])).to.equal('en-GB');
    expect(pickLanguage('?lang=ar', ['en'])).to.equal('ar');
    expect(pickLanguage('?lang=xx', [null, 'yy', 'ar-EG', 'en-US'])).to.equal('ar-EG');
    expect(pickLanguage('', ['zz'])).to.equal('en');
    expect(languageOf('AR_sa')).to.equal('ar');
    expect(languageOf('fr')).to.equal(undefined);
  });

  it('knows which languages are written right to left', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa-IR', 'ur']) expect(directionOf(tag), tag).to.equal('rtl');
    for (const tag of ['en', 'en-GB', 'fr', 'arn']) expect(directionOf(tag), tag).to.equal('ltr');
  });

  it('loads each language’s table (English: nothing to load), and names each language in itself', async () => {
    expect(await loadTable('ar-EG')).to.deep.equal(ar);
    expect(await loadTable('en')).to.deep.equal({});
    expect(await loadTable('xx')).to.deep.equal({});
    expect(nativeName('en')).to.equal('English');
    expect(nativeName('ar')).to.equal('العربية');
  });

  it('picks the plural form of a count by the language’s rules', () => {
    const counts = [0, 1, 2, 3, 10, 11, 99, 100];
    const unread = (locale: string) => counts.map((n) => format(pluralForm(ar.unread, n, locale), { count: n }));
    expect(unread('ar')).to.deep.equal([
      'لا رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      '3 رسائل غير مقروءة',
      '10 رسائل غير مقروءة',
      '11 رسالة غير مقروءة',
      '99 رسالة غير مقروءة',
      '100 رسالة غير مقروءة',
    ]);
    expect(pluralForm(en.reportTotal, 1, 'en')).to.equal(en.reportTotal.one);
    expect(pluralForm(en.reportTotal, 2, 'en')).to.equal(en.reportTotal.other);
    // A form the table lacks is its `other`.
    expect(pluralForm(en.typing, 2, 'ar')).to.equal(en.typing.other);
  });

  it('keeps a ?lang= the app was opened with in the URLs it goes to', () => {
    expect(keepingLang('/dashboard/settings/profile', '?lang=ar')).to.equal('/dashboard/settings/profile?lang=ar');
    expect(keepingLang('/dashboard/inbox/open?tag=4', '?tag=2&lang=ar')).to.equal(
      '/dashboard/inbox/open?tag=4&lang=ar',
    );
    expect(keepingLang('/dashboard/', '?appId=a')).to.equal('/dashboard/');
  });
});
