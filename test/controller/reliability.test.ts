/**
 * The controller's share of "nothing lost": saved before shown, one visitor and one conversation
 * however the calls interleave (also across tabs sharing IndexedDB), retention of local history,
 * and logout. Uses the in-memory server and an injected clock.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import { ChatController } from '../../src/controller/index.js';
import { reconcileConversation } from '../../src/controller/state.js';
import type { Conversation, Message } from '../../src/core/protocol.js';
import { createStore, type ParleyStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

let counter = 0;
const controllers: ChatController[] = [];

function tab(
  server: FakeChatServer,
  options: { store?: ParleyStore; clock?: FakeClock; install?: Record<string, unknown> } = {},
) {
  const parsed = parseInstallSettings({ appId: server.appId, server: 'https://chat.test', ...options.install });
  if (!parsed.ok) throw new Error(parsed.error);
  const store = options.store ?? createStore(server.appId);
  const chat = new ChatController({
    install: parsed.value,
    store,
    restFactory: server.restFactory,
    realtimeFactory: server.realtimeFactory,
    clock: options.clock ?? new FakeClock(),
    hostname: 'shop.example.com',
    random: () => 0.5,
  });
  controllers.push(chat);
  return { chat, store };
}

const newServer = () => new FakeChatServer(`rel-${Date.now()}-${counter++}`);
const texts = (chat: ChatController) => chat.state.messages.map((m) => m.message);

describe('ChatController reliability', () => {
  afterEach(() => {
    for (const c of controllers.splice(0)) c.destroy();
  });

  it('shows a sent message only once it is in the outbox', async () => {
    const server = newServer();
    const backing = createStore(server.appId, { useIdb: false });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const store: ParleyStore = Object.assign(Object.create(backing) as ParleyStore, {
      putOutbox: async (item: Parameters<ParleyStore['putOutbox']>[0]) => {
        await gate;
        await backing.putOutbox(item);
      },
    });
    const { chat } = tab(server, { store });
    await chat.init();
    await chat.open();
    const sending = chat.send('Saved first');
    await new Promise((r) => requestAnimationFrame(r));
    expect(texts(chat)).to.deep.equal([]);
    release();
    await sending;
    expect(texts(chat)).to.deep.equal(['Saved first']);
    expect((await backing.listOutbox()).map((i) => i.message.message)).to.deep.equal(['Saved first']);
  });

  it('creates one session and one conversation when the visitor opens and sends at once', async () => {
    const server = newServer();
    const { chat } = tab(server);
    await chat.init();
    await Promise.all([chat.open(), chat.send('Quick!'), chat.send('Quicker!')]);
    expect(server.calls.filter((c) => c === 'createSession')).to.have.length(1);
    expect(server.conversations).to.have.length(1);
    expect(texts(chat)).to.have.members(['Quick!', 'Quicker!']);
  });

  it('a second tab, loaded before the first one started the chat, joins the same visitor', async () => {
    const server = newServer();
    const a = tab(server);
    const b = tab(server);
    await Promise.all([a.chat.init(), b.chat.init()]);
    await a.chat.open();
    await a.chat.send('From tab A');
    await b.chat.open();
    expect(server.calls.filter((c) => c === 'createSession')).to.have.length(1);
    expect(b.chat.state.session?.userId).to.equal(a.chat.state.session?.userId);
    expect(b.chat.state.activeGroupId).to.equal(a.chat.state.activeGroupId);
    expect(server.conversations).to.have.length(1);
  });

  it('a tab that was never opened joins the session another tab starts, and forgets it on logout there', async () => {
    const server = newServer();
    const a = tab(server);
    const b = tab(server);
    await Promise.all([a.chat.init(), b.chat.init()]);
    await a.chat.open();
    await waitUntil(() => b.chat.state.session?.userId === a.chat.state.session?.userId, 'tab B joins', {
      timeout: 5000,
    });
    await waitUntil(() => server.sockets.length === 2, 'tab B connects', { timeout: 5000 });
    await a.chat.logout();
    await waitUntil(() => b.chat.state.session === undefined, 'tab B forgets the visitor', { timeout: 5000 });
    expect(b.chat.state.connection).to.equal('idle');
  });

  describe('unread counts across tabs', () => {
    const msg = (id: number): Message => ({
      key: `k${id}`,
      id,
      groupId: 'g',
      message: `m${id}`,
      contentType: 0,
      type: 4,
      fromUserName: 'agent',
      metadata: {},
      createdAtTime: id,
      status: 3,
    });
    const conv = (lastId: number, unreadCount: number): Conversation => ({
      groupId: 'g',
      groupName: 'Chat',
      status: 0,
      members: [],
      metadata: {},
      createdAtTime: 1,
      updatedAtTime: lastId,
      unreadCount,
      lastMessage: msg(lastId),
    });

    it("takes the server's count when its view is as new as the tab's", () => {
      expect(reconcileConversation(conv(5, 2), conv(5, 7), undefined).unreadCount).to.equal(2);
      expect(reconcileConversation(conv(6, 3), conv(5, 2), undefined).unreadCount).to.equal(3);
    });

    it("keeps the tab's newer message and count over an older server view", () => {
      const merged = reconcileConversation(conv(5, 1), conv(6, 2), undefined);
      expect(merged.lastMessage?.id).to.equal(6);
      expect(merged.unreadCount).to.equal(2);
    });

    it('counts nothing the visitor has read, even from a view fetched before the read', () => {
      expect(reconcileConversation(conv(5, 2), undefined, 5).unreadCount).to.equal(0);
      expect(reconcileConversation(conv(6, 2), undefined, 5).unreadCount).to.equal(2);
    });

    it("caps a count the server made before the tab's read marker arrived at what the open conversation shows", () => {
      // Read up to 5 here; the server had not heard of it when 6 arrived and says 2 unread.
      const shown = { messages: [msg(4), msg(5), msg(6)], selfId: 'visitor' };
      expect(reconcileConversation(conv(6, 2), conv(6, 1), 5, shown).unreadCount).to.equal(1);
      // The visitor's own message and messages up to the marker never count.
      const own = { ...msg(7), fromUserName: 'visitor' };
      expect(
        reconcileConversation(conv(7, 3), undefined, 5, { messages: [msg(5), msg(6), own], selfId: 'visitor' })
          .unreadCount,
      ).to.equal(1);
      // Without the shown messages, or with a list that does not reach the last message or back
      // to the marker (a tab that has not loaded the conversation), the server's count stands.
      expect(reconcileConversation(conv(6, 2), conv(6, 1), 5).unreadCount).to.equal(2);
      expect(
        reconcileConversation(conv(6, 2), conv(6, 1), 5, { messages: [], selfId: 'visitor' }).unreadCount,
      ).to.equal(2);
      expect(
        reconcileConversation(conv(7, 2), undefined, 5, { messages: [msg(5), msg(6)], selfId: 'visitor' }).unreadCount,
      ).to.equal(2);
      expect(
        reconcileConversation(conv(6, 2), undefined, 4, { messages: [msg(5), msg(6)], selfId: 'visitor' }).unreadCount,
      ).to.equal(2);
    });
  });

  describe('retention (sessionTimeout)', () => {
    async function chatThenLeave(server: FakeChatServer, clock: FakeClock) {
      server.settings = { chatWidget: { sessionTimeout: 60 * 60 * 1000 } };
      const first = tab(server, { clock });
      await first.chat.init();
      await first.chat.open();
      server.socket!.serverConnects();
      await waitUntil(() => first.chat.caughtUp, 'connected and caught up');
      await first.chat.send('Remember me?');
      await waitUntil(() => server.socket!.acks.length === 1, 'sent over the socket');
      server.ackAll();
      await waitUntil(() => first.chat.state.messages[0]?.deliveryState === 'sent', 'acknowledged');
      await waitUntil(
        async () => (await first.store.getMessages(first.chat.state.activeGroupId!)).length === 1,
        'cached',
      );
      first.chat.destroy();
      return first.chat.state.session!;
    }

    it('keeps the local history of a visitor who comes back within the limit', async () => {
      const server = newServer();
      const clock = new FakeClock();
      const session = await chatThenLeave(server, clock);
      clock.advance(59 * 60 * 1000);
      const { chat } = tab(server, { clock });
      await chat.init();
      expect(chat.state.session?.userId).to.equal(session.userId);
      expect(texts(chat)).to.deep.equal(['Remember me?']);
    });

    it('a reload shows the cached conversation before the server answers, reopening the panel when the site asks', async () => {
      const server = newServer();
      const clock = new FakeClock();
      await chatThenLeave(server, clock);
      server.settingsGate = new Promise(() => {});
      const plain = tab(server, { clock });
      void plain.chat.init();
      await waitUntil(() => texts(plain.chat).length === 1, 'cached conversation shown');
      expect(plain.chat.state.panelOpen).to.equal(false);
      const reopening = tab(server, { clock, install: { automaticChatOpenOnNavigation: true } });
      void reopening.chat.init();
      await waitUntil(
        () => texts(reopening.chat).length === 1 && reopening.chat.state.panelOpen,
        'panel open with the cached conversation',
      );
      expect(texts(reopening.chat)).to.deep.equal(['Remember me?']);
      expect(server.sockets).to.have.length(1);
    });

    it('drops everything stored locally once the visitor was away longer, and starts fresh', async () => {
      const server = newServer();
      const clock = new FakeClock();
      const session = await chatThenLeave(server, clock);
      clock.advance(61 * 60 * 1000);
      const { chat, store } = tab(server, { clock });
      await chat.init();
      expect(chat.state.session).to.equal(undefined);
      expect(chat.state.messages).to.deep.equal([]);
      expect(await store.getConversations()).to.deep.equal([]);
      expect(await store.getSession()).to.equal(undefined);
      await chat.open();
      expect(chat.state.session?.userId).to.not.equal(session.userId);
    });
  });

  it('logout() clears what this app stored, leaves other apps alone, and the next chat is a new anonymous visitor', async () => {
    const server = newServer();
    const other = createStore(`${server.appId}-other`);
    await other.setPrefs({ kept: true });
    const { chat, store } = tab(server);
    await chat.init();
    await chat.open();
    await chat.send('Before logout');
    const before = chat.state.session!;
    await chat.logout();
    expect(await store.getSession()).to.equal(undefined);
    expect(await store.listOutbox()).to.deep.equal([]);
    expect(await store.getConversations()).to.deep.equal([]);
    expect(await store.getPrefs()).to.deep.equal({});
    expect(await other.getPrefs()).to.deep.equal({ kept: true });
    await chat.open();
    expect(chat.state.session?.anonymous).to.equal(true);
    expect(chat.state.session?.userId).to.not.equal(before.userId);
    expect(texts(chat)).to.deep.equal([]);
    await other.clearAll();
  });
});
