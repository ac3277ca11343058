/**
 * The Conversation rules, Waiting queue and Auto-resolve pages of the staff app against the live
 * reference server: the owner sets the routing, a limit and a team with rules of its own (a team
 * without an id is refused, its problem shown by the teams), turns the queue on with the visitor's
 * place, and auto-resolves everything after an hour; an agent may change the rules but only read
 * the queue, as the documented roles table says.
 */
import { expect } from '@open-wc/testing';
import { addSam, closeConsoles, SAM, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { createApp, platform, server, type TestApp } from '../helpers/e2e.js';

const openSettings = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Settings")');
  await page.click(`parley-dashboard .pages a:has-text("${name}")`);
};

describe('staff app: conversation rules, the waiting queue and auto-resolve', function () {
  this.timeout(120000);
  let app: TestApp;
  let url: string;
  let owner: ConsolePage;
  const rules = async () =>
    (await platform(app, `/admin/v1/apps/${app.appId}/rules`, { method: 'GET' })).body.response as {
      conversationRules: Record<string, unknown> & { teams: Array<Record<string, unknown>> };
      autoResolve: Record<string, unknown>;
    };
  const save = async (page: ConsolePage) => {
    await page.click('pd-settings-form button[type="submit"]');
    await page.waitFor(shows('pd-settings-form', '[role="status"]', 'Saved.'), 'saved');
  };

  before(async () => {
    ({ url } = await server());
    app = await createApp();
    expect(await addSam(app)).to.equal(200);
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(() => closeConsoles());

  it('sets the routing, a limit and a team with rules of its own; a team without an id is refused', async () => {
    await openSettings(owner, 'Conversation rules');
    expect(await owner.eval<string>('location.pathname')).to.equal('/dashboard/settings/rules');
    await owner.waitFor(shows('pd-settings-form', 'legend', 'Teams'), 'the page');
    await owner.select(
      'pd-settings-form select[name="conversationRules.routing"]',
      'Notify everybody (nobody assigned; any agent takes it)',
    );
    await owner.fill('pd-settings-form input[name="conversationRules.maxOpenPerAgent"]', '3');
    await owner.click('pd-settings-items button:has-text("Add a team")');
    await owner.fill('pd-settings-items fieldset label:has-text("Name") input', 'VIP');
    await owner.click('pd-settings-form button[type="submit"]');
    await owner.waitFor(
      shows('pd-settings-form', '[id="problem-conversationRules.teams"]', 'teamId'),
      'the missing team id, by the teams',
    );
    expect((await rules()).conversationRules['maxOpenPerAgent'], 'nothing half-saved').to.equal(0);
    await owner.fill('pd-settings-items fieldset label:has-text("Team id") input', 'vip');
    await owner.select(
      'pd-settings-items fieldset label:has-text("Routing") select',
      'Automatic assignment (round robin among available agents)',
    );
    await owner.fill('pd-settings-items fieldset label:has-text("Open conversations per agent") input', '1');
    await owner.fill(
      'pd-settings-items fieldset label:has-text("Its own bot per channel") textarea',
      `web: ${app.botId}`,
    );
    await save(owner);
    const saved = (await rules()).conversationRules;
    expect(saved['routing']).to.equal('notifyEverybody');
    expect(saved['maxOpenPerAgent']).to.equal(3);
    expect(saved.teams).to.deep.equal([
      {
        teamId: 'vip',
        name: 'VIP',
        agentIds: [],
        routing: 'automatic',
        maxOpenPerAgent: 1,
        channelBots: { web: app.botId },
      },
    ]);
    // The new team can now be the default team.
    await owner.reload();
    await owner.waitFor(
      shows('pd-settings-form', 'select[name="conversationRules.defaultTeamId"] option', 'VIP'),
      'VIP',
    );
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('turns the waiting queue on, with the place, and auto-resolves after an hour', async () => {
    await openSettings(owner, 'Waiting queue');
    await owner.waitFor(shows('pd-settings-form', 'label', 'wait in a queue'), 'the page');
    await owner.click('pd-settings-form input[name="conversationRules.queue.enabled"]');
    await owner.click('pd-settings-form input[name="conversationRules.queue.showPosition"]');
    await save(owner);
    expect((await rules()).conversationRules['queue']).to.deep.equal({ enabled: true, showPosition: true });

    await openSettings(owner, 'Auto-resolve');
    await owner.waitFor(shows('pd-settings-form', 'label', 'without activity'), 'the page');
    await owner.select('pd-settings-form select[name="autoResolve.mode"]', 'All conversations');
    await owner.fill('pd-settings-form input[name="autoResolve.afterMs"]', '60');
    await save(owner);
    expect((await rules()).autoResolve).to.deep.equal({ mode: 'all', afterMs: 3_600_000 });
  });

  it('lets an agent change the rules but only read the queue', async () => {
    const sam = await openDashboard(url);
    await signInDashboard(sam, app.appId, SAM.email, SAM.password);
    await openSettings(sam, 'Waiting queue');
    await sam.waitFor(shows('pd-settings-form', 'label', 'wait in a queue'), 'the queue page');
    const [queue] = await sam.query('pd-settings-form input[name="conversationRules.queue.enabled"]');
    expect(queue?.disabled).to.equal(true);
    await sam.click('parley-dashboard .pages a:has-text("Conversation rules")');
    await sam.waitFor(shows('pd-settings-form', 'legend', 'Teams'), 'the rules page');
    await sam.fill('pd-settings-form input[name="conversationRules.maxOpenPerAgent"]', '4');
    await save(sam);
    expect((await rules()).conversationRules['maxOpenPerAgent']).to.equal(4);
    await sam.close();
  });
});
