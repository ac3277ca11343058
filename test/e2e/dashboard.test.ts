/**
 * The staff app (demo/dashboard/, served at /dashboard/) and the widget, end to end against the
 * live reference server: an agent signs in, a visitor writes in the widget on a customer's page,
 * the conversation appears live in the agent's inbox, its link opens it (and a reload lands on it
 * again), the agent's reply reaches the widget, and resolve / reopen show on both sides.
 */
import { expect } from '@open-wc/testing';
import { press, type as typeKeys } from '../helpers/ui.js';
import { openHost, server, waitFor, widgetLauncher } from '../helpers/e2e.js';
import { call, closeConsoles, openTab, type ConsolePage } from '../helpers/console-page.js';
import { appForAgents, replyBoxValue, shows } from '../helpers/dashboard-page.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';

function widgetTexts(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

describe('staff app ↔ widget', function () {
  this.timeout(90000);
  let app: TestApp;
  let url: string;
  let agent: ConsolePage;
  let visitor: HostPage;

  before(async () => {
    ({ url } = await server());
    app = await appForAgents();
  });

  after(async () => {
    await closeConsoles();
    visitor?.remove();
  });

  it('is one page at each of its URLs, under a policy that allows no other origin for scripts', async () => {
    agent = await openTab(`${url}/dashboard/?appId=${encodeURIComponent(app.appId)}`);
    expect(agent.response.status).to.equal(200);
    expect(agent.response.headers['content-security-policy']).to.contain("script-src 'self'");
    // Same-origin reads from the app itself (a cross-origin read would hide the headers).
    for (const path of ['/dashboard', '/dashboard/inbox/open', '/dashboard/conversations/42']) {
      const [status, body, csp] = await agent.eval<[number, string, string | null]>(
        `fetch(${JSON.stringify(path)}).then(async (r) => [r.status, await r.text(), r.headers.get('content-security-policy')])`,
      );
      expect(status, path).to.equal(200);
      expect(body, path).to.contain('<parley-dashboard>');
      expect(csp, path).to.contain("script-src 'self'").and.contain("frame-ancestors 'none'");
    }
  });

  it('signs in (a wrong password is refused), then lists a visitor’s new conversation live', async () => {
    await agent.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'Sign in'), 'the sign-in form');
    expect((await agent.query('pd-sign-in [name="appId"]'))[0]?.value).to.equal(app.appId);
    await agent.fill('pd-sign-in [name="email"]', app.agentId);
    await agent.fill('pd-sign-in [name="password"]', 'not-the-password');
    await agent.click('pd-sign-in button[type="submit"]');
    await agent.waitFor(shows('pd-sign-in', '[role="alert"]', 'Wrong e-mail or password.'), 'the refusal');
    await agent.fill('pd-sign-in [name="password"]', app.agentPassword);
    await agent.click('pd-sign-in button[type="submit"]');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'Online'), 'the app is online');

    visitor = await openHost(app, { settings: { userId: 'dana', userName: 'Dana Visitor' } });
    (await waitFor(() => widgetLauncher(visitor), 'launcher')).click();
    const composer = await waitFor(
      () => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'),
      'composer',
    );
    composer.focus();
    await typeKeys('Where is my parcel?');
    await press('Enter');
    await agent.waitFor(shows('pd-inbox', 'li a', 'Dana Visitor'), 'the conversation is listed live');
    await agent.waitFor(shows('pd-inbox', 'li a', 'Where is my parcel?'), 'with its last message');
  });

  it('opens the conversation at its own URL, replies to the widget, and a reload lands on it again', async () => {
    await agent.click('pd-inbox li a:has-text("Dana Visitor")');
    await agent.waitFor(shows('pd-conversation', 'parley-message-content', 'Where is my parcel?'), 'the history');
    await agent.waitFor(`!${shows('pd-inbox', 'li a', 'unread')}`, 'opened, it has nothing unread');
    const path = await agent.eval<string>('location.pathname');
    expect(path).to.match(/^\/dashboard\/conversations\/\d+$/);

    await agent.focus('pd-reply-box textarea[name="reply"]');
    await agent.type('It left our warehouse today');
    await agent.press('Enter');
    await waitFor(() => widgetTexts(visitor).includes('It left our warehouse today'), 'the visitor gets the reply');
    await agent.waitFor(`${replyBoxValue} === ''`, 'the reply box is empty once the reply is stored');

    await agent.reload();
    await agent.waitFor(
      shows('pd-conversation', 'parley-message-content', 'It left our warehouse today'),
      'after a reload',
    );
    expect(await agent.eval<string>('location.pathname')).to.equal(path);
    expect(await agent.text('pd-conversation h2')).to.equal('Dana Visitor');
  });

  it('resolves and reopens; a message from the visitor arrives live in the open conversation', async () => {
    await agent.click('pd-conversation button:has-text("Resolve")');
    await agent.waitFor(shows('pd-conversation', '.facts', 'Resolved'), 'the conversation shows resolved');
    await waitFor(() => visitor.find('parley-resolved'), 'the widget shows it resolved');
    await agent.click('pd-conversation button:has-text("Reopen")');
    await agent.waitFor(shows('pd-conversation', '.facts', 'Open'), 'open again');
    await waitFor(() => !visitor.find('parley-resolved'), 'the widget shows it open again');
    const composer = await waitFor(
      () => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'),
      'composer',
    );
    composer.focus();
    await typeKeys('Thank you!');
    await press('Enter');
    await agent.waitFor(shows('pd-conversation', 'parley-message-content', 'Thank you!'), 'the message arrives live');
    // What a visitor writes is text to the agent, never markup.
    await typeKeys('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    await press('Enter');
    await agent.waitFor(shows('pd-conversation', 'parley-message-content', '<b>bold</b>'), 'the text arrives verbatim');
    const markup = await agent.eval<number>(
      `[...document.querySelector('parley-dashboard').shadowRoot.querySelector('pd-conversation').shadowRoot.querySelectorAll('parley-message-content')].filter((m) => m.shadowRoot.querySelector('img, b')).length`,
    );
    expect(markup).to.equal(0);
    expect(await agent.eval('window.__pwned === undefined')).to.equal(true);
  });

  it('on a phone shows the list or the conversation, with a way back', async () => {
    await agent.viewport(390, 844);
    try {
      const visible = (selector: string) =>
        agent.eval<boolean>(
          `(() => { const el = document.querySelector('parley-dashboard').shadowRoot.querySelector(${JSON.stringify(selector)}); return !!el && el.checkVisibility(); })()`,
        );
      // The conversation open: it alone, with a way back to the list.
      await agent.waitFor(shows('pd-conversation', 'h2', 'Dana Visitor'), 'the conversation');
      expect(await visible('.body > nav')).to.equal(false);
      expect(await visible('main')).to.equal(true);
      expect(
        await agent.eval<number>('document.documentElement.scrollWidth'),
        'nothing wider than the phone',
      ).to.be.at.most(390);
      await agent.click('parley-dashboard main > button.back');
      await agent.waitFor(`location.pathname === '/dashboard/'`, 'back to the list');
      expect(await visible('.body > nav')).to.equal(true);
      expect(await visible('main')).to.equal(false);
      await agent.click('pd-inbox li a:has-text("Dana Visitor")');
      await agent.waitFor(`location.pathname.startsWith('/dashboard/conversations/')`, 'the conversation again');
      expect(await visible('main')).to.equal(true);
    } finally {
      await agent.viewport(1100, 700);
    }
  });

  it('goes back with the browser, is keyboard-operable and axe-clean, and breaks no policy', async () => {
    await agent.eval('history.back()');
    await agent.waitFor(`location.pathname === '/dashboard/'`, 'back to the inbox');
    await agent.focus('pd-inbox li a');
    await agent.press('Enter');
    await agent.waitFor(`location.pathname.startsWith('/dashboard/conversations/')`, 'Enter follows the link');
    expect(await agent.axe()).to.deep.equal([]);
    // Every string came from the table, filled in: no placeholder shows anywhere.
    const shown = await agent.eval<string>(
      call(() => {
        const texts = (root: Document | ShadowRoot): string[] =>
          [...root.querySelectorAll('*')].flatMap((el) => [
            ...[...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? ''),
            ...[...el.attributes]
              .filter((a) => ['aria-label', 'placeholder', 'title'].includes(a.name))
              .map((a) => a.value),
            ...(el.shadowRoot ? texts(el.shadowRoot) : []),
          ]);
        return [document.title, ...texts(document)].join('\n');
      }),
    );
    expect(shown).to.contain('Dana Visitor');
    expect(shown).not.to.match(/\{\w+\}/);
    // The browser logs the refused sign-in's 401 itself; nothing else may show up.
    const errors = (await agent.errors()).filter((e) => !/status of 401 .*\/agent\/v1\/session/.test(e));
    expect(errors).to.deep.equal([]);
  });
});
