import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyCsat } from '../../src/ui/csat/csat.js';
import { ParleyCsatSubmitEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll, typeInto } from '../helpers/ui.js';

const radios = (el: ParleyCsat) => shadowAll<HTMLInputElement>(el, 'input[type="radio"]');
const labelOf = (el: ParleyCsat, input: HTMLInputElement) =>
  shadow(el, `label[for="${input.id}"]`).textContent?.replace(/\s+/g, ' ').trim();
const optionLabel = (el: ParleyCsat, index: number) => shadow(el, `label[for="${radios(el)[index]?.id}"]`);
const comment = (el: ParleyCsat) => shadow<HTMLTextAreaElement>(el, 'textarea');
const submitButton = (el: ParleyCsat) => shadow<HTMLButtonElement>(el, '[part="submit-button"]');
const textOf = (el: ParleyCsat) => shadow(el, '[part="csat"]').textContent?.replace(/\s+/g, ' ').trim();

describe('<parley-csat>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('asks with three labelled faces in a radio group, a comment box and a submit button', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat></parley-csat>`);
      expect(shadow(el, 'fieldset legend').textContent).to.equal('How would you rate this conversation?');
      expect(radios(el).map((r) => r.value)).to.deep.equal(['1', '5', '10']);
      expect(radios(el).map((r) => labelOf(el, r))).to.deep.equal(['Poor', 'Average', 'Great']);
      expect(radios(el).every((r) => !r.checked && r.name === 'rating')).to.equal(true);
      expect(shadow(el, 'label[for="csat-comment"]').textContent).to.equal('Add a comment (optional)');
      expect(submitButton(el).textContent?.trim()).to.equal('Send rating');
    });
  });

  describe('properties', () => {
    it('asks with five stars when base is 5', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat base="5"></parley-csat>`);
      expect(radios(el).map((r) => r.value)).to.deep.equal(['1', '2', '3', '4', '5']);
      expect(radios(el).map((r) => labelOf(el, r))).to.deep.equal([
        '1 star',
        '2 stars',
        '3 stars',
        '4 stars',
        '5 stars',
      ]);
    });

    it('fills the stars up to the chosen one', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat base="5"></parley-csat>`);
      await click(optionLabel(el, 2));
      expect(radios(el)[2]?.checked).to.equal(true);
      expect(shadowAll(el, 'label.filled')).to.have.length(3);
    });

    it('shows a given rating read-only, with its comment', async () => {
      const el = await fixture<ParleyCsat>(
        html`<parley-csat .rating=${{ rating: 10, comment: 'Quick and kind <b>x</b>' }}></parley-csat>`,
      );
      expect(shadowAll(el, 'input, textarea, button')).to.have.length(0);
      expect(textOf(el)).to.equal('You rated this conversation: Great Quick and kind <b>x</b>');
      expect(shadowAll(el, 'b')).to.have.length(0);
    });

    it('shows a star rating read-only as stars', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat base="5" .rating=${{ rating: 4 }}></parley-csat>`);
      expect(textOf(el)).to.equal('You rated this conversation: 4 stars');
      expect(shadowAll(el, '.stars svg')).to.have.length(4);
    });

    it('maps odd stored ratings to the nearest choice', async () => {
      const faces = await fixture<ParleyCsat>(html`<parley-csat .rating=${{ rating: 6 }}></parley-csat>`);
      expect(textOf(faces)).to.equal('You rated this conversation: Average');
      const stars = await fixture<ParleyCsat>(html`<parley-csat base="5" .rating=${{ rating: 10 }}></parley-csat>`);
      expect(textOf(stars)).to.equal('You rated this conversation: 5 stars');
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ csatGreat: 'Super', csatSubmit: 'Bewerten' });
      const el = await fixture<ParleyCsat>(html`<parley-csat .strings=${strings}></parley-csat>`);
      expect(labelOf(el, radios(el)[2]!)).to.equal('Super');
      expect(submitButton(el).textContent?.trim()).to.equal('Bewerten');
    });
  });

  describe('events', () => {
    it('fires parley-csat-submit with the product value of the face and the trimmed comment', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat></parley-csat>`);
      await click(optionLabel(el, 1));
      await typeInto(comment(el), '  Fine, thanks  ');
      const submitted = oneEvent(document, 'parley-csat-submit');
      await click(submitButton(el));
      const event = await submitted;
      expect(event).to.be.instanceOf(ParleyCsatSubmitEvent);
      expect(event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ rating: 5, comment: 'Fine, thanks' });
    });

    it('asks for a rating first when none is chosen', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat></parley-csat>`);
      const submitted = record(document, 'parley-csat-submit');
      await click(submitButton(el));
      expect(submitted).to.have.length(0);
      expect(shadow(el, '#csat-error').textContent).to.equal('Please choose a rating.');
      expect(shadow(el, 'fieldset').getAttribute('aria-describedby')).to.equal('csat-error');
      expect(el.shadowRoot?.activeElement).to.equal(radios(el)[0]);
      await click(optionLabel(el, 2));
      expect(shadowAll(el, '#csat-error')).to.have.length(0);
      await click(submitButton(el));
      expect(submitted).to.have.length(1);
    });

    it('ignores submits while busy', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat base="5" busy></parley-csat>`);
      const submitted = record(document, 'parley-csat-submit');
      await click(optionLabel(el, 4));
      await click(submitButton(el));
      expect(submitted).to.have.length(0);
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    });

    it('moves the focus to the rating card when the rating arrives', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat></parley-csat>`);
      await click(optionLabel(el, 0));
      const submitted = oneEvent(document, 'parley-csat-submit');
      await click(submitButton(el));
      const { detail } = await submitted;
      el.rating = detail;
      await el.updateComplete;
      expect(el.shadowRoot?.activeElement).to.equal(shadow(el, '.rated'));
      expect(textOf(el)).to.equal('You rated this conversation: Poor');
    });
  });

  describe('keyboard', () => {
    it('is one Tab stop whose choice moves with the arrow keys', async () => {
      const el = await fixture<ParleyCsat>(html`<parley-csat base="5"></parley-csat>`);
      const submitted = record<ParleyCsatSubmitEvent>(document, 'parley-csat-submit');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(radios(el)[0]);
      await press('ArrowRight');
      await press('ArrowRight');
      expect(radios(el)[2]?.checked).to.equal(true);
      expect(el.shadowRoot?.activeElement).to.equal(radios(el)[2]);
      await press('ArrowLeft');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(comment(el));
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(submitButton(el));
      await press('Enter');
      expect(submitted.map((e) => e.detail)).to.deep.equal([{ rating: 2, comment: '' }]);
    });
  });

  describe('accessibility', () => {
    it('is accessible as faces, stars, with an error, and rated', async () => {
      await expect(await fixture(html`<parley-csat></parley-csat>`)).to.be.accessible();
      const stars = await fixture<ParleyCsat>(html`<parley-csat base="5"></parley-csat>`);
      await expect(stars).to.be.accessible();
      await click(submitButton(stars));
      await expect(stars).to.be.accessible();
      await expect(
        await fixture(html`<parley-csat .rating=${{ rating: 5, comment: 'ok' }}></parley-csat>`),
      ).to.be.accessible();
    });
  });
});
