/**
 * The app's settings pages in the staff app, end to end against the live reference server: the
 * owner changes the primary colour and the preview (the real widget, framed) redraws before
 * anything is saved; Save reaches a widget open on another page, live; a refused value shows its
 * problem next to its field and saves nothing; a welcome message saved shows in a visitor's chat;
 * an agent may read them all but change only the welcome, away and CSAT ones; the install code, a new API key (the old one stops
 * working) and identity verification on and off.
 */
import { expect } from '@open-wc/testing';
import { addSam, call, closeConsoles, SAM, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import {
  createApp,
  openHost,
  openPanel,
  platform,
  server,
  shownText,
  waitFor,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';

/** An expression: the preview's launcher background colour (null until it shows). */
const previewLauncherColour = call(() => {
  const frame = document
    .querySelector('parley-dashboard')
    ?.shadowRoot?.querySelector('pd-widget-preview')
    ?.shadowRoot?.querySelector('iframe')?.contentDocument;
  if (!frame) return null;
  const all = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
  const launcher = all(frame).find((el) => el.matches('[part~="launcher"]'));
  return launcher ? getComputedStyle(launcher).backgroundColor : null;
});

/**
 * Waits for `expression` up to `ms`, a harness wait (at most 15 s each) after another: the preview
 * loads the whole widget in a frame of its own, which on a machine busy with other tests can take
 * longer than one wait allows.
 */
async function waitLong(page: ConsolePage, expression: string, message: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await page.waitFor(expression, message);
    } catch (err) {
      if (Date.now() >= until) throw err;
    }
  }
}

const openSettings = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Settings")');
  await page.click(`parley-dashboard .pages a:has-text("${name}")`);
};

