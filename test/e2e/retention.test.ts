/**
 * History retention for a known visitor (`sessionTimeout`, "Secure your chat widget"): the site's
 * signed-in visitor (`userId`) who comes back on another device after being away longer than it
 * starts fresh — the widget shows none of the old conversation, and their first message starts a
 * new one — while the staff keep the old conversation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { typeAndSend } from '../helpers/widget-page.js';
import {
  consoleConversations,
  createApp,
  openConfiguredHost,
  openPanel,
  server,
  shownMessages,
  visitorSession,
  type ConfiguredHostPage,
} from '../helpers/e2e.js';

/** Forgets everything the widgets of this origin stored (another device, as far as they know). */
function forgetDevice(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase('parley');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

describe('configuration: history retention for a known visitor', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('a known visitor back on another device after sessionTimeout starts fresh; the staff keep the old conversation', async () => {
    // 3 s of retention: long enough to chat, short enough to be away for. Single thread: before,
    // the visitor's one thread was the old conversation, wherever they signed in.
    const app = await createApp({ chatWidget: { sessionTimeout: 3000, isSingleThreaded: true } });
    const userId = `visitor-${Math.random().toString(36).slice(2, 10)}`;
    page = await openConfiguredHost(app, { settings: { userId } });
    await openPanel(page);
    await typeAndSend(page, 'Remember my order please');
    page.remove();

    // Away until the server has ended the visitor's newest session (a look-in on their phone, made
    // after the widget's last use): each look uses its token, and a use within the retention
    // extends it — so look less often than the retention.
    const { token } = await visitorSession(app, { userId });
    const { url } = await server();
    await waitUntil(
      async () =>
        (await fetch(`${url}/widget/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } })).status ===
        401,
      'the newest session ends on the server after the retention',
      { interval: 3500, timeout: 20000 },
    );

    // Another device (nothing stored), the same signed-in visitor.
    await forgetDevice();
    page = await openConfiguredHost(app, { settings: { userId } });
    await openPanel(page);
    await typeAndSend(page, 'Hello again');
    expect(shownMessages(page)).to.not.include('Remember my order please');

    const theirs = (await consoleConversations(app)).filter((c) => c.members.some((m) => m.userId === userId));
    expect(theirs.length, 'the old conversation and a new one, both with the staff').to.equal(2);
  });
});
