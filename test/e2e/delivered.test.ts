/**
 * "Delivered" end to end (issue 22), against the live reference server: the visitor's message
 * says Delivered once the staff app has it (another conversation open), then Read once the agent
 * opens it; the agent's reply says Delivered in the staff app once the visitor's widget has it
 * (panel closed), then Seen once the visitor opens the panel. A message written while no staff app
 * was open says Delivered once a staff app loads the inbox that lists it.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { openHost, server, waitFor } from '../helpers/e2e.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';
import { closeWidget, openWidget, sendText, startChat } from '../helpers/widget-page.js';

/** What the widget says under the visitor's own message `text` (empty when it says nothing). */
function ownStatus(page: HostPage, text: string): string {
  const el = page
    .findAll('parley-message[self]')
    .find((m) => m.shadowRoot?.querySelector('parley-message-content')?.shadowRoot?.textContent?.includes(text));
  return el?.shadowRoot?.querySelector('.status')?.textContent?.trim() ?? '';
}

describe('delivered receipts: the widget and the staff app', function () {
  this.timeout(90000);
  let app: TestApp;
  let agent: ConsolePage;
  let visitor: HostPage;

  before(async () => {
    const { url } = await server();
    app = await appForAgents();
    agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
  });

  after(async () => {
    await closeConsoles();
    visitor?.remove();
  });

  it('the visitor’s message: Sent, Delivered once the staff app has it, Read once the agent opens it', async () => {
    visitor = await openHost(app, { settings: { userId: 'dora', userName: 'Dora Visitor' } });
    await startChat(visitor, 'Where is my parcel?');
    await waitFor(() => ownStatus(visitor, 'Where is my parcel?') === 'Delivered', 'the widget says Delivered', 20000);
    expect(visitor.find('parley-message[self]')?.getAttribute('delivery')).to.equal('delivered');
    await agent.click('parley-dashboard .sections a:has-text("Inbox")');
    await agent.click('pd-inbox li a:has-text("Dora Visitor")');
    await agent.waitFor(shows('pd-conversation', 'parley-message-content', 'Where is my parcel?'), 'the conversation');
    await waitFor(() => ownStatus(visitor, 'Where is my parcel?') === 'Read', 'the widget says Read', 20000);
  });

  it('the agent’s reply: Sent, Delivered once the visitor’s widget has it, Seen once the visitor reads it', async () => {
    await closeWidget(visitor);
    await agent.focus('pd-reply-box textarea[name="reply"]');
    await agent.type('It is on its way');
    await agent.press('Enter');
    await agent.waitFor(shows('pd-conversation', 'li.staff .delivery', 'Delivered'), 'the staff app says Delivered');
    // The panel is closed: nothing is read yet.
    expect(await agent.text('pd-conversation li.staff .delivery')).to.not.contain('Seen');
    await openWidget(visitor);
    await agent.waitFor(shows('pd-conversation', 'li.staff .delivery', 'Seen'), 'the staff app says Seen');
  });

  it('a message written while no staff app is open says Delivered once one loads its inbox', async () => {
    await closeConsoles();
    await sendText(visitor, 'One more thing');
    await waitFor(() => ownStatus(visitor, 'One more thing') === 'Sent', 'the widget says Sent');
    const { url } = await server();
    agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
    await agent.click('parley-dashboard .sections a:has-text("Inbox")');
    await agent.waitFor(shows('pd-inbox', 'li', 'Dora Visitor'), 'the inbox lists the conversation');
    await waitFor(() => ownStatus(visitor, 'One more thing') === 'Delivered', 'the widget says Delivered', 20000);
  });
});
