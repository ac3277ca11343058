/**
 * The page API through `window.Parley`, method by method, as a site calls it, end to end against
 * the reference server: what the visitor sees after each call (the panel, the conversation list,
 * a conversation's messages, the launcher), what the server holds (the Platform API's user
 * detail), and what the page's subscribers hear. Calls made before the widget has loaded are
 * queued by the loader (the fixture's `early` option) and replayed once, in order.
 */
import { expect } from '@open-wc/testing';
import {
  consoleConversations,
  createApp,
  findRendered,
  openConfiguredHost,
  platform,
  shownMessages,
  textOf,
  userDetail,
  waitFor,
  waitForAsync,
  widgetLauncher,
  type ConfiguredHostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { agentSends, openWidget, pageApi, sendText } from '../helpers/widget-page.js';

type Handler = (data?: unknown) => void;

interface Api {
  open(): void;
  close(): void;
  toggle(): void;
  launchConversation(): void;
  openConversation(groupId: string): Promise<void>;
  openConversationList(): void;
  updateUser(details: Record<string, unknown>): Promise<void>;
  displayKommunicateWidget(show: boolean): void;
  subscribeToEvents(handlers: Record<string, Handler>): () => void;
  on(name: string, handler: Handler): () => void;
}

type EarlyWindow = Window & { hostQueued?: boolean; hostEvents?: string[] };

const uid = () => Math.random().toString(36).slice(2, 10);

/** A conversation of the visitor `userId` made through the Platform API, with an agent's message. */
async function conversationWith(app: TestApp, userId: string, groupName: string, text: string): Promise<string> {
  const { status, body } = await platform(app, '/rest/ws/group/conversation', {
    body: { groupName, groupMemberList: [userId] },
  });
  expect(status, JSON.stringify(body)).to.equal(200);
  const groupId = body.response.groupId as string;
  await agentSends(app, groupId, text);
  return groupId;
}

const panelOpen = (page: ConfiguredHostPage) => Boolean(page.find('parley-panel[open]'));
const list = (page: ConfiguredHostPage) => findRendered(page, 'parley-conversation-list');
const shows = (page: ConfiguredHostPage, text: string) =>
  waitFor(() => shownMessages(page).includes(text), `"${text}" shown`, 20000);

describe('page API through window.Parley', function () {
  this.timeout(90000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  async function host(app: TestApp, settings: Record<string, unknown> = {}): Promise<ConfiguredHostPage> {
    page = await openConfiguredHost(app, { settings });
    return page;
  }

  it('open, close and toggle show and hide the panel; subscribers hear each until they unsubscribe', async () => {
    const p = await host(await createApp());
    const api = await pageApi<Api>(p);
    const heard: string[] = [];
    const off = api.subscribeToEvents({
      onChatWidgetOpen: () => heard.push('open'),
      onChatWidgetClose: () => heard.push('close'),
    });
    const offOn = api.on('onChatWidgetOpen', () => heard.push('on: open'));

    api.open();
    await waitFor(() => panelOpen(p), 'the panel opens');
    api.close();
    await waitFor(() => !panelOpen(p), 'the panel closes');
    api.toggle();
    await waitFor(() => panelOpen(p), 'toggle opens it');
    api.toggle();
    await waitFor(() => !panelOpen(p), 'toggle closes it');
    expect(heard).to.deep.equal(['open', 'on: open', 'close', 'open', 'on: open', 'close']);

    off();
    offOn();
    api.open();
    await waitFor(() => panelOpen(p), 'the panel opens again');
    expect(heard).to.have.length(6);
    expect(p.consoleErrors()).to.deep.equal([]);
  });

  it('subscribeToEvents: the page hears the visitor’s message sent and the agent’s received', async () => {
    const app = await createApp();
    const p = await host(app);
    const api = await pageApi<Api>(p);
    const heard: string[] = [];
    const text = (d: unknown) => (d as { message: { message: string } }).message.message;
    api.subscribeToEvents({
      onMessageSent: (d) => heard.push(`sent: ${text(d)}`),
      onMessageReceived: (d) => heard.push(`received: ${text(d)}`),
    });
    await openWidget(p);
    await sendText(p, 'Where is my order?');
    await waitFor(() => heard.includes('sent: Where is my order?'), 'onMessageSent');
    const [conversation] = await consoleConversations(app);
    await agentSends(app, conversation!.groupId, 'On its way!');
    await shows(p, 'On its way!');
    await waitFor(() => heard.includes('received: On its way!'), 'onMessageReceived');
    expect(heard[0]).to.equal('sent: Where is my order?');
    expect(heard.filter((h) => h.startsWith('sent'))).to.have.length(1);
  });

  it('onRichMessageButtonClick: a reply button with its message and metadata, a link button with its label and URL', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    const groupId = await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    const p = await host(app, { userId });
    const api = await pageApi<Api>(p);
    const clicks: unknown[] = [];
    api.subscribeToEvents({ onRichMessageButtonClick: (d) => clicks.push(d) });
    await openWidget(p);
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: {
        groupId,
        message: 'What next?',
        fromUserName: app.agentId,
        metadata: {
          templateId: '11',
          payload: JSON.stringify([
            { name: 'Track it', action: { type: 'link', url: 'https://shop.example/track/1001' } },
            {
              name: 'Talk to us',
              action: { type: 'quickReply', message: 'I want to talk', replyMetadata: { k: 'v' } },
            },
          ]),
        },
      },
    });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(200);
    const buttonNamed = (name: string) =>
      p.findAll<HTMLElement>('.btn').find((b) => textOf(b).startsWith(name) && b.getBoundingClientRect().height > 0);
    const track = await waitFor(() => buttonNamed('Track it'), 'the link button', 20000);
    // The test stays on its page: the host stops the navigation (the widget's handlers still run).
    p.win().addEventListener('click', (e) => e.preventDefault(), { capture: true, once: true });
    track.click();
    await waitFor(() => clicks.length === 1, 'the link button heard');
    expect(clicks[0]).to.deep.equal({ message: 'Track it', url: 'https://shop.example/track/1001' });

    buttonNamed('Talk to us')!.click();
    await waitFor(() => clicks.length === 2, 'the reply button heard');
    expect(clicks[1]).to.deep.equal({ message: 'I want to talk', metadata: { k: 'v' } });
    // The reply is sent (once); the link sent nothing.
    await shows(p, 'I want to talk');
    expect(shownMessages(p)).to.not.include('Track it');
  });

  it('launchConversation: none → a new one, one → that one, several → the list', async () => {
    // None: a conversation is made on the server and shown.
    const app = await createApp();
    let p = await host(app);
    let api = await pageApi<Api>(p);
    api.launchConversation();
    await waitFor(() => panelOpen(p), 'the panel opens');
    await waitForAsync(async () => (await consoleConversations(app)).length === 1, 'a conversation on the server');
    await sendText(p, 'Hello there');
    await shows(p, 'Hello there');
    expect(list(p)).to.equal(null);
    p.remove();

    // One: that conversation, with its messages.
    const userId = `visitor-${uid()}`;
    await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    p = await host(app, { userId });
    api = await pageApi<Api>(p);
    api.launchConversation();
    await shows(p, 'Your order #1001 shipped');
    expect(list(p)).to.equal(null);
    p.remove();

    // Several (a visitor new on this device): the list of them.
    const other = `visitor-${uid()}`;
    await conversationWith(app, other, 'Order #1001', 'Your order #1001 shipped');
    await conversationWith(app, other, 'Grinder warranty', 'About your grinder');
    p = await host(app, { userId: other });
    api = await pageApi<Api>(p);
    api.launchConversation();
    const shown = await waitFor(() => list(p), 'the conversation list');
    await waitFor(() => /Order #1001/.test(textOf(shown)) && /Grinder warranty/.test(textOf(shown)), 'both listed');
  });

  it('openConversation(groupId) shows that conversation, also before the widget knows it; openConversationList lists all', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    const older = await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    await conversationWith(app, userId, 'Grinder warranty', 'About your grinder');
    const p = await host(app, { userId });
    const api = await pageApi<Api>(p);

    // A new device: the widget learns the visitor's conversations only now.
    await api.openConversation(older);
    await shows(p, 'Your order #1001 shipped');
    expect(list(p), 'the named conversation, not the list').to.equal(null);
    expect(shownMessages(p)).to.not.include('About your grinder');

    api.openConversationList();
    const shown = await waitFor(() => list(p), 'the conversation list');
    await waitFor(() => /Order #1001/.test(textOf(shown)) && /Grinder warranty/.test(textOf(shown)), 'both listed');

    // One made elsewhere since: opened too.
    const newest = await conversationWith(app, userId, 'Refund', 'Your refund is on its way');
    await api.openConversation(newest);
    await shows(p, 'Your refund is on its way');
    expect(list(p)).to.equal(null);
  });

  it('updateUser: the visitor’s name, e-mail and metadata reach the server', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    const p = await host(app, { userId, userName: 'Old Name' });
    const api = await pageApi<Api>(p);
    await api.updateUser({ displayName: 'Ada Lovelace', email: 'ada@example.com', metadata: { plan: 'pro' } });
    const detail = await waitForAsync(async () => {
      const d = await userDetail(app, userId);
      return d?.['userName'] === 'Ada Lovelace' ? d : undefined;
    }, 'the new name in the user detail');
    expect(detail['email']).to.equal('ada@example.com');
    expect(p.consoleErrors()).to.deep.equal([]);
  });

  it('displayKommunicateWidget(false) hides the whole widget, (true) shows it again', async () => {
    const p = await host(await createApp());
    const api = await pageApi<Api>(p);
    await waitFor(() => widgetLauncher(p), 'the launcher');
    api.open();
    await waitFor(() => panelOpen(p), 'the panel opens');
    api.displayKommunicateWidget(false);
    await waitFor(() => !widgetLauncher(p) && !p.find('parley-panel'), 'launcher and panel gone');
    expect(p.widget()!.getBoundingClientRect().width * p.widget()!.getBoundingClientRect().height).to.equal(0);
    api.displayKommunicateWidget(true);
    await waitFor(() => widgetLauncher(p), 'the launcher is back');
    await waitFor(() => panelOpen(p), 'and the panel the visitor had open');
  });

  it('calls made before the widget loaded are replayed once, in order', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    const early = [
      ['subscribeToEvents', ['onChatWidgetOpen', 'onChatWidgetClose']],
      ['updateUser', { displayName: 'Early Bird' }],
      ['open'],
      ['close'],
      ['launchConversation'],
    ];
    page = await openConfiguredHost(app, { settings: { userId }, query: { early: JSON.stringify(early) } });
    const p = page;
    const w = p.win() as EarlyWindow;
    expect(w.hostQueued, 'the calls went into the loader’s queue').to.equal(true);
    await pageApi<Api>(p);
    await waitFor(() => panelOpen(p), 'the panel is open (the last call)', 20000);
    await waitForAsync(async () => (await userDetail(app, userId))?.['userName'] === 'Early Bird', 'the name');
    await waitForAsync(async () => (await consoleConversations(app)).length === 1, 'one conversation');
    await waitFor(() => p.find('textarea[part~="input"]'), 'the conversation’s composer');
    expect(w.hostEvents).to.deep.equal(['onChatWidgetOpen', 'onChatWidgetClose', 'onChatWidgetOpen']);
    expect(await consoleConversations(app)).to.have.length(1);
  });

  it('a queued displayKommunicateWidget(false) keeps the launcher away until the page shows it', async () => {
    const app = await createApp();
    page = await openConfiguredHost(app, {
      query: { early: JSON.stringify([['displayKommunicateWidget', false], ['open']]) },
    });
    const p = page;
    const api = await pageApi<Api>(p);
    await waitFor(() => p.widget()?.getAttribute('state') === 'hidden', 'the widget stays hidden');
    expect(widgetLauncher(p)).to.equal(null);
    expect(p.find('[part~="launcher"]')).to.equal(null);
    api.displayKommunicateWidget(true);
    await waitFor(() => widgetLauncher(p), 'the launcher shows');
    await waitFor(() => panelOpen(p), 'with the panel the page opened');
  });

  it('a queued openConversationList shows the list; a queued openConversation that conversation', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    const older = await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    await conversationWith(app, userId, 'Grinder warranty', 'About your grinder');
    page = await openConfiguredHost(app, {
      settings: { userId },
      query: { early: JSON.stringify([['openConversationList']]) },
    });
    let p = page;
    const shown = await waitFor(() => list(p), 'the conversation list', 20000);
    await waitFor(() => /Order #1001/.test(textOf(shown)) && /Grinder warranty/.test(textOf(shown)), 'both listed');
    p.remove();

    page = await openConfiguredHost(app, {
      settings: { userId },
      query: { early: JSON.stringify([['openConversation', older]]) },
    });
    p = page;
    await shows(p, 'Your order #1001 shipped');
    expect(list(p)).to.equal(null);
  });
});
