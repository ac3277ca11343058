/** The staff app's strings (`demo/dashboard/src/strings.ts`): one table, a language picked, English as the fallback. */
import { expect } from '@open-wc/testing';
import { en, format, pickLanguage, stringsFor } from '../../demo/dashboard/src/strings.js';

describe('staff app: strings', () => {
  it('picks ?lang=, else the browser’s first language with a table, else English', () => {
    expect(pickLanguage('?lang=en-GB', ['fr'])).to.equal('en-GB');
    expect(pickLanguage('?lang=xx', ['yy', 'en-US'])).to.equal('en-US');
    expect(pickLanguage('', ['zz'])).to.equal('en');
  });

  it('falls back to English for a language without a table', () => {
    expect(stringsFor('xx')).to.deep.equal(en);
  });

  it('has a text for every key, and fills placeholders (leaving unknown ones as they are)', () => {
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.to.equal('');
    expect(format(en.meLine, { name: 'Ann', role: 'Agent' })).to.equal('Ann · Agent');
    expect(format('{a} {b}', { a: 1 })).to.equal('1 {b}');
  });
});
