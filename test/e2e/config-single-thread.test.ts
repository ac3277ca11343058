/**
 * Single thread (`isSingleThreaded`) for a visitor who already has several conversations — made
 * through the Platform API, or from before the owner turned the setting on: the widget shows one
 * thread, the newest open conversation, and never offers a list, a way back to one, or a new
 * conversation, whatever the page asks (`openConversationList`, `launchConversation`,
 * `startConversation`); a conversation the page names (`openConversation`) shows as that thread.
 */
import { expect } from '@open-wc/testing';
import {
  consoleConversations,
  createApp,
  findRendered,
  openConfiguredHost,
  openPanel,
  patchSettings,
  platform,
  rendered,
  resolveConversation,
  shownMessages,
  shownText,
  textOf,
  waitFor,
  type ConfiguredHostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { agentSends, pageApi } from '../helpers/widget-page.js';

interface Api {
  launchConversation(): void;
  openConversationList(): void;
  startConversation(params?: Record<string, unknown>): Promise<string | undefined>;
  openConversation(groupId: string): Promise<void>;
}

const uid = () => Math.random().toString(36).slice(2, 10);

async function conversationWith(app: TestApp, userId: string, groupName: string, text: string): Promise<string> {
  const { status, body } = await platform(app, '/rest/ws/group/conversation', {
    body: { groupName, groupMemberList: [userId] },
  });
  expect(status, JSON.stringify(body)).to.equal(200);
  const groupId = body.response.groupId as string;
  await agentSends(app, groupId, text);
  return groupId;
}

const shows = (page: ConfiguredHostPage, text: string) =>
  waitFor(() => shownMessages(page).includes(text), `"${text}" shown`, 20000);

/** One thread and nothing that leads to another. */
async function expectOneThread(page: ConfiguredHostPage): Promise<void> {
  await rendered(page);
  expect(page.find('parley-conversation-list'), 'no conversation list').to.equal(null);
  expect(page.find('parley-header-actions[show-back]'), 'no way back to a list').to.equal(null);
  expect(shownText(page)).to.not.contain('Start a new conversation');
}

describe('configuration: single thread with several conversations', function () {
  this.timeout(90000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('made through the Platform API: the newest open one, never a list or a new one', async () => {
    const app = await createApp({ chatWidget: { isSingleThreaded: true } });
    const userId = `visitor-${uid()}`;
    const older = await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    const newestOpen = await conversationWith(app, userId, 'Grinder warranty', 'About your grinder');
    // The newest of all, but resolved.
    await resolveConversation(app, await conversationWith(app, userId, 'Old refund', 'Refund done'));

    page = await openConfiguredHost(app, { settings: { userId } });
    const p = page;
    const api = await pageApi<Api>(p);
    await openPanel(p);
    await shows(p, 'About your grinder');
    expect(shownMessages(p)).to.not.include('Your order #1001 shipped');
    await expectOneThread(p);

    // What the page asks changes nothing of that.
    api.openConversationList();
    api.launchConversation();
    expect(await api.startConversation({ conversationTitle: 'Another one' })).to.equal(newestOpen);
    await shows(p, 'About your grinder');
    await expectOneThread(p);
    expect(await consoleConversations(app), 'no new conversation on the server').to.have.length(3);

    // A site that names one gets it, still as the one thread.
    await api.openConversation(older);
    await shows(p, 'Your order #1001 shipped');
    await expectOneThread(p);
  });

  it('from before the owner turned it on: the newest open one, not the one the visitor last looked at', async () => {
    const app = await createApp();
    const userId = `visitor-${uid()}`;
    await conversationWith(app, userId, 'Order #1001', 'Your order #1001 shipped');
    await conversationWith(app, userId, 'Grinder warranty', 'About your grinder');

    page = await openConfiguredHost(app, { settings: { userId } });
    const p = page;
    await openPanel(p);
    const list = await waitFor(() => findRendered(p, 'parley-conversation-list'), 'the list (several threads)');
    const older = await waitFor(
      () =>
        [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="conversation"]')].find((c) =>
          textOf(c).includes('Order #1001'),
        ),
      'the older conversation listed',
    );
    older.click();
    await shows(p, 'Your order #1001 shipped');

    // The owner turns single thread on; the open widget follows at once (no way back to the list).
    await patchSettings(app, { chatWidget: { isSingleThreaded: true } });
    await waitFor(() => !p.find('parley-header-actions[show-back]'), 'no way back to the list');

    await p.reload();
    await openPanel(p);
    await shows(p, 'About your grinder');
    expect(shownMessages(p)).to.not.include('Your order #1001 shipped');
    await expectOneThread(p);
  });
});
