/**
 * Nothing lost, nothing doubled — with real faults from the harness: the reference server
 * stopped and restarted (same port and data), the page cut off from the server at the harness's
 * TCP proxy (the same fault in every engine), reloads mid-send, and the same message key sent
 * twice through two paths.
 */
import { expect } from '@open-wc/testing';
import { io } from 'socket.io-client';
import { createKey } from '../../src/core/messages.js';
import type { Message } from '../../src/core/protocol.js';
import {
  useOwnServer,
  createApp,
  server,
  startServer,
  stopServer,
  openHost,
  platform,
  proxyUrl,
  restoreNetwork,
  visitorSession,
  waitFor,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import {
  agentSends,
  bubbles,
  connectionShown,
  cutOff,
  openWidget,
  sendText,
  shownTexts,
  startChat,
  storedMessages,
} from '../helpers/widget-page.js';

// This file stops the server: it gets one of its own.
useOwnServer('reliability');

const uid = () => Math.random().toString(36).slice(2, 10);

/** The texts of `list` that are in `wanted`, in the order they appear. */
const only = (list: readonly string[], wanted: readonly string[]) => list.filter((t) => wanted.includes(t));

describe('reliability: nothing lost, nothing doubled', function () {
  this.timeout(300000);
  let app: TestApp;
  const pages: HostPage[] = [];

  before(async () => {
    app = await createApp();
  });

  afterEach(async () => {
    for (const p of pages.splice(0)) p.remove();
    // A failed test must not leave the network cut or the server down for the next one.
    await restoreNetwork();
    await startServer();
  });

  it('keeps 20 messages sent while the server is down through two visits, then delivers each once, in order', async () => {
    const userId = `visitor-${uid()}`;
    const page = await openHost(app, { settings: { userId } });
    pages.push(page);
    await startChat(page, 'Before the outage');

    await stopServer();
    await waitFor(
      () => page.find('parley-panel')?.getAttribute('connection') !== 'connected',
      'the widget notices',
      30000,
    );
    const batch = Array.from({ length: 20 }, (_, i) => `outage message ${i + 1} ${uid()}`);
    for (const text of batch) await sendText(page, text);
    await waitFor(() => only(shownTexts(page), batch).length === 20, 'all 20 shown at once');
    expect(
      bubbles(page)
        .filter((b) => batch.includes(b.text))
        .every((b) => b.delivery === 'sending'),
    ).to.equal(true);

    // Back on the page twice while the server is still down (parley.js from the HTTP cache: a
    // reload would not use it in WebKit, see HostPage.revisit): the cached conversation and the
    // pending messages render from IndexedDB, in order, still "sending".
    for (let i = 0; i < 2; i++) {
      await page.revisit();
      await openWidget(page);
      await waitFor(
        () => only(shownTexts(page), batch).length === 20,
        `pending messages back after visit ${i + 1}`,
        20000,
      );
      expect(only(shownTexts(page), batch)).to.deep.equal(batch);
      expect(shownTexts(page)).to.include('Before the outage');
      expect(
        bubbles(page)
          .filter((b) => batch.includes(b.text))
          .every((b) => b.delivery === 'sending'),
      ).to.equal(true);
    }

    await startServer();
    await waitFor(
      () =>
        bubbles(page).filter((b) => batch.includes(b.text) && b.delivery !== 'sending' && b.delivery !== 'failed')
          .length === 20,
      'all 20 acknowledged after the server is back',
      90000,
    );

    const stored = (await storedMessages(app, userId)).map((m) => m.message);
    expect(only(stored, batch)).to.deep.equal(batch);
    expect(stored.filter((t) => t === 'Before the outage')).to.have.length(1);
    expect(only(shownTexts(page), batch)).to.deep.equal(batch);

    // And after one more reload, the widget shows exactly what the server has.
    await page.reload();
    await openWidget(page);
    await waitFor(() => only(shownTexts(page), batch).length === 20, 'history after the final reload', 20000);
    expect(only(shownTexts(page), batch)).to.deep.equal(batch);
    expect(shownTexts(page).filter((t) => t === 'Before the outage')).to.have.length(1);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('is cut off and back: what the visitor wrote is sent in order, what the agent wrote meanwhile appears', async () => {
    const userId = `visitor-${uid()}`;
    const page = await openHost(app, { settings: { userId }, via: await proxyUrl() });
    pages.push(page);
    const groupId = await startChat(page, 'Before going offline');
    // The demo bot greets first; let it, so the agent's message is the one to look for.
    await waitFor(() => shownTexts(page).length >= 2, 'bot reply shown');

    const agentText = `Agent wrote while you were offline ${uid()}`;
    const written = [`offline one ${uid()}`, `offline two ${uid()}`, `offline three ${uid()}`];
    const cut = await cutOff(page);
    expect(connectionShown(page)).to.not.equal('connected');
    await agentSends(app, groupId, agentText);
    for (const text of written) await sendText(page, text);
    await waitFor(() => only(shownTexts(page), written).length === 3, 'the offline messages show');
    expect(only(shownTexts(page), written)).to.deep.equal(written);
    expect(
      bubbles(page)
        .filter((b) => written.includes(b.text))
        .every((b) => b.delivery === 'sending'),
    ).to.equal(true);
    expect(shownTexts(page)).to.not.include(agentText);
    await cut.restore();

    await waitFor(
      () => bubbles(page).filter((b) => written.includes(b.text) && b.delivery !== 'sending').length === 3,
      'the offline messages are acknowledged',
      60000,
    );
    await waitFor(() => shownTexts(page).includes(agentText), "the agent's message arrives by catch-up", 30000);
    const shown = shownTexts(page);
    expect(shown.filter((t) => t === agentText)).to.have.length(1);
    expect(only(shown, written)).to.deep.equal(written);

    const stored = await storedMessages(app, userId);
    expect(
      only(
        stored.map((m) => m.message),
        written,
      ),
    ).to.deep.equal(written);
    expect(stored.filter((m) => m.message === agentText)).to.have.length(1);
    // The widget shows the messages in the server's order.
    const order = stored.map((m) => m.message).filter((t) => [...written, agentText].includes(t));
    expect(only(shown, order)).to.deep.equal(order);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('stores a key once when it is sent at the same time through the socket and through REST', async () => {
    const { url } = await server();
    const session = await visitorSession(app, { userId: `visitor-${uid()}` });
    const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` };
    const conversation = await fetch(`${url}/widget/v1/conversations`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    }).then((r) => r.json());
    const groupId = conversation.response.groupId as string;

    const socket = io(url, {
      auth: { appId: app.appId, token: session.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const key = createKey();
      const payload = { key, groupId, message: 'Sent twice, stored once' };
      const viaSocket = () =>
        socket.timeout(10000).emitWithAck('message:send', payload) as Promise<{ ok: boolean; data: Message }>;
      const viaRest = () =>
        fetch(`${url}/widget/v1/messages`, { method: 'POST', headers: auth, body: JSON.stringify(payload) })
          .then((r) => r.json())
          .then((b) => b.response as Message);
      // Two tabs sending the same outbox, and a retry after a lost acknowledgement.
      const [a, b, c, d] = await Promise.all([viaSocket(), viaRest(), viaSocket(), viaRest()]);
      expect(a.ok && c.ok).to.equal(true);
      const ids = new Set([a.data.id, b.id, c.data.id, d.id]);
      expect([...ids]).to.have.length(1);

      const history = await fetch(`${url}/widget/v1/conversations/${groupId}/messages`, { headers: auth }).then((r) =>
        r.json(),
      );
      const copies = (history.response as Message[]).filter((m) => m.key === key);
      expect(copies).to.have.length(1);
      expect(copies[0]!.message).to.equal('Sent twice, stored once');
    } finally {
      socket.close();
    }
  });

  it('marks a message the server rejects as failed, with retry and delete; delete removes it for good', async () => {
    const userId = `visitor-${uid()}`;
    const page = await openHost(app, { settings: { userId } });
    pages.push(page);
    await startChat(page, 'A normal message');
    // Longer than the server accepts (20,000 characters): retrying cannot fix it.
    const tooLong = `too long ${'x'.repeat(20001)}`;
    const parley = (page.win() as unknown as { Parley: { sendMessage(p: { message: string }): Promise<void> } }).Parley;
    await parley.sendMessage({ message: tooLong });
    const failed = await waitFor(
      () => page.find('parley-message[delivery="failed"]'),
      'the message is marked failed',
      20000,
    );
    const actions = [...(failed.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim());
    expect(actions).to.deep.equal(['Retry', 'Delete']);

    // Retry: still refused, still failed (not lost, not doubled).
    failed.shadowRoot!.querySelectorAll('button')[0]!.click();
    await waitFor(
      () => page.find('parley-message[delivery="sending"]') === null && page.find('parley-message[delivery="failed"]'),
      'failed again',
      20000,
    );
    expect(page.findAll('parley-message[delivery="failed"]')).to.have.length(1);

    // It survives a reload as failed.
    await page.reload();
    await openWidget(page);
    const again = await waitFor(
      () => page.find('parley-message[delivery="failed"]'),
      'still failed after reload',
      20000,
    );
    again.shadowRoot!.querySelectorAll('button')[1]!.click();
    await waitFor(() => page.find('parley-message[delivery="failed"]') === null, 'deleted');
    await page.reload();
    await openWidget(page);
    await waitFor(() => shownTexts(page).includes('A normal message'), 'history back', 20000);
    expect(page.findAll('parley-message[delivery="failed"]')).to.have.length(0);
    expect((await storedMessages(app, userId)).some((m) => m.message.startsWith('too long'))).to.equal(false);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('shows messages that arrived while the tab was closed, after a reload', async () => {
    const userId = `visitor-${uid()}`;
    const page = await openHost(app, { settings: { userId } });
    pages.push(page);
    const groupId = await startChat(page, 'See you later');
    page.remove();
    const later = `While you were away ${uid()}`;
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: later, fromUserName: app.agentId },
    });
    expect(res.status).to.equal(200);
    const back = await openHost(app, { settings: { userId } });
    pages.push(back);
    await openWidget(back);
    await waitFor(() => shownTexts(back).includes(later), 'the new message shows', 20000);
    expect(shownTexts(back).filter((t) => t === 'See you later')).to.have.length(1);
  });
});
