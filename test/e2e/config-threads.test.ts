/**
 * The fetched widget configuration, enforced — conversations over time (issue 3):
 * - Single thread (`isSingleThreaded`): always the one conversation, no list, no "start new";
 *   once resolved, a Reopen offer instead.
 * - Multiple threads (default): the visitor's conversations listed by title, "Start a new
 *   conversation" from the list and from a resolved conversation.
 * - CSAT (`collectFeedback`, `csatRatingBase` 3 faces / 5 stars): asked after the agent resolves,
 *   stored on the conversation, shown as a rating card (also after a reload, without the form).
 * - History retention (`sessionTimeout`): a visitor who comes back after it starts fresh.
 * Settings go through the admin endpoint of the live reference server; conversations are resolved
 * by the agent through the Platform API.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { type } from '../helpers/ui.js';
import { typeAndSend } from '../helpers/widget-page.js';
import type { Conversation } from '../../src/core/protocol.js';
import { createStore } from '../../src/store/store.js';
import {
  consoleConversations,
  createApp,
  openConfiguredHost,
  openPanel,
  platform,
  rendered,
  server,
  resolveConversation,
  shownMessages,
  shownText,
  textOf,
  visitorGet,
  visitorSession,
  waitFor,
  waitForAsync,
  type ConfiguredHostPage,
  type TestApp,
  findRendered,
} from '../helpers/e2e.js';

const START_NEW = 'Start a new conversation';

function newUserId(): string {
  return `visitor-${Math.random().toString(36).slice(2, 10)}`;
}

/** The known visitor's conversations as the server has them (the visitor's REST API). */
async function conversationsOf(app: TestApp, userId: string): Promise<Conversation[]> {
  const session = await visitorSession(app, { userId });
  return visitorGet<Conversation[]>(session.token, '/widget/v1/conversations');
}

async function closePanel(page: ConfiguredHostPage): Promise<void> {
  page.find<HTMLButtonElement>('[part~="launcher"]')!.click();
  await waitFor(() => !page.find('parley-panel[open]'), 'panel closed');
}

function buttonNamed(page: ConfiguredHostPage, name: string): HTMLButtonElement | undefined {
  return page
    .findAll<HTMLButtonElement>('button')
    .find((b) => textOf(b) === name && b.getBoundingClientRect().height > 0);
}

describe('configuration: single and multiple threads', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('single thread: always the one conversation, no list or "start new"; resolved → Reopen', async () => {
    const app = await createApp({ chatWidget: { isSingleThreaded: true } });
    const userId = newUserId();
    page = await openConfiguredHost(app, { settings: { userId, userName: 'Sam Single' } });
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'Is the Ethiopia roast back in stock?');
    expect(p.find('parley-conversation-list'), 'no conversation list').to.equal(null);
    expect(shownText(p)).to.not.contain(START_NEW);

    const [conversation, ...others] = await conversationsOf(app, userId);
    expect(others, 'one conversation on the server').to.deep.equal([]);
    await resolveConversation(app, conversation!.groupId);
    const resolved = await waitFor(() => p.find('parley-resolved'), 'resolved banner');
    await waitFor(() => buttonNamed(p, 'Reopen'), 'Reopen button');
    expect(textOf(resolved)).to.not.contain(START_NEW);
    expect(shownText(p)).to.not.contain(START_NEW);

    // Opening again shows the same one conversation, never a list.
    await closePanel(p);
    await openPanel(p);
    await waitFor(() => shownMessages(p).includes('Is the Ethiopia roast back in stock?'), 'the one conversation');
    await rendered(p);
    expect(p.find('parley-conversation-list')).to.equal(null);
    expect(p.find('parley-resolved')).to.not.equal(null);
    expect(shownText(p)).to.not.contain(START_NEW);
  });

  it('multiple threads: opening with two conversations from elsewhere lists them by title', async () => {
    const app = await createApp();
    const userId = newUserId();
    for (const groupName of ['Order #1001 is late', 'Grinder warranty']) {
      const res = await platform(app, '/rest/ws/group/conversation', {
        body: { groupName, groupMemberList: [userId] },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    expect(await conversationsOf(app, userId)).to.have.length(2);

    page = await openConfiguredHost(app, { settings: { userId, userName: 'Mia Multi' } });
    const p = page;
    await openPanel(p);
    const list = await waitFor(() => findRendered(p, 'parley-conversation-list'), 'conversation list');
    await waitFor(
      () => textOf(list).includes('Order #1001 is late') && textOf(list).includes('Grinder warranty'),
      'both titles listed',
    );
    const start = list.shadowRoot?.querySelector<HTMLButtonElement>('[part~="start-button"]');
    expect(textOf(start)).to.equal(START_NEW);
  });

  it('multiple threads: a resolved conversation offers a new one; the list starts another', async () => {
    const app = await createApp();
    const userId = newUserId();
    page = await openConfiguredHost(app, { settings: { userId, userName: 'Mia Multi' } });
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'A question about decaf');
    const [first] = await conversationsOf(app, userId);
    await resolveConversation(app, first!.groupId);

    const resolved = await waitFor(() => p.find('parley-resolved'), 'resolved banner');
    const again = await waitFor(
      () => resolved.shadowRoot?.querySelector<HTMLButtonElement>('[part~="action-button"]'),
      'start-new offer',
    );
    expect(textOf(again)).to.equal(START_NEW);
    again.click();
    await waitForAsync(
      async () => (await conversationsOf(app, userId)).length === 2,
      'a second conversation on the server',
    );
    await waitFor(() => !p.find('parley-resolved'), 'the new conversation is open');
    await typeAndSend(p, 'And one about grinders');

    // Two conversations now: opening the chat again lists them.
    await closePanel(p);
    await openPanel(p);
    const list = await waitFor(() => findRendered(p, 'parley-conversation-list'), 'conversation list');
    await waitFor(
      () => list.shadowRoot!.querySelectorAll('[part~="conversation"]').length === 2,
      'two conversations listed',
    );
    const start = list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="start-button"]')!;
    expect(textOf(start)).to.equal(START_NEW);
    start.click();
    await waitFor(() => !p.find('parley-conversation-list'), 'the new conversation replaces the list');
    await waitForAsync(
      async () => (await conversationsOf(app, userId)).length === 3,
      'a third conversation on the server',
    );
  });
});

