import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Message, UserSummary } from '../../src/core/protocol.js';
import { ParleyMessage, deliveryOf, initials } from '../../src/ui/message/message.js';
import { setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const message: Message = {
  key: 'k1',
  id: 1,
  groupId: 'g1',
  message: 'Hello',
  contentType: 0,
  type: 4,
  fromUserName: 'agent-1',
  metadata: {},
  createdAtTime: Date.now(),
  status: 3,
};

describe('<parley-message>', () => {
  setUpUiSuite();

  it('initials: up to two letters, "?" for nothing', () => {
    expect(initials('Poised Salmon')).to.equal('PS');
    expect(initials('ana maria lopez')).to.equal('AL');
    expect(initials('  bob ')).to.equal('B');
    expect(initials('')).to.equal('?');
    expect(initials(undefined as unknown as string)).to.equal('?');
    expect(initials('😀 Smile')).to.equal('😀S');
  });

  it('deliveryOf: stored messages are sent, or read at status 5', () => {
    expect(deliveryOf(message)).to.equal('sent');
    expect(deliveryOf({ ...message, status: 5 })).to.equal('read');
    expect(deliveryOf({ ...message, deliveryState: 'failed' })).to.equal('failed');
  });

  it('falls back to initials when the picture does not load', async () => {
    const sender: UserSummary = {
      userId: 'agent-1',
      userName: 'Ana Lopez',
      role: 'agent',
      imageLink: 'http://127.0.0.1:9/unreachable.png',
    };
    const el = await fixture<ParleyMessage>(
      html`<parley-message .message=${message} .sender=${sender}></parley-message>`,
    );
    await waitUntil(() => shadowAll(el, 'img').length === 0, 'the broken picture is replaced');
    expect(shadow(el, '[part="avatar"]').textContent).to.equal('AL');
  });

  it('renders nothing without a message', async () => {
    const el = await fixture<ParleyMessage>(html`<parley-message></parley-message>`);
    expect(el.shadowRoot?.children.length ?? 0).to.equal(0);
  });

  it('is accessible', async () => {
    const el = await fixture<ParleyMessage>(html`<parley-message .message=${message}></parley-message>`);
    await expect(el).to.be.accessible();
  });
});
