/**
 * "Away" in the staff app, end to end against the live reference server: the agent (the app's
 * only one) presses it by keyboard and the visitor's widget swaps the welcome message for the away
 * message, live; the agent's other tab follows; a reload keeps it; pressing it again brings the
 * welcome back. A refused change shows its error and leaves the button as it was; a teammate
 * deactivated while signed in is sent back to sign-in.
 */
import { expect } from '@open-wc/testing';
import { addSam, closeConsoles, SAM, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
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
const AWAY_BUTTON = 'parley-dashboard header button[aria-pressed]';

function notice(page: ConfiguredHostPage, text: string, tone?: string): Element | undefined {
  return page
    .findAll('parley-notice')
    .find((n) => textOf(n).includes(text) && (!tone || n.getAttribute('tone') === tone));
}

const pressed = (value: 'true' | 'false') =>
  shows('parley-dashboard', `header button[aria-pressed="${value}"]`, 'Away');

describe('staff app: Away', function () {
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
    const agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
    const [button] = await agent.query(AWAY_BUTTON);
    expect(button?.attributes['type']).to.equal('button');
    expect(button?.attributes['aria-pressed']).to.equal('false');
    const otherTab: ConsolePage = await openDashboard(url, '/dashboard/', { signedIn: true });
    await otherTab.waitFor(pressed('false'), 'the other tab is signed in too (the same browser)');

    const visitor = await openConfiguredHost(app);
    frames.push(visitor);
    await openPanel(visitor);
    await waitFor(() => notice(visitor, WELCOME), 'the welcome while the agent is available');

    // By keyboard: Shift+Tab from "Sign out" reaches the button (nothing focusable between), Space presses it.
    await agent.focus('parley-dashboard header .sign-out');
    await agent.press('Shift+Tab');
    const [focused] = await agent.query(AWAY_BUTTON);
    expect(focused?.focused).to.equal(true);
    expect(focused?.focusVisible).to.equal(true);
    await agent.press('Space');
    await agent.waitFor(pressed('true'), 'the button shows Away');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'Away — no new conversations'), 'the status line');
    await waitFor(() => notice(visitor, AWAY, 'away'), 'the away message in the widget, live');
    await waitFor(() => !notice(visitor, WELCOME), 'the welcome is gone');
    await otherTab.waitFor(pressed('true'), 'the other tab follows (agent:status)');

    await agent.reload();
    await agent.waitFor(pressed('true'), 'still away after a reload');

    await agent.click(AWAY_BUTTON);
    await agent.waitFor(pressed('false'), 'available again');
    await waitFor(() => notice(visitor, WELCOME), 'the welcome is back');
    await otherTab.waitFor(pressed('false'), 'the other tab follows back');
    expect(await agent.text('parley-dashboard header [role="alert"]')).to.equal('');
  });

  it('a teammate deactivated while signed in is sent back to sign-in: the session ended', async () => {
    const app = await createApp();
    expect(await addSam(app)).to.equal(200);
    const agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, SAM.email, SAM.password);
    const deactivated = await fetch(`${url}/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(SAM.email)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
      body: JSON.stringify({ deactivated: true }),
    });
    expect(deactivated.status).to.equal(200);
    await agent.waitFor(
      shows('pd-sign-in', '[role="alert"]', 'Your session has ended. Please sign in again.'),
      'back at sign-in, saying why',
    );
  });

  it('shows a refused change in the error area and keeps the button as it was', async () => {
    useOwnServer('dashboard-away-down');
    ({ url } = await server());
    try {
      const app = await createApp();
      expect(await addSam(app)).to.equal(200);
      const agent = await openDashboard(url);
      await signInDashboard(agent, app.appId, SAM.email, SAM.password);
      // The server goes away while the agent works: the change cannot be made.
      await stopServer();
      await agent.click(AWAY_BUTTON);
      await agent.waitFor(
        shows('parley-dashboard', 'header [role="alert"]', 'The server cannot be reached.'),
        'the error is shown',
      );
      expect((await agent.query(AWAY_BUTTON))[0]?.attributes['aria-pressed']).to.equal('false');
    } finally {
      await startServer();
      useOwnServer('main');
      ({ url } = await server());
    }
  });
});
