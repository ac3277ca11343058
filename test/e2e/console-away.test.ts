/**
 * The agent console's "Away" button, end to end against the live reference server: the agent
 * (the app's only one) presses it — by keyboard — and the visitor's widget swaps the welcome
 * message for the away message, live; the agent's other console tab follows; pressing it again
 * brings the welcome back. A refused change shows its error and leaves the button as it was.
 */
import { expect } from '@open-wc/testing';
import {
  addSam,
  closeConsoles,
  openConsole,
  SAM,
  signInAs,
  type ConsolePage,
  type ShownElement,
} from '../helpers/console-page.js';
import {
  createApp,
  openConfiguredHost,
  openPanel,
  server,
  startServer,
  stopServer,
  textOf,
  useOwnServer,
  waitFor,
  type ConfiguredHostPage,
} from '../helpers/e2e.js';

const WELCOME = 'Hello from the Harbour team!';
const AWAY = 'Nobody is at the desk right now — we will write back.';

function notice(page: ConfiguredHostPage, text: string, tone?: string): Element | undefined {
  return page
    .findAll('parley-notice')
    .find((n) => textOf(n).includes(text) && (!tone || n.getAttribute('tone') === tone));
}

/** The Away button as the agent sees it. */
async function awayButton(page: ConsolePage): Promise<ShownElement> {
  const [button] = await page.query('#away');
  if (!button) throw new Error('no Away button');
  return button;
}

const pressed = (value: 'true' | 'false') =>
  `document.querySelector('#away').getAttribute('aria-pressed') === '${value}'`;

describe('agent console: Away', function () {
  this.timeout(90000);
  let url: string;
  const frames: Array<{ remove(): void }> = [];

  before(async () => {
    ({ url } = await server());
  });

  afterEach(async () => {
    for (const f of frames.splice(0)) f.remove();
    await closeConsoles();
  });

  it('pressing Away shows visitors the away message; pressing it again brings the welcome back', async () => {
    const app = await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
    });
    const agent = await openConsole({ appId: app.appId });
    await signInAs(agent, app.agentId, app.agentPassword);
    const button = await awayButton(agent);
    expect(button.attributes['type']).to.equal('button');
    expect(button.attributes['aria-pressed']).to.equal('false');
    expect(button.text).to.equal('Away');
    expect(await agent.text('#my-status')).to.equal('Available');

    // The same agent in a second console tab.
    const otherTab = await openConsole({ appId: app.appId });
    await signInAs(otherTab, app.agentId, app.agentPassword);

    const visitor = await openConfiguredHost(app);
    frames.push(visitor);
    await openPanel(visitor);
    await waitFor(() => notice(visitor, WELCOME), 'the welcome while the agent is available');

    // By keyboard: Shift+Tab from "Sign out" reaches the button (nothing focusable between), Space presses it.
    await agent.focus('#logout');
    await agent.press('Shift+Tab');
    const focused = await awayButton(agent);
    expect(focused.focused).to.equal(true);
    expect(focused.focusVisible).to.equal(true);
    await agent.press('Space');
    await agent.waitFor(pressed('true'), 'the button shows Away');
    expect(await agent.text('#my-status')).to.equal('Away — no new conversations');
    await waitFor(() => notice(visitor, AWAY, 'away'), 'the away message in the widget, live');
    await waitFor(() => !notice(visitor, WELCOME), 'the welcome is gone');
    await otherTab.waitFor(pressed('true'), 'the other tab follows (agent:status)');

    // Reloading the console keeps the status (it is stored on the server).
    await agent.reload();
    await agent.waitForText('#connection', 'Online', 'the console is back online');
    await agent.waitFor(pressed('true'), 'still away after a reload');
    expect(notice(visitor, AWAY, 'away')).to.not.equal(undefined);

    await agent.click('#away');
    await agent.waitFor(pressed('false'), 'the button shows Available');
    expect(await agent.text('#my-status')).to.equal('Available');
    await waitFor(() => notice(visitor, WELCOME), 'the welcome is back');
    await waitFor(() => !notice(visitor, AWAY, 'away'), 'the away message is gone');
    await otherTab.waitFor(pressed('false'), 'the other tab follows back');
    expect(await agent.text('#status-error')).to.equal('');
  });

  it('a teammate deactivated while signed in is sent back to sign-in: the session ended', async () => {
    const app = await createApp();
    expect(await addSam(app)).to.equal(200);
    const agent = await openConsole({ appId: app.appId });
    await signInAs(agent, SAM.email, SAM.password);
    const deactivated = await fetch(`${url}/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(SAM.email)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
      body: JSON.stringify({ deactivated: true }),
    });
    expect(deactivated.status).to.equal(200);
    await agent.waitFor(
      "document.querySelector('#login-view:not([hidden])') !== null",
      'the console is back at sign-in',
    );
    expect(await agent.text('#login-error')).to.equal('Your session has ended. Please sign in again.');
  });

  it('shows a refused change in the error area and keeps the button as it was', async () => {
    useOwnServer('console-away-down');
    ({ url } = await server());
    try {
      const app = await createApp();
      expect(await addSam(app)).to.equal(200);
      const agent = await openConsole({ appId: app.appId });
      await signInAs(agent, SAM.email, SAM.password);
      // The server goes away while the agent works: the change cannot be made.
      await stopServer();
      await agent.click('#away');
      await agent.waitFor("document.querySelector('#status-error').textContent !== ''", 'the error is shown');
      expect(await agent.text('#status-error')).to.equal('The server could not be reached. Please try again.');
      expect((await agent.query('#status-error'))[0]?.attributes['role']).to.equal('alert');
      expect((await awayButton(agent)).attributes['aria-pressed']).to.equal('false');
      expect(await agent.text('#my-status')).to.equal('Available');
    } finally {
      await startServer();
      useOwnServer('main');
      ({ url } = await server());
    }
  });
});
