import { expect } from '@open-wc/testing';
import { en, format, formatTime, isoTime, resolveStrings } from '../../src/core/locale.js';
import { pickLocale } from '../../src/core/locale-launcher.js';

describe('locale', () => {
  describe('resolveStrings', () => {
    it('gives the English table by default', () => {
      expect(resolveStrings()).to.deep.equal(en);
      expect(resolveStrings().composerPlaceholder).to.equal('Type your message…');
    });

    it("merges a site's labels over it, ignoring non-strings and unknown keys", () => {
      const strings = resolveStrings({
        send: 'Senden',
        launcherOpen: 42,
        headerTitle: null,
        notAKey: 'x',
        ['__proto__']: 'polluted',
      });
      expect(strings.send).to.equal('Senden');
      expect(strings.launcherOpen).to.equal('Open chat');
      expect(strings.headerTitle).to.equal('Chat with us');
      expect(Object.keys(strings)).to.deep.equal(Object.keys(en));
      expect(Object.getPrototypeOf(strings)).to.equal(Object.prototype);
    });

    it('ignores labels that are not an object', () => {
      for (const bad of [null, 'labels', 3, ['send'], undefined]) expect(resolveStrings(bad)).to.deep.equal(en);
    });

    it('does not change the English table', () => {
      resolveStrings({ send: 'Enviar' });
      expect(en.send).to.equal('Send');
    });
  });

  describe('format', () => {
    it('fills placeholders', () => {
      expect(format('{name} is typing…', { name: 'Ana' })).to.equal('Ana is typing…');
      expect(format('{count} unread messages', { count: 3 })).to.equal('3 unread messages');
    });

    it('leaves unknown placeholders and survives bad input', () => {
      expect(format('Hi {name}', {})).to.equal('Hi {name}');
      expect(format('{toString}', {})).to.equal('{toString}');
      expect(format(undefined as unknown as string, {})).to.equal('');
    });
  });

  describe('plurals and numbers', () => {
    const unread = '{count, plural, =0 {none} one {# unread message} two {two: #} other {# unread messages}}';

    it("picks the form by the language's plural rules, # being the number in its digits", () => {
      expect(format(unread, { count: 1 })).to.equal('1 unread message');
      expect(format(unread, { count: 0 })).to.equal('none');
      expect(format(unread, { count: 1200 }, 'de')).to.equal('1.200 unread messages');
      expect(format(unread, { count: 2 }, 'ar')).to.equal(`two: ${new Intl.NumberFormat('ar').format(2)}`);
      expect(format(unread, { count: 2 }, 'en')).to.equal('2 unread messages');
    });

    it('leaves a plural without its number, or without a matching form, as it is', () => {
      expect(format(unread, {})).to.equal(unread);
      expect(format('{n, plural, one {#}}', { n: 5 })).to.equal('{n, plural, one {#}}');
      expect(format(unread, { count: 3 }, 'not a tag!')).to.equal('3 unread messages');
    });
  });

  describe('pickLocale', () => {
    const pick = (...asked: unknown[]) => {
      const { id, tag, format: f, dir } = pickLocale(asked);
      return [id, tag, f, dir];
    };

    it('takes the first asked-for language with a table, by tag, language or sibling', () => {
      expect(pick('de-at', 'fr')).to.deep.equal(['de', 'de-AT', 'de-AT', 'ltr']);
      expect(pick('pt-PT')).to.deep.equal(['pt-BR', 'pt-PT', 'pt-PT', 'ltr']);
      expect(pick('zh-TW')).to.deep.equal(['zh-CN', 'zh-TW', 'zh-TW', 'ltr']);
      expect(pick('sv', 'de')).to.deep.equal(['de', 'sv', 'de', 'ltr']);
      expect(pick('he_IL')).to.deep.equal(['he', 'he-IL', 'he-IL', 'rtl']);
      expect(pick('ar')[3]).to.equal('rtl');
    });

    it('skips what is not a language tag, and speaks English when nothing matches', () => {
      expect(pick(undefined, '', 42, 'not a tag!', 'ja')).to.deep.equal(['ja', 'ja', 'ja', 'ltr']);
      expect(pick('sv')).to.deep.equal(['en', 'sv', 'en', 'ltr']);
      expect(pick()).to.deep.equal(['en', 'en', 'en', 'ltr']);
    });
  });

  describe('formatTime', () => {
    const now = new Date(2024, 4, 15, 15, 30).getTime();

    it('shows the time for today', () => {
      const ts = new Date(2024, 4, 15, 9, 5).getTime();
      expect(formatTime(ts, 'en-GB', now)).to.match(/^0?9:05$/);
      expect(formatTime(ts, 'en-US', now)).to.match(/^9:05\sAM$/);
    });

    it('adds the weekday within the last week and the date before that', () => {
      expect(formatTime(new Date(2024, 4, 13, 9, 5).getTime(), 'en-GB', now)).to.match(/^Mon,? 0?9:05$/);
      expect(formatTime(new Date(2024, 3, 2, 9, 5).getTime(), 'en-GB', now)).to.match(/^2 Apr,? 0?9:05$/);
      expect(formatTime(new Date(2023, 3, 2, 9, 5).getTime(), 'en-GB', now)).to.match(/^2 Apr 2023,? 0?9:05$/);
    });

    it('gives "" for invalid times and the browser locale for invalid locales', () => {
      expect(formatTime(Number.NaN, 'en', now)).to.equal('');
      expect(formatTime('soon' as unknown as number, 'en', now)).to.equal('');
      expect(formatTime(8.64e16, 'en', now)).to.equal('');
      expect(formatTime(now, 'not a locale!!', now)).to.not.equal('');
    });

    it('isoTime gives an ISO string or ""', () => {
      expect(isoTime(0)).to.equal('1970-01-01T00:00:00.000Z');
      expect(isoTime(Number.NaN)).to.equal('');
    });
  });
});
