/**
 * Each role sees in the staff app what the permission table lets it do, and no more — driven from
 * the table itself (`demo/server/src/permissions.ts`, `roles.ts`): for a super admin, an admin, an
 * agent and an operator, each signed in with a conversation assigned to them, the inbox tabs, the
 * Reports link, the conversation's controls (assign to others, tag, block) and the settings pages
 * (Teammates, Bot integrations, Webhooks, the add forms of Tags, Quick replies and Teammates). The server refuses the rest on
 * its own (test/server/permissions.test.ts).
 */
import { expect } from '@open-wc/testing';
import { can, credentialOf, mayGive } from '../../demo/server/src/permissions.js';
import { seesAllConversations } from '../../demo/server/src/roles.js';
import type { UserRole } from '../../src/core/protocol.js';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { platform, server, type TestApp } from '../helpers/e2e.js';

const STAFF_ROLES = ['superadmin', 'admin', 'agent', 'operator'] as const satisfies readonly UserRole[];
const ALL_TABS = ['Mine', 'Unassigned', 'All open', 'Resolved'];

/** Texts of the elements matching `selector` in a dashboard element's shadow root. */
const texts = (page: ConsolePage, selector: string) =>
  page.query(selector).then((found) => found.map((e) => e.text.trim()));
const present = async (page: ConsolePage, selector: string) => (await page.query(selector)).length > 0;

describe('staff app: each role sees what the permission table says', function () {
  this.timeout(120000);
  let app: TestApp;
  let url: string;

  /** A teammate of `role` (the owner is the app's super admin) with a conversation of their own. */
  async function personOf(role: (typeof STAFF_ROLES)[number]): Promise<{ email: string; password: string }> {
    const person =
      role === 'superadmin'
        ? { email: app.agentId, password: app.agentPassword }
        : { email: `${role}@roles.test`, password: `pw-${crypto.randomUUID()}` };
    if (role !== 'superadmin') {
      const added = await platform(app, `/admin/v1/apps/${app.appId}/teammates`, {
        body: { email: person.email, userName: `The ${role}`, role, password: person.password },
      });
      expect(added.status, JSON.stringify(added.body)).to.equal(200);
    }
    const made = await platform(app, '/rest/ws/group/conversation', {
      body: {
        groupName: `Visitor of the ${role}`,
        groupMemberList: [`visitor-of-${role}`, person.email],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: person.email },
      },
    });
    expect(made.status, JSON.stringify(made.body)).to.equal(200);
    return person;
  }

  before(async () => {
    ({ url } = await server());
    app = await appForAgents();
  });

  after(() => closeConsoles());

  for (const role of STAFF_ROLES) {
    it(`${role}: the inbox, the conversation and the settings pages`, async () => {
      const person = await personOf(role);
      const page = await openDashboard(url);
      await signInDashboard(page, app.appId, person.email, person.password);

      // The inbox: every tab for those who see every conversation (default routing), else their own.
      const seesAll = seesAllConversations(role, 'automatic');
      await page.waitFor(shows('pd-inbox', '.tabs a', 'Mine'), 'the inbox tabs');
      expect(await texts(page, 'pd-inbox .tabs a')).to.deep.equal(seesAll ? ALL_TABS : ['Mine', 'Resolved']);
      expect(await present(page, 'parley-dashboard .sections a:has-text("Reports")'), 'Reports').to.equal(
        can(role, 'viewReports'),
      );

      // Their conversation: assign to others, tag, block — as the table grants.
      await page.click(`pd-inbox li a:has-text("visitor-of-${role}")`);
      await page.waitFor(shows('pd-conversation', 'h2', `visitor-of-${role}`), 'their conversation');
      await page.waitFor(shows('pd-visitor-card', 'dd', `visitor-of-${role}`), 'the visitor’s details');
      expect(await present(page, 'pd-conversation select'), 'assign to others').to.equal(can(role, 'assignOthers'));
      expect(await present(page, 'pd-tag-picker button'), 'tag').to.equal(can(role, 'assignTags'));
      expect(await present(page, 'pd-visitor-card button[aria-pressed]'), 'block').to.equal(can(role, 'blockUsers'));

      // Settings: the Teammates page for those who may view the team; each add form as granted.
      await page.click('parley-dashboard .sections a:has-text("Settings")');
      await page.waitFor(shows('parley-dashboard', '.pages a', 'Profile'), 'the settings pages');
      expect(await present(page, 'parley-dashboard .pages a:has-text("Teammates")'), 'Teammates').to.equal(
        can(role, 'viewTeammates'),
      );
      expect(
        await present(page, 'parley-dashboard .pages a:has-text("Bot integrations")'),
        'Bot integrations',
      ).to.equal(can(role, 'editBotIntegrations'));
      expect(await present(page, 'parley-dashboard .pages a:has-text("Webhooks")'), 'Webhooks').to.equal(
        can(role, 'changeSettings'),
      );
      await page.click('parley-dashboard .pages a:has-text("Tags")');
      await page.waitFor(shows('pd-tags', 'h2', 'Tags'), 'the Tags page');
      expect(await present(page, 'pd-tags form'), 'create tags').to.equal(can(role, 'createTags'));
      await page.click('parley-dashboard .pages a:has-text("Quick replies")');
      await page.waitFor(shows('pd-quick-replies', 'h2', 'Quick replies'), 'the Quick replies page');
      expect(await present(page, 'pd-quick-replies form'), 'create quick replies').to.equal(
        can(role, 'createQuickReplies'),
      );
      if (can(role, 'viewTeammates')) {
        await page.click('parley-dashboard .pages a:has-text("Teammates")');
        await page.waitFor(shows('pd-teammates', 'tr[data-user]', ''), 'the team');
        expect(await present(page, 'pd-teammates form'), 'add teammates').to.equal(can(role, 'editTeammates'));
        // The new teammate's role: exactly the roles this role may give.
        if (can(role, 'editTeammates')) {
          const NAMES = { admin: 'Admin', agent: 'Agent', operator: 'Operator' } as const;
          const givable = (['admin', 'agent', 'operator'] as const).filter((r) => mayGive(credentialOf(role), r));
          expect(await texts(page, 'pd-teammates select[name="role"] option')).to.deep.equal(
            givable.map((r) => NAMES[r]),
          );
        }
      }
      expect(await page.axe()).to.deep.equal([]);
      await page.close();
    });
  }
});
