/** The staff app's visitor card (`demo/dashboard/src/visitor-card.ts`): the visitor's language. */
import { expect, fixture, html } from '@open-wc/testing';
import { languageName, type PdVisitorCard } from '../../demo/dashboard/src/visitor-card.js';

describe('staff app: the visitor card', () => {
  it('names a language in the app’s language, language then region', () => {
    expect(languageName('de-AT', 'en')).to.equal('German (Austria)');
    expect(languageName('de', 'en')).to.equal('German');
  });

  it('falls back to the browser’s language for a malformed app language, and to the tag itself', () => {
    expect(languageName('de', 'not a tag')).to.equal(new Intl.DisplayNames([], { type: 'language' }).of('de'));
    expect(languageName('de_AT', 'en')).to.equal('de_AT');
  });

  it('shows the visitor’s language isolated under its label, and nothing when unknown', async () => {
    const detail = { userId: 'v-1', userName: 'Greta', locale: 'de-AT' };
    const el = await fixture<PdVisitorCard>(html`<pd-visitor-card .detail=${detail}></pd-visitor-card>`);
    const rows = [...el.shadowRoot!.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling]);
    const language = rows.find(([label]) => label === 'Language')?.[1] as Element | undefined;
    expect(language?.querySelector('bdi')?.textContent).to.equal('German (Austria)');
    await expect(el).to.be.accessible();

    el.detail = { userId: 'v-2', userName: 'Max' };
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('dt')].map((dt) => dt.textContent)).to.not.include('Language');
  });
});
