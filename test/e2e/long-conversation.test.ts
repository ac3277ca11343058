/**
 * A long conversation through the real reference server: a visitor on a device that holds none
 * of it sees the latest page, and older history pages in from the server as they scroll up, every
 * message once and in order.
 */
import { expect } from '@open-wc/testing';
import { createApp, openHost, platform, waitFor, type HostPage, type TestApp } from '../helpers/e2e.js';
import { openWidget, shownTexts, startChat } from '../helpers/widget-page.js';

const uid = () => Math.random().toString(36).slice(2, 10);
const AGENT_MESSAGES = 320;

/** Forgets everything the widgets of this origin stored (another device, as far as they know). */
function forgetDevice(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase('parley');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

describe('a long conversation', function () {
  this.timeout(180000);
  let app: TestApp;
  const pages: HostPage[] = [];

  before(async () => {
    app = await createApp();
  });

  afterEach(() => {
    for (const p of pages.splice(0)) p.remove();
  });

  it('on a new device: the latest page, then older history as the visitor scrolls up, each message once and in order', async () => {
    const userId = `long-${uid()}`;
    const first = await openHost(app, { settings: { userId } });
    pages.push(first);
    const groupId = await startChat(first, 'Hello from the start');
    first.remove();
    const expected = ['Hello from the start'];
    for (let i = 1; i <= AGENT_MESSAGES; i++) {
      const res = await platform(app, '/rest/ws/message/v2/send', {
        body: { groupId, message: `History ${i}`, fromUserName: app.agentId },
      });
      expect(res.status).to.equal(200);
      expected.push(`History ${i}`);
    }
    await forgetDevice();

    const page = await openHost(app, { settings: { userId } });
    pages.push(page);
    await openWidget(page);
    await waitFor(() => shownTexts(page).at(-1) === `History ${AGENT_MESSAGES}`, 'the newest message', 20000);
    expect(shownTexts(page), 'not the whole history at once').not.to.include('Hello from the start');

    /** What is drawn is always one stretch of the conversation, in order (the demo bot's greeting aside). */
    const ours = () => shownTexts(page).filter((t) => expected.includes(t));
    const checkStretch = (): string[] => {
      const drawn = ours();
      const at = expected.indexOf(drawn[0]!);
      expect(at, `"${drawn[0]}" is a message of the conversation`).to.be.at.least(0);
      expect(drawn).to.deep.equal(expected.slice(at, at + drawn.length));
      return drawn;
    };
    const log = page.find<HTMLElement>('[role="log"]')!;
    await waitFor(
      () => {
        checkStretch();
        log.scrollTop = 0;
        return ours()[0] === 'Hello from the start';
      },
      'scrolled back to the first message',
      60000,
    );
    // And down again to the newest: every stretch on the way is the conversation, in order.
    await waitFor(
      () => {
        const drawn = checkStretch();
        log.scrollTop += log.clientHeight;
        return drawn.at(-1) === `History ${AGENT_MESSAGES}` && log.scrollHeight - log.scrollTop - log.clientHeight < 2;
      },
      'back at the newest message',
      60000,
    );
  });
});
