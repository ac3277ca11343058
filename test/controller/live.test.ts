/**
 * The controller with the real store, REST and socket.io clients against the live reference
 * server (a different origin from this page, as on a customer's site).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import { ChatController } from '../../src/controller/index.js';
import { createStore } from '../../src/store/store.js';
import { createApp, platform, server, signed, type TestApp } from '../helpers/e2e.js';

async function controllerFor(app: TestApp, install: Record<string, unknown> = {}): Promise<ChatController> {
  const { url } = await server();
  const parsed = parseInstallSettings(await signed(app, { appId: app.appId, server: url, ...install }));
  if (!parsed.ok) throw new Error(parsed.error);
  return new ChatController({ install: parsed.value, store: createStore(app.appId) });
}

const texts = (chat: ChatController) => chat.state.messages.map((m) => m.message);

describe('ChatController against the reference server', function () {
  this.timeout(30000);
  const controllers: ChatController[] = [];
  afterEach(() => {
    for (const c of controllers.splice(0)) c.destroy();
  });

  it('opens, sends, receives an agent reply, and restores everything after a reload', async () => {
    const app = await createApp({ chatWidget: { title: 'Support' } });
    const chat = await controllerFor(app, { userId: 'visitor-1', userName: 'Vera' });
    controllers.push(chat);

    await chat.init();
    expect(chat.state.status).to.equal('ready');
    expect(chat.state.settings.chatWidget.title).to.equal('Support');
    expect(chat.state.session).to.equal(undefined);
    expect(chat.state.connection).to.equal('idle');

    await chat.open();
    expect(chat.state.session?.userId).to.equal('visitor-1');
    const groupId = chat.state.activeGroupId!;
    expect(groupId).to.be.a('string');
    await waitUntil(() => chat.state.connection === 'connected' && chat.caughtUp, 'connected', { timeout: 10000 });

    await chat.send('Hello, I need help');
    await waitUntil(
      () => chat.state.messages.some((m) => m.message === 'Hello, I need help' && m.deliveryState === 'sent'),
      'acknowledged',
      { timeout: 10000 },
    );

    const reply = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Agent here', fromUserName: app.agentId },
    });
    expect(reply.status).to.equal(200);
    await waitUntil(() => texts(chat).includes('Agent here'), 'agent reply pushed', { timeout: 10000 });
    const keys = chat.state.messages.map((m) => m.key);
    expect(new Set(keys).size).to.equal(keys.length);
    chat.destroy();

    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'While you were away', fromUserName: app.agentId },
    });
    const reloaded = await controllerFor(app, { userId: 'visitor-1' });
    controllers.push(reloaded);
    await reloaded.init();
    expect(reloaded.state.session?.userId).to.equal('visitor-1');
    expect(texts(reloaded)).to.include.members(['Hello, I need help', 'Agent here']);
    await waitUntil(() => texts(reloaded).includes('While you were away'), 'caught up after reload', {
      timeout: 10000,
    });
    const after = reloaded.state.messages.map((m) => m.key);
    expect(new Set(after).size).to.equal(after.length);
  });

  it('stays out of the way on a page whose domain is not allowed', async () => {
    const app = await createApp({ chatWidget: { allowedDomains: ['shop.example.com'] } });
    const chat = await controllerFor(app);
    controllers.push(chat);
    const original = console.error;
    const errors: string[] = [];
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
    try {
      await chat.init();
      await chat.open();
    } finally {
      console.error = original;
    }
    expect(chat.state.status).to.equal('blocked');
    expect(chat.state.session).to.equal(undefined);
    expect(errors.join('\n')).to.contain(location.hostname);
  });
});
