/**
 * Attachments through the real widget and server: the visitor picks an image, sees a chip (its
 * upload starts at once), sends it, and the conversation shows it — from the visitor's own copy
 * until it is sent, then as a thumbnail the browser loads from the server (served only with the
 * visitor's token); a forbidden file is refused inline and nothing is sent.
 * With "hide attachment option" there is no attach button at all.
 */
import { expect } from '@open-wc/testing';
import {
  createApp,
  openHost,
  server,
  signed,
  waitFor,
  waitForAsync,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { pick, pngFile } from '../helpers/files.js';

async function openChat(page: HostPage): Promise<void> {
  (await waitFor(() => page.find<HTMLButtonElement>('[part~="launcher"]'), 'launcher')).click();
  await waitFor(() => page.find('parley-panel[open]') && page.find('textarea'), 'composer');
}

describe('attachments end to end', function () {
  this.timeout(60000);
  let page: HostPage;
  afterEach(() => page?.remove());

  it('uploads an image with a chip, sends it, and shows a thumbnail from the server', async () => {
    const app: TestApp = await createApp({ chatWidget: { allowedAttachmentTypes: ['image/*', 'application/pdf'] } });
    const userId = `files-${Math.random().toString(36).slice(2)}`;
    page = await openHost(app, { settings: { userId } });
    await openChat(page);
    await waitFor(() => page.find('parley-attach-button'), 'attach button');

    pick(page, [await pngFile(page.win(), 'beans.png')]);
    await waitFor(
      () => page.find('parley-file-chips')?.shadowRoot?.textContent?.includes('beans.png'),
      'chip with the file name',
    );

    page.find<HTMLButtonElement>('[part~="send-button"]')!.click();

    const img = await waitFor(
      () => {
        const shown = page.find('parley-attachment')?.shadowRoot?.querySelector('img');
        return shown && new URL(shown.src).pathname.startsWith('/files/') ? shown : undefined;
      },
      'thumbnail from the server in the conversation',
      20000,
    );
    await waitFor(() => img.complete && img.naturalWidth > 0, 'thumbnail loaded from the server');
    expect(page.findAll('parley-attachment')).to.have.length(1);

    // The server stored an attachment message with its fileMeta.
    const { url } = await server();
    const session = await fetch(`${url}/widget/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(await signed(app, { appId: app.appId, userId })),
    }).then((r) => r.json());
    const auth = { Authorization: `Bearer ${session.response.token}` };
    const stored = await waitForAsync(async () => {
      const list = (await fetch(`${url}/widget/v1/conversations`, { headers: auth }).then((r) => r.json())).response;
      if (!list?.length) return undefined;
      const messages = (
        await fetch(`${url}/widget/v1/conversations/${list[0].groupId}/messages`, { headers: auth }).then((r) =>
          r.json(),
        )
      ).response as Array<{ contentType: number; fileMeta?: { name: string; contentType: string } }>;
      return messages.find((m) => m.contentType === 1);
    }, 'attachment message stored');
    expect(stored.fileMeta?.name).to.equal('beans.png');
    expect(stored.fileMeta?.contentType).to.equal('image/png');

    // The file itself is not served without the token.
    const bare = new URL(img.src);
    bare.search = '';
    expect((await fetch(bare.href)).status).to.be.oneOf([401, 403]);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('refuses a forbidden type inline and sends nothing', async () => {
    const app = await createApp({ chatWidget: { allowedAttachmentTypes: ['image/*'] } });
    page = await openHost(app);
    await openChat(page);
    await waitFor(() => page.find('parley-attach-button'), 'attach button');
    pick(page, [
      new (page.win() as unknown as typeof globalThis).File(['%PDF-1.4 fake'], 'invoice.pdf', {
        type: 'application/pdf',
      }),
    ]);
    await waitFor(
      () => page.find('parley-file-chips')?.shadowRoot?.textContent?.match(/can't be sent/i),
      'inline refusal',
    );
    expect(page.findAll('parley-attachment')).to.have.length(0);
  });

  it('has no attach button when the attachment option is hidden', async () => {
    const app = await createApp({ chatWidget: { attachment: false } });
    page = await openHost(app);
    await openChat(page);
    expect(page.find('parley-attach-button')).to.equal(null);
  });
});
