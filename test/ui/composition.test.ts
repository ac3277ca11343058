import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Message, UserSummary } from '../../src/core/protocol.js';
import '../../src/ui/index.js';
import type { ParleyComposer, ParleyMessageList, ParleyPanel } from '../../src/ui/index.js';
import { PHONE, phoneFrame, press, record, setUpUiSuite, shadow, typeInto } from '../helpers/ui.js';

const users = new Map<string, UserSummary>([['agent-1', { userId: 'agent-1', userName: 'Ana', role: 'agent' }]]);
const messages: Message[] = Array.from({ length: 25 }, (_, i) => ({
  key: `k${i}`,
  id: i + 1,
  groupId: 'g1',
  message: `Message ${i}`,
  contentType: 0,
  type: i % 2 ? 5 : 4,
  fromUserName: i % 2 ? 'me' : 'agent-1',
  metadata: {},
  createdAtTime: Date.now() - (25 - i) * 60_000,
  status: 3,
}));

/** The elements as the top element puts them together. */
async function chat() {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <parley-panel open .title=${'Acme'} connection="connected">
      <parley-message-list self-id="me" .users=${users} .messages=${messages}></parley-message-list>
      <parley-composer slot="footer"></parley-composer>
    </parley-panel>
    <parley-launcher open></parley-launcher>
  </div>`);
  const panel = wrapper.querySelector('parley-panel') as ParleyPanel;
  const list = wrapper.querySelector('parley-message-list') as ParleyMessageList;
  const composer = wrapper.querySelector('parley-composer') as ParleyComposer;
  await Promise.all([panel.updateComplete, list.updateComplete, composer.updateComplete]);
  return { wrapper, panel, list, composer };
}

describe('panel, message list and composer together', () => {
  setUpUiSuite();

  it('fit in the panel: the list scrolls, the composer sits at the bottom', async () => {
    const { panel, list, composer } = await chat();
    const box = shadow(panel, '[part="panel"]').getBoundingClientRect();
    const log = shadow(list, '[role="log"]');
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
    expect(composer.getBoundingClientRect().bottom).to.be.closeTo(box.bottom, 1);
    await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight <= 2, 'the list starts at the end');
  });

  it('keep the composer on screen on phones', async () => {
    const doc = await phoneFrame(
      ['/src/ui/index.ts'],
      `<parley-panel open connection="connected">
        <parley-message-list self-id="me"></parley-message-list>
        <parley-composer slot="footer"></parley-composer>
      </parley-panel>`,
    );
    const list = doc.querySelector('parley-message-list') as ParleyMessageList;
    list.users = users;
    list.messages = messages;
    await list.updateComplete;
    const log = shadow(list, '[role="log"]');
    expect(log.scrollHeight, 'the list scrolls').to.be.greaterThan(log.clientHeight);
    const r = (doc.querySelector('parley-composer') as ParleyComposer).getBoundingClientRect();
    expect(r.bottom).to.be.closeTo(PHONE.height, 1);
    expect(r.width).to.be.closeTo(PHONE.width, 1);
  });

  it('send from the composer and close with Escape from the text box', async () => {
    const { composer } = await chat();
    const sends = record(document, 'parley-send');
    const closes = record(document, 'parley-close');
    await typeInto(shadow(composer, 'textarea'), 'Hello');
    await press('Enter');
    await press('Escape');
    expect(sends).to.have.length(1);
    expect(closes).to.have.length(1);
  });

  it('are accessible together', async () => {
    const { wrapper } = await chat();
    await expect(wrapper).to.be.accessible();
  });
});
