/**
 * Webhooks in the staff app, end to end against a live reference server of its own (a delivery
 * fails for good after one attempt there) and local receivers (test/plugins/webhook-receiver.mjs):
 * an admin adds an endpoint and sees its secret once, finds a message's delivery in the endpoint's
 * log as delivered, sends a failed delivery again, makes a new secret (the old one keeps signing
 * meanwhile) and deletes an endpoint after confirming. Which roles see the page at all:
 * test/e2e/dashboard-roles.test.ts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { platform, server, useOwnServer, type TestApp } from '../helpers/e2e.js';
import { accepts, closeReceiver, received, receiver, type Received } from '../server/webhook-support.js';

useOwnServer('dashboard-webhooks', { PARLEY_WEBHOOKS_MAX_ATTEMPTS: '1' });

const ADMIN = { email: 'ada@hooks.test', userName: 'Ada Admin', role: 'admin', password: `pw-${crypto.randomUUID()}` };

/** The value of the secret shown once (none: null). */
async function shownSecret(page: ConsolePage): Promise<string | null> {
  return (await page.query('pd-webhooks .secret input'))[0]?.value ?? null;
}

describe('staff app: webhooks', function () {
  this.timeout(120000);
  let app: TestApp;
  let url = '';
  let owner: ConsolePage;
  let groupId = '';
  let good: { id: string; port: number };
  let failing: { id: string; port: number };
  let goodUrl = '';
  let failingUrl = '';
  let firstSecret = '';

  /** A message in the test's conversation; answers its text. */
  async function say(text: string): Promise<string> {
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: text, fromUserName: 'webhook-visitor' },
    });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(200);
    return text;
  }

  /** Waits until the receiver has a request whose body holds `text`, answered `status`; answers the last such. */
  async function arrival(r: { id: string }, text: string, status = 200): Promise<Received> {
    let found: Received | undefined;
    await waitUntil(
      async () => (found = (await received(r.id)).filter((x) => x.body.includes(text) && x.status === status).at(-1)),
      `the receiver gets "${text}" (${status})`,
      { timeout: 20000, interval: 100 },
    );
    return found!;
  }

  const endpointItem = (url: string) => `pd-webhooks li[data-endpoint]:has-text("${url}")`;

  before(async () => {
    ({ url } = await server());
    app = await appForAgents();
    const added = await platform(app, `/admin/v1/apps/${app.appId}/teammates`, { body: ADMIN });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
    const made = await platform(app, '/rest/ws/group/conversation', {
      body: {
        groupName: 'Webhook visitor',
        groupMemberList: ['webhook-visitor', ADMIN.email],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: ADMIN.email },
      },
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(200);
    groupId = made.body.response.groupId as string;
    good = await receiver(0);
    failing = await receiver(1);
    goodUrl = `http://127.0.0.1:${good.port}/hook`;
    failingUrl = `http://127.0.0.1:${failing.port}/hook`;
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, ADMIN.email, ADMIN.password);
  });

  after(async () => {
    await closeConsoles();
    await closeReceiver(good.id);
    await closeReceiver(failing.id);
  });

  it('adds an endpoint with the events ticked; its secret is shown once, then only its beginning', async () => {
    await owner.click('parley-dashboard .sections a:has-text("Settings")');
    await owner.click('parley-dashboard .pages a:has-text("Webhooks")');
    expect(await owner.eval<string>('location.pathname')).to.equal('/dashboard/settings/webhooks');
    await owner.waitFor(shows('pd-webhooks', 'p', 'No endpoints yet.'), 'no endpoints at first');
    // Nothing ticked: the server says why, next to the events.
    await owner.fill('pd-webhooks [name="url"]', goodUrl);
    await owner.click('pd-webhooks button[type="submit"]');
    await owner.waitFor(shows('pd-webhooks', '#problem-events', 'events'), 'the events are required');
    await owner.focus('pd-webhooks label:has-text("A message is sent") input');
    await owner.press('Space');
    await owner.click('pd-webhooks button[type="submit"]');
    await owner.waitFor(shows('pd-webhooks', '.secret label', 'shown only now'), 'the secret is shown');
    firstSecret = (await shownSecret(owner))!;
    expect(firstSecret).to.match(/^whsec_.{20,}/);
    const [field] = await owner.query('pd-webhooks .secret input');
    expect(field?.focused, 'the keyboard is on the secret').to.equal(true);
    expect(field?.attributes['readonly']).to.equal('');
    await owner.waitFor(shows('pd-webhooks', 'li .url', goodUrl), 'the endpoint is listed');
    expect(await owner.text(`${endpointItem(goodUrl)} p.meta:has-text("Events")`)).to.contain('message.created');
    expect(await owner.text(`${endpointItem(goodUrl)} p.meta:has-text("Secret")`)).to.contain(
      `Secret: ${firstSecret.slice(0, 8)}…`,
    );
    expect(await owner.query('pd-webhooks form [name="url"]')).to.have.length(1);
    expect((await owner.query('pd-webhooks form [name="url"]'))[0]!.value, 'the form is empty again').to.equal('');
    expect(await owner.axe()).to.deep.equal([]);
    // Shown once: after a reload only its beginning.
    await owner.reload();
    await owner.waitFor(shows('pd-webhooks', 'li .url', goodUrl), 'the endpoint after a reload');
    expect(await shownSecret(owner)).to.equal(null);
    expect(await owner.text('pd-webhooks li')).not.to.contain(firstSecret);
  });

  it("shows a message's delivery in the endpoint's log as delivered", async () => {
    await owner.click(`pd-webhooks button[aria-label="Delivery log of ${goodUrl}"]`);
    await owner.waitFor(shows('pd-webhook-log', '[role="status"]', 'No deliveries yet.'), 'an empty log');
    const [toggle] = await owner.query(`pd-webhooks button[aria-label="Delivery log of ${goodUrl}"]`);
    expect(toggle?.attributes['aria-expanded']).to.equal('true');
    const text = await say(`hello hooks ${crypto.randomUUID()}`);
    const got = await arrival(good, text);
    expect(await accepts(firstSecret, got)).to.equal(true);
    await owner.click('pd-webhook-log button:has-text("Refresh")');
    await owner.waitFor(shows('pd-webhook-log', 'td.status', 'Delivered'), 'the log says delivered');
    const row = `pd-webhook-log tr[data-delivery="${got.headers['parley-webhook-id']}"]`;
    expect(await owner.text(row)).to.contain('message.created');
    expect(await owner.text(`${row} td.status`)).to.equal('Delivered');
    expect(await owner.text(row)).to.contain('Delivered ');
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('sends a delivery that failed again from the log; it arrives with the same id', async () => {
    await owner.fill('pd-webhooks [name="url"]', failingUrl);
    await owner.click('pd-webhooks label:has-text("A message is sent") input');
    await owner.fill('pd-webhooks [name="secret"]', 'our-own-secret-0123456');
    await owner.click('pd-webhooks button[type="submit"]');
    await owner.waitFor(shows('pd-webhooks', 'li .url', failingUrl), 'the second endpoint');
    expect(await shownSecret(owner)).to.equal('our-own-secret-0123456');
    const text = await say(`to fail ${crypto.randomUUID()}`);
    const first = await arrival(failing, text, 500);
    await owner.click(`pd-webhooks button[aria-label="Delivery log of ${failingUrl}"]`);
    const row = `${endpointItem(failingUrl)} pd-webhook-log tr[data-delivery="${first.headers['parley-webhook-id']}"]`;
    await owner.waitFor(shows('pd-webhook-log', 'td.status', 'Failed'), 'the log says failed');
    expect(await owner.text(row)).to.contain('answered 500');
    await owner.click(`${row} button:has-text("Send again")`);
    const second = await arrival(failing, text, 200);
    expect(second.headers['parley-webhook-id']).to.equal(first.headers['parley-webhook-id']);
    expect(await accepts('our-own-secret-0123456', second)).to.equal(true);
    const id = first.headers['parley-webhook-id'];
    await owner.waitFor(
      shows('pd-webhook-log', `tr[data-delivery="${id}"] td.status`, 'Delivered'),
      'the row says delivered',
    );
    expect(await owner.text(`${row} td.status`)).to.equal('Delivered');
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('makes a new secret after asking: shown once, and the old one signs too for a day', async () => {
    await owner.click(`pd-webhooks button[aria-label="Make a new secret for ${goodUrl}"]`);
    await owner.waitFor(shows('pd-webhooks', '[role="alert"]', 'keeps working for 24 hours'), 'the question');
    const [confirm] = await owner.query('pd-webhooks button.confirm');
    expect(confirm?.focused, 'the keyboard is on the confirmation').to.equal(true);
    await owner.press('Enter');
    await owner.waitFor(shows('pd-webhooks', 'p.meta', 'The previous secret also signs until'), 'the overlap');
    const newSecret = (await shownSecret(owner))!;
    expect(newSecret).to.match(/^whsec_/);
    expect(newSecret).not.to.equal(firstSecret);
    expect(await owner.text(`${endpointItem(goodUrl)} p.meta:has-text("Secret")`)).to.contain(newSecret.slice(0, 8));
    const text = await say(`after rotation ${crypto.randomUUID()}`);
    const got = await arrival(good, text);
    expect(got.headers['parley-signature']).to.match(/^v1=[0-9a-f]{64}, v1=[0-9a-f]{64}$/);
    expect(await accepts(newSecret, got)).to.equal(true);
    expect(await accepts(firstSecret, got)).to.equal(true);
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('reads right to left in Arabic, its log too, and stays axe-clean', async () => {
    const ar = await openDashboard(url, '/dashboard/settings/webhooks?lang=ar', { signedIn: true });
    await ar.waitFor(shows('pd-webhooks', 'li .url', goodUrl), 'the endpoints in Arabic');
    expect(await ar.eval<string>('document.documentElement.dir')).to.equal('rtl');
    await ar.click(`${endpointItem(goodUrl)} button[aria-expanded]`);
    await ar.waitFor(shows('pd-webhook-log', 'td.status', 'تم التسليم'), 'the log in Arabic');
    await ar.click(`${endpointItem(goodUrl)} button:has-text("سر جديد")`);
    await ar.waitFor(shows('pd-webhooks', '[role="alert"]', '24 ساعة'), 'the question in Arabic');
    expect(await ar.axe()).to.deep.equal([]);
    await ar.close();
  });

  it('deletes an endpoint after asking', async () => {
    await owner.click(`pd-webhooks button[aria-label="Delete the endpoint ${failingUrl}"]`);
    await owner.waitFor(shows('pd-webhooks', '[role="alert"]', 'Its delivery log goes with it'), 'the question');
    await owner.click('pd-webhooks button:has-text("Cancel")');
    await owner.waitFor(`!${shows('pd-webhooks', '[role="alert"]', 'Its delivery log goes with it')}`, 'kept');
    await owner.click(`pd-webhooks button[aria-label="Delete the endpoint ${failingUrl}"]`);
    await owner.click('pd-webhooks button.confirm');
    await owner.waitFor(`!${shows('pd-webhooks', 'li .url', failingUrl)}`, 'the endpoint is gone');
    expect(await owner.query('pd-webhooks li[data-endpoint]')).to.have.length(1);
    // The one error: the browser's report of the refused add (no events) of the first test.
    expect((await owner.errors()).filter((e) => !e.includes('status of 400'))).to.deep.equal([]);
  });
});
