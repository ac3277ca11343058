/**
 * The visitor's locale reaches the staff, end to end against the live reference server: the
 * widget's engine on this page (another origin than the server, as on a customer's site) is told
 * `de-at` and sends it with its session; the staff app's visitor details name the language
 * ("German (Austria)") and the Platform API's user detail answers `de-AT`. A change after the
 * session started is put on the visitor's record, and the staff app shows it with the visitor's
 * next message. The page the chat started on (no query) is a link in the visitor details.
 */
import { expect } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import { ChatController } from '../../src/controller/index.js';
import { createStore } from '../../src/store/store.js';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { server, userDetail, waitFor, waitForAsync, type TestApp } from '../helpers/e2e.js';

describe('the visitor locale: widget → server → staff app', function () {
  this.timeout(90000);
  let app: TestApp;
  let agent: ConsolePage;
  let chat: ChatController;

  before(async () => {
    const { url } = await server();
    app = await appForAgents();
    agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
    const install = parseInstallSettings({ appId: app.appId, server: url, userName: 'Greta Visitor' });
    if (!install.ok) throw new Error(install.error);
    chat = new ChatController({ install: install.value, store: createStore(app.appId, { useIdb: false }) });
  });

  after(async () => {
    chat?.destroy();
    await closeConsoles();
  });

  it('is sent with the session, named in the visitor details, and answered by the user detail', async () => {
    chat.setLocale('de-at');
    await chat.init();
    await chat.send('Guten Tag');
    // Sent, or further already (the agent's staff app is open: it may be delivered at once).
    const sent = ['sent', 'delivered', 'read'];
    await waitFor(() => chat.state.messages.some((m) => sent.includes(m.deliveryState)), 'the message is sent');
    expect(chat.state.session?.locale).to.equal('de-AT');

    await agent.click('parley-dashboard .sections a:has-text("Inbox")');
    await agent.click('pd-inbox li a:has-text("Greta Visitor")');
    await agent.waitFor(shows('pd-visitor-card', 'dd bdi', 'German (Austria)'), 'the visitor’s language');
    await agent.waitFor(shows('pd-visitor-card', 'dt', 'Language'), 'under its label');
    // The page the chat started on, without its query (the test runner's session id is there).
    const page = `${location.origin}${location.pathname}`;
    expect(location.search).not.to.equal('');
    await agent.waitFor(shows('pd-visitor-card', 'dd a', page), 'the page the chat started on');
    const [link] = await agent.query('parley-dashboard pd-visitor-card dd a');
    expect(link?.attributes['href']).to.equal(page);
    expect(link?.attributes['rel']).to.contain('noopener');

    const userId = chat.state.session!.userId;
    expect((await userDetail(app, userId))?.['locale']).to.equal('de-AT');
  });

  it('follows a change after the session started', async () => {
    const userId = chat.state.session!.userId;
    chat.setLocale('fr-CA');
    await waitForAsync(
      async () => (await userDetail(app, userId))?.['locale'] === 'fr-CA',
      'the user detail says fr-CA',
    );
    await chat.send('Bonjour');
    await agent.waitFor(
      shows('pd-visitor-card', 'dd bdi', 'French (Canada)'),
      'the new language, with the next message',
    );
  });
});
