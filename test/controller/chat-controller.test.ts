import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { parseInstallSettings, type InstallSettings } from '../../src/core/config.js';
import { ChatController, TYPING_EXPIRY_MS, type ChatMessageEvent } from '../../src/controller/index.js';
import { LIVE_SETTLE_MS } from '../../src/controller/cursor.js';
import { createStore, type ParleyStore } from '../../src/store/store.js';
import { memoryBackend, type KvBackend } from '../../src/store/backend.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

let counter = 0;
const controllers: ChatController[] = [];

interface Setup {
  appId?: string;
  server?: FakeChatServer;
  store?: ParleyStore;
  install?: Record<string, unknown>;
  hostname?: string;
}

function setup(options: Setup = {}) {
  const appId = options.appId ?? `ctl-${Date.now()}-${counter++}`;
  const server = options.server ?? new FakeChatServer(appId);
  const store = options.store ?? createStore(appId);
  const clock = new FakeClock();
  const parsed = parseInstallSettings({ appId, server: 'https://chat.test', ...options.install });
  if (!parsed.ok) throw new Error(parsed.error);
  const install: InstallSettings = parsed.value;
  const chat = new ChatController({
    install,
    store,
    restFactory: server.restFactory,
    realtimeFactory: server.realtimeFactory,
    clock,
    hostname: options.hostname ?? 'shop.example.com',
    random: () => 0.5,
  });
  controllers.push(chat);
  return { chat, server, store, clock, appId };
}

/** Captures console.error while `fn` runs. */
async function captureErrors(fn: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void calls.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return calls;
}

const texts = (chat: ChatController) => chat.state.messages.map((m) => m.message);
const states = (chat: ChatController) => chat.state.messages.map((m) => m.deliveryState);

/** Opens the chat and connects its socket; returns the socket. */
async function openAndConnect(chat: ChatController, server: FakeChatServer) {
  await chat.init();
  await chat.open();
  await waitUntil(() => server.socket, 'a socket is created');
  server.socket!.serverConnects();
  await waitUntil(() => chat.state.connection === 'connected' && chat.caughtUp, 'connected and caught up');
  return server.socket!;
}

