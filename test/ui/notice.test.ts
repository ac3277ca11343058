import { expect, fixture, html } from '@open-wc/testing';
import { ParleyNotice } from '../../src/ui/notice/notice.js';
import { setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const card = (el: ParleyNotice) => shadow(el, '[part="notice"]');

describe('<parley-notice>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('is an empty status card of tone info', async () => {
      const el = await fixture<ParleyNotice>(html`<parley-notice></parley-notice>`);
      expect(card(el).getAttribute('role')).to.equal('status');
      expect(card(el).textContent?.trim()).to.equal('');
      expect(el.getAttribute('tone')).to.equal('info');
    });
  });

  describe('properties', () => {
    it('shows the message as plain text, keeping line breaks', async () => {
      const el = await fixture<ParleyNotice>(
        html`<parley-notice message=${'We are away.\nBack at <b>9</b>.'}></parley-notice>`,
      );
      const text = shadow(el, 'p');
      expect(text.textContent).to.equal('We are away.\nBack at <b>9</b>.');
      expect(shadowAll(el, 'b')).to.have.length(0);
      expect(getComputedStyle(text).whiteSpace).to.equal('pre-line');
    });

    it('looks different for away notices', async () => {
      const info = await fixture<ParleyNotice>(html`<parley-notice message="Welcome!"></parley-notice>`);
      const away = await fixture<ParleyNotice>(html`<parley-notice message="Away" tone="away"></parley-notice>`);
      expect(getComputedStyle(card(away)).backgroundColor).not.to.equal(getComputedStyle(card(info)).backgroundColor);
    });

    it('shows slotted content (an email prompt) inside the card', async () => {
      const el = await fixture<ParleyNotice>(
        html`<parley-notice message="Leave your email"><button type="button">Inside</button></parley-notice>`,
      );
      const slot = shadow<HTMLSlotElement>(el, 'slot');
      expect(card(el).contains(slot)).to.equal(true);
      expect(slot.assignedElements()).to.have.length(1);
    });
  });

  describe('accessibility', () => {
    it('is accessible in both tones', async () => {
      await expect(await fixture(html`<parley-notice message="Welcome!"></parley-notice>`)).to.be.accessible();
      await expect(await fixture(html`<parley-notice message="Away" tone="away"></parley-notice>`)).to.be.accessible();
    });
  });
});
