/**
 * The agent console's "Away" button, end to end against the live reference server: the agent
 * (the app's only one) presses it — by keyboard — and the visitor's widget swaps the welcome
 * message for the away message, live; the agent's other console tab follows; pressing it again
 * brings the welcome back. A refused change shows its error and leaves the button as it was.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addSam, openConsole, SAM, signInAs, type ConsolePage } from '../helpers/console-page.js';
import {
  createApp,
  openConfiguredHost,
  openPanel,
  server,
  textOf,
  waitFor,
  type ConfiguredHostPage,
  type TestApp,
} from '../helpers/e2e.js';

const WELCOME = 'Hello from the Harbour team!';
const AWAY = 'Nobody is at the desk right now — we will write back.';

function notice(page: ConfiguredHostPage, text: string, tone?: string): Element | undefined {
  return page
    .findAll('parley-notice')
    .find((n) => textOf(n).includes(text) && (!tone || n.getAttribute('tone') === tone));
}

function awayButton(page: ConsolePage): HTMLButtonElement {
  const button = page.$<HTMLButtonElement>('#away');
  if (!button) throw new Error('no Away button');
  return button;
}

describe('agent console: Away', function () {
  this.timeout(90000);
  let url: string;
  const frames: Array<{ remove(): void }> = [];

  before(async () => {
    ({ url } = await server());
  });

  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
    // The console keeps its session in sessionStorage, which its frames share with this page.
    sessionStorage.removeItem('parley-console');
  });

  it('pressing Away shows visitors the away message; pressing it again brings the welcome back', async () => {
    const app = (await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
    })) as TestApp & { agentPassword: string };
    const agent = await openConsole(url, app.appId);
    frames.push(agent.frame);
    await signInAs(agent, app.agentId, app.agentPassword);
    const button = awayButton(agent);
    expect(button.type).to.equal('button');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(button.textContent).to.equal('Away');
    expect(agent.text('#my-status')).to.equal('Available');

    // The same session in a second tab (sessionStorage is shared by same-origin frames of one page).
    const otherTab = await openConsole(url, app.appId);
    frames.push(otherTab.frame);
    await waitFor(() => otherTab.text('#connection') === 'Online', 'the other tab is online');

    const visitor = await openConfiguredHost(app);
    frames.push(visitor);
    await openPanel(visitor);
    await waitFor(() => notice(visitor, WELCOME), 'the welcome while the agent is available');

    // By keyboard: Shift+Tab from "Sign out" reaches the button (nothing focusable between), Space presses it.
    agent.$<HTMLButtonElement>('#logout')!.focus();
    await sendKeys({ press: 'Shift+Tab' });
    expect(agent.doc().activeElement).to.equal(button);
    expect(button.matches(':focus-visible')).to.equal(true);
    await sendKeys({ press: 'Space' });
    await waitFor(() => button.getAttribute('aria-pressed') === 'true', 'the button shows Away');
    expect(agent.text('#my-status')).to.equal('Away — no new conversations');
    await waitFor(() => notice(visitor, AWAY, 'away'), 'the away message in the widget, live');
    await waitFor(() => !notice(visitor, WELCOME), 'the welcome is gone');
    await waitFor(
      () => awayButton(otherTab).getAttribute('aria-pressed') === 'true',
      'the other tab follows (agent:status)',
    );

    // Reloading the console keeps the status (it is stored on the server).
    const reloaded = new Promise<void>((r) => agent.frame.addEventListener('load', () => r(), { once: true }));
    agent.frame.contentWindow!.location.reload();
    await reloaded;
    await waitFor(() => agent.text('#connection') === 'Online', 'the console is back online');
    await waitFor(() => awayButton(agent).getAttribute('aria-pressed') === 'true', 'still away after a reload');
    expect(notice(visitor, AWAY, 'away')).to.not.equal(undefined);

    awayButton(agent).click();
    await waitFor(() => awayButton(agent).getAttribute('aria-pressed') === 'false', 'the button shows Available');
    expect(agent.text('#my-status')).to.equal('Available');
    await waitFor(() => notice(visitor, WELCOME), 'the welcome is back');
    await waitFor(() => !notice(visitor, AWAY, 'away'), 'the away message is gone');
    await waitFor(() => awayButton(otherTab).getAttribute('aria-pressed') === 'false', 'the other tab follows back');
    expect(agent.text('#status-error')).to.equal('');
  });

  it('shows a refused change in the error area and keeps the button as it was', async () => {
    const app = (await createApp()) as TestApp & { agentPassword: string };
    const headers = { 'Content-Type': 'application/json', 'Api-Key': app.apiKey };
    const teammates = `${url}/admin/v1/apps/${app.appId}/teammates`;
    expect(await addSam(app)).to.equal(200);
    const agent = await openConsole(url, app.appId);
    frames.push(agent.frame);
    await signInAs(agent, SAM.email, SAM.password);
    // Sam is deactivated while signed in: the session no longer works for requests.
    const deactivated = await fetch(`${teammates}/${encodeURIComponent(SAM.email)}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ deactivated: true }),
    });
    expect(deactivated.status).to.equal(200);
    const button = awayButton(agent);
    button.click();
    await waitFor(() => agent.text('#status-error') !== '', 'the error is shown');
    expect(agent.text('#status-error')).to.equal('invalid session (PL-S-01)');
    expect(agent.$('#status-error')!.getAttribute('role')).to.equal('alert');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(agent.text('#my-status')).to.equal('Available');
  });
});
