/**
 * Bot integrations in the staff app against the live reference server: the owner backs the app's
 * bot with a URL and a time-out (the secret shown once, a bad URL refused by its field), removes
 * it again, and turns on the reply rule for bots after assignment on the Conversation rules page.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { createApp, platform, server, type TestApp } from '../helpers/e2e.js';

const openSettings = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Settings")');
  await page.click(`parley-dashboard .pages a:has-text("${name}")`);
};

describe('staff app: bot integrations', function () {
  this.timeout(120000);
  let app: TestApp;
  let owner: ConsolePage;
  const bot = async () =>
    (await platform(app, `/admin/v1/apps/${app.appId}/bots/${app.botId}`, { method: 'GET' })).body.response as {
      webhook: { url: string; timeoutMs: number } | null;
    };

  before(async () => {
    const { url } = await server();
    app = await createApp();
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(() => closeConsoles());

  it('sets the bot’s URL and time-out, shows the secret once, refuses a bad URL, removes it', async () => {
    await openSettings(owner, 'Bot integrations');
    expect(await owner.eval<string>('location.pathname')).to.equal('/dashboard/settings/bots');
    await owner.waitFor(shows('pd-bots', '[role="status"]', 'Answered by the built-in demo bot.'), 'the bot');
    await owner.fill('pd-bots input[name="url"]', 'https://bots.example.com/parley');
    await owner.fill('pd-bots input[name="timeout"]', '5');
    await owner.click('pd-bots button[type="submit"]');
    await owner.waitFor(shows('pd-bots', 'output', 'botsec_'), 'the secret, shown once');
    await owner.waitFor(shows('pd-bots', '[role="status"]', 'Answered by its URL.'), 'backed by its URL');
    expect((await bot()).webhook).to.include({ url: 'https://bots.example.com/parley', timeoutMs: 5000 });
    expect(await owner.axe()).to.deep.equal([]);
    expect(await owner.errors()).to.deep.equal([]);

    await owner.fill('pd-bots input[name="url"]', 'ftp://bots.example.com/');
    await owner.click('pd-bots button[type="submit"]');
    await owner.waitFor(shows('pd-bots', '.field-error', 'url must be an http or https URL'), 'the URL refused');
    const [url] = await owner.query('pd-bots input[name="url"]');
    expect(url?.attributes['aria-invalid']).to.equal('true');
    expect((await bot()).webhook?.url, 'unchanged').to.equal('https://bots.example.com/parley');

    await owner.click('pd-bots button:has-text("Remove URL")');
    await owner.waitFor(shows('pd-bots', '[role="status"]', 'Answered by the built-in demo bot.'), 'removed');
    expect((await bot()).webhook).to.equal(null);
  });

  it('turns on the reply rule for bots after assignment', async () => {
    await openSettings(owner, 'Conversation rules');
    await owner.waitFor(shows('pd-settings-form', 'label', 'Allow other bots to reply after assignment'), 'the rule');
    await owner.click('pd-settings-form input[name="conversationRules.botsReplyAfterAssignment"]');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
    const rules = (await platform(app, `/admin/v1/apps/${app.appId}/rules`, { method: 'GET' })).body.response as {
      conversationRules: { botsReplyAfterAssignment: boolean };
    };
    expect(rules.conversationRules.botsReplyAfterAssignment).to.equal(true);
  });
});
