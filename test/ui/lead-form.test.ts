import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { en, resolveStrings } from '../../src/core/locale.js';
import type { LeadField } from '../../src/core/protocol.js';
import { ParleyLeadSubmitEvent } from '../../src/ui/events.js';
import { ParleyLeadForm } from '../../src/ui/lead-form/lead-form.js';
import { checkLeadValue, leadLabel, toLeadInputs } from '../../src/ui/lead-form/validate.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll, type, typeInto } from '../helpers/ui.js';

const FIELDS: LeadField[] = [
  { field: 'Name', type: 'text', required: true, placeholder: 'Your name' },
  { field: 'Email', type: 'email', required: true },
  { field: 'Phone', type: 'phone' },
  { field: 'Company size', type: 'number' },
  { field: 'Topic', type: 'select', options: ['Sales', 'Support'], required: true },
];

const submitButton = (el: ParleyLeadForm) => shadow<HTMLButtonElement>(el, '[part="submit-button"]');
const control = (el: ParleyLeadForm, label: string) => {
  const found = shadowAll<HTMLLabelElement>(el, 'label').find((l) => l.textContent?.replace('*', '').trim() === label);
  const id = found?.htmlFor;
  return shadow<HTMLInputElement>(el, `#${id}`);
};
const errorOf = (el: ParleyLeadForm, field: HTMLElement) => {
  const id = field.getAttribute('aria-describedby');
  return id ? el.shadowRoot?.getElementById(id)?.textContent?.trim() : undefined;
};
const form = (fields: LeadField[] = FIELDS) =>
  fixture<ParleyLeadForm>(html`<parley-lead-form .fields=${fields}></parley-lead-form>`);

