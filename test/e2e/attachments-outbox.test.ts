/**
 * An attachment is never lost (issue "every documented behaviour"), through the real widget and
 * server: a visitor cut off from the chat server picks an image, presses Send, writes a line after
 * it, and reloads before anything went. After the reload the image is still there (shown from the
 * copy the widget saved) with the line after it; once the network is back both are sent, once
 * each and in order, and the image then comes from the server.
 */
import { expect } from '@open-wc/testing';
import {
  createApp,
  openConfiguredHost,
  proxyUrl,
  restoreNetwork,
  useOwnServer,
  waitFor,
  type ConfiguredHostPage,
} from '../helpers/e2e.js';
import { pick, pngFile } from '../helpers/files.js';
import { bubbles, cutOff, openWidget, sendText, startChat, storedMessages } from '../helpers/widget-page.js';

// This file cuts the network at its server's proxy: it gets a server of its own.
useOwnServer('attachments-outbox');

const uid = () => Math.random().toString(36).slice(2, 10);

/** The images shown in the conversation, by their source's scheme and path. */
function images(page: ConfiguredHostPage): HTMLImageElement[] {
  return page
    .findAll('parley-attachment')
    .map((a) => a.shadowRoot?.querySelector('img'))
    .filter((img): img is HTMLImageElement => Boolean(img));
}

describe('an attachment in the outbox, end to end', function () {
  this.timeout(120000);
  let page: ConfiguredHostPage | undefined;
  afterEach(async () => {
    page?.remove();
    await restoreNetwork();
  });

  it('keeps an image sent just before a reload and sends it once, in order with the text after it', async () => {
    const app = await createApp({ chatWidget: { allowedAttachmentTypes: ['image/*'] } });
    const userId = `outbox-${uid()}`;
    // The site hosts the script itself, so a reload works while the chat server is cut off.
    page = await openConfiguredHost(app, {
      scriptBase: `${location.origin}/dist`,
      settings: { userId, server: await proxyUrl() },
    });
    const p = page;
    await startChat(p, 'Before the photo');
    const cut = await cutOff(p);

    pick(p, [await pngFile(p.win(), 'receipt.png')]);
    await waitFor(() => p.find('parley-file-chips')?.shadowRoot?.textContent?.includes('receipt.png'), 'the chip');
    p.find<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => images(p)[0]?.src.startsWith('blob:'), 'the image shows from the visitor’s own copy');
    await waitFor(() => images(p)[0]?.naturalWidth === 64, 'and loads');
    await sendText(p, 'After the photo');
    await waitFor(() => bubbles(p).some((b) => b.text === 'After the photo'), 'the line after it shows');

    await p.reload();
    await openWidget(p);
    await waitFor(() => images(p)[0]?.src.startsWith('blob:'), 'after the reload, the image is still there', 20000);
    await waitFor(() => images(p)[0]?.naturalWidth === 64, 'from the saved copy');
    await waitFor(() => bubbles(p).some((b) => b.text === 'After the photo'), 'and the line after it');
    expect(bubbles(p).filter((b) => b.delivery === 'sending')).to.have.length(2);

    await cut.restore();
    await waitFor(
      () => bubbles(p).length >= 3 && bubbles(p).every((b) => b.delivery !== 'sending' && b.delivery !== 'failed'),
      'everything sent',
      60000,
    );
    await waitFor(
      () => images(p)[0] && new URL(images(p)[0]!.src).pathname.startsWith('/files/'),
      'the image comes from the server now',
    );
    expect(images(p)).to.have.length(1);

    const mine = (await storedMessages(app, userId)).filter((m) => m.type === 5);
    expect(mine.map((m) => m.fileMeta?.name ?? m.message)).to.deep.equal([
      'Before the photo',
      'receipt.png',
      'After the photo',
    ]);
    expect(p.win().hostErrors).to.deep.equal([]);
  });
});
