/**
 * A bot behind a URL, end to end in the widget: the app's bot is backed by a local HTTP bot
 * (test/plugins/bot-endpoint.mjs) on a reference server of this file's own that allows loopback
 * bot URLs. The visitor writes, sees "Parley Bot is typing…" for the bot delay, then the URL bot's
 * answer with suggested replies, clicks one and gets the next answer; asking for a human brings the
 * hand-off notice; a bot that does not answer within its time-out hands off too.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  agentToken,
  consoleConversations,
  createApp,
  openConfiguredHost,
  openPanel,
  platform,
  server,
  shownMessages,
  shownText,
  useServer,
  waitFor,
  waitForAsync,
  type ConfiguredHostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { typeAndSend } from '../helpers/widget-page.js';
import { ownServer } from '../server/support.js';

const suggestions = (...titles: Array<[string, string]>) => ({
  contentType: '300',
  templateId: '6',
  payload: JSON.stringify(titles.map(([title, message]) => ({ title, message }))),
});

const ANSWERS = {
  hello: {
    json: {
      messages: [
        { message: 'Hi, I am the order bot.' },
        {
          message: 'What do you need?',
          metadata: suggestions(['Track my order', 'Where is my order?'], ['Talk to a human', 'A human, please']),
        },
      ],
    },
  },
  'Where is my order?': {
    json: {
      messages: [
        {
          message: 'Your order ships tomorrow. Anything else?',
          metadata: suggestions(['Talk to a human', 'A human, please']),
        },
      ],
    },
  },
  'A human, please': { json: { messages: [{ message: 'Connecting you to a person.' }], handoff: true } },
  'are you there?': { hang: true },
};

const button = (page: ConfiguredHostPage, title: string) =>
  page.findAll<HTMLButtonElement>('button').filter((b) => b.textContent?.trim() === title && !b.disabled)[0];

/** The visitor's conversation as the admin's console lists it, and who wrote in it (the server's record). */
async function conversation(app: TestApp): Promise<{ assignee: string | null; senders: string[] }> {
  const [c] = await consoleConversations(app);
  if (!c) return { assignee: null, senders: [] };
  const { url } = await server();
  const messages = await fetch(`${url}/agent/v1/conversations/${c.groupId}/messages`, {
    headers: { Authorization: `Bearer ${await agentToken(app)}` },
  }).then((r) => r.json());
  return {
    assignee: c.assignee ?? null,
    senders: (messages.response as Array<{ fromUserName: string }>).map((m) => m.fromUserName),
  };
}

describe('a bot behind a URL, in the widget', function () {
  this.timeout(90000);
  let bot: { id: string; port: number };
  let page: ConfiguredHostPage | undefined;

  before(async () => {
    useServer(await ownServer('bot-webhook-e2e', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' }));
    bot = (await executeServerCommand('bot-endpoint', { answers: ANSWERS })) as { id: string; port: number };
  });
  afterEach(() => page?.remove());
  after(() => executeServerCommand('bot-endpoint-close', { id: bot.id }));

  async function appWithUrlBot(timeoutMs = 10000): Promise<TestApp> {
    const app = await createApp({ chatWidget: { botMessageDelayInterval: 1200 } });
    const res = await platform(app, `/admin/v1/apps/${app.appId}/bots/${app.botId}/webhook`, {
      method: 'PUT',
      body: { url: `http://127.0.0.1:${bot.port}/bot`, timeoutMs },
    });
    expect(res.status).to.equal(200);
    return app;
  }

  it('answers with suggested replies the visitor clicks, then hands off to a person when asked', async () => {
    const app = await appWithUrlBot();
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'hello');
    await waitFor(() => shownText(p).includes('Parley Bot is typing…'), '"Parley Bot is typing…"');
    expect(
      shownMessages(p).some((t) => t.includes('order bot')),
      'no answer while it types',
    ).to.equal(false);
    await waitFor(() => shownMessages(p).some((t) => t.includes('Hi, I am the order bot.')), 'the answer');
    (await waitFor(() => button(p, 'Track my order'), 'the suggested reply')).click();
    await waitFor(() => shownMessages(p).includes('Where is my order?'), "the visitor's choice shown");
    await waitFor(() => shownMessages(p).some((t) => t.includes('Your order ships tomorrow.')), 'the next answer');

    (await waitFor(() => button(p, 'Talk to a human'), 'the human option')).click();
    await waitFor(() => shownMessages(p).some((t) => t.includes('Connecting you to a person.')), 'the last answer');
    await waitFor(() => shownText(p).includes('Assigned to Alex Agent'), 'the hand-off notice');
    expect((await conversation(app)).assignee).to.equal(app.agentId);
    expect(p.consoleErrors()).to.deep.equal([]);
  });

  it('hands off to a person when the bot does not answer within its time-out', async () => {
    const app = await appWithUrlBot(1000);
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await typeAndSend(p, 'are you there?');
    await waitFor(() => shownText(p).includes('Assigned to Alex Agent'), 'the hand-off notice', 20000);
    const stored = await waitForAsync(async () => {
      const c = await conversation(app);
      return c.assignee === app.agentId ? c : undefined;
    }, 'assigned to the agent');
    expect(stored.senders, 'nothing from the bot').not.to.include(app.botId);
  });
});
