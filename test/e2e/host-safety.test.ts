/**
 * The widget never breaks the page it lives on: no uncaught errors or unhandled rejections in
 * any failure, one global at most, styles that neither leak in nor out of its shadow root, and a
 * working chat when IndexedDB is unavailable (private modes, blocked storage).
 */
import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/protocol.js';
import {
  useOwnServer,
  createApp,
  openHost,
  platform,
  server,
  startServer,
  stopServer,
  waitFor,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { bubbles, nextSent, openWidget, sendText, shownTexts } from '../helpers/widget-page.js';

type HostWindow = Window & typeof globalThis & { hostErrors: string[]; hostWarnings: string[]; hostKeys: string[] };

// This file stops the server: it gets one of its own.
useOwnServer('host-safety');

const uid = () => Math.random().toString(36).slice(2, 10);
const hostWin = (page: HostPage) => page.win() as unknown as HostWindow;

/** Globals the widget added to the page (the fixture records the page's own before the script tag). */
function addedGlobals(page: HostPage): string[] {
  const w = hostWin(page);
  const before = new Set([...w.hostKeys, 'hostKeys']);
  return Object.keys(w).filter((k) => !before.has(k));
}

async function chatOnce(page: HostPage, text: string): Promise<Message> {
  await openWidget(page);
  const sent = nextSent(page);
  await sendText(page, text);
  return sent;
}

describe('host page safety', function () {
  this.timeout(120000);
  let app: TestApp;
  const pages: HostPage[] = [];

  before(async () => {
    app = await createApp();
  });

  afterEach(async () => {
    for (const p of pages.splice(0)) p.remove();
    await startServer();
  });

  async function open(options: Parameters<typeof openHost>[1] = {}): Promise<HostPage> {
    const page = await openHost(app, options);
    pages.push(page);
    return page;
  }

  it('adds one global, window.Parley, even after a whole conversation', async () => {
    const page = await open();
    await chatOnce(page, `Hello ${uid()}`);
    await waitFor(() => shownTexts(page).length >= 2, 'bot reply');
    expect(addedGlobals(page)).to.deep.equal(['Parley']);
    expect(hostWin(page).hostErrors).to.deep.equal([]);
    // The loader starts the widget bundle's download and the configuration request; the widget
    // uses both instead of asking again.
    const requested = (path: string) =>
      hostWin(page)
        .performance.getEntriesByType('resource')
        .filter((e): e is PerformanceResourceTiming => new URL(e.name).pathname.endsWith(path));
    const [bundle, ...again] = requested('/parley-chat.js');
    expect(again).to.have.length(0);
    const [config, ...asked] = requested('/users/v3/chat/plugin/settings');
    expect(asked).to.have.length(0);
    // Asked before the widget's code had even arrived: the loader's request, not the widget's.
    expect(config!.startTime).to.be.below(bundle!.responseEnd);
  });

  it("keeps the page's styles out of the widget and its own styles out of the page", async () => {
    const page = await open();
    const w = hostWin(page);
    const doc = page.frame.contentDocument!;
    const hostButton = doc.createElement('button');
    hostButton.textContent = 'A button of the page';
    doc.body.append(hostButton);
    /** Every computed property of an element of the page, as one string. */
    const computed = (el: Element) => {
      const style = w.getComputedStyle(el);
      return [...style].map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
    };
    const paragraph = doc.querySelector('p')!;
    const pageBefore = { p: computed(paragraph), button: computed(hostButton), styleSheets: doc.styleSheets.length };
    await openWidget(page);
    await sendText(page, `Styles ${uid()}`);
    await waitFor(() => bubbles(page).length > 0, 'a message shows');

    // In: the page's `button { background: red !important; font-size: 40px }` does not reach the widget.
    const buttons = page.findAll<HTMLButtonElement>('button');
    expect(buttons.length).to.be.greaterThan(1);
    for (const b of buttons) {
      const style = w.getComputedStyle(b);
      expect(style.backgroundColor, b.outerHTML.slice(0, 80)).to.not.equal('rgb(255, 0, 0)');
      expect(style.fontSize, b.outerHTML.slice(0, 80)).to.not.equal('40px');
    }
    // Out: nothing of the widget's styles lands in the page.
    expect(doc.styleSheets.length).to.equal(pageBefore.styleSheets);
    expect(doc.adoptedStyleSheets).to.have.length(0);
    expect(computed(hostButton) === pageBefore.button, "the page's own button looks the same").to.equal(true);
    expect(computed(paragraph) === pageBefore.p, "the page's text looks the same").to.equal(true);
    expect(hostWin(page).hostErrors).to.deep.equal([]);
  });

  it('chats without IndexedDB (storage blocked), with one console warning', async () => {
    const page = await open({ query: { noidb: '1' } });
    expect(() => hostWin(page).indexedDB).to.throw();
    const message = await chatOnce(page, `No storage here ${uid()}`);
    const reply = `Agent reply without storage ${uid()}`;
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId: message.groupId, message: reply, fromUserName: app.agentId },
    });
    expect(res.status).to.equal(200);
    await waitFor(() => shownTexts(page).includes(reply), 'the agent reply shows', 20000);
    const warnings = hostWin(page).hostWarnings.filter((t) => t.startsWith('[parley]'));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/IndexedDB/);
    expect(hostWin(page).hostErrors).to.deep.equal([]);
    expect(addedGlobals(page)).to.deep.equal(['Parley']);
  });

  it('throws nothing into the page when the chat server is down', async () => {
    // A visit while the server is up leaves the widget's files in the browser's cache; then
    // another site (nothing of it stored) loads while the server is down.
    const first = await open();
    await waitFor(() => first.find('[part~="launcher"]'), 'launcher (files cached)', 20000);
    const other = await createApp();
    first.remove();
    await stopServer();
    const page = await openHost(other);
    pages.push(page);
    const w = hostWin(page);
    await waitFor(() => page.widget()?.getAttribute('state'), 'the widget has started', 20000);
    const parley = (w as unknown as { Parley: { open(): void; sendMessage(p: { message: string }): Promise<void> } })
      .Parley;
    parley.open();
    await parley.sendMessage({ message: 'Is the server up?' });
    await waitFor(() => w.document.readyState === 'complete', 'page loaded');
    expect(w.hostErrors).to.deep.equal([]);
    expect(addedGlobals(page)).to.deep.equal(['Parley']);
  });

  it('throws nothing into the page for an unknown app, and calls to window.Parley are safe', async () => {
    const { url } = await server();
    const page = await openHost({ ...app, appId: `no-such-app-${uid()}` }, { query: { captureConsole: '1' } });
    pages.push(page);
    const w = hostWin(page) as HostWindow & { hostConsoleErrors: string[] };
    await waitFor(
      () => w.hostConsoleErrors?.some((t) => t.startsWith('[parley]')),
      'the widget says why, in the console',
      20000,
    );
    const parley = (w as unknown as { Parley: Record<string, (...args: unknown[]) => unknown> }).Parley;
    parley.open!();
    await parley.sendMessage!({ message: 'anyone?' });
    await parley.startConversation!({ conversationTitle: 42 });
    await parley.logout!();
    expect(page.findAll('parley-message')).to.have.length(0);
    expect(
      w.performance.getEntriesByType('resource').some((e) => e.name.startsWith(url) && e.name.includes('/socket.io')),
    ).to.equal(false);
    expect(w.hostErrors).to.deep.equal([]);
  });
});
