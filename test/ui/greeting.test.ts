import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyGreeting } from '../../src/ui/greeting/greeting.js';
import { ParleyGreetingDismissEvent, ParleyGreetingOpenEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const body = (el: ParleyGreeting) => shadow<HTMLButtonElement>(el, '[part="greeting-message"]');
const closeButton = (el: ParleyGreeting) => shadow<HTMLButtonElement>(el, '[part="close-button"]');

describe('<parley-greeting>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('renders nothing without a message', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting></parley-greeting>`);
      expect(shadowAll(el, 'button')).to.have.length(0);
      expect(el.position).to.equal('right');
      expect(el.getAttribute('position')).to.equal('right');
    });
  });

  describe('properties', () => {
    it('shows the message as the text of a button, with a labelled close button', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting message="Hi! Need any help?"></parley-greeting>`);
      expect(body(el).textContent?.trim()).to.equal('Hi! Need any help?');
      expect(body(el).type).to.equal('button');
      expect(closeButton(el).getAttribute('aria-label')).to.equal('Dismiss greeting');
    });

    it('shows several lines, skipping blank ones and non-strings', async () => {
      const lines = ['Hello 👋', '  ', 'We reply in minutes.', 42] as unknown as string[];
      const el = await fixture<ParleyGreeting>(html`<parley-greeting .message=${lines}></parley-greeting>`);
      expect(shadowAll(el, '.line').map((l) => l.textContent)).to.deep.equal(['Hello 👋', 'We reply in minutes.']);
    });

    it('keeps markup in the message as plain text', async () => {
      const el = await fixture<ParleyGreeting>(
        html`<parley-greeting message="<img src=x onerror=alert(1)><b>bold</b>"></parley-greeting>`,
      );
      expect(shadowAll(el, 'img, b')).to.have.length(0);
      expect(body(el).textContent?.trim()).to.equal('<img src=x onerror=alert(1)><b>bold</b>');
    });

    it('reflects its position for styling', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting message="Hi" position="left"></parley-greeting>`);
      expect(el.matches('[position="left"]')).to.equal(true);
      const bubble = shadow(el, '[part="greeting"]');
      expect(getComputedStyle(bubble).borderBottomLeftRadius).to.equal('4px');
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ greetingDismiss: 'Schließen' });
      const el = await fixture<ParleyGreeting>(
        html`<parley-greeting message="Hallo" .strings=${strings}></parley-greeting>`,
      );
      expect(closeButton(el).getAttribute('aria-label')).to.equal('Schließen');
    });
  });

  describe('events', () => {
    it('fires parley-greeting-open when the message is clicked', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting message="Hi"></parley-greeting>`);
      const dismissed = record(document, 'parley-greeting-dismiss');
      const opened = oneEvent(document, 'parley-greeting-open');
      await click(body(el));
      const event = await opened;
      expect(event).to.be.instanceOf(ParleyGreetingOpenEvent);
      expect(event.composed).to.equal(true);
      expect(dismissed).to.have.length(0);
    });

    it('fires parley-greeting-dismiss, and not open, when the close button is clicked', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting message="Hi"></parley-greeting>`);
      const opened = record(document, 'parley-greeting-open');
      const dismissed = oneEvent(document, 'parley-greeting-dismiss');
      await click(closeButton(el));
      expect(await dismissed).to.be.instanceOf(ParleyGreetingDismissEvent);
      expect(opened).to.have.length(0);
    });
  });

  describe('keyboard', () => {
    it('reaches the message then the close button with Tab; Enter activates them', async () => {
      const el = await fixture<ParleyGreeting>(html`<parley-greeting message="Hi"></parley-greeting>`);
      const opened = record(document, 'parley-greeting-open');
      const dismissed = record(document, 'parley-greeting-dismiss');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(body(el));
      await press('Enter');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(closeButton(el));
      await press('Space');
      expect(opened).to.have.length(1);
      expect(dismissed).to.have.length(1);
    });
  });

  describe('accessibility', () => {
    it('is accessible', async () => {
      const el = await fixture<ParleyGreeting>(
        html`<parley-greeting .message=${['Hi', 'How can we help?']}></parley-greeting>`,
      );
      await expect(el).to.be.accessible();
    });
  });
});
