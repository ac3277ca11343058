/**
 * Mobile Safari zooms the page into any text field whose font is smaller than 16 px when it gets
 * focus, and does not zoom back: every field a visitor types into is ≥ 16 px, in every engine, even
 * on a page whose root font size is small.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { en } from '../../src/core/locale.js';
import type { LeadField, Message } from '../../src/core/protocol.js';
import '../../src/ui/index.js';
import { setUpUiSuite } from '../helpers/ui.js';

const LEAD: LeadField[] = [
  { field: 'Name', type: 'text', required: true },
  { field: 'Email', type: 'email' },
  { field: 'Phone', type: 'phone' },
  { field: 'Topic', type: 'select', options: ['Sales', 'Support'] },
];

const FORM: Message = {
  key: 'form',
  id: 1,
  groupId: 'g1',
  message: '',
  contentType: 0,
  type: 4,
  fromUserName: 'bot',
  createdAtTime: 0,
  status: 3,
  metadata: {
    contentType: '300',
    templateId: '12',
    payload: JSON.stringify([
      { type: 'text', label: 'Name', name: 'name' },
      { type: 'dropdown', label: 'Crust', name: 'crust', options: [{ label: 'Thin', value: 'thin' }] },
      { type: 'textarea', label: 'Notes', name: 'notes' },
      { type: 'radio', label: 'Size', name: 'size', options: [{ label: 'Small', value: 's' }] },
      { type: 'submit', label: 'Order', requestType: 'postBackToBotPlatform' },
    ]),
  },
};

const NOT_TYPED_INTO = new Set(['hidden', 'radio', 'checkbox', 'file', 'submit', 'button', 'range', 'color']);

/** Every field in `root` (and the shadow roots inside) a visitor types or picks into. */
function textFields(root: Element | ShadowRoot): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] {
  const found: (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot) found.push(...textFields(el.shadowRoot));
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) found.push(el);
    if (el instanceof HTMLInputElement && !NOT_TYPED_INTO.has(el.type)) found.push(el);
  }
  return found;
}

describe('text fields on phones', () => {
  setUpUiSuite();

  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  for (const rootSize of ['16px', '10px']) {
    it(`are at least 16 px in every element (page root font ${rootSize})`, async () => {
      document.documentElement.style.setProperty('font-size', rootSize);
      const el = await fixture<HTMLDivElement>(html`<div style="font-size: 13px">
        <parley-composer .strings=${en}></parley-composer>
        <parley-lead-form .fields=${LEAD}></parley-lead-form>
        <parley-csat></parley-csat>
        <parley-message-content .message=${FORM} .strings=${en}></parley-message-content>
      </div>`);
      await Promise.all(
        Array.from(el.children).map((c) => (c as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
      );
      const fields = textFields(el);
      const where = fields.map((f) => `${(f.getRootNode() as ShadowRoot).host.localName} ${f.localName}`);
      // composer textarea; lead form: 3 inputs + select; CSAT comment; form: input, select, textarea
      expect(where).to.have.length(9);
      const small = fields
        .map((f, i) => `${where[i]}: ${getComputedStyle(f).fontSize}`)
        .filter((line) => Number.parseFloat(line.split(': ')[1]!) < 16);
      expect(small, 'fields under 16 px').to.deep.equal([]);
    });
  }
});
