/**
 * The product's page API for who a conversation goes to, end to end against the reference
 * server: `Parley.updateSettings({defaultAssignee, skipRouting, …})` shapes the visitor's first
 * conversation; `Parley.startConversation(params, callback)` starts one with a title, agents, a
 * team and the site's own id, and calls back with its groupId; bad values are reported in the
 * console and the rest still applies.
 */
import { expect } from '@open-wc/testing';
import type { Conversation } from '../../src/core/protocol.js';
import { consoleConversations, createApp, openHost, waitFor, type HostPage, type TestApp } from '../helpers/e2e.js';
import { nextSent, openWidget, pageApi, sendText, shownTexts } from '../helpers/widget-page.js';

interface PageApi {
  updateSettings(settings: Record<string, unknown>): void;
  startConversation(params: Record<string, unknown>, done?: (groupId: string) => void): Promise<string | undefined>;
}

type CapturingWindow = Window & { hostErrors: string[]; hostConsoleErrors: string[] };

const uid = () => Math.random().toString(36).slice(2, 10);

async function conversation(app: TestApp, groupId: string): Promise<Conversation> {
  const found = (await consoleConversations(app)).find((c) => c.groupId === groupId);
  if (!found) throw new Error(`conversation ${groupId} is not on the server`);
  return found;
}

const memberIds = (c: Conversation) => c.members.map((m) => m.userId).sort();

describe('page API: who a conversation goes to', function () {
  this.timeout(90000);
  let app: TestApp;
  const pages: HostPage[] = [];

  before(async () => {
    app = await createApp();
  });

  afterEach(() => {
    for (const p of pages.splice(0)) p.remove();
  });

  async function open(): Promise<HostPage> {
    const page = await openHost(app, { query: { captureConsole: '1' } });
    pages.push(page);
    return page;
  }

  it('updateSettings: the first conversation goes straight to the default assignee, with its title', async () => {
    const page = await open();
    const api = await pageApi<PageApi>(page);
    api.updateSettings({ defaultAssignee: app.agentId, skipRouting: true, conversationTitle: 'Billing question' });
    api.updateSettings({ metadata: { plan: 'pro' } });
    await openWidget(page);
    const sent = nextSent(page);
    await sendText(page, `Hello ${uid()}`);
    const message = await sent;

    const c = await conversation(app, message.groupId);
    expect(c.assignee).to.equal(app.agentId);
    expect(c.groupName).to.equal('Billing question');
    expect(c.metadata).to.include({ plan: 'pro' });
    expect(memberIds(c)).to.not.include(app.botId);
    expect((page.win() as CapturingWindow).hostConsoleErrors).to.deep.equal([]);
  });

  it('startConversation(params, callback): title, agents, team and the site’s own id; the same id, the same conversation', async () => {
    const page = await open();
    const api = await pageApi<PageApi>(page);
    const clientGroupId = `order-${uid()}`;
    const calls: string[] = [];
    const params = { conversationTitle: 'Order 42', agentIds: [app.agentId], teamId: 'sales', clientGroupId };
    const groupId = await api.startConversation({ ...params, skipRouting: true }, (id) => calls.push(id));
    expect(groupId).to.be.a('string');
    expect(calls).to.deep.equal([groupId]);

    const c = await conversation(app, groupId!);
    expect(c.groupName).to.equal('Order 42');
    expect(c.metadata).to.include({ teamId: 'sales' });
    expect(c.assignee).to.equal(undefined);
    expect(memberIds(c)).to.include(app.agentId);
    // The widget opened on it.
    await waitFor(() => page.find('parley-panel[open]'), 'the panel is open');

    const again = await api.startConversation({ clientGroupId }, (id) => calls.push(id));
    expect(again).to.equal(groupId);
    expect(calls).to.deep.equal([groupId, groupId]);
  });

  it('reports bad values in the console and starts the conversation with the rest', async () => {
    const page = await open();
    const api = await pageApi<PageApi>(page);
    const w = page.win() as CapturingWindow;
    const groupId = await api.startConversation({ conversationTitle: 'Still starts', skipRouting: 'yes' });
    expect(w.hostConsoleErrors.some((e) => e.includes('skipRouting'))).to.equal(true);
    expect((await conversation(app, groupId!)).groupName).to.equal('Still starts');

    // An assignee who is not on the team: the server refuses, the page hears why in the console,
    // nothing throws, and the panel stays on the conversation the visitor has.
    const calls: string[] = [];
    const refused = await api.startConversation({ assignee: `nobody-${uid()}` }, (id) => calls.push(id));
    expect(refused).to.equal(undefined);
    expect(calls).to.deep.equal([]);
    await waitFor(() => w.hostConsoleErrors.some((e) => e.includes('assignee')), 'the refusal in the console');
    expect(w.hostErrors).to.deep.equal([]);
    expect(shownTexts(page)).to.deep.equal([]);
  });
});
