import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { parseInstallSettings } from '../../src/core/config.js';
import { ChatController, ChatStateController } from '../../src/controller/index.js';
import { createStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';

class StatusProbe extends LitElement {
  chat!: ChatController;
  state?: ChatStateController;
  renders = 0;

  attach(chat: ChatController): void {
    this.chat = chat;
    this.state = new ChatStateController(this, chat);
  }

  override render() {
    this.renders++;
    return html`<p>${this.state?.value.status ?? 'none'}</p>`;
  }
}
if (!customElements.get('test-status-probe')) customElements.define('test-status-probe', StatusProbe);

function makeChat(): ChatController {
  const appId = `lit-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const server = new FakeChatServer(appId);
  const parsed = parseInstallSettings({ appId, server: 'https://chat.test' });
  if (!parsed.ok) throw new Error(parsed.error);
  return new ChatController({
    install: parsed.value,
    store: createStore(appId, { useIdb: false }),
    restFactory: server.restFactory,
    realtimeFactory: server.realtimeFactory,
    hostname: 'localhost',
  });
}

describe('ChatStateController (lit adapter)', () => {
  it('re-renders its host on every state change while connected', async () => {
    const chat = makeChat();
    const el = await fixture<StatusProbe>(html`<test-status-probe></test-status-probe>`);
    el.attach(chat);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('idle');
    await chat.init();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('ready');
    chat.destroy();
  });

  it('stops listening when the host disconnects, and listens again when it comes back', async () => {
    const chat = makeChat();
    const el = await fixture<StatusProbe>(html`<test-status-probe></test-status-probe>`);
    el.attach(chat);
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    const before = el.renders;
    await chat.init();
    await new Promise<void>((r) => queueMicrotask(r));
    expect(el.renders).to.equal(before);
    parent.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('ready');
    chat.destroy();
  });
});
