/**
 * The staff app's people pages against the live reference server: a profile saved (a refused
 * field shown next to it; a password change that asks for the current one), notification
 * preferences that outlast a reload, and the team — the super admin adds, re-roles, deactivates,
 * reactivates and deletes a teammate, and an agent sees only what the people rows of the permission table let them do.
 */
import { expect } from '@open-wc/testing';
import { addSam, closeConsoles, SAM, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { createApp, server, type TestApp } from '../helpers/e2e.js';

const settings = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Settings")');
  await page.click(`parley-dashboard .pages a:has-text("${name}")`);
};

describe('staff app: profile, notifications, teammates', function () {
  this.timeout(90000);
  let app: TestApp;
  let url: string;
  let owner: ConsolePage;

  before(async () => {
    ({ url } = await server());
    app = await createApp();
    expect(await addSam(app)).to.equal(200);
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(() => closeConsoles());

  it('saves the profile, shows a refused field next to it, and changes the password with the current one', async () => {
    await settings(owner, 'Profile');
    await owner.waitFor(shows('pd-profile', 'h2', 'Profile'), 'the profile page');
    await owner.fill('pd-profile [name="designation"]', 'Head of support');
    await owner.fill('pd-profile [name="imageLink"]', 'javascript:alert(1)');
    await owner.click('pd-profile form:first-of-type button[type="submit"]');
    await owner.waitFor(shows('pd-profile', '#problem-imageLink', 'imageLink'), 'the picture is refused, next to it');
    expect((await owner.query('pd-profile [name="imageLink"]'))[0]?.attributes['aria-invalid']).to.equal('true');
    await owner.fill('pd-profile [name="imageLink"]', '');
    await owner.click('pd-profile form:first-of-type button[type="submit"]');
    await owner.waitFor(shows('pd-profile', '[role="status"]', 'Saved.'), 'saved');
    await owner.reload();
    await owner.waitFor(
      `${shows('pd-profile', 'h2', 'Profile')} && document.querySelector('parley-dashboard').shadowRoot.querySelector('pd-profile').shadowRoot.querySelector('[name="designation"]').value === 'Head of support'`,
      'the designation is kept',
    );

    await owner.fill('pd-profile [name="currentPassword"]', 'not-my-password');
    await owner.fill('pd-profile [name="password"]', 'a-new-password-1');
    await owner.click('pd-profile form:last-of-type button[type="submit"]');
    await owner.waitFor(
      shows('pd-profile', '#problem-currentPassword', 'currentPassword'),
      'the wrong current password',
    );
    await owner.fill('pd-profile [name="currentPassword"]', app.agentPassword);
    await owner.fill('pd-profile [name="password"]', 'a-new-password-1');
    await owner.click('pd-profile form:last-of-type button[type="submit"]');
    await owner.waitFor(shows('pd-profile', '[role="status"]', 'Saved.'), 'the password is changed');
    app.agentPassword = 'a-new-password-1';
  });

  it('keeps notification preferences', async () => {
    await owner.click('parley-dashboard .pages a:has-text("Notification preferences")');
    await owner.waitFor(shows('pd-notifications', 'h2', 'Notification preferences'), 'the page');
    await owner.click('pd-notifications [name="onlyWhenHidden"]');
    await owner.select('pd-notifications [name="sound"]', 'bell');
    await owner.click('pd-notifications button[type="submit"]');
    await owner.waitFor(shows('pd-notifications', '[role="status"]', 'Saved.'), 'saved');
    await owner.reload();
    await owner.waitFor(shows('pd-notifications', 'h2', 'Notification preferences'), 'the page again');
    const checked = await owner.eval<boolean>(
      `document.querySelector('parley-dashboard').shadowRoot.querySelector('pd-notifications').shadowRoot.querySelector('[name="onlyWhenHidden"]').checked`,
    );
    const [sound] = await owner.query('pd-notifications [name="sound"]');
    expect([checked, sound?.value]).to.deep.equal([true, 'bell']);
  });

  it('adds a teammate, changes their role, and deletes them', async () => {
    await owner.click('parley-dashboard .pages a:has-text("Teammates")');
    await owner.waitFor(shows('pd-teammates', 'td', 'Sam Support'), 'the team');
    await owner.fill('pd-teammates [name="email"]', 'olly@team.test');
    await owner.fill('pd-teammates [name="userName"]', 'Olly Operator');
    await owner.select('pd-teammates select[name="role"]', 'operator');
    await owner.fill('pd-teammates [name="password"]', 'olly-password-1');
    await owner.click('pd-teammates button[type="submit"]');
    await owner.waitFor(shows('pd-teammates', 'tr[data-user="olly@team.test"]', 'Operator'), 'Olly is added');
    await owner.select('pd-teammates tr[data-user="olly@team.test"] select', 'agent');
    await owner.waitFor(
      shows('pd-teammates', 'tr[data-user="olly@team.test"] option[selected]', 'Agent'),
      'Olly is an agent',
    );
    // Deactivated: shown so, with no role to change; reactivated: back.
    await owner.click('pd-teammates tr[data-user="olly@team.test"] button:has-text("Deactivate")');
    await owner.waitFor(shows('pd-teammates', 'tr[data-user="olly@team.test"] td', 'Deactivated'), 'Olly deactivated');
    expect(await owner.query('pd-teammates tr[data-user="olly@team.test"] select')).to.deep.equal([]);
    await owner.click('pd-teammates tr[data-user="olly@team.test"] button:has-text("Reactivate")');
    await owner.waitFor(
      `!${shows('pd-teammates', 'tr[data-user="olly@team.test"] td', 'Deactivated')}`,
      'Olly active again',
    );
    await owner.click('pd-teammates tr[data-user="olly@team.test"] button:has-text("Delete")');
    await owner.waitFor(
      shows('pd-teammates', 'tr[data-user="olly@team.test"] [role="alert"]', 'Delete Olly Operator?'),
      'asked',
    );
    await owner.click('pd-teammates tr[data-user="olly@team.test"] button:has-text("Delete")');
    await owner.waitFor(`!${shows('pd-teammates', 'td', 'Olly Operator')}`, 'Olly is gone');
    // Nobody deletes the super admin: no button on their row, nor on one's own.
    expect(await owner.query(`pd-teammates tr[data-user="${app.agentId}"] button`)).to.deep.equal([]);
    expect(await owner.axe()).to.deep.equal([]);
  });

  it('shows an agent only what their role may do with the team', async () => {
    const sam = await openDashboard(url);
    await signInDashboard(sam, app.appId, SAM.email, SAM.password);
    // The owner's Teammates page follows, live: Sam is online now.
    await owner.waitFor(shows('pd-teammates', 'tr[data-user="sam@team.test"] td', 'Online'), 'Sam shows online, live');
    await settings(sam, 'Teammates');
    await sam.waitFor(shows('pd-teammates', 'td', 'Alex Agent'), 'the team, as an agent sees it');
    // Agents view the team, add nobody, and change or delete neither the owner nor other agents.
    expect(await sam.query('pd-teammates form')).to.deep.equal([]);
    expect(
      await sam.query(
        `pd-teammates tr[data-user="${app.agentId}"] select, pd-teammates tr[data-user="${app.agentId}"] button`,
      ),
    ).to.deep.equal([]);
  });
});
