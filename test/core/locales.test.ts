import { expect } from '@open-wc/testing';
import { en, format, type LocaleTable } from '../../src/core/locale.js';
import { LAUNCHER_NAMES, LOCALES, type LocaleId } from '../../src/core/locale-launcher.js';
import { LOCALE_TABLES } from '../../src/locales/tables.js';

type Id = Exclude<LocaleId, 'en'>;
type Key = keyof LocaleTable;

/** Values that may equal the English one: the same word in that language, or only placeholders. */
const SAME_AS_ENGLISH: Readonly<Record<Id, readonly Key[]>> = {
  ar: [],
  de: ['launcherLabelWithUnread', 'contentCoordinates', 'leadFieldName', 'agentOnline'],
  es: ['launcherLabelWithUnread', 'contentCoordinates'],
  fr: [
    'launcherLabelWithUnread',
    'contentCoordinates',
    'composerLabel',
    'messagesLabel',
    'contentImage',
    'contentContact',
    'conversationsLabel',
    'conversationUntitled',
    'previewMessage',
  ],
  he: ['launcherLabelWithUnread', 'contentCoordinates'],
  hi: ['launcherLabelWithUnread', 'contentCoordinates'],
  it: ['launcherLabelWithUnread', 'contentCoordinates', 'contentFile', 'leadFieldEmail', 'agentOnline'],
  ja: ['contentCoordinates'],
  nl: ['launcherLabelWithUnread', 'contentCoordinates', 'agentOnline'],
  'pt-BR': ['launcherLabelWithUnread', 'contentCoordinates', 'agentOnline'],
  tr: ['launcherLabelWithUnread', 'contentCoordinates'],
  'zh-CN': ['contentCoordinates'],
};

/** The script every value with words in it is written in. */
const SCRIPTS: Partial<Record<Id, RegExp>> = {
  ar: /\p{Script=Arabic}/u,
  he: /\p{Script=Hebrew}/u,
  hi: /\p{Script=Devanagari}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  'zh-CN': /\p{Script=Han}/u,
};

const PLURAL = /\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=?\w+)\s*\{([^{}]*)\}/g;
const COUNTS = [0, 1, 2, 3, 5, 11, 100];
const SAMPLE: Readonly<Record<string, string>> = {
  name: 'Ana',
  names: 'Ana, Bo',
  max: '10 MB',
  email: 'ana@example.com',
  label: 'L',
  unread: 'U',
  text: 'Hi',
  rating: 'R',
  lat: '1.5',
  lon: '2.5',
};

/** The placeholders of a string (a plural block counts as its variable), and its plural blocks' forms. */
function parse(value: string): { names: string[]; plurals: { name: string; forms: string[] }[]; rest: string } {
  const plurals: { name: string; forms: string[] }[] = [];
  const rest = value.replace(PLURAL, (_whole, name: string, cases: string) => {
    plurals.push({ name, forms: [...cases.matchAll(FORM)].map(([, form]) => form as string) });
    return `{${name}}`;
  });
  const names = [...rest.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);
  return { names: [...new Set(names)].sort(), plurals, rest: rest.replace(/\{\w+\}/g, '') };
}

/** Every string parameter filled in, and numbers for the counted ones. */
function params(count: number, strings: Readonly<Record<string, string>> = SAMPLE): Record<string, string | number> {
  return { ...strings, count, position: count };
}

const ids = Object.keys(LOCALE_TABLES) as Id[];
const tables = new Map<Id, LocaleTable>();
const keys = (Object.keys(en) as (keyof typeof en)[]).filter(
  (key): key is Key => key !== 'launcherOpen' && key !== 'launcherClose',
);

