/**
 * The agent console and the widget, end to end against the live reference server: an agent
 * signs in to the console (demo/agent.html, a tab of its own at the server's origin), a visitor
 * writes in the widget on a customer's page, and they converse — typing indicators both ways,
 * read receipts, saved quick replies picked with "/", suggested-reply buttons — then the agent
 * assigns, resolves and reopens, and the visitor sees each change live.
 */
import { expect } from '@open-wc/testing';
import { press, type as typeKeys } from '../helpers/ui.js';
import { createApp, openHost, server, waitFor, widgetLauncher } from '../helpers/e2e.js';
import { addSam, call, closeConsoles, openConsole, signInAs, type ConsolePage } from '../helpers/console-page.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';

/** Types into a field of the widget as a user does (focus, then key presses). */
async function type(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await typeKeys(text);
}

function widgetTexts(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

function widgetText(page: HostPage): string {
  const all = page.findAll('*');
  return all.map((el) => el.shadowRoot?.textContent ?? '').join(' ');
}

/** An expression: whether some element matching `selector` has all of `texts` in its text. */
const someWith = (selector: string, ...texts: string[]) =>
  call(
    (s: string, wanted: string[]) =>
      [...document.querySelectorAll(s)].some((el) => wanted.every((t) => (el.textContent ?? '').includes(t))),
    selector,
    texts,
  );

describe('agent console ↔ widget', function () {
  this.timeout(90000);
  let app: TestApp;
  let url: string;
  let agent: ConsolePage;
  let visitor: HostPage;

  before(async () => {
    ({ url } = await server());
    app = await createApp();
    const headers = { 'Content-Type': 'application/json', 'Api-Key': app.apiKey };
    // Human agents first (no bot), so the console's agent gets the visitor's conversation.
    await fetch(`${url}/admin/v1/apps/${app.appId}/rules`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ conversationRules: { botFirst: false, routing: 'automatic' } }),
    });
    await addSam(app);
  });

  // One story across the tests below: the console tab and the visitor's page live until its end.
  after(async () => {
    await closeConsoles();
    visitor?.remove();
  });

  it('signs in, and refuses a wrong password', async () => {
    agent = await openConsole({ appId: app.appId });
    await agent.waitFor("document.querySelector('#login-form') !== null", 'the sign-in form');
    const [appId] = await agent.query('#login-form [name="appId"]');
    expect(appId?.value).to.equal(app.appId);
    await agent.fill('#login-form [name="email"]', app.agentId);
    await agent.fill('#login-form [name="password"]', 'not-the-password');
    await agent.click('#login-form button[type="submit"]');
    await agent.waitForText('#login-error', 'Wrong e-mail or password.', 'the refusal is shown');
    await signInAs(agent, app.agentId, app.agentPassword);
    expect(await agent.text('#me')).to.equal('Alex Agent · super admin');
  });

  it('the visitor writes; the conversation appears live; the agent reads the history and replies', async () => {
    visitor = await openHost(app, { settings: { userId: 'vera', userName: 'Vera Visitor' } });
    const launcher = await waitFor(() => widgetLauncher(visitor), 'launcher');
    launcher.click();
    const composer = await waitFor(
      () => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'),
      'widget composer',
    );
    await type(composer, 'Hi, I need help with my order');
    await press('Enter');

    await agent.waitFor(
      someWith('.conversation-item', 'Vera Visitor', 'Hi, I need help with my order'),
      'the conversation is listed with the message',
    );
    const item = '.conversation-item:has-text("Vera Visitor")';
    expect(await agent.text(item)).to.contain('Open · You');
    await agent.click(item);
    await agent.waitForText('#conversation-title', 'Vera Visitor', 'the conversation opens');
    await agent.waitFor(someWith('#messages', 'Hi, I need help with my order'), 'the history is shown');
    expect(await agent.text('#conversation-meta')).to.contain('assigned to Alex Agent');
    // The widget shows who took the conversation.
    await waitFor(() => visitor.find('parley-agent-badge[name="Alex Agent"]'), 'the widget header names the agent');

    // Typing, both ways.
    await type(composer, 'It was order 42');
    await agent.waitForText('#typing', 'Vera Visitor is typing…', 'the agent sees the visitor typing');
    await press('Enter');
    await agent.waitFor(someWith('#messages', 'It was order 42'), 'the second message arrives');
    // The console has the conversation open: it marks the message read, and the visitor sees so.
    await waitFor(
      () =>
        visitor
          .findAll<HTMLElement & { message?: { message: string } }>('parley-message')
          .some(
            (m) =>
              m.message?.message === 'It was order 42' &&
              m.shadowRoot?.querySelector('.status')?.textContent === 'Read',
          ),
      'the visitor sees their message was read',
    );
    await agent.focus('#composer-text');
    await agent.type('Let me check');
    await waitFor(() => widgetText(visitor).includes('Alex Agent is typing…'), 'the visitor sees the agent typing');
    await agent.press('Enter');
    await waitFor(() => widgetTexts(visitor).includes('Let me check'), 'the visitor gets the reply');
    expect((await agent.query('#composer-text'))[0]?.value).to.equal('');
    // The widget is open on the conversation, so it reads the reply; the agent sees the receipt.
    await agent.waitFor(
      call(() =>
        [...document.querySelectorAll('.message.mine')].some(
          (m) => m.textContent?.includes('Let me check') && m.querySelector('.delivery')?.textContent === 'Seen',
        ),
      ),
      'the agent sees the reply was read',
    );
  });

  it('picks a saved quick reply with "/" and sends suggested-reply buttons', async () => {
    await agent.fill('#quick-reply-form [name="shortcut"]', 'wait');
    await agent.fill('#quick-reply-form [name="message"]', 'Thanks for waiting, I am on it!');
    await agent.click('#quick-reply-form button[type="submit"]');
    await agent.waitFor(someWith('#quick-replies', '/wait'), 'the quick reply is saved');

    await agent.focus('#composer-text');
    await agent.type('/wa');
    await agent.waitFor(
      'document.querySelectorAll(\'#quick-reply-list [role="option"]\').length === 1',
      'the matching quick reply is offered',
    );
    const [offered] = await agent.query('#composer-text');
    expect(offered?.attributes['aria-activedescendant']).to.match(/^quick-reply-\d+$/);
    await agent.press('Enter');
    expect((await agent.query('#composer-text'))[0]?.value).to.equal('Thanks for waiting, I am on it!');
    expect((await agent.query('#quick-reply-list'))[0]?.hidden).to.equal(true);
    await agent.press('Enter');
    await waitFor(
      () => widgetTexts(visitor).includes('Thanks for waiting, I am on it!'),
      'the visitor gets the quick reply',
    );

    await agent.click('#buttons-details summary');
    await agent.focus('#composer-buttons');
    await agent.type('Yes\nNo | No, something else');
    await agent.focus('#composer-text');
    await agent.type('Did that answer it?');
    await agent.press('Enter');
    await waitFor(
      () =>
        widgetTexts(visitor).some((t) => t.includes('Did that answer it?') && t.includes('Yes') && t.includes('No')),
      'the visitor gets the buttons',
    );
    await agent.waitFor(
      call(
        () => [...document.querySelectorAll('.message.mine .chip')].map((c) => c.textContent).join(',') === 'Yes,No',
      ),
      'the console shows the buttons as text',
    );
  });

  it('renders hostile visitor input as text', async () => {
    const composer = visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea')!;
    await type(composer, '<img src=x onerror="window.parent.__pwned=1"><b>bold</b>');
    await press('Enter');
    await agent.waitFor(someWith('#messages', '<b>bold</b>'), 'the text arrives verbatim');
    expect(await agent.query('#messages img, #messages b')).to.deep.equal([]);
    expect(await agent.eval('window.__pwned === undefined')).to.equal(true);
    expect((window as Window & { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('assigns to a teammate, and the widget header follows', async () => {
    await agent.waitFor(
      "[...document.querySelector('#assignee').options].some((o) => o.value === 'sam@team.test')",
      'teammates are offered',
    );
    await agent.select('#assignee', 'sam@team.test');
    await waitFor(
      () => visitor.find('parley-agent-badge[name="Sam Support"]'),
      'the widget header names the new agent',
    );
    await agent.waitFor(someWith('#messages', 'Assigned to Sam Support'), 'the console shows the notice');
    expect(await agent.text('#conversation-meta')).to.contain('assigned to Sam Support');
  });

  it("is accessible (axe, in the console's own document) with a conversation open", async () => {
    expect(await agent.axe()).to.deep.equal([]);
  });

  it('resolves: the widget shows it resolved and offers to start again; reopening clears it', async () => {
    await agent.click('#resolve');
    await waitFor(() => visitor.find('parley-resolved'), 'the widget shows the conversation resolved');
    await agent.waitFor(
      "document.querySelector('#conversation-meta').textContent.startsWith('Resolved')",
      'the console shows it resolved',
    );
    expect(await agent.text('#messages')).to.contain('Conversation resolved by Alex Agent');
    expect((await agent.query('#resolve'))[0]?.hidden).to.equal(true);
    expect(widgetText(visitor)).to.contain('This conversation was resolved.');

    await agent.click('#reopen');
    await waitFor(() => !visitor.find('parley-resolved'), 'the widget shows it open again');
    await agent.waitFor(
      "document.querySelector('#conversation-meta').textContent.startsWith('Open')",
      'the console shows it open',
    );
  });
});
