// The visitor's locale (src/controller/visitor-locale.ts through ChatController.setLocale): sent
// with a new session, put on the visitor's record once when the session says another, quietly.
import { expect, waitUntil } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import type { Session } from '../../src/core/protocol.js';
import { ChatController } from '../../src/controller/index.js';
import { createStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

let counter = 0;
const controllers: ChatController[] = [];

function setup() {
  const appId = `locale-${Date.now()}-${counter++}`;
  const server = new FakeChatServer(appId);
  const store = createStore(appId, { useIdb: false });
  const parsed = parseInstallSettings({ appId, server: 'https://chat.test' });
  if (!parsed.ok) throw new Error(parsed.error);
  const chat = new ChatController({
    install: parsed.value,
    store,
    restFactory: server.restFactory,
    realtimeFactory: server.realtimeFactory,
    clock: new FakeClock(),
    hostname: 'shop.example.com',
    random: () => 0.5,
  });
  controllers.push(chat);
  return { chat, server, store, appId };
}

/** A session from an earlier visit, known to the server and stored in this browser. */
async function earlierVisit(s: ReturnType<typeof setup>, locale?: string): Promise<Session> {
  const session: Session = {
    appId: s.appId,
    userId: 'v-1',
    token: 'token-1',
    userName: 'Poised Salmon',
    anonymous: true,
  };
  if (locale) session.locale = locale;
  s.server.sessions.push({ ...session });
  await s.store.setSession(session);
  return session;
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

describe('ChatController: the visitor locale', () => {
  afterEach(() => {
    for (const c of controllers.splice(0)) c.destroy();
  });

  it('sends the canonical tag with the session request, and nothing more', async () => {
    const { chat, server } = setup();
    chat.setLocale('de-at');
    await chat.init();
    expect(server.calls).to.deep.equal(['getSettings']); // no session yet: nothing to update
    await chat.open();
    expect(server.sessionRequests.map((r) => r.locale)).to.deep.equal(['de-AT']);
    expect(chat.state.session?.locale).to.equal('de-AT');
    expect(server.userUpdates).to.deep.equal([]);
  });

  it('ignores a malformed tag', async () => {
    const { chat, server } = setup();
    chat.setLocale('de-AT');
    chat.setLocale('de_AT');
    chat.setLocale('');
    await chat.init();
    await chat.open();
    expect(server.sessionRequests.map((r) => r.locale)).to.deep.equal(['de-AT']);
  });

  it('updates the visitor once when the tag changes after the session started', async () => {
    const { chat, server, store } = setup();
    await chat.init();
    await chat.open();
    expect(server.sessionRequests[0]?.locale).to.equal(undefined);
    chat.setLocale('fr-CA');
    chat.setLocale('fr-ca'); // the same tag
    await waitUntil(() => chat.state.session?.locale === 'fr-CA', 'the session says fr-CA');
    expect(server.userUpdates).to.deep.equal([{ locale: 'fr-CA' }]);
    expect((await store.getSession())?.locale).to.equal('fr-CA');
    chat.setLocale('fr-CA');
    chat.setLocale('ja');
    await waitUntil(() => chat.state.session?.locale === 'ja', 'the session says ja');
    expect(server.userUpdates).to.deep.equal([{ locale: 'fr-CA' }, { locale: 'ja' }]);
  });

  it("updates a returning visitor's stored session that says another locale, once", async () => {
    const s = setup();
    await earlierVisit(s, 'en');
    s.chat.setLocale('de-AT');
    await s.chat.init();
    await waitUntil(() => s.chat.state.session?.locale === 'de-AT', 'the session says de-AT');
    await s.chat.open();
    expect(s.server.sessionRequests).to.deep.equal([]);
    expect(s.server.userUpdates).to.deep.equal([{ locale: 'de-AT' }]);
  });

  it('leaves a returning visitor alone when the locale is the same', async () => {
    const s = setup();
    await earlierVisit(s, 'de-AT');
    await s.chat.init();
    s.chat.setLocale('de-at');
    await s.chat.open();
    expect(s.server.userUpdates).to.deep.equal([]);
  });

  it('keeps a failed update quiet and does not repeat it', async () => {
    const s = setup();
    await earlierVisit(s);
    await s.chat.init();
    s.server.offline = true;
    const errors = await captureErrors(async () => {
      s.chat.setLocale('it');
      await waitUntil(() => s.server.calls.includes('updateUser'), 'the update was tried');
    });
    expect(errors).to.deep.equal([]);
    expect(s.chat.state.error).to.equal(undefined);
    s.server.offline = false;
    s.chat.setLocale('it');
    await s.chat.open();
    expect(s.server.calls.filter((c) => c === 'updateUser')).to.have.length(1);
    expect(s.chat.state.session).to.not.have.property('locale');
  });
});
