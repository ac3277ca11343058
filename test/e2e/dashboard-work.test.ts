/**
 * Working a conversation in the staff app, end to end against the live reference server: a quick
 * reply saved on its settings page and picked with "/", typing both ways, "Seen" once the visitor
 * has read the reply, suggested-reply buttons the widget shows as buttons, Away that outlasts a
 * reload, and marking a conversation as spam.
 */
import { expect } from '@open-wc/testing';
import { press, type as typeKeys } from '../helpers/ui.js';
import { openHost, server, waitFor, widgetLauncher } from '../helpers/e2e.js';
import { closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, openDashboard, replyBoxValue, shows, signInDashboard } from '../helpers/dashboard-page.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';

function widgetText(page: HostPage): string {
  return page
    .findAll('*')
    .map((el) => el.shadowRoot?.textContent ?? '')
    .join(' ');
}

const REPLY_BOX = 'pd-reply-box textarea[name="reply"]';

/** Empties the reply box as a person selecting all and deleting would (an input event follows). */
const clearReplyBox = String(() => {
  const box = document
    .querySelector('parley-dashboard')
    ?.shadowRoot?.querySelector('pd-conversation')
    ?.shadowRoot?.querySelector('pd-reply-box')
    ?.shadowRoot?.querySelector('textarea');
  if (!box) return;
  box.value = '';
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
});

