/**
 * The CSAT report: figures per agent (the assignee) and per team (the conversation's team) for a
 * small known set of rated conversations, the period's validation, and who may read it.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { addTeammate, adminSession, bearerOf, patchQuery, setRules } from './platform-support.js';
import type { Teammate } from './platform-support.js';
import { bearer, createTestApp, errorCode, newConversation, request, responseOf, visitorSession } from './support.js';
import type { Envelope, TestApp } from './support.js';

interface Figures {
  count: number;
  average: number | null;
  distribution: Record<string, number>;
}
interface Report {
  from: number;
  to: number;
  teamId?: string;
  total: Figures;
  agents: Array<Figures & { userId: string; userName: string }>;
  teams: Array<Figures & { teamId: string; name: string }>;
}
const DAY = 24 * 60 * 60 * 1000;

describe('server: CSAT report', () => {
  let app: TestApp;
  let admin: Session;
  let amy: Teammate;
  let bob: Teammate;
  let olive: Teammate;
  let start: number;
  const report = (by: Session, query: string) =>
    request<Envelope<Report>>(`${app.url}/agent/v1/reports/csat?${query}`, { headers: bearerOf(by) });

  /** A visitor's conversation (of `teamId`), assigned to `assignee`, resolved and rated `rating`. */
  async function rated(rating: number, assignee?: Teammate, teamId?: string): Promise<void> {
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor, teamId ? { teamId } : {});
    if (assignee)
      responseOf(
        await patchQuery(app, '/rest/ws/group/assignee/change', { groupId: conv.groupId, assignee: assignee.userId }),
      );
    responseOf(await patchQuery(app, '/rest/ws/group/status/change', { groupId: conv.groupId, status: '2' }));
    responseOf(
      await request(`${app.url}/widget/v1/conversations/${conv.groupId}/rating`, {
        body: { rating },
        headers: bearer(visitor),
      }),
    );
  }

  before(async () => {
    app = await createTestApp({ collectFeedback: true });
    admin = await adminSession(app);
    amy = await addTeammate(app, 'Amy');
    bob = await addTeammate(app, 'Bob');
    olive = await addTeammate(app, 'Olive', 'operator');
    await setRules(app, {
      conversationRules: {
        botFirst: false,
        routing: 'notifyEverybody',
        teams: [
          { teamId: 'sales', name: 'Sales', agentIds: [amy.userId] },
          { teamId: 'support', name: 'Support', agentIds: [] },
        ],
        defaultTeamId: 'support',
      },
    });
    start = Date.now() - 1000;
    await rated(10, amy, 'sales');
    await rated(5, amy, 'sales');
    await rated(1, bob);
    await rated(5);
  });

  it('counts, averages and distributes the period’s ratings per agent and per team', async () => {
    const r = responseOf(await report(amy.session, `from=${start}&to=${Date.now() + 1000}`));
    expect(r.total).to.deep.equal({ count: 4, average: 5.25, distribution: { '1': 1, '5': 2, '10': 1 } });
    expect(r.agents).to.have.length(2);
    expect(r.agents.find((a) => a.userId === amy.userId)).to.deep.equal({
      userId: amy.userId,
      userName: 'Amy',
      count: 2,
      average: 7.5,
      distribution: { '5': 1, '10': 1 },
    });
    expect(r.agents.find((a) => a.userId === bob.userId)).to.deep.include({ count: 1, average: 1 });
    expect(r.teams).to.deep.equal([
      { teamId: 'sales', name: 'Sales', count: 2, average: 7.5, distribution: { '5': 1, '10': 1 } },
      { teamId: 'support', name: 'Support', count: 2, average: 3, distribution: { '1': 1, '5': 1 } },
    ]);

    const sales = responseOf(await report(admin, `from=${start}&to=${Date.now() + 1000}&teamId=sales`));
    expect(sales.teamId).to.equal('sales');
    expect(sales.total.count).to.equal(2);
    expect(sales.agents.map((a) => a.userId)).to.deep.equal([amy.userId]);
    expect(sales.teams.map((t) => t.teamId)).to.deep.equal(['sales']);

    const before = responseOf(await report(admin, `from=${start - DAY}&to=${start}`));
    expect(before.total).to.deep.equal({ count: 0, average: null, distribution: {} });
    expect(before.agents).to.deep.equal([]);
  });

  it('validates the period and the team', async () => {
    const now = Date.now();
    const cases: Array<[string, number, string]> = [
      [`to=${now}`, 400, 'PL-R-02'],
      [`from=${now}`, 400, 'PL-R-02'],
      [`from=abc&to=${now}`, 400, 'PL-R-03'],
      [`from=${now}&to=${now}`, 400, 'PL-R-03'],
      [`from=${now}&to=${now - 1}`, 400, 'PL-R-03'],
      [`from=${now - 367 * DAY}&to=${now}`, 400, 'PL-R-03'],
      [`from=${now - DAY}&to=${now}&teamId=nope`, 400, 'PL-R-03'],
    ];
    for (const [query, status, code] of cases) {
      const res = await report(admin, query);
      expect([res.status, errorCode(res)], query).to.deep.equal([status, code]);
    }
    responseOf(await report(admin, `from=${now - 366 * DAY}&to=${now}`));
  });

  it('is for admins and agents only', async () => {
    const query = `from=${start}&to=${Date.now()}`;
    const operator = await report(olive.session, query);
    expect([operator.status, errorCode(operator)]).to.deep.equal([403, 'PL-S-03']);
    const visitor = await request(`${app.url}/agent/v1/reports/csat?${query}`, {
      headers: bearer(await visitorSession(app)),
    });
    expect(visitor.status).to.equal(403);
    const none = await request(`${app.url}/agent/v1/reports/csat?${query}`);
    expect(none.status).to.equal(401);
  });
});
