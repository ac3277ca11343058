/**
 * The chat server cannot be reached on a visitor's first visit (no cached settings): the widget
 * shows a quiet launcher whose panel says it can't connect and keeps the composer shut (nothing
 * the visitor types can be lost), keeps retrying, and becomes the normal chat once the server
 * answers — without an exception reaching the host page.
 */
import { expect } from '@open-wc/testing';
import {
  createApp,
  openConfiguredHost,
  startServer,
  stopServer,
  useOwnServer,
  waitFor,
  type ConfiguredHostPage,
  widgetLauncher,
} from '../helpers/e2e.js';

// This file stops the server: it gets one of its own (others run against the shared one meanwhile).
useOwnServer('unreachable');

describe('an unreachable chat server', function () {
  this.timeout(120000);
  let page: ConfiguredHostPage | undefined;
  afterEach(async () => {
    page?.remove();
    await startServer();
  });

  it('shows a quiet "can\'t connect" state, retries, and recovers when the server is back', async () => {
    const app = await createApp();
    await stopServer();
    // The page still gets the widget's files (from its own CDN copy), but not the chat server.
    page = await openConfiguredHost(app, { scriptBase: `${location.origin}/dist` });
    const p = page;
    const launcher = await waitFor(() => widgetLauncher(p), 'a launcher, even without the server', 20000);
    launcher.click();
    const panel = await waitFor(() => p.find('parley-panel[open]'), 'panel opens');
    await waitFor(() => panel.getAttribute('connection') === 'failed', 'the panel says it cannot connect');
    // The panel's elements arrive as a lazy chunk: wait for the rendered banner, don't assume it.
    await waitFor(() => panel.shadowRoot?.textContent?.includes("Can't connect to chat"), 'the banner says so');
    const box = await waitFor(() => p.find<HTMLTextAreaElement>('textarea'), 'composer');
    expect(box.disabled).to.equal(true);

    await startServer();
    await waitFor(() => panel.getAttribute('connection') === 'connected', 'connected once the server is back', 60000);
    await waitFor(() => !p.find<HTMLTextAreaElement>('textarea')?.disabled, 'composer usable');
    expect(p.win().hostErrors).to.deep.equal([]);
  });
});