describe('staff app: working a conversation', function () {
  this.timeout(90000);
  let app: TestApp;
  let url: string;
  let agent: ConsolePage;
  let visitor: HostPage;
  let composer: HTMLTextAreaElement;

  before(async () => {
    ({ url } = await server());
    app = await appForAgents();
    agent = await openDashboard(url);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
  });

  after(async () => {
    await closeConsoles();
    visitor?.remove();
  });

  it('saves a quick reply on its settings page', async () => {
    await agent.click('parley-dashboard .sections a:has-text("Settings")');
    await agent.click('parley-dashboard .pages a:has-text("Quick replies")');
    expect(await agent.eval<string>('location.pathname')).to.equal('/dashboard/settings/quick-replies');
    await agent.fill('pd-quick-replies [name="shortcut"]', 'wait');
    await agent.fill('pd-quick-replies [name="message"]', 'Thanks for waiting, I am on it!');
    await agent.click('pd-quick-replies button[type="submit"]');
    await agent.waitFor(shows('pd-quick-replies', 'li', '/wait'), 'the quick reply is listed');
    await agent.reload();
    await agent.waitFor(shows('pd-quick-replies', 'li', 'Thanks for waiting'), 'and still is after a reload');
  });

  it('sees the visitor typing, picks the quick reply with "/", and sees it was read', async () => {
    visitor = await openHost(app, { settings: { userId: 'tom', userName: 'Tom Visitor' } });
    (await waitFor(() => widgetLauncher(visitor), 'launcher')).click();
    composer = await waitFor(() => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'), 'composer');
    composer.focus();
    await typeKeys('My order is late');
    await press('Enter');
    await agent.click('parley-dashboard .sections a:has-text("Inbox")');
    await agent.click('pd-inbox li a:has-text("Tom Visitor")');
    await agent.waitFor(shows('pd-conversation', 'parley-message-content', 'My order is late'), 'the conversation');
    await agent.waitFor(shows('pd-visitor-card', 'dd', 'tom'), 'the visitor’s details');
    await agent.waitFor(shows('pd-visitor-card', 'dd', 'Online'), 'the visitor is online');
    expect(await agent.text('pd-visitor-card dl')).to.contain('Tom Visitor');

    composer.focus();
    await typeKeys('Order 7');
    await agent.waitFor(shows('pd-conversation', '.typing', 'Tom Visitor is typing…'), 'the visitor is typing');
    await press('Enter');
    await agent.waitFor(`!${shows('pd-conversation', '.typing', 'is typing')}`, 'their message ends it');

    // The agent typing shows in the widget; the assignment names the agent in its header.
    await waitFor(() => visitor.find('parley-agent-badge[name="Alex Agent"]'), 'the widget header names the agent');
    await agent.focus(REPLY_BOX);
    await agent.type('One moment');
    await waitFor(() => widgetText(visitor).includes('Alex Agent is typing…'), 'the visitor sees the agent typing');
    await agent.eval(`(${clearReplyBox})()`);
    await agent.type('/wa');
    await agent.waitFor(shows('pd-reply-box', '[role="option"]', '/wait'), 'the quick reply is offered');
    const [box] = await agent.query(REPLY_BOX);
    expect(box?.attributes['aria-activedescendant']).to.match(/^quick-\d+$/);
    await agent.press('Enter');
    expect(await agent.eval(replyBoxValue)).to.equal('Thanks for waiting, I am on it!');
    await agent.press('Enter');
    await waitFor(() => widgetText(visitor).includes('Thanks for waiting, I am on it!'), 'the visitor gets it');
    await agent.waitFor(shows('pd-conversation', 'li.staff .delivery', 'Seen'), 'the agent sees it was read');
  });

  it('sends suggested-reply buttons that the widget shows as buttons', async () => {
    await agent.click('pd-reply-box summary');
    await agent.fill('pd-reply-box textarea[name="buttons"]', 'Yes\nNot now | Please write later');
    await agent.focus(REPLY_BOX);
    await agent.type('Shall I refund it?');
    await agent.press('Enter');
    await waitFor(
      () =>
        visitor
          .findAll('parley-message-content')
          .some(
            (m) =>
              [...(m.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent?.trim()).join('|') ===
              'Yes|Not now',
          ),
      'the widget shows the buttons',
    );
  });

  it('assigns the conversation to a teammate, which the widget shows', async () => {
    await fetch(`${url}/admin/v1/apps/${app.appId}/teammates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
      body: JSON.stringify({
        email: 'sam@team.test',
        userName: 'Sam Support',
        role: 'agent',
        password: `sam-${crypto.randomUUID()}`,
      }),
    });
    // The team is read at sign-in: a reload brings Sam into the list.
    await agent.reload();
    await agent.waitFor(shows('pd-conversation', 'select option', 'Sam Support'), 'Sam can be chosen');
    await agent.select('pd-conversation select', 'sam@team.test');
    await agent.waitFor(shows('pd-conversation', '.facts', 'Assigned to Sam Support'), 'assigned to Sam');
    await waitFor(() => visitor.find('parley-agent-badge[name="Sam Support"]'), 'the widget names Sam');
  });

  it('blocks the visitor from their details: the widget refuses their message, saying why; unblocks', async () => {
    await agent.click('pd-visitor-card button:has-text("Block visitor")');
    await agent.waitFor(shows('pd-visitor-card', 'dd', 'their messages are refused'), 'shown blocked');
    expect((await agent.query('pd-visitor-card button.block'))[0]?.attributes['aria-pressed']).to.equal('true');
    composer.focus();
    await typeKeys('Hello?');
    await press('Enter');
    await waitFor(
      () =>
        visitor
          .findAll<HTMLElement & { message?: { message: string } }>('parley-message')
          .some(
            (m) => m.message?.message === 'Hello?' && m.shadowRoot?.textContent?.includes("you can't send messages"),
          ),
      'the widget says the message was refused',
    );
    await agent.click('pd-visitor-card button.block');
    await agent.waitFor(`!${shows('pd-visitor-card', 'dd', 'their messages are refused')}`, 'unblocked');
  });

  it('sets Away, which outlasts a reload, and marks the conversation as spam', async () => {
    await agent.click('parley-dashboard header button:has-text("Away")');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'Away — no new conversations'), 'away');
    await agent.reload();
    await agent.waitFor(shows('parley-dashboard', 'header button[aria-pressed="true"]', 'Away'), 'still away');
    await agent.click('parley-dashboard header button:has-text("Away")');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'Online'), 'back');

    await agent.click('pd-conversation button:has-text("Mark as spam")');
    await agent.waitFor(shows('pd-conversation', '.facts', 'Spam'), 'the conversation is spam');
    expect(await agent.axe()).to.deep.equal([]);
  });
});
