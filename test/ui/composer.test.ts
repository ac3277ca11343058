import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import { ParleyComposer } from '../../src/ui/composer/composer.js';
import { ParleyInputEvent, ParleySendEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, type, typeInto } from '../helpers/ui.js';

const field = (el: ParleyComposer) => shadow<HTMLTextAreaElement>(el, 'textarea');
const sendButton = (el: ParleyComposer) => shadow<HTMLButtonElement>(el, '[part="send-button"]');
const sent = () => record<ParleySendEvent>(document, 'parley-send');
const texts = (events: ParleySendEvent[]) => events.map((e) => e.detail.text);

describe('<parley-composer>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('has a labelled, empty text box with a placeholder and a Send button', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      expect(field(el).getAttribute('aria-label')).to.equal('Message');
      expect(field(el).placeholder).to.equal('Type your message…');
      expect(field(el).value).to.equal('');
      expect(sendButton(el).getAttribute('aria-label')).to.equal('Send');
      expect(sendButton(el).disabled).to.equal(false);
      expect(shadow(el, '[part="composer"]')).to.exist;
    });
  });

  describe('sending', () => {
    it('sends with Enter, trimmed, and clears the box', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const events = sent();
      await typeInto(field(el), '  Hello there ');
      await press('Enter');
      expect(texts(events)).to.deep.equal(['Hello there']);
      expect(events[0]).to.be.instanceOf(ParleySendEvent);
      expect(events[0]?.composed).to.equal(true);
      expect(field(el).value).to.equal('');
      expect(el.value).to.equal('');
    });

    it('starts a new line with Shift+Enter', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const events = sent();
      await typeInto(field(el), 'line one');
      await press('Shift+Enter');
      await type('line two');
      expect(events).to.have.length(0);
      expect(field(el).value).to.equal('line one\nline two');
      await press('Enter');
      expect(texts(events)).to.deep.equal(['line one\nline two']);
    });

    it('sends with the Send button and keeps the focus in the box', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      await typeInto(field(el), 'Clicked');
      const event = oneEvent(document, 'parley-send');
      await click(sendButton(el));
      expect((await event).detail.text).to.equal('Clicked');
      expect(el.shadowRoot?.activeElement).to.equal(field(el));
    });

    it('sends nothing when the box is empty or blank', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const events = sent();
      await click(field(el));
      await press('Enter');
      await type('   ');
      await press('Enter');
      await click(sendButton(el));
      await typeInto(field(el), 'real');
      await press('Enter');
      expect(texts(events)).to.deep.equal(['real']);
    });

    it('never sends while an input method is composing', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const events = sent();
      await typeInto(field(el), 'にほん');
      const composingEnter = (init: KeyboardEventInit) =>
        field(el).dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init }),
        );
      composingEnter({ isComposing: true });
      composingEnter({ keyCode: 229 });
      expect(events).to.have.length(0);
      expect(field(el).value).to.equal('にほん');
      await press('Enter');
      expect(texts(events)).to.deep.equal(['にほん']);
    });

    it('keeps the text when a listener cancels the send', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const cancel = (e: Event) => e.preventDefault();
      document.addEventListener('parley-send', cancel);
      try {
        await typeInto(field(el), 'keep me');
        await press('Enter');
        expect(field(el).value).to.equal('keep me');
      } finally {
        document.removeEventListener('parley-send', cancel);
      }
    });

    it('reports every change of the text with parley-input', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const inputs = record<ParleyInputEvent>(document, 'parley-input');
      await typeInto(field(el), 'Hi');
      await press('Enter');
      expect(inputs.map((e) => e.detail.value)).to.deep.equal(['H', 'Hi', '']);
    });
  });

  describe('properties', () => {
    it('disabled: no typing and no sending', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer disabled value="draft"></parley-composer>`);
      expect(field(el).disabled).to.equal(true);
      expect(sendButton(el).disabled).to.equal(true);
      const events = sent();
      await click(sendButton(el));
      expect(events).to.have.length(0);
      el.disabled = false;
      await el.updateComplete;
      await click(sendButton(el));
      expect(texts(events)).to.deep.equal(['draft']);
    });

    it('value puts a draft in the box', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      el.value = 'restored draft';
      await el.updateComplete;
      expect(field(el).value).to.equal('restored draft');
    });

    it('focus() puts the caret in the text box', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      el.focus();
      expect(el.shadowRoot?.activeElement).to.equal(field(el));
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ composerPlaceholder: 'Schreiben…', send: 'Senden' });
      const el = await fixture<ParleyComposer>(html`<parley-composer .strings=${strings}></parley-composer>`);
      expect(field(el).placeholder).to.equal('Schreiben…');
      expect(sendButton(el).getAttribute('aria-label')).to.equal('Senden');
    });

    it('grows with its text up to a few lines, then scrolls', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const oneLine = field(el).getBoundingClientRect().height;
      await typeInto(field(el), 'one');
      for (const line of ['two', 'three']) {
        await press('Shift+Enter');
        await type(line);
      }
      const threeLines = field(el).getBoundingClientRect().height;
      expect(threeLines).to.be.greaterThan(oneLine + 20);
      for (let i = 0; i < 10; i++) await press('Shift+Enter');
      await waitUntil(() => field(el).scrollHeight > field(el).clientHeight, 'the box scrolls');
      expect(field(el).getBoundingClientRect().height).to.be.lessThan(200);
    });

    it('has room for buttons before and after the text box', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer>
        <button slot="start" aria-label="Attach">+</button>
        <button slot="end" aria-label="Speak">🎤</button>
      </parley-composer>`);
      const start = el.querySelector('[slot="start"]') as HTMLElement;
      const end = el.querySelector('[slot="end"]') as HTMLElement;
      const box = field(el).getBoundingClientRect();
      expect(start.getBoundingClientRect().right).to.be.at.most(box.left);
      expect(end.getBoundingClientRect().left).to.be.at.least(box.right);
      expect(end.getBoundingClientRect().right).to.be.at.most(sendButton(el).getBoundingClientRect().left);
    });
  });

  describe('keyboard', () => {
    it('Tab goes from the text box to the Send button, which sends with Enter', async () => {
      const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      const events = sent();
      await typeInto(field(el), 'by keyboard');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(sendButton(el));
      await press('Enter');
      expect(texts(events)).to.deep.equal(['by keyboard']);
    });
  });

  describe('accessibility', () => {
    it('is accessible empty, with text and disabled', async () => {
      const empty = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
      await expect(empty).to.be.accessible();
      const filled = await fixture<ParleyComposer>(html`<parley-composer value="Hello"></parley-composer>`);
      await expect(filled).to.be.accessible();
      const disabled = await fixture<ParleyComposer>(html`<parley-composer disabled></parley-composer>`);
      await expect(disabled).to.be.accessible();
    });
  });

  describe('definition', () => {
    it('can be defined again without errors', () => {
      expect(() => ParleyComposer.define('parley-composer')).not.to.throw();
    });
  });
});
