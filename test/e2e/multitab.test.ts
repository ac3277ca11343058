/**
 * Several tabs of one site: two host pages of the same origin (they share IndexedDB, as two tabs
 * do) with the real script-tag install. They share one visitor and conversation, show each
 * other's messages, agree on unread counts, and reading in one tab reads in all.
 */
import { expect } from '@open-wc/testing';
import { createStore } from '../../src/store/store.js';
import {
  createApp,
  openHost,
  platform,
  server,
  waitFor,
  waitForAsync,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { closeWidget, launcherLabel, nextSent, openWidget, sendText, shownTexts } from '../helpers/widget-page.js';

const uid = () => Math.random().toString(36).slice(2, 10);

/** The unread count on the launcher (0 without a badge). */
function unread(page: HostPage): number {
  return Number(/(\d+) unread/.exec(launcherLabel(page))?.[1] ?? 0);
}

describe('multi-tab: one visitor, one conversation, in every tab', function () {
  this.timeout(120000);
  let app: TestApp;
  const pages: HostPage[] = [];

  beforeEach(async () => {
    app = await createApp();
  });

  afterEach(() => {
    for (const p of pages.splice(0)) p.remove();
  });

  async function twoTabs(): Promise<[HostPage, HostPage]> {
    const a = await openHost(app);
    const b = await openHost(app);
    pages.push(a, b);
    await waitFor(() => a.find('[part~="launcher"]') && b.find('[part~="launcher"]'), 'both launchers', 20000);
    return [a, b];
  }

  it('tabs open before the chat started converge on one anonymous visitor and conversation', async () => {
    const [a, b] = await twoTabs();
    await openWidget(a);
    const sent = nextSent(a);
    const first = `Hello from tab A ${uid()}`;
    await sendText(a, first);
    const message = await sent;

    // Tab B learns about the chat without a reload and shows it when opened.
    await openWidget(b);
    await waitFor(() => shownTexts(b).includes(first), "tab B shows tab A's message", 20000);
    const second = `And this from tab B ${uid()}`;
    const sentB = nextSent(b);
    await sendText(b, second);
    const messageB = await sentB;
    expect(messageB.fromUserName).to.equal(message.fromUserName);
    expect(messageB.groupId).to.equal(message.groupId);
    await waitFor(() => shownTexts(a).includes(second), "tab A shows tab B's message live", 20000);

    for (const page of [a, b]) {
      expect(shownTexts(page).filter((t) => t === first)).to.have.length(1);
      expect(shownTexts(page).filter((t) => t === second)).to.have.length(1);
      expect(page.win().hostErrors).to.deep.equal([]);
    }
  });

  it('agrees on unread counts, and opening the panel in one tab reads in all', async () => {
    const [a, b] = await twoTabs();
    await openWidget(a);
    const sent = nextSent(a);
    await sendText(a, `Is anyone there? ${uid()}`);
    const { groupId } = await sent;
    // Let the demo bot answer while tab A is open (tab A reads it), then close the panel: no tab
    // counts anything unread yet. (Waiting for this, rather than for any second message, keeps
    // the baseline from catching a count that tab A's read marker is about to lower.)
    await waitFor(() => shownTexts(a).some((t) => t.startsWith("I'm not sure about that")), 'bot reply');
    await closeWidget(a);
    await waitFor(() => unread(a) === 0 && unread(b) === 0, 'nothing unread after tab A read the reply', 20000);

    // Tab B was never opened: it still hears about the visitor's chat and its new messages, and
    // both tabs count the same.
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'An agent is here.', fromUserName: app.agentId },
    });
    expect(res.status).to.equal(200);
    const n = 1;
    await waitFor(() => unread(a) === n && unread(b) === n, 'both tabs count the agent message', 20000).catch(
      async (error: Error) => {
        // What the tabs last stored, to tell a count from a conversation counted twice.
        const stored = (await createStore(app.appId).getConversations()).map(
          (c) => `${c.groupId}: ${c.unreadCount} unread, last ${c.lastMessage?.id ?? '-'}`,
        );
        throw new Error(`${error.message} (tab A: ${unread(a)}, tab B: ${unread(b)}; stored: ${stored.join('; ')})`);
      },
    );

    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Still there?', fromUserName: app.agentId },
    });
    await waitFor(() => unread(a) === n + 1 && unread(b) === n + 1, 'both tabs count the new message', 20000).catch(
      (error: Error) => {
        throw new Error(`${error.message} (was ${n}; tab A: ${unread(a)}, tab B: ${unread(b)})`);
      },
    );

    await openWidget(b);
    await waitFor(() => shownTexts(b).includes('Still there?'), 'tab B shows the messages');
    await waitFor(() => !/unread/.test(launcherLabel(a)), "tab A's badge clears when tab B reads", 20000);
    await closeWidget(b);
    expect(launcherLabel(b)).to.not.match(/unread/);
    expect(a.win().hostErrors).to.deep.equal([]);
    expect(b.win().hostErrors).to.deep.equal([]);
  });

  it('Parley.logout() in one tab signs every tab out; the next chat is a new visitor', async () => {
    const [a, b] = await twoTabs();
    await openWidget(a);
    const sent = nextSent(a);
    const before = `Before logout ${uid()}`;
    await sendText(a, before);
    const old = await sent;
    await openWidget(b);
    await waitFor(() => shownTexts(b).includes(before), 'tab B joined');

    const parley = (a.win() as unknown as { Parley: { logout(): Promise<void> } }).Parley;
    const { url } = await server();
    // What the visitor's browser holds (the host page shares this test page's origin and storage).
    const oldToken = (await createStore(app.appId).getSession())!.token;
    await parley.logout();
    // The session ends on the server too: its token opens nothing any more.
    await waitForAsync(
      async () =>
        (await fetch(`${url}/widget/v1/conversations`, { headers: { Authorization: `Bearer ${oldToken}` } })).status ===
        401,
      'the old token is refused',
    );
    await waitFor(() => !shownTexts(a).includes(before), 'tab A forgets the conversation');
    await waitFor(() => !shownTexts(b).includes(before), 'tab B forgets it too', 20000);

    await a.reload();
    await openWidget(a);
    const sentAfter = nextSent(a);
    await sendText(a, `A new visitor ${uid()}`);
    const fresh = await sentAfter;
    expect(fresh.fromUserName).to.not.equal(old.fromUserName);
    expect(fresh.groupId).to.not.equal(old.groupId);
    expect(shownTexts(a)).to.not.include(before);
    expect(a.win().hostErrors).to.deep.equal([]);
    expect(b.win().hostErrors).to.deep.equal([]);
  });
});
