import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyLauncher } from '../../src/ui/launcher/launcher.js';
import { ParleyToggleEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const button = (el: ParleyLauncher) => shadow<HTMLButtonElement>(el, 'button[part="launcher"]');

describe('<parley-launcher>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('is a button that offers to open the chat', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher></parley-launcher>`);
      expect(el).to.be.instanceOf(ParleyLauncher);
      expect(button(el).getAttribute('aria-label')).to.equal('Open chat');
      expect(button(el).getAttribute('aria-expanded')).to.equal('false');
      expect(button(el).type).to.equal('button');
    });

    it('shows the first built-in icon and no badge', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher></parley-launcher>`);
      expect(shadowAll(el, '[part="icon"] svg')).to.have.length(1);
      expect(shadowAll(el, '[part="badge"]')).to.have.length(0);
    });
  });

  describe('properties', () => {
    it('offers to close the chat when open', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher open></parley-launcher>`);
      expect(button(el).getAttribute('aria-label')).to.equal('Close chat');
      expect(button(el).getAttribute('aria-expanded')).to.equal('true');
    });

    it('shows the unread count in a badge and in its label', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher .unread=${3}></parley-launcher>`);
      expect(shadow(el, '[part="badge"]').textContent?.trim()).to.equal('3');
      expect(button(el).getAttribute('aria-label')).to.equal('Open chat, 3 unread messages');
      el.unread = 1;
      await el.updateComplete;
      expect(button(el).getAttribute('aria-label')).to.equal('Open chat, 1 unread message');
    });

    it('caps the badge at 99+', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher .unread=${150}></parley-launcher>`);
      expect(shadow(el, '[part="badge"]').textContent?.trim()).to.equal('99+');
      expect(button(el).getAttribute('aria-label')).to.equal('Open chat, 150 unread messages');
    });

    it('hides the badge for 0 and for nonsense counts', async () => {
      for (const unread of [0, -2, Number.NaN]) {
        const el = await fixture<ParleyLauncher>(html`<parley-launcher .unread=${unread}></parley-launcher>`);
        expect(shadowAll(el, '[part="badge"]'), String(unread)).to.have.length(0);
        expect(button(el).getAttribute('aria-label')).to.equal('Open chat');
      }
    });

    it('draws a different built-in icon per index, and icon 0 for unknown ones', async () => {
      const markup = async (icon: number) => {
        const el = await fixture<ParleyLauncher>(html`<parley-launcher .icon=${icon}></parley-launcher>`);
        return shadow(el, '[part="icon"]').innerHTML;
      };
      const [zero, one, two, unknown] = [await markup(0), await markup(1), await markup(2), await markup(7)];
      expect(new Set([zero, one, two]).size).to.equal(3);
      expect(unknown).to.equal(zero);
    });

    it('shows an http(s) image instead of the icon', async () => {
      const src = 'https://cdn.example.com/launcher.png';
      const el = await fixture<ParleyLauncher>(html`<parley-launcher image=${src}></parley-launcher>`);
      const img = shadow<HTMLImageElement>(el, 'img[part="icon"]');
      expect(img.getAttribute('src')).to.equal(src);
      expect(img.alt).to.equal('');
    });

    it('ignores image URLs that are not http(s)', async () => {
      for (const image of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url']) {
        const el = await fixture<ParleyLauncher>(html`<parley-launcher image=${image}></parley-launcher>`);
        expect(shadowAll(el, 'img'), image).to.have.length(0);
        expect(shadowAll(el, '[part="icon"] svg')).to.have.length(1);
      }
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ launcherOpen: 'Chat öffnen', launcherUnread: '{count} ungelesen' });
      const el = await fixture<ParleyLauncher>(
        html`<parley-launcher .strings=${strings} .unread=${2}></parley-launcher>`,
      );
      expect(button(el).getAttribute('aria-label')).to.equal('Chat öffnen, 2 ungelesen');
    });
  });

  describe('events', () => {
    it('fires parley-toggle, bubbling out of its shadow root, when clicked', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher></parley-launcher>`);
      const toggled = oneEvent(document, 'parley-toggle');
      await click(button(el));
      const event = await toggled;
      expect(event).to.be.instanceOf(ParleyToggleEvent);
      expect(event.composed).to.equal(true);
      expect(event.bubbles).to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('is reached with Tab and toggles with Enter and Space', async () => {
      const el = await fixture<ParleyLauncher>(html`<parley-launcher></parley-launcher>`);
      const toggles = record(document, 'parley-toggle');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(button(el));
      await press('Enter');
      await press('Space');
      expect(toggles).to.have.length(2);
    });
  });

  describe('accessibility', () => {
    it('is accessible closed, open and with unread messages', async () => {
      const closed = await fixture<ParleyLauncher>(html`<parley-launcher></parley-launcher>`);
      await expect(closed).to.be.accessible();
      const open = await fixture<ParleyLauncher>(html`<parley-launcher open></parley-launcher>`);
      await expect(open).to.be.accessible();
      const unread = await fixture<ParleyLauncher>(html`<parley-launcher .unread=${4}></parley-launcher>`);
      await expect(unread).to.be.accessible();
    });
  });

  describe('definition', () => {
    it('can be defined again, also by another copy of the class, without errors', async () => {
      class SecondCopy extends ParleyLauncher {}
      expect(() => ParleyLauncher.define('parley-launcher')).not.to.throw();
      expect(() => SecondCopy.define('parley-launcher')).not.to.throw();
      expect(customElements.get('parley-launcher')).to.equal(ParleyLauncher);
    });
  });
});
