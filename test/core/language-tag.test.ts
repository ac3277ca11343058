import { expect } from '@open-wc/testing';
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../src/core/language-tag.js';
import { parseSession } from '../../src/core/wire.js';

describe('canonicalLocale', () => {
  it('answers a well-formed tag in its canonical form', () => {
    expect(canonicalLocale('de-at')).to.equal('de-AT');
    expect(canonicalLocale(' EN-us ')).to.equal('en-US');
    expect(canonicalLocale('zh-hans-cn')).to.equal('zh-Hans-CN');
    expect(canonicalLocale('iw')).to.equal('he');
    expect(canonicalLocale('pt-BR')).to.equal('pt-BR');
  });

  it('answers undefined for anything else, never throwing', () => {
    for (const bad of ['', '  ', 'de_AT', 'en--us', 'not a tag', 'x-private', 42, null, undefined, {}, ['de']])
      expect(canonicalLocale(bad), String(bad)).to.equal(undefined);
  });

  it(`refuses tags longer than ${MAX_LOCALE_LENGTH} characters`, () => {
    const long = `en-${'abcdefgh-'.repeat(4)}x`;
    expect(long.length).to.be.above(MAX_LOCALE_LENGTH);
    expect(canonicalLocale(long)).to.equal(undefined);
  });

  it('is what a session read from the server or the store keeps (a malformed one is dropped)', () => {
    const base = { appId: 'a', userId: 'u', token: 't', userName: 'U', anonymous: true };
    expect(parseSession({ ...base, locale: 'de-at' })?.locale).to.equal('de-AT');
    expect(parseSession({ ...base, locale: 'de_AT' })).to.not.have.property('locale');
    expect(parseSession(base)).to.not.have.property('locale');
  });
});
