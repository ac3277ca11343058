import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyHeaderActions } from '../../src/ui/header-actions/header-actions.js';
import { ParleyShowListEvent, ParleyTtsToggleEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const back = (el: ParleyHeaderActions) => shadow<HTMLButtonElement>(el, '[part="back-button"]');
const speaker = (el: ParleyHeaderActions) => shadow<HTMLButtonElement>(el, '[part="tts-button"]');

describe('<parley-header-actions>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('shows no buttons', async () => {
      const el = await fixture<ParleyHeaderActions>(html`<parley-header-actions></parley-header-actions>`);
      expect(shadowAll(el, 'button')).to.have.length(0);
    });
  });

  describe('properties', () => {
    it('shows a labelled back button when asked', async () => {
      const el = await fixture<ParleyHeaderActions>(html`<parley-header-actions show-back></parley-header-actions>`);
      expect(back(el).getAttribute('aria-label')).to.equal('All conversations');
      expect(shadowAll(el, '[part="tts-button"]')).to.have.length(0);
    });

    it('shows a speaker toggle whose pressed state follows ttsOn', async () => {
      const el = await fixture<ParleyHeaderActions>(
        html`<parley-header-actions tts-available></parley-header-actions>`,
      );
      expect(speaker(el).getAttribute('aria-label')).to.equal('Read replies aloud');
      expect(speaker(el).getAttribute('aria-pressed')).to.equal('false');
      const offIcon = speaker(el).innerHTML;
      el.ttsOn = true;
      await el.updateComplete;
      expect(speaker(el).getAttribute('aria-pressed')).to.equal('true');
      expect(speaker(el).innerHTML).not.to.equal(offIcon);
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ ttsToggle: 'Vorlesen', showConversations: 'Zurück' });
      const el = await fixture<ParleyHeaderActions>(
        html`<parley-header-actions show-back tts-available .strings=${strings}></parley-header-actions>`,
      );
      expect(back(el).getAttribute('aria-label')).to.equal('Zurück');
      expect(speaker(el).getAttribute('aria-label')).to.equal('Vorlesen');
    });
  });

  describe('events', () => {
    it('fires parley-show-list from the back button', async () => {
      const el = await fixture<ParleyHeaderActions>(html`<parley-header-actions show-back></parley-header-actions>`);
      const shown = oneEvent(document, 'parley-show-list');
      await click(back(el));
      const event = await shown;
      expect(event).to.be.instanceOf(ParleyShowListEvent);
      expect(event.composed).to.equal(true);
    });

    it('fires parley-tts-toggle asking for the opposite state', async () => {
      const el = await fixture<ParleyHeaderActions>(
        html`<parley-header-actions tts-available></parley-header-actions>`,
      );
      const toggles = record<ParleyTtsToggleEvent>(document, 'parley-tts-toggle');
      await click(speaker(el));
      el.ttsOn = true;
      await el.updateComplete;
      await click(speaker(el));
      expect(toggles.map((e) => e.detail.on)).to.deep.equal([true, false]);
      expect(toggles[0]).to.be.instanceOf(ParleyTtsToggleEvent);
    });
  });

  describe('keyboard', () => {
    it('reaches both buttons with Tab and activates them with Enter and Space', async () => {
      const el = await fixture<ParleyHeaderActions>(
        html`<parley-header-actions show-back tts-available></parley-header-actions>`,
      );
      const lists = record(document, 'parley-show-list');
      const toggles = record(document, 'parley-tts-toggle');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(back(el));
      await press('Enter');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(speaker(el));
      await press('Space');
      expect(lists).to.have.length(1);
      expect(toggles).to.have.length(1);
    });
  });

  describe('accessibility', () => {
    it('is accessible with the toggle off and on', async () => {
      await expect(
        await fixture(html`<parley-header-actions show-back tts-available></parley-header-actions>`),
      ).to.be.accessible();
      await expect(
        await fixture(html`<parley-header-actions tts-available tts-on></parley-header-actions>`),
      ).to.be.accessible();
    });
  });
});