describe('staff app: the app settings pages', function () {
  this.timeout(180000);
  let app: TestApp;
  let url: string;
  let owner: ConsolePage;
  let visitor: HostPage | undefined;

  before(async () => {
    ({ url } = await server());
    app = await createApp({ chatWidget: { primaryColor: '#2454c5' } });
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(async () => {
    visitor?.remove();
    await closeConsoles();
  });

  it('redraws the preview before saving, and a save reaches a widget on another page live', async () => {
    // A visitor chatting on the site (the socket carries the change).
    visitor = await openHost(app);
    await openPanel(visitor);
    await waitFor(() => visitor!.find('parley-panel[connection="connected"]'), 'socket connected');
    const launcher = () => visitor!.find<HTMLButtonElement>('[part~="launcher"]');
    await waitFor(() => launcher() && getComputedStyle(launcher()!).backgroundColor === 'rgb(36, 84, 197)', 'site');
    await openSettings(owner, 'Customization');
    expect(await owner.eval<string>('location.pathname')).to.equal('/dashboard/settings/customization');
    await waitLong(owner, `${previewLauncherColour} === 'rgb(36, 84, 197)'`, 'the preview shows the saved colour');
    await owner.fill('pd-settings-form input[name="chatWidget.primaryColor"]', '#d93025');
    await waitLong(owner, `${previewLauncherColour} === 'rgb(217, 48, 37)'`, 'the preview redraws, unsaved');
    // Nothing is saved yet: the site keeps its colour.
    const stored = await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' });
    expect(stored.body.response.chatWidget.primaryColor).to.equal('#2454c5');
    expect(getComputedStyle(launcher()!).backgroundColor).to.equal('rgb(36, 84, 197)');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    await waitFor(() => getComputedStyle(launcher()!).backgroundColor === 'rgb(217, 48, 37)', 'the site, live');
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('shows a refused value next to its field and saves nothing of the page', async () => {
    await openSettings(owner, 'Configuration');
    await owner.waitFor(shows('pd-settings-form', 'label', 'Allowed domains'), 'the page');
    await owner.fill('pd-settings-form textarea[name="chatWidget.allowedDomains"]', 'not a domain!');
    await owner.click('pd-settings-form input[name="chatWidget.isSingleThreaded"]');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(
      shows('pd-settings-form', '[id="problem-chatWidget.allowedDomains"]', 'allowedDomains'),
      'the problem beside its field',
    );
    const [domains] = await owner.query('pd-settings-form textarea[name="chatWidget.allowedDomains"]');
    expect(domains?.attributes['aria-invalid']).to.equal('true');
    const stored = await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' });
    expect(stored.body.response.chatWidget.isSingleThreaded, 'nothing half-saved').to.equal(false);
    expect(stored.body.response.chatWidget.allowedDomains).to.deep.equal([]);
  });

  it('saves a welcome message that a visitor then sees, and a pre-chat form', async () => {
    await openSettings(owner, 'Welcome message');
    await owner.waitFor(shows('pd-settings-form', 'label', 'Welcome message'), 'the page');
    if (!(await owner.eval<boolean>(checkedWelcome)))
      await owner.click('pd-settings-form input[name="welcomeMessage.enabled"]');
    await owner.fill('pd-settings-form textarea[name="welcomeMessage.message"]', 'Ahoy! Ask us anything about tides.');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    visitor?.remove();
    visitor = await openHost(app);
    await openPanel(visitor);
    await waitFor(() => shownText(visitor!).includes('Ahoy! Ask us anything about tides.'), 'the welcome message');
    // A pre-chat form with one required number field.
    await owner.click('pd-settings-form input[name="collectLead"]');
    await owner.click('pd-settings-items button:has-text("Add a field")');
    await owner.fill('pd-settings-items fieldset label:has-text("Name of the field") input', 'Order number');
    await owner.select('pd-settings-items fieldset label:has-text("Kind") select', 'number');
    await owner.click('pd-settings-items fieldset label:has-text("Required") input');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    const stored = (await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' })).body.response;
    expect(stored.collectLead).to.equal(true);
    expect(stored.leadCollection).to.deep.equal([{ field: 'Order number', type: 'number', required: true }]);
  });

  it("adds a greeting and a team's office hours, field by field", async () => {
    await openSettings(owner, 'Greeting message');
    await owner.waitFor(shows('pd-settings-form', 'legend', 'Greeting messages'), 'the page');
    await owner.click('pd-settings-items button:has-text("Add a greeting")');
    await owner.fill('pd-settings-items fieldset textarea', 'Need a hand?\nWe reply in minutes.');
    await owner.fill('pd-settings-items fieldset input[type="number"]', '2');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    let stored = (await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' })).body.response;
    expect(stored.chatPopupMessage).to.deep.equal([{ message: ['Need a hand?', 'We reply in minutes.'], delay: 2000 }]);

    await openSettings(owner, 'Away message');
    await owner.waitFor(shows('pd-settings-form', 'legend', 'Office hours by team'), 'the page');
    await owner.click('pd-settings-items button:has-text("Add office hours")');
    await owner.fill('pd-settings-items fieldset label:has-text("Team") input', 'support');
    await owner.fill('pd-settings-items fieldset label:has-text("Time zone") input', 'Europe/Paris');
    await owner.fill('pd-settings-items input[aria-label="Monday: opens at"]', '09:00');
    await owner.fill('pd-settings-items input[aria-label="Monday: closes at"]', '17:30');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    stored = (await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' })).body.response;
    expect(stored.officeHours).to.have.length(1);
    expect(stored.officeHours[0]).to.include({ teamId: 'support', timezone: 'Europe/Paris' });
    expect(stored.officeHours[0].businessHourMap).to.deep.equal({ 1: '0900-1730' });
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('lets an agent read every setting but change only the messages', async () => {
    expect(await addSam(app)).to.equal(200);
    const sam = await openDashboard(url);
    await signInDashboard(sam, app.appId, SAM.email, SAM.password);
    await openSettings(sam, 'Customization');
    await sam.waitFor(shows('pd-settings-form', 'p', 'an admin can change them'), 'read-only');
    const [colour] = await sam.query('pd-settings-form input[name="chatWidget.primaryColor"]');
    expect(colour?.disabled).to.equal(true);
    expect(colour?.value).to.equal('#d93025');
    expect(await sam.query('pd-settings-form button[type="submit"]')).to.deep.equal([]);
    // The welcome message is theirs to change (agents EDIT it in the roles table).
    await openSettings(sam, 'Welcome message');
    await sam.waitFor(shows('pd-settings-form', 'label', 'Welcome message'), 'the page');
    // The pre-chat form on the same page stays the admins'.
    const [lead] = await sam.query('pd-settings-form input[name="collectLead"]');
    expect(lead?.disabled).to.equal(true);
    await sam.fill('pd-settings-form textarea[name="welcomeMessage.message"]', 'Sam says hello.');
    await sam.click('pd-settings-form button[type="submit"]');
    await sam.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved by an agent');
    await sam.close();
  });

  it('shows the install code, makes a new API key (the old one stops), and turns identity verification off and on', async () => {
    await openSettings(owner, 'Install');
    await owner.waitFor(shows('pd-install', 'code', app.appId), 'the install code');
    const code = await owner.text('pd-install pre');
    expect(code).to.contain(`appId: "${app.appId}"`).and.contain(`server: "${url}"`).and.contain(`${url}/parley.js`);
    await owner.waitFor(shows('pd-install', 'p code', '…'), 'the key, masked');
    await owner.click('pd-install button:has-text("Make a new API key")');
    await owner.waitFor(shows('pd-install', '[role="alert"]', 'stops working'), 'asked first');
    await owner.click('pd-install button.confirm');
    await owner.waitFor(shows('pd-install', 'output', 'shown only now'), 'the new key');
    const newKey = (await owner.text('pd-install output code')).trim();
    expect((await platform(app, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' })).status).to.equal(401);
    const fresh = await platform({ ...app, apiKey: newKey }, `/admin/v1/apps/${app.appId}/settings`, { method: 'GET' });
    expect(fresh.status).to.equal(200);

    await openSettings(owner, 'Security');
    await owner.waitFor(shows('pd-security', '[role="status"]', 'On'), 'new apps verify identities');
    await owner.click('pd-security button:has-text("Turn off")');
    await owner.click('pd-security button.confirm');
    await owner.waitFor(shows('pd-security', '[role="status"]', 'Off'), 'off');
    await owner.click('pd-security button:has-text("Turn on")');
    await owner.waitFor(shows('pd-security', 'output', 'shown only now'), 'a new secret, once');
    expect((await owner.text('pd-security output code')).trim()).to.match(/^[0-9a-f]{32,}$/);
    expect(await owner.axe()).to.deep.equal([]);
  });
});

/** An expression: whether the welcome message's checkbox is ticked. */
const checkedWelcome = call(
  () =>
    document
      .querySelector('parley-dashboard')
      ?.shadowRoot?.querySelector('pd-settings-form')
      ?.shadowRoot?.querySelector<HTMLInputElement>('input[name="welcomeMessage.enabled"]')?.checked ?? false,
);
