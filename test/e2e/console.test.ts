/**
 * The agent console and the widget, end to end against the live reference server: an agent
 * signs in to the console (demo/agent.html), a visitor writes in the widget on a customer's
 * page, and they converse — typing indicators both ways, read receipts, saved quick replies
 * picked with "/", suggested-reply buttons — then the agent assigns, resolves and reopens, and
 * the visitor sees each change live.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createApp, openHost, server, waitFor } from '../helpers/e2e.js';
import { addSam, openConsole, signInAs, type ConsolePage } from '../helpers/console-page.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';

/** Types into a field as a user does (focus, then key presses). */
async function type(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

function widgetTexts(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

function widgetText(page: HostPage): string {
  const all = page.findAll('*');
  return all.map((el) => el.shadowRoot?.textContent ?? '').join(' ');
}

describe('agent console ↔ widget', function () {
  this.timeout(90000);
  let app: TestApp & { agentPassword: string };
  let url: string;
  let agent: ConsolePage;
  let visitor: HostPage;

  before(async () => {
    ({ url } = await server());
    app = (await createApp()) as TestApp & { agentPassword: string };
    const headers = { 'Content-Type': 'application/json', 'Api-Key': app.apiKey };
    // Human agents first (no bot), so the console's agent gets the visitor's conversation.
    await fetch(`${url}/admin/v1/apps/${app.appId}/rules`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ conversationRules: { botFirst: false, routing: 'automatic' } }),
    });
    await addSam(app);
  });

  after(() => {
    agent?.frame.remove();
    visitor?.remove();
  });

  it('signs in, and refuses a wrong password', async () => {
    agent = await openConsole(url, app.appId);
    const form = await waitFor(() => agent.$<HTMLFormElement>('#login-form'), 'the sign-in form');
    expect((form.elements.namedItem('server') as HTMLInputElement).value).to.equal(url);
    expect((form.elements.namedItem('appId') as HTMLInputElement).value).to.equal(app.appId);
    (form.elements.namedItem('email') as HTMLInputElement).value = app.agentId;
    (form.elements.namedItem('password') as HTMLInputElement).value = 'not-the-password';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => agent.text('#login-error') === 'Wrong e-mail or password.', 'the refusal is shown');
    await signInAs(agent, app.agentId, app.agentPassword);
    expect(agent.text('#me')).to.equal('Alex Agent · admin');
  });

  it('the visitor writes; the conversation appears live; the agent reads the history and replies', async () => {
    visitor = await openHost(app, { settings: { userId: 'vera', userName: 'Vera Visitor' } });
    const launcher = await waitFor(() => visitor.find<HTMLButtonElement>('[part~="launcher"]'), 'launcher');
    launcher.click();
    const composer = await waitFor(
      () => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'),
      'widget composer',
    );
    await type(composer, 'Hi, I need help with my order');
    await sendKeys({ press: 'Enter' });

    const item = await waitFor(
      () =>
        agent
          .$$('.conversation-item')
          .find(
            (b) => b.textContent?.includes('Vera Visitor') && b.textContent.includes('Hi, I need help with my order'),
          ),
      'the conversation is listed with the message',
    );
    expect(item.textContent).to.contain('Open · You');
    item.click();
    await waitFor(() => agent.text('#conversation-title') === 'Vera Visitor', 'the conversation opens');
    await waitFor(() => agent.text('#messages').includes('Hi, I need help with my order'), 'the history is shown');
    expect(agent.text('#conversation-meta')).to.contain('assigned to Alex Agent');
    // The widget shows who took the conversation.
    await waitFor(() => visitor.find('parley-agent-badge[name="Alex Agent"]'), 'the widget header names the agent');

    // Typing, both ways.
    await type(composer, 'It was order 42');
    await waitFor(() => agent.text('#typing') === 'Vera Visitor is typing…', 'the agent sees the visitor typing');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => agent.text('#messages').includes('It was order 42'), 'the second message arrives');
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
    const reply = agent.$<HTMLTextAreaElement>('#composer-text')!;
    await type(reply, 'Let me check');
    await waitFor(() => widgetText(visitor).includes('Alex Agent is typing…'), 'the visitor sees the agent typing');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => widgetTexts(visitor).includes('Let me check'), 'the visitor gets the reply');
    expect(reply.value).to.equal('');
    // The widget is open on the conversation, so it reads the reply; the agent sees the receipt.
    await waitFor(
      () =>
        agent
          .$$('.message.mine')
          .some((m) => m.textContent?.includes('Let me check') && m.querySelector('.delivery')?.textContent === 'Seen'),
      'the agent sees the reply was read',
    );
  });

  it('picks a saved quick reply with "/" and sends suggested-reply buttons', async () => {
    const form = agent.$<HTMLFormElement>('#quick-reply-form')!;
    (form.elements.namedItem('shortcut') as HTMLInputElement).value = 'wait';
    (form.elements.namedItem('message') as HTMLTextAreaElement).value = 'Thanks for waiting, I am on it!';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => agent.text('#quick-replies').includes('/wait'), 'the quick reply is saved');

    const reply = agent.$<HTMLTextAreaElement>('#composer-text')!;
    await type(reply, '/wa');
    await waitFor(
      () => agent.$$('#quick-reply-list [role="option"]').length === 1,
      'the matching quick reply is offered',
    );
    expect(reply.getAttribute('aria-activedescendant')).to.match(/^quick-reply-\d+$/);
    await sendKeys({ press: 'Enter' });
    expect(reply.value).to.equal('Thanks for waiting, I am on it!');
    expect(agent.$('#quick-reply-list')!.hidden).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => widgetTexts(visitor).includes('Thanks for waiting, I am on it!'),
      'the visitor gets the quick reply',
    );

    agent.$<HTMLDetailsElement>('#buttons-details')!.open = true;
    await type(agent.$<HTMLTextAreaElement>('#composer-buttons')!, 'Yes\nNo | No, something else');
    await type(reply, 'Did that answer it?');
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () =>
        widgetTexts(visitor).some((t) => t.includes('Did that answer it?') && t.includes('Yes') && t.includes('No')),
      'the visitor gets the buttons',
    );
    await waitFor(
      () =>
        agent
          .$$('.message.mine .chip')
          .map((c) => c.textContent)
          .join(',') === 'Yes,No',
      'the console shows the buttons as text',
    );
  });

  it('renders hostile visitor input as text', async () => {
    const composer = visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea')!;
    await type(composer, '<img src=x onerror="window.parent.__pwned=1"><b>bold</b>');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => agent.text('#messages').includes('<b>bold</b>'), 'the text arrives verbatim');
    expect(agent.$('#messages img, #messages b')).to.equal(null);
    expect((agent.frame.contentWindow as Window & { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('assigns to a teammate, and the widget header follows', async () => {
    const select = agent.$<HTMLSelectElement>('#assignee')!;
    await waitFor(() => [...select.options].some((o) => o.value === 'sam@team.test'), 'teammates are offered');
    select.value = 'sam@team.test';
    select.dispatchEvent(new Event('change'));
    await waitFor(
      () => visitor.find('parley-agent-badge[name="Sam Support"]'),
      'the widget header names the new agent',
    );
    await waitFor(() => agent.text('#messages').includes('Assigned to Sam Support'), 'the console shows the notice');
    expect(agent.text('#conversation-meta')).to.contain('assigned to Sam Support');
  });

  it("is accessible (axe, in the console's own document) with a conversation open", async () => {
    const win = agent.frame.contentWindow as Window & {
      axe?: { run(ctx: Document): Promise<{ violations: Array<{ id: string; help: string }> }> };
    };
    const script = agent.doc().createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((r) => script.addEventListener('load', r, { once: true }));
    agent.doc().head.append(script);
    await loaded;
    const { violations } = await win.axe!.run(agent.doc());
    expect(violations.map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
  });

  it('resolves: the widget shows it resolved and offers to start again; reopening clears it', async () => {
    agent.$<HTMLButtonElement>('#resolve')!.click();
    await waitFor(() => visitor.find('parley-resolved'), 'the widget shows the conversation resolved');
    await waitFor(() => agent.text('#conversation-meta').startsWith('Resolved'), 'the console shows it resolved');
    expect(agent.text('#messages')).to.contain('Conversation resolved by Alex Agent');
    expect(agent.$('#resolve')!.hidden).to.equal(true);
    expect(widgetText(visitor)).to.contain('This conversation was resolved.');

    agent.$<HTMLButtonElement>('#reopen')!.click();
    await waitFor(() => !visitor.find('parley-resolved'), 'the widget shows it open again');
    await waitFor(() => agent.text('#conversation-meta').startsWith('Open'), 'the console shows it open');
  });
});
