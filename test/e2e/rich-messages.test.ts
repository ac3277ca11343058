/**
 * Rich messages end to end: the Platform API's documented template-6 example reaches the widget,
 * the visitor clicks "Yes", and the server holds the reply from the visitor.
 */
import { expect } from '@open-wc/testing';
import {
  createApp,
  openHost,
  platform,
  server,
  signed,
  waitFor,
  waitForAsync,
  type HostPage,
  type TestApp,
  widgetLauncher,
} from '../helpers/e2e.js';

interface StoredMessage {
  message: string;
  fromUserName: string;
  metadata: Record<string, string>;
}

async function visitorApi(app: TestApp, userId: string) {
  const { url } = await server();
  const session = await fetch(`${url}/widget/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(await signed(app, { appId: app.appId, userId })),
  }).then((r) => r.json());
  const auth = { Authorization: `Bearer ${session.response.token}` };
  return {
    conversations: async () =>
      (await fetch(`${url}/widget/v1/conversations`, { headers: auth }).then((r) => r.json())).response as Array<{
        groupId: string;
      }>,
    messages: async (groupId: string) =>
      (await fetch(`${url}/widget/v1/conversations/${groupId}/messages`, { headers: auth }).then((r) => r.json()))
        .response as StoredMessage[],
  };
}

describe('rich messages end to end', function () {
  this.timeout(60000);
  let page: HostPage;
  afterEach(() => page?.remove());

  it('template 6 from the Platform API: the visitor clicks "Yes" and the server holds the reply', async () => {
    const app = await createApp();
    const userId = `rich-${Math.random().toString(36).slice(2)}`;
    page = await openHost(app, { settings: { userId, userName: 'Rita' } });
    const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
    launcher.click();

    const api = await visitorApi(app, userId);
    const [conversation] = await waitForAsync(async () => {
      const list = await api.conversations();
      return list.length ? list : undefined;
    }, 'conversation created by opening the widget');
    const groupId = conversation!.groupId;

    // Exactly the documented request body.
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: {
        groupId,
        message: 'Do you want more updates?',
        fromUserName: app.agentId,
        metadata: {
          contentType: '300',
          templateId: '6',
          skipBot: true,
          payload:
            '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]',
        },
      },
    });
    expect(sent.body.status).to.equal('success');

    const yes = await waitFor(
      () => page.findAll<HTMLButtonElement>('button').find((b) => b.textContent?.trim() === 'Yes'),
      'suggested reply "Yes" shown',
    );
    expect(page.findAll<HTMLButtonElement>('button').some((b) => b.textContent?.trim() === 'No')).to.equal(true);
    yes.click();

    const reply = await waitForAsync(async () => {
      const messages = await api.messages(groupId);
      return messages.find((m) => m.message === 'Cool! send me more.');
    }, 'server holds the reply');
    expect(reply.fromUserName).to.equal(userId);
    // Used once: the buttons now show as answered.
    await waitFor(
      () => page.findAll<HTMLButtonElement>('button').find((b) => b.textContent?.trim() === 'Yes')?.disabled,
      'answered',
    );
    expect(page.win().hostErrors).to.deep.equal([]);
  });
});
