/**
 * The agent console talks only to the server that served it: a link cannot point it (and the
 * credentials typed into it) at another server, a session saved for another server is not
 * resumed, and the app's widget domain list does not lock its agents out. Against the live
 * reference server, with the console in a tab of its own at the server's origin.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, openConsole, signInAs } from '../helpers/console-page.js';
import { agentToken, createApp, patchSettings, server } from '../helpers/e2e.js';

/** Somewhere else: nothing listens on port 1, so the console could only fail there. */
const ELSEWHERE = 'http://127.0.0.1:1';

describe('agent console: only its own server', function () {
  this.timeout(60000);

  afterEach(() => closeConsoles());

  it('has no server field and ignores ?server=: it signs in with the server that served it', async () => {
    const { url } = await server();
    const app = await createApp();
    const page = await openConsole({ server: ELSEWHERE, appId: app.appId });
    await page.waitFor("document.querySelector('#login-view:not([hidden])') !== null", 'the sign-in form');
    expect(await page.query('#login-form [name="server"]')).to.deep.equal([]);
    expect((await page.query('#login-form input')).map((i) => i.attributes['name'])).to.deep.equal([
      'appId',
      'email',
      'password',
    ]);
    expect((await page.query('#login-form [name="appId"]'))[0]?.value).to.equal(app.appId);

    await signInAs(page, app.agentId, app.agentPassword);
    expect(await page.text('#me')).to.equal('Alex Agent · super admin');
    const requests = await page.requests();
    expect(requests.filter((r) => !r.startsWith(url) && !r.startsWith(url.replace(/^http/, 'ws')))).to.deep.equal([]);
    // Sign-in, the API and the socket (and its client script) all went to this server.
    expect(requests).to.include(`${url}/agent/v1/session`);
    expect(requests).to.include(`${url}/vendor/socket.io.esm.min.js`);
    expect(requests.some((r) => r.startsWith(`${url.replace(/^http/, 'ws')}/socket.io/`))).to.equal(true);
    expect(await page.errors()).to.deep.equal([]);
  });

  it('does not resume a session saved for another server', async () => {
    const app = await createApp();
    const token = await agentToken(app);
    const page = await openConsole({ appId: app.appId });
    await page.waitFor("document.querySelector('#login-view:not([hidden])') !== null", 'the sign-in form');
    // A valid token of this server, saved in this tab as if for another one.
    await page.eval(
      `sessionStorage.setItem('parley-console', ${JSON.stringify(JSON.stringify({ server: ELSEWHERE, appId: app.appId, token }))})`,
    );
    await page.reload();
    await page.waitFor("document.querySelector('#login-view:not([hidden])') !== null", 'the sign-in form again');
    expect((await page.query('#console-view'))[0]?.hidden).to.equal(true);
    expect((await page.requests()).filter((r) => r.startsWith(ELSEWHERE))).to.deep.equal([]);
  });

  it("works for agents of an app whose widget runs only on other sites' domains", async () => {
    const app = await createApp();
    await patchSettings(app, { chatWidget: { allowedDomains: ['example.com'] } });
    const page = await openConsole({ appId: app.appId });
    // Signing in waits until the console's socket is connected ("Online").
    await signInAs(page, app.agentId, app.agentPassword);
    expect(await page.text('#me')).to.equal('Alex Agent · super admin');
  });
});
