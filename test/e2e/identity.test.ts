/**
 * Identity verification through the installed widget: with the app's identity secret set, a
 * page that names its visitor with `userId` and the right `accessToken` chats; a forged token
 * gets a clear console error and a panel that says it could not confirm who the visitor is, and
 * no session.
 */
import { expect } from '@open-wc/testing';
import { createApp, openHost, server, textOf, waitFor, type HostPage } from '../helpers/e2e.js';
import { accessTokenFor } from '../helpers/access-token.js';
import { nextSent, openWidget, sendText, shownTexts } from '../helpers/widget-page.js';

type CapturingWindow = Window & { hostErrors: string[]; hostConsoleErrors: string[]; hostWarnings: string[] };

describe('identity verification through the widget', function () {
  this.timeout(90000);
  const pages: HostPage[] = [];
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  it('refuses a forged accessToken with a visible, explained state; the right one chats', async () => {
    const app = await createApp();
    const { url } = await server();
    const res = await fetch(`${url}/admin/v1/apps/${app.appId}/identity`, {
      method: 'POST',
      headers: { 'Api-Key': app.apiKey },
    }).then((r) => r.json());
    const secret: string = res.response.secret;
    const userId = `ann-${Math.random().toString(36).slice(2, 10)}`;

    const forged = await openHost(app, {
      settings: { userId, userName: 'Ann', accessToken: 'f'.repeat(64) },
      query: { captureConsole: '1' },
    });
    pages.push(forged);
    await openWidget(forged);
    const banner = await waitFor(
      () => {
        const b = forged.find('[part="banner"]');
        return b && textOf(b).includes("couldn't confirm who you are") && b;
      },
      'the panel says the visitor could not be confirmed',
      20000,
    );
    expect(banner.getAttribute('role')).to.equal('status');
    const w = forged.win() as CapturingWindow;
    expect(w.hostConsoleErrors.some((e) => e.includes('PL-S-04') && e.includes('accessToken'))).to.equal(true);
    expect(w.hostErrors).to.deep.equal([]);
    forged.remove();

    const signedIn = await openHost(app, {
      settings: { userId, userName: 'Ann', accessToken: await accessTokenFor(secret, userId) },
    });
    pages.push(signedIn);
    await openWidget(signedIn);
    const sent = nextSent(signedIn);
    await sendText(signedIn, 'Hello, it is really Ann');
    const message = await sent;
    expect(message.fromUserName).to.equal(userId);
    expect(shownTexts(signedIn)).to.include('Hello, it is really Ann');
  });

  it('a new app verifies identities: a page that names its visitor without accessToken gets the same state', async () => {
    const app = await createApp();
    const page = await openHost(app, {
      settings: { userId: `bob-${Math.random().toString(36).slice(2, 10)}`, accessToken: undefined },
      query: { captureConsole: '1' },
    });
    pages.push(page);
    await openWidget(page);
    await waitFor(
      () =>
        textOf(page.find('[part="banner"]') ?? document.createElement('i')).includes("couldn't confirm who you are"),
      'the panel says the visitor could not be confirmed',
      20000,
    );
    expect((page.win() as CapturingWindow).hostConsoleErrors.some((e) => e.includes('PL-S-04'))).to.equal(true);
    // Anonymous visitors of the same app chat as before.
    const anonymous = await openHost(app);
    pages.push(anonymous);
    await openWidget(anonymous);
    const sent = nextSent(anonymous);
    await sendText(anonymous, 'Hello from nobody in particular');
    expect((await sent).message).to.equal('Hello from nobody in particular');
  });

  it('with verification turned off, a page that passes userId chats and is warned once in the console', async () => {
    const app = await createApp();
    const { url } = await server();
    await fetch(`${url}/admin/v1/apps/${app.appId}/identity`, { method: 'DELETE', headers: { 'Api-Key': app.apiKey } });
    const page = await openHost(app, {
      settings: { userId: `cat-${Math.random().toString(36).slice(2, 10)}`, accessToken: undefined },
    });
    pages.push(page);
    await openWidget(page);
    const sent = nextSent(page);
    await sendText(page, 'Hello without a token');
    expect((await sent).message).to.equal('Hello without a token');
    const warned = (page.win() as CapturingWindow).hostWarnings.filter((w) => w.includes('identity verification'));
    expect(warned).to.have.length(1);
    expect(warned[0]).to.include('accessToken');
  });
});