describe('configuration: CSAT', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  /** Chats, lets the agent resolve, and returns the conversation and the survey. */
  async function resolvedChat(app: TestApp, userId: string): Promise<{ groupId: string; csat: Element }> {
    page = await openConfiguredHost(app, { settings: { userId, userName: 'Cara Customer' } });
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'My order arrived, thanks!');
    const [conversation] = await conversationsOf(app, userId);
    await resolveConversation(app, conversation!.groupId);
    const csat = await waitFor(() => findRendered(p, 'parley-csat'), 'CSAT survey after the resolve');
    return { groupId: conversation!.groupId, csat };
  }

  function choose(csat: Element, value: number): void {
    csat.shadowRoot!.querySelector<HTMLLabelElement>(`label[for="csat-${value}"]`)!.click();
  }

  it('three faces: a rating and a comment are stored and shown as a card, also after a reload', async () => {
    const app = await createApp({ collectFeedback: true, chatWidget: { csatRatingBase: 3 } });
    const userId = newUserId();
    const { groupId, csat } = await resolvedChat(app, userId);
    const p = page!;
    await waitFor(() => csat.shadowRoot?.querySelectorAll('input[type="radio"]').length === 3, 'three faces');

    choose(csat, 10);
    csat.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!.focus();
    await type('Fast and friendly');
    csat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();

    await waitFor(() => p.find('parley-csat')?.shadowRoot?.querySelector('.rated'), 'rating card');
    const stored = await waitForAsync(async () => {
      const c = (await conversationsOf(app, userId)).find((x) => x.groupId === groupId);
      return c?.rating;
    }, 'rating stored');
    expect(stored.rating).to.equal(10);
    expect(stored.comment).to.equal('Fast and friendly');
    expect(textOf(p.find('parley-csat'))).to.contain('Fast and friendly');

    await p.reload();
    await openPanel(p);
    const card = await waitFor(
      () => p.find('parley-csat')?.shadowRoot?.querySelector('.rated'),
      'rating card after the reload',
    );
    expect(textOf(card)).to.contain('Fast and friendly');
    expect(p.find('parley-csat')!.shadowRoot!.querySelectorAll('input[type="radio"]')).to.have.length(0);
  });

  it('five stars: the chosen number of stars is stored', async () => {
    const app = await createApp({ collectFeedback: true, chatWidget: { csatRatingBase: 5 } });
    const userId = newUserId();
    const { groupId, csat } = await resolvedChat(app, userId);
    const p = page!;
    await waitFor(() => csat.shadowRoot?.querySelectorAll('input[type="radio"]').length === 5, 'five stars');

    choose(csat, 4);
    csat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await waitFor(() => p.find('parley-csat')?.shadowRoot?.querySelector('.rated'), 'rating card');
    const stored = await waitForAsync(
      async () => (await conversationsOf(app, userId)).find((x) => x.groupId === groupId)?.rating,
      'stored',
    );
    expect(stored.rating).to.equal(4);
  });

  it('asks nothing after a resolve when collectFeedback is off', async () => {
    const app = await createApp({ collectFeedback: false });
    const userId = newUserId();
    page = await openConfiguredHost(app, { settings: { userId } });
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'Just a quick question');
    const [conversation] = await conversationsOf(app, userId);
    await resolveConversation(app, conversation!.groupId);
    await waitFor(() => p.find('parley-resolved'), 'resolved banner');
    await rendered(p);
    expect(p.find('parley-csat')).to.equal(null);
  });
});

describe('configuration: history retention', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('a visitor who comes back after sessionTimeout starts fresh: no old messages, a new session', async () => {
    // 3 s of retention: long enough to chat, short enough to be away for.
    const app = await createApp({ chatWidget: { sessionTimeout: 3000 } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'Remember my order please');
    const visitors = async () =>
      new Set(
        (await consoleConversations(app)).flatMap((c) =>
          c.members.filter((m) => m.role === 'user').map((m) => m.userId),
        ),
      );
    expect((await visitors()).size).to.equal(1);

    // The visitor is away until the server has ended the session too: its token opens nothing.
    // Each look uses the token, and a use within the retention extends it — so look less often
    // than the retention: the first look after it has run out finds the session gone.
    const { url } = await server();
    const token = (await createStore(app.appId).getSession())!.token;
    await waitUntil(
      async () =>
        (await fetch(`${url}/widget/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } })).status ===
        401,
      'the session ends on the server after the retention',
      { interval: 3500, timeout: 20000 },
    );
    await p.reload();
    await openPanel(p);
    await waitForAsync(
      async () => (await visitors()).size === 2,
      'a new visitor session and conversation on the server',
    );
    await typeAndSend(p, 'Hello again');
    expect(shownMessages(p)).to.not.include('Remember my order please');
  });

  it('keeps the history over a reload when sessionTimeout is 0 (keep forever)', async () => {
    const app = await createApp({ chatWidget: { sessionTimeout: 0 } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'Remember my order please');
    await p.reload();
    await openPanel(p);
    await waitFor(() => shownMessages(p).includes('Remember my order please'), 'history kept');
  });
});
