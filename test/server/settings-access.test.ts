/**
 * Who may change which widget settings (`src/core/settings-access.ts`, the documented roles
 * table): an agent changes the Welcome, Away (office hours) and CSAT settings and no other, and a
 * patch that touches any other path is refused whole; they change the conversation rules and
 * auto-resolve but not the waiting queue; an admin changes everything; an operator nothing.
 */
import { expect } from '@open-wc/testing';
import { adminOnlyPaths, isMessageSetting } from '../../src/core/settings-access.js';
import { addTeammate } from './platform-support.js';
import { statusAndCode } from './people-support.js';
import { bearer, createTestApp, request } from './support.js';
import type { Session } from '../../src/core/protocol.js';
import type { TestApp } from './support.js';

describe('server: who may change which settings', function () {
  this.timeout(60000);

  const patch = (app: TestApp, session: Session, body: unknown) =>
    request(`${app.url}/admin/v1/apps/${app.appId}/settings`, { method: 'PATCH', body, headers: bearer(session) });
  const stored = async (app: TestApp, session: Session) =>
    (
      (await request(`${app.url}/admin/v1/apps/${app.appId}/settings`, { headers: bearer(session) })).body as {
        response: Record<string, Record<string, unknown>>;
      }
    ).response;

  it('names the paths of a patch that only admins may change', () => {
    expect(adminOnlyPaths({ welcomeMessage: { message: 'Hi' }, chatWidget: { csatRatingBase: 5 } })).to.deep.equal([]);
    expect(adminOnlyPaths({ chatWidget: { csatRatingBase: 5, title: 'x' }, collectLead: true })).to.deep.equal([
      'chatWidget.title',
      'collectLead',
    ]);
    expect(isMessageSetting('awayMessage.known')).to.equal(true);
    expect(isMessageSetting('chatWidget.primaryColor')).to.equal(false);
    expect(adminOnlyPaths(null)).to.deep.equal([]);
  });

  it('lets an agent change the welcome, away and CSAT settings, and refuses the rest whole', async () => {
    const app = await createTestApp();
    const sam = await addTeammate(app, 'Sam Agent', 'agent');
    const ok = await patch(app, sam.session, {
      welcomeMessage: { enabled: true, message: 'Hello from Sam' },
      awayMessage: { known: 'Back soon' },
      collectFeedback: true,
      chatWidget: { csatRatingBase: 5 },
    });
    expect(statusAndCode(ok)).to.deep.equal([200, undefined]);
    const refused = await patch(app, sam.session, {
      welcomeMessage: { message: 'Changed' },
      chatWidget: { primaryColor: '#ff0000' },
    });
    expect(statusAndCode(refused)).to.deep.equal([403, 'PL-S-03']);
    expect(JSON.stringify(refused.body)).to.contain('chatWidget.primaryColor');
    const now = await stored(app, sam.session);
    expect(now['welcomeMessage']?.['message'], 'nothing of a refused patch').to.equal('Hello from Sam');
    expect(now['chatWidget']?.['csatRatingBase']).to.equal(5);
    expect(now['chatWidget']?.['primaryColor']).to.not.equal('#ff0000');
  });

  it('lets an agent change the conversation rules and auto-resolve, but not the waiting queue', async () => {
    const app = await createTestApp();
    const sam = await addTeammate(app, 'Sam Agent', 'agent');
    const ada = await addTeammate(app, 'Ada Admin', 'admin');
    const rules = (session: Session, body: unknown) =>
      request(`${app.url}/admin/v1/apps/${app.appId}/rules`, { method: 'PATCH', body, headers: bearer(session) });
    const ok = await rules(sam.session, {
      conversationRules: { routing: 'notifyEverybody', maxOpenPerAgent: 4 },
      autoResolve: { mode: 'all', afterMs: 3_600_000 },
    });
    expect(statusAndCode(ok)).to.deep.equal([200, undefined]);
    const queue = { conversationRules: { queue: { enabled: true, showPosition: true } } };
    const refused = await rules(sam.session, queue);
    expect(statusAndCode(refused)).to.deep.equal([403, 'PL-S-03']);
    expect(JSON.stringify(refused.body)).to.contain('conversationRules.queue');
    expect(statusAndCode(await rules(ada.session, queue))).to.deep.equal([200, undefined]);
  });

  it('lets an admin change everything and an operator nothing', async () => {
    const app = await createTestApp();
    const ada = await addTeammate(app, 'Ada Admin', 'admin');
    const olly = await addTeammate(app, 'Olly Operator', 'operator');
    expect(statusAndCode(await patch(app, ada.session, { chatWidget: { primaryColor: '#ff0000' } }))).to.deep.equal([
      200,
      undefined,
    ]);
    expect(statusAndCode(await patch(app, olly.session, { welcomeMessage: { message: 'x' } }))).to.deep.equal([
      403,
      'PL-S-03',
    ]);
  });
});
