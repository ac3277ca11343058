/**
 * Tags in the staff app, end to end against the live reference server: the owner creates tags on
 * their settings page (a refused one says why), puts one on a conversation from its header by
 * keyboard, filters the inbox by it (the filter is in the URL and outlasts a reload), sees a
 * conversation leave the filtered list live when the tag comes off, and deletes a tag: every
 * conversation loses it.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { platform, server, type TestApp } from '../helpers/e2e.js';

/** A conversation of a new visitor with the app's owner as its assignee (no routing). */
async function conversationOf(app: TestApp, visitor: string): Promise<string> {
  const { status, body } = await platform(app, '/rest/ws/group/conversation', {
    body: {
      groupName: visitor,
      groupMemberList: [visitor, app.agentId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
    },
  });
  expect(status, JSON.stringify(body)).to.equal(200);
  return body.response.groupId as string;
}

const settings = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Settings")');
  await page.click(`parley-dashboard .pages a:has-text("${name}")`);
};

/** The names on the inbox's conversation links. */
const listed = (page: ConsolePage) =>
  page.eval<string[]>(
    `[...document.querySelector('parley-dashboard').shadowRoot.querySelector('pd-inbox').shadowRoot
      .querySelectorAll('li a .name')].map((n) => n.textContent.trim())`,
  );

describe('staff app: tags', function () {
  this.timeout(90000);
  let app: TestApp;
  let url: string;
  let owner: ConsolePage;
  let billing = 0;

  before(async () => {
    ({ url } = await server());
    app = await appForAgents();
    await conversationOf(app, 'Tom Tagged');
    await conversationOf(app, 'Ann Other');
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(() => closeConsoles());

  it('creates tags on their settings page, and says why one is refused', async () => {
    await settings(owner, 'Tags');
    expect(await owner.eval<string>('location.pathname')).to.equal('/dashboard/settings/tags');
    await owner.waitFor(shows('pd-tags', 'p', 'No tags yet.'), 'no tags at first');
    await owner.fill('pd-tags [name="name"]', 'billing');
    await owner.select('pd-tags select[name="colour"]', 'red');
    await owner.click('pd-tags button[type="submit"]');
    await owner.waitFor(shows('pd-tags', 'li', 'billing'), 'billing is listed');
    await owner.fill('pd-tags [name="name"]', 'vip');
    await owner.select('pd-tags select[name="colour"]', 'blue');
    await owner.click('pd-tags button[type="submit"]');
    await owner.waitFor(shows('pd-tags', 'li', 'vip'), 'vip is listed');
    // The same name again: the server refuses it, and the page says so.
    await owner.fill('pd-tags [name="name"]', 'Billing');
    await owner.click('pd-tags button[type="submit"]');
    await owner.waitFor(shows('pd-tags', '[role="alert"]', 'already exists'), 'the refusal is shown');
    expect(await owner.query('pd-tags li .dot.red')).to.have.length(1);
    expect(await owner.axe()).to.deep.equal([]);
    billing = await owner.eval<number>(
      `fetch('/agent/v1/tags', { headers: { Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('parley-dashboard')).token } })
        .then((r) => r.json()).then((b) => b.response.find((t) => t.name === 'billing').id)`,
    );
    expect(billing).to.be.greaterThan(0);
  });

  it('tags a conversation from its header by keyboard; the inbox shows the tag', async () => {
    await owner.click('parley-dashboard .sections a:has-text("Inbox")');
    await owner.click('pd-inbox li a:has-text("Tom Tagged")');
    await owner.waitFor(shows('pd-conversation', 'h2', 'Tom Tagged'), 'the conversation');
    await owner.focus('pd-tag-picker button[aria-expanded]');
    await owner.press('Enter');
    await owner.waitFor(shows('pd-tag-picker', 'legend', 'Tags of this conversation'), 'the tag choices');
    await owner.focus('pd-tag-picker label:has-text("billing") input');
    await owner.press('Space');
    await owner.waitFor(shows('pd-tag-picker', 'ul.tags li', 'billing'), 'the chip in the header');
    await owner.waitFor(shows('pd-inbox', 'li a .tags', 'billing'), 'the chip in the inbox');
    // Escape closes the choices and gives the keyboard back to the button.
    await owner.press('Escape');
    await owner.waitFor(`!${shows('pd-tag-picker', 'legend', 'Tags')}`, 'the choices closed');
    const [button] = await owner.query('pd-tag-picker button[aria-expanded]');
    expect(button?.focused, 'focus is back on the Tags button').to.equal(true);
    expect(button?.attributes['aria-expanded']).to.equal('false');
  });

  it('filters the inbox by tag, in the URL and after a reload; a tag taken off takes it out live', async () => {
    expect(await listed(owner)).to.have.members(['Tom Tagged', 'Ann Other']);
    await owner.select('pd-inbox .filter select', String(billing));
    await owner.waitFor(`location.search.includes('tag=${billing}')`, 'the filter is in the URL');
    await owner.waitFor(`!${shows('pd-inbox', 'li', 'Ann Other')}`, 'Ann is filtered out');
    expect(await listed(owner)).to.deep.equal(['Tom Tagged']);
    await owner.reload();
    await owner.waitFor(shows('pd-inbox', 'li', 'Tom Tagged'), 'the filtered inbox again');
    expect(await listed(owner)).to.deep.equal(['Tom Tagged']);
    // Taking the tag off in the open conversation takes it out of the filtered list at once.
    await owner.click('pd-inbox li a:has-text("Tom Tagged")');
    await owner.click('pd-tag-picker button[aria-expanded]');
    await owner.click('pd-tag-picker label:has-text("billing") input');
    await owner.waitFor(`!${shows('pd-inbox', 'li', 'Tom Tagged')}`, 'Tom leaves the filtered list');
    await owner.select('pd-inbox .filter select', '');
    await owner.waitFor(shows('pd-inbox', 'li', 'Ann Other'), 'all conversations again');
    expect(await owner.eval<string>('location.search')).to.not.contain('tag=');
  });

  it('deletes a tag after asking; every conversation loses it', async () => {
    await owner.click('pd-inbox li a:has-text("Ann Other")');
    await owner.click('pd-tag-picker button[aria-expanded]');
    await owner.click('pd-tag-picker label:has-text("vip") input');
    await owner.waitFor(shows('pd-inbox', 'li a .tags', 'vip'), 'Ann is tagged vip');
    await settings(owner, 'Tags');
    await owner.click('pd-tags button[aria-label="Delete the tag vip"]');
    await owner.waitFor(shows('pd-tags', '[role="alert"]', 'Every conversation loses it'), 'the question');
    const [confirm] = await owner.query('pd-tags button.confirm');
    expect(confirm?.focused, 'the keyboard is on the confirmation').to.equal(true);
    await owner.press('Enter');
    await owner.waitFor(`!${shows('pd-tags', 'li', 'vip')}`, 'vip is gone');
    await owner.click('parley-dashboard .sections a:has-text("Inbox")');
    await owner.waitFor(shows('pd-inbox', 'li', 'Ann Other'), 'the inbox');
    expect(await owner.query('pd-inbox li a .tags')).to.deep.equal([]);
    // The one error: the browser's report of the refused duplicate (409) of the first test.
    expect((await owner.errors()).filter((e) => !e.includes('status of 409'))).to.deep.equal([]);
  });
});
