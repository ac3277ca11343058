/**
 * Drafts survive (issue 22): what the visitor typed and did not send is back in the composer after
 * a reload in a conversation, and a text sent a moment before
 * a reload is afterwards either in the conversation (once, and stored once) or in the composer,
 * never both and never nowhere. The drafts are read from the same IndexedDB the widget writes.
 */
import { expect } from '@open-wc/testing';
import { createStore } from '../../src/store/store.js';
import { press, type as typeKeys } from '../helpers/ui.js';
import { createApp, openHost, waitFor, waitForAsync, type HostPage, type TestApp } from '../helpers/e2e.js';
import { openWidget, shownTexts, startChat, storedMessages } from '../helpers/widget-page.js';

const uid = () => Math.random().toString(36).slice(2, 10);

const composerBox = (page: HostPage) =>
  page.find('parley-composer')?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea') ?? null;

async function typeInComposer(page: HostPage, text: string): Promise<void> {
  const box = await waitFor(() => composerBox(page), 'composer');
  box.focus();
  await typeKeys(text);
}

describe('drafts: nothing the visitor typed is lost on a reload', function () {
  this.timeout(90000);
  let app: TestApp;
  const pages: HostPage[] = [];
  const open = async (userId: string) => {
    const page = await openHost(app, { settings: { userId } });
    pages.push(page);
    return page;
  };

  before(async () => {
    app = await createApp();
  });
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  it('keeps an unsent text in a conversation through a reload', async () => {
    const page = await open(`draft-${uid()}`);
    const groupId = await startChat(page, 'Hello there');
    const text = 'Half a thought about the Harbour Blend';
    await typeInComposer(page, text);
    await waitForAsync(async () => (await createStore(app.appId).getDraft(groupId)) === text, 'the draft is kept');
    await page.reload();
    await openWidget(page);
    await waitFor(() => composerBox(page)?.value === text, 'the draft is back in the composer');
    expect(shownTexts(page)).to.not.include(text);
  });

  it('a text sent just before a reload is in the conversation once, or in the composer — never both, never nowhere', async () => {
    const userId = `draft-${uid()}`;
    const page = await open(userId);
    await startChat(page, 'First question');
    const text = `Order ${uid()} please`;
    await typeInComposer(page, text);
    await waitForAsync(async () => (await createStore(app.appId).getDraft(composerKey(page))) === text, 'typed');
    await press('Enter');
    await page.reload();
    await openWidget(page);
    const where = await waitFor(
      () =>
        shownTexts(page).includes(text) ? 'conversation' : composerBox(page)?.value === text ? 'composer' : undefined,
      'the text somewhere',
    );
    if (where === 'conversation') {
      await waitForAsync(
        async () => (await storedMessages(app, userId)).some((m) => m.message === text),
        'stored on the server',
      );
      expect((await storedMessages(app, userId)).filter((m) => m.message === text)).to.have.length(1);
      expect(shownTexts(page).filter((t) => t === text)).to.have.length(1);
      // The draft was forgotten (or is forgotten now): the composer stays empty.
      await waitForAsync(async () => (await createStore(app.appId).getDraft(composerKey(page))) === '', 'no draft');
      expect(composerBox(page)?.value).to.equal('');
    } else {
      expect(shownTexts(page)).to.not.include(text);
    }
  });
});

/** The draft key of the conversation the widget shows. */
function composerKey(page: HostPage): string {
  const body = page.find('parley-chat-body') as (HTMLElement & { state?: { activeGroupId?: string } }) | null;
  return body?.state?.activeGroupId ?? '';
}
