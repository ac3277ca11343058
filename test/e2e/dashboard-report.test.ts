/**
 * The staff app's CSAT report against the live reference server: two visitors rate their
 * resolved conversations with the app's agent, and the report shows the count, the average and
 * each rating, in all and for that agent; an operator is not offered it.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { createApp, server, visitorSession } from '../helpers/e2e.js';

describe('staff app: the CSAT report', function () {
  this.timeout(60000);

  after(() => closeConsoles());

  it('shows the period’s ratings in all and by agent', async () => {
    const { url } = await server();
    const app = await createApp({ collectFeedback: true });
    const key = { 'Content-Type': 'application/json', 'Api-Key': app.apiKey };
    for (const rating of [5, 10]) {
      const visitor = await visitorSession(app);
      const created = await fetch(`${url}/rest/ws/group/conversation`, {
        method: 'POST',
        headers: key,
        body: JSON.stringify({
          groupName: 'Rated',
          groupMemberList: [visitor.userId, app.agentId],
          metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
        }),
      }).then((r) => r.json() as Promise<{ response: { groupId: string } }>);
      const groupId = created.response.groupId;
      await fetch(`${url}/rest/ws/group/status/change?groupId=${groupId}&status=2`, { method: 'PATCH', headers: key });
      const rated = await fetch(`${url}/widget/v1/conversations/${groupId}/rating`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${visitor.token}` },
        body: JSON.stringify({ rating }),
      });
      expect(rated.status).to.equal(200);
    }
    const agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
    await agent.click('parley-dashboard .sections a:has-text("Reports")');
    expect(await agent.eval<string>('location.pathname')).to.equal('/dashboard/reports/csat');
    await agent.waitFor(shows('pd-csat-report', '[role="status"]', '2 ratings, 7.5 on average'), 'the total');
    const row = await agent.text('pd-csat-report table tbody tr');
    expect(row).to.contain('Alex Agent').and.contain('7.5').and.contain('5: 1').and.contain('10: 1');
    await agent.select('pd-csat-report select', '7');
    await agent.waitFor(shows('pd-csat-report', '[role="status"]', '2 ratings'), 'the last 7 days hold them too');
    expect(await agent.axe()).to.deep.equal([]);
  });
});
