import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyResolved } from '../../src/ui/resolved/resolved.js';
import { ParleyReopenEvent, ParleyStartConversationEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const action = (el: ParleyResolved) => shadow<HTMLButtonElement>(el, '[part="action-button"]');
const text = (el: ParleyResolved) => shadow(el, '[part="resolved"]').textContent?.replace(/\s+/g, ' ').trim();

describe('<parley-resolved>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('says the conversation was resolved, in a status region, with no button', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved></parley-resolved>`);
      expect(text(el)).to.equal('This conversation was resolved.');
      expect(shadow(el, '[role="status"]').textContent).to.contain('This conversation was resolved.');
      expect(shadowAll(el, 'button')).to.have.length(0);
    });
  });

  describe('properties', () => {
    it('offers a new conversation when several are allowed', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved can-start-new></parley-resolved>`);
      expect(action(el).textContent?.trim()).to.equal('Start a new conversation');
    });

    it('offers to reopen in single-thread mode, with a hint that a message does too', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved mode="single" can-start-new></parley-resolved>`);
      expect(text(el)).to.equal('This conversation was resolved. Send a message to reopen it. Reopen');
      expect(action(el).textContent?.trim()).to.equal('Reopen');
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ resolved: 'Erledigt.', reopen: 'Wieder öffnen' });
      const el = await fixture<ParleyResolved>(
        html`<parley-resolved mode="single" .strings=${strings}></parley-resolved>`,
      );
      expect(text(el)).to.contain('Erledigt.');
      expect(action(el).textContent?.trim()).to.equal('Wieder öffnen');
    });
  });

  describe('events', () => {
    it('fires parley-start-conversation in mode multiple', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved can-start-new></parley-resolved>`);
      const reopened = record(document, 'parley-reopen');
      const started = oneEvent(document, 'parley-start-conversation');
      await click(action(el));
      const event = await started;
      expect(event).to.be.instanceOf(ParleyStartConversationEvent);
      expect(event.composed).to.equal(true);
      expect(reopened).to.have.length(0);
    });

    it('fires parley-reopen in mode single', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved mode="single"></parley-resolved>`);
      const started = record(document, 'parley-start-conversation');
      const reopened = oneEvent(document, 'parley-reopen');
      await click(action(el));
      expect(await reopened).to.be.instanceOf(ParleyReopenEvent);
      expect(started).to.have.length(0);
    });
  });

  describe('keyboard', () => {
    it('reaches the button with Tab and activates it with Enter', async () => {
      const el = await fixture<ParleyResolved>(html`<parley-resolved can-start-new></parley-resolved>`);
      const started = record(document, 'parley-start-conversation');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(action(el));
      await press('Enter');
      expect(started).to.have.length(1);
    });
  });

  describe('accessibility', () => {
    it('is accessible in both modes', async () => {
      await expect(await fixture(html`<parley-resolved can-start-new></parley-resolved>`)).to.be.accessible();
      await expect(await fixture(html`<parley-resolved mode="single"></parley-resolved>`)).to.be.accessible();
    });
  });
});
