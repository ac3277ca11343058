/**
 * The staff app in Arabic, end to end against the live reference server: opened with `?lang=ar`
 * it is Arabic and right to left from its first drawing (sign-in included), its layout mirrored
 * (the inbox on the right, the visitor's details on the left), counts in Arabic plural forms, an
 * English name kept whole inside Arabic text, a rich message's own words in Arabic, axe-clean; the language switcher goes back to
 * English and, by keyboard, to Arabic again, a choice the browser remembers without `?lang=`.
 */
import { expect } from '@open-wc/testing';
import { call, closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows } from '../helpers/dashboard-page.js';
import { createApp, platform, server, visitorSession, type TestApp } from '../helpers/e2e.js';

/** An expression: the page's `<html>` direction and language. */
const page = call(() => [document.documentElement.dir, document.documentElement.lang]);

/** An expression: the box of the first element matching `selector` in the app's shadow root. */
const box = (selector: string) =>
  call((s: string) => {
    const r = document.querySelector('parley-dashboard')?.shadowRoot?.querySelector(s)?.getBoundingClientRect();
    return r ? { left: r.left, right: r.right } : null;
  }, selector);

/**
 * A conversation of a visitor with an English name, assigned to the app's agent: the agent's
 * question with two buttons, then `unread` messages from the visitor.
 */
async function conversationWithUnread(app: TestApp, unread: number): Promise<void> {
  const { url } = await server();
  const visitor = await visitorSession(app, { userId: 'dana', userName: 'Dana Visitor' });
  const created = await fetch(`${url}/rest/ws/group/conversation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: JSON.stringify({
      groupName: 'Dana Visitor',
      groupMemberList: [visitor.userId, app.agentId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
    }),
  }).then((r) => r.json() as Promise<{ response: { groupId: string } }>);
  const question = await platform(app, '/rest/ws/message/v2/send', {
    body: {
      groupId: created.response.groupId,
      message: 'Tracking updates by e-mail?',
      fromUserName: app.agentId,
      metadata: {
        skipBot: 'true',
        contentType: '300',
        templateId: '6',
        payload: JSON.stringify([{ title: 'Yes please' }, { title: 'No thanks' }]),
      },
    },
  });
  expect(question.status).to.equal(200);
  for (let i = 1; i <= unread; i++) {
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId: created.response.groupId, message: `Hello ${i}`, fromUserName: visitor.userId },
    });
    expect(sent.status).to.equal(200);
  }
}

describe('staff app: in Arabic, right to left', function () {
  this.timeout(90000);
  let app: TestApp;
  let agent: ConsolePage;

  before(async () => {
    app = await createApp();
    await conversationWithUnread(app, 3);
  });

  after(() => closeConsoles());

  it('signs in with ?lang=ar: Arabic and right to left from the sign-in form on', async () => {
    const { url } = await server();
    agent = await openDashboard(url, `/dashboard/?lang=ar&appId=${encodeURIComponent(app.appId)}`);
    await agent.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'تسجيل الدخول'), 'the Arabic sign-in form');
    expect(await agent.eval(page)).to.deep.equal(['rtl', 'ar']);
    expect(await agent.eval('document.title')).to.equal('Parley — لوحة فريق الدعم');
    await agent.fill('pd-sign-in [name="email"]', app.agentId);
    await agent.fill('pd-sign-in [name="password"]', app.agentPassword);
    await agent.click('pd-sign-in button[type="submit"]');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'متصل'), 'online, in Arabic');
    await agent.waitFor(shows('parley-dashboard', '.sections a', 'صندوق الوارد'), 'the sections');
    await agent.waitFor(shows('pd-inbox', '.tabs a', 'محادثاتي'), 'the inbox tabs');
  });

  it('mirrors the layout, counts in Arabic, keeps an English name whole, and is axe-clean', async () => {
    await agent.waitFor(shows('pd-inbox', 'li a', '3 رسائل غير مقروءة'), 'three unread, in the plural of 3 to 10');
    await agent.waitFor(shows('pd-inbox', 'li a bdi', 'Dana Visitor'), 'the visitor’s name, isolated');
    const nav = await agent.eval<{ left: number; right: number }>(box('.body > nav'));
    const main = await agent.eval<{ left: number; right: number }>(box('.body > main'));
    expect(nav.left, 'the inbox is right of the conversation').to.be.at.least(main.right - 1);
    const brand = await agent.eval<{ left: number; right: number }>(box('header h1'));
    const signOut = await agent.eval<{ left: number; right: number }>(box('header .sign-out'));
    expect(brand.left, 'the brand starts the header on the right').to.be.greaterThan(signOut.right);

    await agent.click('pd-inbox li a:has-text("Dana Visitor")');
    await agent.waitFor(shows('pd-visitor-card', 'h3', 'الزائر'), 'the visitor’s details, in Arabic');
    const conversation = await agent.eval<{ left: number; right: number }>(box('main > pd-conversation'));
    const card = await agent.eval<{ left: number; right: number }>(box('main > pd-visitor-card'));
    expect(card.right, 'the details are left of the conversation').to.be.at.most(conversation.left + 1);
    // The widget's own words in a message it draws are Arabic too.
    await agent.waitFor(shows('parley-message-content', '.note', 'تمت الإجابة'), '"Answered", in Arabic');
    expect(await agent.eval<string>('location.search'), 'the language stays in the address').to.contain('lang=ar');
    expect(await agent.axe()).to.deep.equal([]);
  });

  it('switches to English with the labelled switcher, and back to Arabic by keyboard, remembered', async () => {
    const picker = 'parley-dashboard pd-language-picker select';
    const [select] = await agent.query(picker);
    expect(select?.value).to.equal('ar');
    await agent.waitFor(shows('pd-language-picker', 'label', 'اللغة'), 'the switcher’s label');
    await agent.select(picker, 'en');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'Online'), 'the app again, in English');
    expect(await agent.eval(page)).to.deep.equal(['ltr', 'en']);
    expect(await agent.eval<string>('location.search')).not.to.contain('lang=');
    const nav = await agent.eval<{ left: number; right: number }>(box('.body > nav'));
    const main = await agent.eval<{ left: number; right: number }>(box('.body > main'));
    expect(nav.right, 'the inbox is left of the conversation').to.be.at.most(main.left + 1);
    await agent.waitFor(shows('pd-language-picker', 'label', 'Language'), 'the switcher in English');

    await agent.focus(picker);
    await agent.press('ArrowDown');
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'متصل'), 'Arabic again, chosen by keyboard');
    expect(await agent.eval(page)).to.deep.equal(['rtl', 'ar']);
    await agent.reload();
    await agent.waitFor(shows('parley-dashboard', '[role="status"]', 'متصل'), 'remembered across a reload');
    expect(await agent.eval<string>('location.search')).not.to.contain('lang=');
  });
});
