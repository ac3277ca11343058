/**
 * The staff app talks only to the server that served it: a link cannot point it (and the
 * credentials typed into it) at another server, a saved session this server did not issue — or
 * that names another app than its token's — is not resumed, and the app's widget domain list does
 * not lock its agents out. Against the live reference server, with the app in a tab of its own at
 * the server's origin.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { agentToken, createApp, patchSettings, server } from '../helpers/e2e.js';

/** Somewhere else: nothing listens on port 1, so the app could only fail there. */
const ELSEWHERE = 'http://127.0.0.1:1';
const SIGN_IN_FORM = shows('pd-sign-in', 'button[type="submit"]', 'Sign in');
const ENDED = shows('pd-sign-in', '[role="alert"]', 'Your session has ended. Please sign in again.');

/** Every URL `page` asked for that is not its own server's (HTTP or WebSocket). */
async function elsewhere(page: ConsolePage, url: string): Promise<string[]> {
  const ws = url.replace(/^http/, 'ws');
  return (await page.requests()).filter((r) => !r.startsWith(`${url}/`) && !r.startsWith(`${ws}/`));
}

/** Saves `session` in the app's store as if an earlier visit had, and reloads. */
async function withSaved(page: ConsolePage, session: Record<string, string>): Promise<void> {
  await page.eval(`localStorage.setItem('parley-dashboard', ${JSON.stringify(JSON.stringify(session))})`);
  await page.reload();
}

describe('staff app: only its own server', function () {
  this.timeout(60000);
  let url: string;

  before(async () => {
    ({ url } = await server());
  });

  afterEach(() => closeConsoles());

  it('has no server field and ignores ?server=: it signs in with the server that served it', async () => {
    const app = await createApp();
    const query = new URLSearchParams({ server: ELSEWHERE, appId: app.appId });
    const page = await openDashboard(url, `/dashboard/?${query.toString()}`);
    await page.waitFor(SIGN_IN_FORM, 'the sign-in form');
    expect((await page.query('pd-sign-in input')).map((i) => i.attributes['name'])).to.deep.equal([
      'appId',
      'email',
      'password',
    ]);
    expect((await page.query('pd-sign-in [name="appId"]'))[0]?.value).to.equal(app.appId);

    await signInDashboard(page, app.appId, app.agentId, app.agentPassword);
    expect(await page.text('parley-dashboard header .me')).to.equal('Alex Agent · Super admin');
    // Sign-in, the API and the socket all went to this server, and nowhere else.
    expect(await elsewhere(page, url)).to.deep.equal([]);
    const requests = await page.requests();
    expect(requests).to.include(`${url}/agent/v1/session`);
    expect(requests.some((r) => r.startsWith(`${url.replace(/^http/, 'ws')}/socket.io/`))).to.equal(true);
    expect(await page.errors()).to.deep.equal([]);
  });

  it('does not resume a saved session this server did not issue', async () => {
    const app = await createApp();
    const page = await openDashboard(url);
    await page.waitFor(SIGN_IN_FORM, 'the sign-in form');
    // What another server at this origin (an earlier one, with other data) could have left, in the
    // old console's shape that also named its server.
    await withSaved(page, { server: ELSEWHERE, appId: app.appId, token: `elsewhere-${crypto.randomUUID()}` });
    await page.waitFor(ENDED, 'back at sign-in, saying why');
    expect(await page.eval("localStorage.getItem('parley-dashboard')")).to.equal(null);
    expect(await elsewhere(page, url)).to.deep.equal([]);
  });

  it("does not resume a saved session that names another app than its token's", async () => {
    const app = await createApp();
    const other = await createApp();
    const page = await openDashboard(url);
    await page.waitFor(SIGN_IN_FORM, 'the sign-in form');
    // A live token of this server, saved as if for another app.
    await withSaved(page, { appId: other.appId, token: await agentToken(app) });
    await page.waitFor(ENDED, 'back at sign-in, saying why');
    expect(await page.eval("localStorage.getItem('parley-dashboard')")).to.equal(null);
  });

  it("works for agents of an app whose widget runs only on other sites' domains", async () => {
    const app = await createApp();
    await patchSettings(app, { chatWidget: { allowedDomains: ['example.com'] } });
    const page = await openDashboard(url);
    // Signing in waits until the app's socket is connected ("Online").
    await signInDashboard(page, app.appId, app.agentId, app.agentPassword);
    expect(await page.text('parley-dashboard header .me')).to.equal('Alex Agent · Super admin');
    expect(await page.text('parley-dashboard header [role="alert"]')).to.equal('');
  });
});