describe('<parley-lead-form>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('shows only a Submit button without fields', async () => {
      const el = await fixture<ParleyLeadForm>(html`<parley-lead-form></parley-lead-form>`);
      expect(shadowAll(el, 'input, select')).to.have.length(0);
      expect(submitButton(el).textContent?.trim()).to.equal('Submit');
      expect(submitButton(el).type).to.equal('submit');
    });
  });

  describe('properties', () => {
    it('draws a labelled control of the right kind per field', async () => {
      const el = await form();
      expect(control(el, 'Name').type).to.equal('text');
      expect(control(el, 'Name').placeholder).to.equal('Your name');
      expect(control(el, 'Name').autocomplete).to.equal('name');
      expect(control(el, 'Email').type).to.equal('email');
      expect(control(el, 'Phone number').type).to.equal('tel');
      expect(control(el, 'Company size').inputMode).to.equal('decimal');
      const topic = control(el, 'Topic') as unknown as HTMLSelectElement;
      expect(topic.localName).to.equal('select');
      expect(Array.from(topic.options).map((o) => o.textContent)).to.deep.equal(['Choose…', 'Sales', 'Support']);
    });

    it('marks required fields for everyone', async () => {
      const el = await form();
      expect(control(el, 'Name').required).to.equal(true);
      expect(control(el, 'Phone number').required).to.equal(false);
      expect(shadowAll(el, '.mark')).to.have.length(3);
    });

    it('shows the intro and a custom submit label', async () => {
      const el = await fixture<ParleyLeadForm>(
        html`<parley-lead-form intro="Tell us about you" submit-label="Start chat" .fields=${FIELDS}></parley-lead-form>`,
      );
      expect(shadow(el, '.intro').textContent).to.equal('Tell us about you');
      expect(submitButton(el).textContent?.trim()).to.equal('Start chat');
    });

    it("labels a field with its own label when it has one (the e-mail ask's)", async () => {
      const fields = [{ field: 'email', type: 'email', required: true, label: 'Get our reply by email' }] as const;
      const el = await fixture<ParleyLeadForm>(html`<parley-lead-form .fields=${fields}></parley-lead-form>`);
      expect(control(el, 'Get our reply by email').type).to.equal('email');
      expect(shadowAll(el, 'label')).to.have.length(1);
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ leadFieldEmail: 'E-Mail', leadSubmit: 'Senden', leadRequired: 'Pflichtfeld' });
      const el = await fixture<ParleyLeadForm>(
        html`<parley-lead-form .fields=${[{ field: 'email', type: 'email', required: true }]} .strings=${strings}></parley-lead-form>`,
      );
      expect(submitButton(el).textContent?.trim()).to.equal('Senden');
      await click(submitButton(el));
      expect(errorOf(el, control(el, 'E-Mail'))).to.equal('Pflichtfeld');
    });

    it('skips malformed fields', async () => {
      const junk = [null, { type: 'text' }, { field: '' }, { field: 'Name', type: 'weird' }, { field: 'Name' }];
      const el = await form(junk as unknown as LeadField[]);
      expect(shadowAll(el, 'input')).to.have.length(1);
      expect(control(el, 'Name').type).to.equal('text');
    });
  });

  describe('validation', () => {
    it('shows an error under each invalid field and focuses the first one', async () => {
      const el = await form();
      const submitted = record(document, 'parley-lead-submit');
      await typeInto(control(el, 'Email'), 'not-an-email');
      await typeInto(control(el, 'Phone number'), '12ab');
      await typeInto(control(el, 'Company size'), 'many');
      await click(submitButton(el));
      expect(submitted).to.have.length(0);
      expect(el.shadowRoot?.activeElement).to.equal(control(el, 'Name'));
      expect(control(el, 'Name').getAttribute('aria-invalid')).to.equal('true');
      expect(errorOf(el, control(el, 'Name'))).to.equal('Please fill in this field.');
      expect(errorOf(el, control(el, 'Email'))).to.equal('Please enter a valid email address.');
      expect(errorOf(el, control(el, 'Phone number'))).to.equal('Please enter a valid phone number.');
      expect(errorOf(el, control(el, 'Company size'))).to.equal('Please enter a number.');
      expect(errorOf(el, control(el, 'Topic'))).to.equal('Please fill in this field.');
    });

    it('clears an error as soon as the field is fixed', async () => {
      const el = await form([{ field: 'Email', type: 'email', required: true }]);
      await typeInto(control(el, 'Email'), 'ann@');
      await press('Enter');
      expect(errorOf(el, control(el, 'Email'))).to.equal('Please enter a valid email address.');
      await type('example.com');
      expect(control(el, 'Email').getAttribute('aria-invalid')).to.equal('false');
      expect(control(el, 'Email').hasAttribute('aria-describedby')).to.equal(false);
      expect(shadowAll(el, '.error')).to.have.length(0);
    });

    it('checks values by type', () => {
      const [email, phone, number, select, text] = toLeadInputs([
        { field: 'e', type: 'email' },
        { field: 'p', type: 'phone' },
        { field: 'n', type: 'number' },
        { field: 's', type: 'select', options: ['A'] },
        { field: 't', type: 'text', required: true },
      ]);
      expect(checkLeadValue(email!, 'ann@example.com')).to.equal(undefined);
      expect(checkLeadValue(email!, 'ann@example')).to.equal('email');
      expect(checkLeadValue(email!, '')).to.equal(undefined);
      expect(checkLeadValue(phone!, '+49 (30) 123-456')).to.equal(undefined);
      expect(checkLeadValue(phone!, '12+34')).to.equal('phone');
      expect(checkLeadValue(phone!, '123')).to.equal('phone');
      expect(checkLeadValue(number!, '-4.5')).to.equal(undefined);
      expect(checkLeadValue(number!, '4e5')).to.equal('number');
      expect(checkLeadValue(select!, 'A')).to.equal(undefined);
      expect(checkLeadValue(select!, 'B')).to.equal('required');
      expect(checkLeadValue(text!, '   ')).to.equal('required');
      expect(checkLeadValue(text!, 42)).to.equal('required');
      expect(toLeadInputs('nope')).to.deep.equal([]);
      expect(leadLabel(toLeadInputs([{ field: 'contact_number', type: 'phone' }])[0]!, en)).to.equal('Phone number');
    });
  });

  describe('events', () => {
    it('fires parley-lead-submit with the trimmed values of filled fields', async () => {
      const el = await form();
      await typeInto(control(el, 'Name'), '  Ann Lee ');
      await typeInto(control(el, 'Email'), 'ann@example.com');
      const topic = control(el, 'Topic') as unknown as HTMLSelectElement;
      topic.value = 'Support';
      topic.dispatchEvent(new Event('change'));
      const submitted = oneEvent(document, 'parley-lead-submit');
      await click(submitButton(el));
      const event = await submitted;
      expect(event).to.be.instanceOf(ParleyLeadSubmitEvent);
      expect(event.composed).to.equal(true);
      expect(event.detail.values).to.deep.equal({ Name: 'Ann Lee', Email: 'ann@example.com', Topic: 'Support' });
    });

    it('serves as the one-field "leave your email" prompt, submitted with Enter', async () => {
      const el = await form([{ field: 'email', type: 'email', required: true }]);
      const submitted = record<ParleyLeadSubmitEvent>(document, 'parley-lead-submit');
      await typeInto(control(el, 'Email'), 'ann@example.com');
      await press('Enter');
      expect(submitted.map((e) => e.detail.values)).to.deep.equal([{ email: 'ann@example.com' }]);
    });

    it('ignores submits while busy, keeping the values', async () => {
      const el = await form([{ field: 'email', type: 'email', required: true }]);
      await typeInto(control(el, 'Email'), 'ann@example.com');
      el.busy = true;
      await el.updateComplete;
      const submitted = record(document, 'parley-lead-submit');
      await press('Enter');
      await click(submitButton(el));
      expect(submitted).to.have.length(0);
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect(control(el, 'Email').readOnly).to.equal(true);
      el.busy = false;
      await el.updateComplete;
      await click(submitButton(el));
      expect(submitted).to.have.length(1);
    });
  });

  describe('keyboard', () => {
    it('moves through the fields and to the button with Tab', async () => {
      const el = await form([
        { field: 'Name', type: 'text' },
        { field: 'Email', type: 'email' },
      ]);
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(control(el, 'Name'));
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(control(el, 'Email'));
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(submitButton(el));
    });
  });

  describe('accessibility', () => {
    it('is accessible, also while showing errors', async () => {
      const el = await form();
      await expect(el).to.be.accessible();
      await click(submitButton(el));
      await expect(el).to.be.accessible();
    });
  });
});
