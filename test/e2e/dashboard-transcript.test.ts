/**
 * Sending a transcript from the staff app's conversation view, end to end against the live
 * reference server (no SMTP server: the mail becomes an `.eml` file the outbox lists): a visitor
 * without an e-mail address is said to have none; one with an address gets it once, and a second
 * click says it was sent already.
 */
import { expect } from '@open-wc/testing';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { platform, server, visitorSession, type TestApp } from '../helpers/e2e.js';

/** A conversation of `visitor` with the app's owner as its assignee (no routing). */
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

const open = async (page: ConsolePage, name: string) => {
  await page.click('parley-dashboard .sections a:has-text("Inbox")');
  await page.click(`pd-inbox li a:has-text("${name}")`);
  await page.waitFor(shows('pd-conversation', 'h2', name), `the conversation of ${name}`);
};

describe('staff app: send a transcript', function () {
  this.timeout(90000);
  let app: TestApp;
  let owner: ConsolePage;

  before(async () => {
    const { url } = await server();
    app = await appForAgents();
    await conversationOf(app, 'ann-noaddress');
    const known = await visitorSession(app, {
      userId: 'mia-visitor',
      userName: 'Mia Mail',
      email: 'mia@example.test',
    });
    await conversationOf(app, known.userId);
    owner = await openDashboard(url);
    await signInDashboard(owner, app.appId, app.agentId, app.agentPassword);
  });

  after(() => closeConsoles());

  it('says when the visitor has no e-mail address', async () => {
    await open(owner, 'ann-noaddress');
    await owner.click('pd-conversation button:has-text("Send transcript")');
    await owner.waitFor(shows('pd-conversation', '[role="alert"]', 'no e-mail address'), 'the refusal is shown');
  });

  it('sends it to a visitor with an address, once', async () => {
    await open(owner, 'Mia Mail');
    await owner.click('pd-conversation button:has-text("Send transcript")');
    await owner.waitFor(shows('pd-conversation', '[role="status"]', 'on its way to the visitor'), 'it is sent');
    await owner.click('pd-conversation button:has-text("Send transcript")');
    await owner.waitFor(shows('pd-conversation', '[role="status"]', 'already sent'), 'the second click says so');
    const mails = await owner.eval<{ recipient: string; kind: string }[]>(
      `fetch('/agent/v1/mail', { headers: { Authorization: 'Bearer ' + JSON.parse(localStorage.getItem('parley-dashboard')).token } })
        .then((r) => r.json()).then((b) => b.response)`,
    );
    expect(mails.map((m) => [m.recipient, m.kind])).to.deep.equal([['mia@example.test', 'transcript']]);
    expect(await owner.axe()).to.deep.equal([]);
  });
});