describe('ChatController', () => {
  afterEach(() => {
    for (const c of controllers.splice(0)) c.destroy();
  });

  describe('init', () => {
    it('applies fresh settings that arrive before storage answers; the older cached copy never shows', async () => {
      const appId = `ctl-fresh-${counter++}`;
      const map = new Map<string, unknown>();
      await createStore(appId, { backend: memoryBackend(map) }).setSettings({ chatWidget: { position: 'left' } }, 1);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const memory = memoryBackend(map);
      const slow: KvBackend = { ...memory, get: async (key) => (await gate, memory.get(key)) };
      const server = new FakeChatServer(appId);
      server.settings = { chatWidget: { position: 'right' } };
      const { chat } = setup({ appId, server, store: createStore(appId, { backend: slow }) });
      const positions: string[] = [];
      chat.addEventListener('change', () => positions.push(chat.state.settings.chatWidget.position));
      const started = chat.init();
      await waitUntil(() => chat.state.status === 'ready', 'ready before storage answered');
      expect(chat.state.settings.chatWidget.position).to.equal('right');
      release();
      await started;
      expect(chat.state.settings.chatWidget.position).to.equal('right');
      expect(positions).to.not.include('left');
    });

    it('creates nothing and opens no socket without a stored session', async () => {
      const { chat, server } = setup();
      await chat.init();
      expect(chat.state.status).to.equal('ready');
      expect(chat.state.session).to.equal(undefined);
      expect(chat.state.connection).to.equal('idle');
      expect(server.calls).to.deep.equal(['getSettings']);
      expect(server.sockets).to.have.length(0);
    });

    it('applies the server settings with the page overrides on top', async () => {
      const { chat, server } = setup({ install: { widgetSettings: { position: 'left' } } });
      server.settings = { chatWidget: { primaryColor: '#00ff00', position: 'right', isSingleThreaded: true } };
      await chat.init();
      expect(chat.state.settings.chatWidget).to.include({
        primaryColor: '#00ff00',
        position: 'left',
        isSingleThreaded: true,
      });
    });

    it('uses defaults and logs one error for malformed settings', async () => {
      const { chat, server } = setup();
      server.settings = { chatWidget: { position: 42, attachment: 'no' } };
      const errors = await captureErrors(() => chat.init());
      expect(chat.state.status).to.equal('ready');
      expect(chat.state.settings.chatWidget.position).to.equal('right');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('chatWidget.position').and.contain('chatWidget.attachment');
    });

    it("is 'disabled' when the app switched the widget off", async () => {
      const { chat, server } = setup();
      server.settings = { chatWidget: { disableChatWidget: true } };
      await chat.init();
      expect(chat.state.status).to.equal('disabled');
      await chat.open();
      expect(server.calls).to.not.include('createSession');
    });

    it("is 'blocked', with one console error naming the host, on a domain that is not allowed", async () => {
      const { chat, server } = setup({ hostname: 'evil.test' });
      server.settings = { chatWidget: { allowedDomains: ['example.com'] } };
      const errors = await captureErrors(async () => {
        await chat.init();
        await chat.open();
      });
      expect(chat.state.status).to.equal('blocked');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('evil.test');
      expect(server.calls).to.not.include('createSession');
    });

    it('allows subdomains of an allowed domain', async () => {
      const { chat, server } = setup({ hostname: 'shop.example.com' });
      server.settings = { chatWidget: { allowedDomains: ['example.com'] } };
      await chat.init();
      expect(chat.state.status).to.equal('ready');
    });

    it("is 'error' with a code when the settings cannot be loaded and none are cached", async () => {
      const { chat, server } = setup();
      server.offline = true;
      await captureErrors(() => chat.init());
      expect(chat.state.status).to.equal('error');
      expect(chat.state.error).to.equal('PL-N-02');
      server.offline = false;
      await chat.open();
      expect(chat.state.status).to.equal('ready');
      expect(chat.state.error).to.equal(undefined);
    });

    it('reports the outcome to onInit once', async () => {
      const calls: unknown[][] = [];
      const { chat } = setup({ install: { onInit: (...args: unknown[]) => calls.push(args) } });
      await chat.init();
      await chat.init();
      expect(calls).to.deep.equal([['success']]);
    });
  });

  describe('open', () => {
    it('creates a session for a known visitor, a conversation, and connects', async () => {
      const { chat, server } = setup({
        install: { userId: 'ann', userName: 'Ann', email: 'ann@example.com', conversationTitle: 'Billing' },
      });
      await chat.init();
      await chat.open();
      expect(chat.state.panelOpen).to.equal(true);
      expect(chat.state.session).to.include({ userId: 'ann', userName: 'Ann', anonymous: false });
      expect(server.conversations).to.have.length(1);
      expect(server.conversations[0]!.groupName).to.equal('Billing');
      expect(chat.state.activeGroupId).to.equal(server.conversations[0]!.groupId);
      expect(server.socket?.options?.auth).to.deep.equal({
        appId: chat.install.appId,
        token: chat.state.session!.token,
      });
      expect(chat.state.connection).to.equal('connecting');
      expect(chat.state.users.get('ann')?.userName).to.equal('Ann');
    });

    it('resumes the newest open conversation and loads its history', async () => {
      const { chat, server } = setup();
      await chat.init();
      server.addConversation({ groupId: 'old', status: 2, updatedAtTime: 50 });
      server.addConversation({ groupId: 'open-a', updatedAtTime: 10 });
      server.addConversation({ groupId: 'open-b', updatedAtTime: 20 });
      server.agentSays('open-b', 'Hello there');
      await chat.open();
      expect(chat.state.activeGroupId).to.equal('open-b');
      expect(texts(chat)).to.deep.equal(['Hello there']);
      expect(server.conversations).to.have.length(3);
      expect(chat.state.users.get('agent-1')?.userName).to.equal('Alice');
    });

    it('never rejects: a failure shows up as an error code', async () => {
      const { chat, server } = setup();
      await chat.init();
      server.offline = true;
      const errors = await captureErrors(() => chat.open());
      expect(chat.state.error).to.equal('PL-N-02');
      expect(errors).to.have.length(1);
    });
  });

  describe('sending', () => {
    it('shows a message at once as sending, writes the outbox first, and marks it sent on ack', async () => {
      const { chat, server, store } = setup();
      const socket = await openAndConnect(chat, server);
      const pending = chat.send('  Hi there  ');
      await waitUntil(() => chat.state.messages.length === 1, 'message shown');
      expect(texts(chat)).to.deep.equal(['Hi there']);
      expect(states(chat)).to.deep.equal(['sending']);
      const local = await pending;
      expect(local?.deliveryState).to.equal('sending');
      await waitUntil(() => socket.acks.length === 1, 'sent over the socket');
      expect((await store.listOutbox()).map((i) => i.key)).to.deep.equal([local!.key]);
      const sent = oneEvent(chat, 'message-sent') as Promise<ChatMessageEvent>;
      server.ackAll();
      expect((await sent).detail.message.key).to.equal(local!.key);
      await waitUntil(() => chat.state.messages[0]?.deliveryState === 'sent', 'sent');
      expect(chat.state.messages[0]!.id).to.be.a('number');
      await waitUntil(async () => (await store.listOutbox()).length === 0, 'outbox emptied');
    });

    it('ignores empty and blank text', async () => {
      const { chat, server } = setup();
      await chat.init();
      expect(await chat.send('')).to.equal(undefined);
      expect(await chat.send('   \n ')).to.equal(undefined);
      expect(server.calls).to.not.include('createSession');
    });

    it('creates the session and conversation for a first message sent before open()', async () => {
      const { chat, server } = setup();
      await chat.init();
      const local = await chat.send('first');
      expect(local?.groupId).to.equal(server.conversations[0]!.groupId);
      expect(chat.state.messages.map((m) => m.key)).to.deep.equal([local!.key]);
    });

    it('keeps messages sent offline, in order, and sends them one by one on connect', async () => {
      const { chat, server } = setup();
      await chat.init();
      await chat.open();
      await chat.send('one');
      await chat.send('two');
      await chat.send('three');
      expect(states(chat)).to.deep.equal(['sending', 'sending', 'sending']);
      const socket = server.socket!;
      socket.serverConnects();
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        await waitUntil(() => socket.acks.length === 1, `ack ${i} requested`);
        expect(socket.acks).to.have.length(1);
        order.push((socket.acks[0]!.payload as { message: string }).message);
        server.ackAll();
      }
      expect(order).to.deep.equal(['one', 'two', 'three']);
      await waitUntil(() => states(chat).every((s) => s === 'sent'), 'all sent');
      expect(chat.state.messages.map((m) => m.id)).to.deep.equal([1, 2, 3]);
    });

    it('keeps the outbox across a new controller instance (a reload) and sends it then', async () => {
      const first = setup();
      await first.chat.init();
      await first.chat.open();
      const local = await first.chat.send('survives reload');
      first.chat.destroy();

      const second = setup({ appId: first.appId, server: first.server, store: createStore(first.appId) });
      await second.chat.init();
      expect(texts(second.chat)).to.deep.equal(['survives reload']);
      expect(states(second.chat)).to.deep.equal(['sending']);
      const socket = second.server.sockets.at(-1)!;
      socket.serverConnects();
      await waitUntil(() => socket.acks.length === 1, 'resent after reload');
      expect((socket.acks[0]!.payload as { key: string }).key).to.equal(local!.key);
      second.server.ackAll(socket);
      await waitUntil(() => states(second.chat)[0] === 'sent', 'sent');
      expect(second.server.messages.filter((m) => m.key === local!.key)).to.have.length(1);
    });

    it('leaves a timed-out message in the outbox and retries it after a backoff while connected', async () => {
      const { chat, server, store, clock } = setup();
      const socket = await openAndConnect(chat, server);
      await chat.send('slow');
      await waitUntil(() => socket.acks.length === 1, 'sent');
      socket.acks[0]!.timeOut();
      await waitUntil(() => clock.pending > 0, 'retry scheduled');
      expect(states(chat)).to.deep.equal(['sending']);
      expect(await store.listOutbox()).to.have.length(1);
      clock.advance(30000);
      await waitUntil(() => socket.acks.length === 1, 'sent again');
      server.ackAll();
      await waitUntil(() => states(chat)[0] === 'sent', 'sent');
    });

    it('resends on reconnect what was in flight when the connection dropped', async () => {
      const { chat, server } = setup();
      const socket = await openAndConnect(chat, server);
      await chat.send('in flight');
      await waitUntil(() => socket.acks.length === 1, 'sent');
      socket.connectionLost();
      await waitUntil(() => chat.state.connection === 'reconnecting', 'reconnecting');
      expect(states(chat)).to.deep.equal(['sending']);
      socket.serverConnects();
      await waitUntil(() => socket.acks.length === 1, 'resent');
      server.ackAll();
      await waitUntil(() => states(chat)[0] === 'sent', 'sent');
    });

    it('marks a rejected message failed; retry sends it again; discard deletes it', async () => {
      const { chat, server, store } = setup();
      const socket = await openAndConnect(chat, server);
      const a = await chat.send('rejected then retried');
      await waitUntil(() => socket.acks.length === 1, 'sent');
      socket.acks[0]!.reply({
        ok: false,
        error: { errorCode: 'PL-C-01', description: 'closed', displayMessage: 'closed' },
      });
      await waitUntil(() => states(chat)[0] === 'failed', 'failed');
      expect(chat.state.messages[0]!.errorCode).to.equal('PL-C-01');
      expect((await store.listOutbox())[0]!.failed).to.equal('PL-C-01');

      await chat.retry(a!.key);
      expect(states(chat)).to.deep.equal(['sending']);
      await waitUntil(() => socket.acks.length === 1, 'resent');
      server.ackAll();
      await waitUntil(() => states(chat)[0] === 'sent', 'sent');

      const b = await chat.send('rejected then discarded');
      await waitUntil(() => socket.acks.length === 1, 'sent');
      socket.acks[0]!.reply({ ok: false, error: { errorCode: 'PL-R-03', description: 'bad', displayMessage: 'bad' } });
      await waitUntil(() => states(chat)[1] === 'failed', 'failed');
      await chat.discard(b!.key);
      expect(texts(chat)).to.deep.equal(['rejected then retried']);
      expect(await store.listOutbox()).to.deep.equal([]);
    });
  });

  describe('receiving', () => {
    it('merges pushed messages by key, without duplicates, and counts unread while closed', async () => {
      const { chat, server } = setup();
      await openAndConnect(chat, server);
      chat.close();
      const groupId = chat.state.activeGroupId!;
      const m = server.agentSays(groupId, 'Can I help?');
      const received = oneEvent(chat, 'message-received') as Promise<ChatMessageEvent>;
      server.push('message', m);
      expect((await received).detail.message.key).to.equal(m.key);
      server.push('message', m);
      expect(texts(chat)).to.deep.equal(['Can I help?']);
      expect(chat.state.unreadCount).to.equal(1);

      await chat.open();
      expect(chat.state.unreadCount).to.equal(0);
      await waitUntil(() => server.reads.some((r) => r.id === m.id), 'read marker sent');
    });

    it("takes the server's count when another tab read up to a message before a newer notice", async () => {
      const { chat, server } = setup();
      await openAndConnect(chat, server);
      chat.close();
      const groupId = chat.state.activeGroupId!;
      const reply = server.agentSays(groupId, 'Can I help?');
      server.push('message', reply);
      const notice = server.store({ key: 'n1', groupId, message: 'Assigned to Alice', contentType: 10 }, 'bot', 4);
      server.push('message', notice);
      expect(chat.state.unreadCount).to.equal(1);

      // Another tab showed the reply (not the notice, which is never unread) and marked it read.
      server.conversations.find((c) => c.groupId === groupId)!.unreadCount = 0;
      server.push('read', { groupId, userId: chat.state.session!.userId, id: reply.id });
      await waitUntil(() => chat.state.unreadCount === 0, 'the badge clears');
    });

    it('does not count messages as unread while the panel shows them', async () => {
      const { chat, server } = setup();
      await openAndConnect(chat, server);
      const m = server.agentSays(chat.state.activeGroupId!, 'Hi');
      server.push('message', m);
      expect(chat.state.unreadCount).to.equal(0);
      await waitUntil(() => server.reads.some((r) => r.id === m.id), 'marked read');
    });

    it('catches up after a reconnect with everything after the last id held, without duplicates', async () => {
      const { chat, server, clock } = setup();
      const socket = await openAndConnect(chat, server);
      const groupId = chat.state.activeGroupId!;
      const first = server.agentSays(groupId, 'first');
      server.push('message', first);
      clock.advance(LIVE_SETTLE_MS); // held long enough to vouch for every older message
      socket.connectionLost();
      const missed1 = server.agentSays(groupId, 'missed 1');
      server.agentSays(groupId, 'missed 2');
      socket.serverConnects();
      server.push('message', missed1); // also pushed live: must not duplicate
      await waitUntil(() => chat.state.messages.length === 3, 'caught up');
      expect(texts(chat)).to.deep.equal(['first', 'missed 1', 'missed 2']);
      expect(server.calls).to.include(`getMessagesAfter:${first.id}`);
    });

    it('fetches again what was pushed just before a drop, without duplicates (another process may push out of order)', async () => {
      const { chat, server } = setup();
      const socket = await openAndConnect(chat, server);
      const groupId = chat.state.activeGroupId!;
      const catchUps = () => server.calls.filter((c) => c.startsWith('getMessagesAfter:'));
      const before = catchUps();
      server.push('message', server.agentSays(groupId, 'just pushed'));
      socket.connectionLost();
      server.agentSays(groupId, 'missed');
      socket.serverConnects();
      await waitUntil(() => chat.state.messages.length === 2, 'caught up');
      expect(texts(chat)).to.deep.equal(['just pushed', 'missed']);
      // The catch-up starts where the last one ended: the pushed message did not vouch yet.
      expect(catchUps()[before.length]).to.equal(before.at(-1));
    });

    it('marks messages caught up into the open panel as read, with one read marker for the batch', async () => {
      const { chat, server } = setup();
      const socket = await openAndConnect(chat, server);
      const groupId = chat.state.activeGroupId!;
      socket.connectionLost();
      server.agentSays(groupId, 'missed 1');
      const last = server.agentSays(groupId, 'missed 2');
      socket.serverConnects();
      await waitUntil(() => server.reads.some((r) => r.id === last.id), 'read marker for the caught-up messages');
      expect(server.calls.filter((c) => c.startsWith('markRead:'))).to.deep.equal([`markRead:${groupId}:${last.id}`]);
      expect(chat.state.unreadCount).to.equal(0);
    });

    it('does not skip missed messages because a newer one was pushed before the catch-up', async () => {
      const { chat, server } = setup();
      const socket = await openAndConnect(chat, server);
      const groupId = chat.state.activeGroupId!;
      socket.connectionLost();
      server.agentSays(groupId, 'missed 1');
      server.agentSays(groupId, 'missed 2');
      const newest = server.agentSays(groupId, 'newest');
      socket.serverConnects();
      server.push('message', newest);
      await waitUntil(() => chat.caughtUp, 'caught up');
      expect(texts(chat)).to.deep.equal(['missed 1', 'missed 2', 'newest']);
    });

    it('shows who is typing and drops them after a while or when their message arrives', async () => {
      const { chat, server, clock } = setup();
      await openAndConnect(chat, server);
      const groupId = chat.state.activeGroupId!;
      server.push('typing', { groupId, userId: 'agent-1', typing: true });
      server.push('typing', { groupId, userId: chat.state.session!.userId, typing: true });
      server.push('typing', { groupId: 'other', userId: 'agent-2', typing: true });
      expect(chat.state.typing).to.deep.equal(['agent-1']);
      clock.advance(TYPING_EXPIRY_MS);
      expect(chat.state.typing).to.deep.equal([]);
      server.push('typing', { groupId, userId: 'agent-1', typing: true });
      server.push('message', server.agentSays(groupId, 'done typing'));
      expect(chat.state.typing).to.deep.equal([]);
    });

    it("marks the visitor's messages read when the agent reads them", async () => {
      const { chat, server } = setup();
      await openAndConnect(chat, server);
      await chat.send('hello');
      await waitUntil(() => server.socket!.acks.length === 1, 'sent');
      server.ackAll();
      await waitUntil(() => states(chat)[0] === 'sent', 'sent');
      server.push('read', { groupId: chat.state.activeGroupId!, userId: 'agent-1', id: chat.state.messages[0]!.id });
      expect(states(chat)).to.deep.equal(['read']);
    });

    it('applies settings pushed by the server', async () => {
      const { chat, server } = setup();
      await openAndConnect(chat, server);
      server.push('settings', { chatWidget: { disableChatWidget: true } });
      expect(chat.state.status).to.equal('disabled');
      expect(chat.state.connection).to.equal('idle');
    });
  });

  describe('connection', () => {
    it('tries again after a refusal that is not final, with backoff', async () => {
      const { chat, server, clock } = setup();
      await chat.init();
      await chat.open();
      const socket = server.socket!;
      await captureErrors(async () => socket.serverRefuses({ errorCode: 'PL-X-01' }));
      expect(chat.state.connection).to.equal('offline');
      expect(chat.state.error).to.equal('PL-X-01');
      const before = socket.connectCalls;
      clock.advance(60000);
      expect(socket.connectCalls).to.equal(before + 1);
      socket.serverConnects();
      await waitUntil(() => chat.state.connection === 'connected' && chat.caughtUp, 'connected again');
    });

    it('forgets a session whose token the socket refuses', async () => {
      const { chat, server, clock, store } = setup();
      await chat.init();
      await chat.open();
      const socket = server.socket!;
      socket.serverRefuses({ errorCode: 'PL-S-01' });
      await waitUntil(() => chat.state.session === undefined, 'session dropped');
      expect(chat.state.connection).to.equal('idle');
      expect(await store.getSession()).to.equal(undefined);
      clock.advance(60000);
      expect(socket.connectCalls).to.equal(1);
    });
  });

  describe('reload', () => {
    it('shows the cached conversation at once, before the settings are revalidated, then catches up', async () => {
      const first = setup();
      const socket = await openAndConnect(first.chat, first.server);
      const groupId = first.chat.state.activeGroupId!;
      first.server.push('message', first.server.agentSays(groupId, 'cached'));
      await first.chat.send('mine');
      await waitUntil(() => socket.acks.length === 1, 'sent');
      first.server.ackAll();
      await waitUntil(() => states(first.chat)[1] === 'sent', 'sent');
      first.chat.destroy();
      first.server.agentSays(groupId, 'while away');

      let release!: () => void;
      first.server.settingsGate = new Promise<void>((r) => (release = r));
      const second = setup({ appId: first.appId, server: first.server, store: createStore(first.appId) });
      const started = second.chat.init();
      await waitUntil(() => second.chat.state.messages.length === 2, 'cached messages shown');
      expect(texts(second.chat)).to.deep.equal(['cached', 'mine']);
      expect(second.chat.state.status).to.equal('ready');
      release();
      await started;
      const next = second.server.sockets.at(-1)!;
      expect(next).to.not.equal(socket);
      next.serverConnects();
      await waitUntil(() => second.chat.state.messages.length === 3, 'caught up');
      expect(texts(second.chat)).to.deep.equal(['cached', 'mine', 'while away']);
    });

    /** A visitor was sent `texts` by an agent, saw them, and left: the tab closed, all of them cached. */
    async function leftWithCached(texts: string[]) {
      const first = setup();
      const socket = await openAndConnect(first.chat, first.server);
      const groupId = first.chat.state.activeGroupId!;
      for (const text of texts) first.server.push('message', first.server.agentSays(groupId, text));
      await waitUntil(() => first.chat.state.messages.length === texts.length, 'all shown');
      first.chat.destroy();
      socket.connectionLost();
      const store = createStore(first.appId);
      await waitUntil(async () => (await store.getMessages(groupId)).length === texts.length, 'all cached');
      return { first, groupId, store };
    }

    it('catches up from the last cached message when the cache lags behind the cursor (a tab closed mid-write)', async () => {
      const { first, groupId, store } = await leftWithCached(['one', 'two', 'three']);
      // What a tab that closed between writes leaves: the cursor and the conversation list know
      // "three", the message cache only "one".
      const cached = await store.getMessages(groupId);
      await store.setMessages(groupId, cached.slice(0, 1));
      expect(
        (await store.getCursor()) >= cached[2]!.id ||
          (await store.getConversations())[0]!.lastMessage!.id >= cached[2]!.id,
      ).to.equal(true);

      const second = setup({ appId: first.appId, server: first.server, store: createStore(first.appId) });
      await second.chat.init();
      expect(texts(second.chat)).to.deep.equal(['one']);
      second.server.sockets.at(-1)!.serverConnects();
      await waitUntil(() => second.chat.state.messages.length === 3, 'the missing messages caught up, panel closed');
      expect(texts(second.chat)).to.deep.equal(['one', 'two', 'three']);
      expect(second.server.calls).to.include(`getMessagesAfter:${cached[0]!.id}`);
    });

    it('a click queued before the widget loaded (open() before init()) still shows every message', async () => {
      // <parley-chat> replays the loader's queued open() before it starts the engine (page API first).
      const { first, groupId } = await leftWithCached(['one', 'two', 'three']);
      first.server.agentSays(groupId, 'while away');

      const second = setup({ appId: first.appId, server: first.server, store: createStore(first.appId) });
      const opened = second.chat.open();
      await second.chat.init();
      await opened;
      second.server.sockets.at(-1)!.serverConnects();
      await waitUntil(() => second.chat.state.messages.length === 4, 'every message shown');
      expect(texts(second.chat)).to.deep.equal(['one', 'two', 'three', 'while away']);
      expect(second.chat.state.panelOpen).to.equal(true);
    });

    it('drops a stored session that belongs to another visitor', async () => {
      const first = setup({ install: { userId: 'ann' } });
      await first.chat.init();
      await first.chat.open();
      first.chat.destroy();
      const second = setup({
        appId: first.appId,
        server: first.server,
        store: createStore(first.appId),
        install: { userId: 'bob' },
      });
      await second.chat.init();
      expect(second.chat.state.session).to.equal(undefined);
      await second.chat.open();
      expect(second.chat.state.session?.userId).to.equal('bob');
    });

    it('starts fresh after a stored session the server no longer accepts', async () => {
      const first = setup();
      await first.chat.init();
      await first.chat.open();
      first.chat.destroy();
      first.server.sessions.splice(0); // the server forgot every session
      const second = setup({ appId: first.appId, server: first.server, store: createStore(first.appId) });
      await second.chat.init();
      await second.chat.open();
      expect(second.chat.state.session?.token).to.equal('token-1');
      expect(second.chat.state.error).to.equal(undefined);
    });
  });

  describe('teardown', () => {
    it('destroy() closes the socket and leaves no listeners or timers', async () => {
      const { chat, server, clock } = setup();
      const socket = await openAndConnect(chat, server);
      server.push('typing', { groupId: chat.state.activeGroupId!, userId: 'agent-1', typing: true });
      expect(clock.pending).to.be.greaterThan(0);
      let changes = 0;
      chat.addEventListener('change', () => changes++);
      chat.destroy();
      expect(socket.listenerCount()).to.equal(0);
      expect(socket.disconnectCalls).to.equal(1);
      expect(clock.pending).to.equal(0);
      server.push('message', server.agentSays(chat.state.activeGroupId!, 'too late'));
      expect(changes).to.equal(0);
      expect(await chat.send('after destroy')).to.equal(undefined);
    });

    it('logout() forgets the visitor and everything stored', async () => {
      const { chat, server, store } = setup();
      await openAndConnect(chat, server);
      const token = chat.state.session!.token;
      await chat.logout();
      expect(server.ended).to.deep.equal([token]);
      expect(chat.state.session).to.equal(undefined);
      expect(chat.state.messages).to.deep.equal([]);
      expect(chat.state.connection).to.equal('idle');
      expect(await store.getSession()).to.equal(undefined);
    });
  });
});
