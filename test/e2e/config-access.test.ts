/**
 * The fetched widget configuration, enforced — who may see the widget at all (issue 3):
 * - "Disable your chat widget": nothing renders and no session or socket is asked for; a live
 *   admin change hides a widget that is showing, without a reload.
 * - "Domain restriction list": a page on an allowed host (localhost) shows the widget; a page on
 *   another host (127.0.0.1) shows nothing, says why once in the console, and the server refuses
 *   that origin too.
 * - The configuration cache: a reload renders from the cached configuration while the server is
 *   down; a malformed page-side override falls back to the defaults with one console error.
 * Every setting is changed through the admin endpoint of the live reference server.
 */
import { expect } from '@open-wc/testing';
import { press, type } from '../helpers/ui.js';
import {
  createApp,
  openConfiguredHost,
  openPanel,
  patchSettings,
  probeFetch,
  probeState,
  rendered,
  server,
  serverRequests,
  shownMessages,
  startServer,
  stopServer,
  useOwnServer,
  waitFor,
  waitForAsync,
  type ConfiguredHostPage,
  widgetLauncher,
} from '../helpers/e2e.js';
import { pageApi } from '../helpers/widget-page.js';

interface PageApi {
  startConversation?: () => Promise<void>;
}

const isSettings = (name: string) => name.includes('/users/v3/chat/plugin/settings');
const isSession = (name: string) => name.includes('/widget/v1/session');
const isSocket = (name: string) => name.includes('/socket.io');

async function typeAndSend(page: ConfiguredHostPage, text: string): Promise<void> {
  const input = await waitFor(() => page.find<HTMLTextAreaElement>('parley-composer textarea, textarea'), 'composer');
  input.focus();
  await type(text);
  await press('Enter');
}

// This file stops the server: it gets one of its own (others run against the shared one meanwhile).
useOwnServer('config-access');

describe('configuration: disabled widget', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('renders nothing and asks for no session or socket, even when the page API asks for a chat', async () => {
    const app = await createApp({ chatWidget: { disableChatWidget: true } });
    page = await openConfiguredHost(app);
    const p = page;
    await waitForAsync(async () => (await serverRequests(p)).some(isSettings), 'the widget fetched its configuration');
    const api = await pageApi<PageApi>(p);
    await api.startConversation?.();
    await rendered(p);

    expect(p.find('[part~="launcher"]'), 'launcher').to.equal(null);
    expect(p.find('parley-panel'), 'panel').to.equal(null);
    const requests = await serverRequests(p);
    expect(requests.filter(isSession), 'session requests').to.deep.equal([]);
    expect(requests.filter(isSocket), 'socket requests').to.deep.equal([]);
    expect(p.win().hostErrors).to.deep.equal([]);
  });

  it('hides a showing widget at once when an admin disables it', async () => {
    const app = await createApp();
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await waitFor(() => p.find('parley-panel[connection="connected"]'), 'socket connected');

    await patchSettings(app, { chatWidget: { disableChatWidget: true } });
    await waitFor(() => !p.find('[part~="launcher"]') && !p.find('parley-panel'), 'widget hidden without a reload');
    const chat = p.widget()!;
    expect(getComputedStyle(chat).display === 'none' || chat.getBoundingClientRect().height === 0).to.equal(true);
  });
});

describe('configuration: domain restriction', function () {
  this.timeout(60000);
  const pages: ConfiguredHostPage[] = [];
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  it('shows the widget on an allowed host and nothing, with one console error, on another; the server refuses it', async () => {
    const app = await createApp({ chatWidget: { allowedDomains: ['localhost'] } });
    const { url } = await server();

    const allowed = await openConfiguredHost(app);
    pages.push(allowed);
    await waitFor(() => allowed.find('[part~="launcher"]'), 'launcher on localhost');
    expect(allowed.consoleErrors()).to.deep.equal([]);

    // 127.0.0.1 is another origin than this test page: the probe in the host page answers for it.
    const blocked = await openConfiguredHost(app, { host: '127.0.0.1' });
    pages.push(blocked);
    const state = await waitForAsync(async () => {
      const s = await probeState(blocked);
      return s.consoleErrors.some((e) => e.includes('127.0.0.1')) && s;
    }, 'console error naming the host');
    expect(state.hostname).to.equal('127.0.0.1');
    expect(state.widget, 'the element is on the page').to.equal(true);
    expect(state.launcher, 'launcher on 127.0.0.1').to.equal(0);
    expect(state.panel, 'panel on 127.0.0.1').to.equal(0);
    expect(state.widgetSize, 'the widget takes no room').to.equal(0);
    expect(state.consoleErrors, 'console errors').to.have.length(1);
    expect(state.resources.filter((n) => n.startsWith(url) && (isSession(n) || isSocket(n)))).to.deep.equal([]);

    // The server refuses that origin too: a request from the blocked page itself.
    const res = await probeFetch(blocked, `${url}/widget/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ appId: app.appId }),
    });
    expect(res.status).to.equal(403);
    const body = res.body as { errorResponse?: Array<{ errorCode: string }> };
    expect(body.errorResponse?.[0]?.errorCode).to.equal('PL-O-01');

    // The allowed page still chats.
    await openPanel(allowed);
    await typeAndSend(allowed, 'Hello from an allowed host');
    await waitFor(() => shownMessages(allowed).includes('Hello from an allowed host'), 'message shown');
  });
});

describe('configuration: cache and malformed overrides', function () {
  this.timeout(90000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('renders the launcher from the cached configuration when the server is down', async () => {
    const app = await createApp({ chatWidget: { primaryColor: '#0a7d33', position: 'left' } });
    const { url } = await server();
    // The site hosts the script itself (this test runner's own /dist), so only the chat server goes down.
    page = await openConfiguredHost(app, { scriptBase: `${location.origin}/dist` });
    const p = page;
    const launcher = await waitFor(() => widgetLauncher(p), 'launcher');
    await waitFor(() => getComputedStyle(launcher).backgroundColor === 'rgb(10, 125, 51)', 'themed from the server');
    await waitForAsync(async () => (await serverRequests(p)).some(isSettings), 'configuration fetched');

    await stopServer();
    try {
      const down = await fetch(`${url}/health`).then(
        () => 'up',
        () => 'down',
      );
      expect(down, 'the chat server is stopped').to.equal('down');
      await p.reload();
      const cached = await waitFor(() => widgetLauncher(p), 'launcher from the cache');
      await waitFor(() => getComputedStyle(cached).backgroundColor === 'rgb(10, 125, 51)', 'cached colour');
      expect(getComputedStyle(p.widget()!).left).to.equal('20px');
    } finally {
      await startServer();
    }
  });

  it('uses the defaults for a malformed page-side override, logs one error, and still chats', async () => {
    const app = await createApp();
    page = await openConfiguredHost(app, { settings: { widgetSettings: { position: 42 } } });
    const p = page;
    const launcher = await waitFor(() => widgetLauncher(p), 'launcher');
    await waitFor(() => p.consoleErrors().length > 0, 'a console error');
    expect(p.consoleErrors()).to.have.length(1);
    expect(p.consoleErrors()[0]).to.contain('position');
    // Default position: bottom right.
    const frameWidth = p.win().innerWidth;
    const box = launcher.getBoundingClientRect();
    expect(Math.round(frameWidth - box.right)).to.equal(20);

    await openPanel(p);
    await typeAndSend(p, 'Still works');
    await waitFor(() => shownMessages(p).includes('Still works'), 'message shown');
    expect(p.consoleErrors()).to.have.length(1);
  });
});
