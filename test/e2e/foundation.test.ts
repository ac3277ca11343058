/**
 * The foundation, end to end: a host page (this test runner's origin) installs the widget with
 * the script tag from the reference server (another origin); the visitor opens it and chats; the
 * server keeps the conversation; an agent answers through the Platform API; a reload brings the
 * whole history back.
 */
import { expect } from '@open-wc/testing';
import { press, type } from '../helpers/ui.js';
import {
  createApp,
  openHost,
  platform,
  server,
  signed,
  waitFor,
  type HostPage,
  type TestApp,
  widgetLauncher,
} from '../helpers/e2e.js';

/** The focused element, through open shadow roots. */
function deepActive(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** All text the visitor can see in the widget (every shadow root). */
function visibleText(page: HostPage): string {
  return page
    .findAll('*')
    .map((el) => (el.shadowRoot ? el.shadowRoot.textContent : ''))
    .join(' ');
}

function texts(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

async function openWidget(page: HostPage): Promise<void> {
  const launcher = await waitFor(() => widgetLauncher(page), 'launcher visible');
  launcher.click();
  await waitFor(() => page.find('parley-panel[open]'), 'panel open');
}

async function typeAndSend(page: HostPage, text: string): Promise<void> {
  const input = await waitFor(() => page.find<HTMLTextAreaElement>('parley-composer textarea, textarea'), 'composer');
  input.focus();
  await type(text);
  await press('Enter');
}

describe('foundation: script tag → widget → server → agent → reload', function () {
  this.timeout(60000);
  let app: TestApp;
  let page: HostPage;

  before(async () => {
    app = await createApp();
  });

  afterEach(() => page?.remove());

  it('a page view alone creates no session and opens no socket', async () => {
    page = await openHost(app);
    await waitFor(() => page.find('[part~="launcher"]'), 'launcher visible');
    const { url } = await server();
    const entries = page
      .win()
      .performance.getEntriesByType('resource')
      .map((e) => e.name);
    expect(entries.some((n) => n.startsWith(url) && n.includes('/widget/v1/session'))).to.equal(false);
    expect(entries.some((n) => n.startsWith(url) && n.includes('/socket.io'))).to.equal(false);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('chats with the server, receives an agent reply live, and keeps the history over a reload', async () => {
    const userId = `visitor-${Math.random().toString(36).slice(2)}`;
    page = await openHost(app, { settings: { userId, userName: 'Vera Visitor', email: 'vera@example.com' } });
    expect(new URL(page.frame.src).origin).to.not.equal(new URL((await server()).url).origin);
    await openWidget(page);

    await typeAndSend(page, 'Hello from the visitor');
    await waitFor(() => texts(page).includes('Hello from the visitor'), 'own message shown');
    // The message reaches "sent" once the server acknowledged it (or further already: the agent's
    // staff app is open, so it may say Delivered before a look catches Sent).
    await waitFor(() => /\b(Sent|Delivered|Read)\b/.test(visibleText(page)), 'delivery state "Sent" or beyond');

    // The server stored it: look through the REST API as that known visitor on another device.
    const { url } = await server();
    const session = await fetch(`${url}/widget/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(await signed(app, { appId: app.appId, userId })),
    })
      .then((r) => r.json())
      .then((body) => body.response as { token: string });
    const conversations = await fetch(`${url}/widget/v1/conversations`, {
      headers: { Authorization: `Bearer ${session.token}` },
    }).then((r) => r.json());
    const groupId = conversations.response[0].groupId as string;
    const history = await fetch(`${url}/widget/v1/conversations/${groupId}/messages`, {
      headers: { Authorization: `Bearer ${session.token}` },
    }).then((r) => r.json());
    expect(history.response.map((m: { message: string }) => m.message)).to.include('Hello from the visitor');

    // An agent answers with the Platform API's documented send-message request.
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Hi! Alex here, how can I help?', fromUserName: app.agentId },
    });
    expect(sent.status).to.equal(200);
    expect(sent.body.status).to.equal('success');
    await waitFor(() => texts(page).includes('Hi! Alex here, how can I help?'), 'agent reply appears live');

    // A reload renders the whole conversation again.
    const before = texts(page).filter((t) => t !== '');
    await page.reload();
    await openWidget(page);
    await waitFor(() => before.every((t) => texts(page).includes(t)), 'history back after reload');
    expect(texts(page).filter((t) => t === 'Hello from the visitor')).to.have.length(1);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('follows a Platform API user update live: the visitor sees their new name', async () => {
    // Its own app: this origin's storage already holds a known visitor of the shared one.
    const fresh = await createApp();
    page = await openHost(fresh);
    await openWidget(page);
    const sentEvent = new Promise<CustomEvent<{ message: { fromUserName: string } }>>((resolve) =>
      page.widget()!.addEventListener('parley-message-sent', (e) => resolve(e as CustomEvent), { once: true }),
    );
    await typeAndSend(page, 'My name is Dana');
    const userId = (await sentEvent).detail.message.fromUserName;
    const updated = await platform(fresh, '/rest/ws/user/update', {
      headers: { 'Of-User-Id': userId },
      body: { displayName: 'Dana Diver', email: 'dana@example.com' },
    });
    expect(updated.body.status).to.equal('success');
    await waitFor(
      () => page.find('[part~="identity"]')?.textContent?.includes('Dana Diver'),
      'new name shown without a reload',
    );
  });

  it('moves focus into the panel on open and back to the launcher on Escape', async () => {
    page = await openHost(app);
    const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
    launcher.focus();
    await press('Enter');
    const box = await waitFor(() => page.find<HTMLTextAreaElement>('textarea'), 'composer');
    await waitFor(() => deepActive(page.frame.contentDocument!) === box, 'focus in the composer');
    await press('Escape');
    await waitFor(() => !page.find('parley-panel[open]'), 'panel closed by Escape');
    await waitFor(() => deepActive(page.frame.contentDocument!) === launcher, 'focus back on the launcher');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows the unread badge on the closed launcher when an agent writes', async () => {
    // A conversation an integration created for a known visitor, without routing (no bot).
    const userId = `visitor-${Math.random().toString(36).slice(2)}`;
    const created = await platform(app, '/rest/ws/group/conversation', {
      body: {
        groupName: 'Order #1042',
        groupMemberList: [userId, app.agentId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
      },
    });
    const groupId = created.body.response.groupId as string;
    page = await openHost(app, { settings: { userId } });
    await openWidget(page);
    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Your order shipped.', fromUserName: app.agentId },
    });
    await waitFor(() => texts(page).includes('Your order shipped.'), 'message in the open conversation');

    page.find<HTMLButtonElement>('[part~="launcher"]')!.click();
    await waitFor(() => !page.find('parley-panel[open]'), 'panel closed');
    await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: 'Tracking number: 1Z999.', fromUserName: app.agentId },
    });
    const launcher = await waitFor(
      () =>
        page
          .find<HTMLButtonElement>('[part~="launcher"]')
          ?.getAttribute('aria-label')
          ?.match(/unread/) && page.find('[part~="launcher"]'),
      'unread badge',
    );
    expect(launcher!.getAttribute('aria-label')).to.match(/1 unread message/);

    // Opening the panel reads it.
    page.find<HTMLButtonElement>('[part~="launcher"]')!.click();
    await waitFor(
      () =>
        !page
          .find('[part~="launcher"]')
          ?.getAttribute('aria-label')
          ?.match(/unread/),
      'badge cleared',
    );
  });
});