describe('locale tables', () => {
  before(async () => {
    for (const id of ids) tables.set(id, (await LOCALE_TABLES[id]()).default);
  });

  it('cover every language but English', () => {
    expect([...ids].sort()).to.deep.equal(LOCALES.filter((id) => id !== 'en').sort());
  });

  for (const id of ids) {
    describe(id, () => {
      const table = () => tables.get(id) as LocaleTable;

      it('has exactly the keys of English but the launcher names', () => {
        expect(Object.keys(table()).sort()).to.deep.equal([...keys].sort());
      });

      it('keeps the placeholders of English, and valid plural forms', () => {
        const categories = new Intl.PluralRules(id).resolvedOptions().pluralCategories as string[];
        for (const key of keys) {
          const value = table()[key];
          expect(value, key).to.be.a('string').and.not.equal('');
          const parsed = parse(value);
          expect(parsed.names, key).to.deep.equal(parse(en[key]).names);
          expect(parsed.rest, `${key}: a brace outside a placeholder`).not.to.match(/[{}]/);
          for (const { name, forms } of parsed.plurals) {
            expect(forms, `${key}: ${name} has an "other" form`).to.include('other');
            expect(new Set(forms).size, `${key}: a form twice`).to.equal(forms.length);
            for (const form of forms) {
              const valid = /^=\d+$/.test(form) || categories.includes(form);
              expect(valid, `${key}: "${form}" is not a plural category of ${id} (${categories.join(', ')})`).to.equal(
                true,
              );
            }
          }
        }
      });

      it('formats every string with no placeholder left', () => {
        for (const key of keys) {
          for (const count of COUNTS) {
            const text = format(table()[key], params(count), id);
            expect(text, `${key} (${count})`).not.to.match(/[{}]/);
            expect(text.trim(), `${key} (${count})`).not.to.equal('');
          }
        }
      });

      it('translates every string but the allowed ones', () => {
        const same = keys.filter((key) => table()[key] === en[key]);
        expect(same).to.deep.equal(keys.filter((key) => SAME_AS_ENGLISH[id].includes(key)));
      });

      const script = SCRIPTS[id];
      if (script) {
        it('writes in its own script', () => {
          const blank = Object.fromEntries(Object.keys(SAMPLE).map((name) => [name, '']));
          for (const key of keys) {
            for (const count of COUNTS) {
              const text = format(table()[key], params(count, blank), id).replace(/Parley/g, '');
              if (/\p{L}/u.test(text)) expect(script.test(text), `${key} (${count}): ${text}`).to.equal(true);
            }
          }
        });
      }

      if (id === 'zh-CN') {
        it('has no Japanese kana', () => {
          for (const key of keys) expect(table()[key], key).not.to.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/u);
        });
      }
    });
  }

  it('words the plural forms for each number', () => {
    const ar = tables.get('ar') as LocaleTable;
    expect(format(ar.launcherUnread, { count: 1 }, 'ar')).to.equal('رسالة واحدة غير مقروءة');
    expect(format(ar.launcherUnread, { count: 2 }, 'ar')).to.equal('رسالتان غير مقروءتين');
    expect(format(ar.csatStars, { count: 2 }, 'ar')).to.equal('نجمتان');
    const he = tables.get('he') as LocaleTable;
    expect(format(he.csatStars, { count: 2 }, 'he')).to.equal('שני כוכבים');
    const de = tables.get('de') as LocaleTable;
    expect(format(de.jumpNew, { count: 1 }, 'de')).to.equal('1 neue Nachricht');
    expect(format(de.jumpNew, { count: 1000 }, 'de')).to.equal('1.000 neue Nachrichten');
    const fr = tables.get('fr') as LocaleTable;
    expect(format(fr.conversationUnread, { count: 0 }, 'fr')).to.equal('0 message non lu');
  });
});

describe('launcher names', () => {
  it('name the launcher open and closed in every language', () => {
    expect(Object.keys(LAUNCHER_NAMES).sort()).to.deep.equal([...LOCALES].sort());
    for (const id of LOCALES) {
      const [open, close] = LAUNCHER_NAMES[id];
      expect(open.trim(), id).not.to.equal('');
      expect(close.trim(), id).not.to.equal('');
      expect(open, id).not.to.equal(close);
    }
  });

  it('are the panel’s close name in every language', () => {
    return Promise.all(
      (Object.keys(LOCALE_TABLES) as Id[]).map(async (id) => {
        const table = (await LOCALE_TABLES[id]()).default;
        expect(table.panelClose, id).to.equal(LAUNCHER_NAMES[id][1]);
      }),
    );
  });
});
