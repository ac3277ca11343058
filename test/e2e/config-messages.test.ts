/**
 * The fetched widget configuration, enforced — what the widget says to the visitor (issue 3):
 * - Welcome message with agents online, and its e-mail ask for anonymous visitors (stored on the
 *   visitor's record; invalid e-mail shown inline; one line of thanks in its place after).
 * - Away message with no agent online: the anonymous and the known visitor's texts; it goes away
 *   when an agent comes online, without a reload.
 * - Pseudonyms on ("You're chatting as Poised Salmon", same name on the server) and off (the
 *   system id).
 * - Bot reply delay: "Parley Bot is typing…" first, then the bot's reply; agents' messages come
 *   without that delay.
 * - Pre-chat form (`collectLead`): before the composer is usable; inline errors; stored details.
 * Settings go through the admin endpoint of the live reference server; "agents online" is a
 * signed-in agent socket, as the agent console holds.
 */
import { expect } from '@open-wc/testing';
import { press, type } from '../helpers/ui.js';
import {
  agentOnline,
  consoleConversations,
  createApp,
  openConfiguredHost,
  openPanel,
  platform,
  rendered,
  shownMessages,
  shownText,
  textOf,
  userDetail,
  waitFor,
  waitForAsync,
  type ConfiguredHostPage,
  type TestApp,
  findRendered,
} from '../helpers/e2e.js';

const WELCOME = 'Welcome to Tidewater!';
const AWAY_ANONYMOUS = 'We are away — leave your email';
const AWAY_KNOWN = 'We are away right now; we will write back soon';
const INVALID_EMAIL = 'Please enter a valid email address.';

function composerInput(page: ConfiguredHostPage): HTMLTextAreaElement | null | undefined {
  return page.find('parley-composer')?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea');
}

async function typeAndSend(page: ConfiguredHostPage, text: string): Promise<void> {
  const input = await waitFor(() => {
    const el = composerInput(page);
    return el && !el.disabled && el;
  }, 'a usable composer');
  input.focus();
  await type(text);
  await press('Enter');
  await waitFor(() => shownMessages(page).includes(text), `"${text}" shown`);
}

/** Types into a field of a lead form (replacing what is there). */
async function fill(form: Element, selector: string, text: string): Promise<void> {
  const input = form.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
  input.focus();
  input.select();
  await type(text);
}

function submit(form: Element): void {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
}

/** The only visitor of the app, as the agent console sees them (once they have a conversation). */
async function theVisitor(app: TestApp): Promise<{ userId: string; userName: string }> {
  return waitForAsync(async () => {
    const members = (await consoleConversations(app)).flatMap((c) => c.members.filter((m) => m.role === 'user'));
    return members[0];
  }, 'the visitor on the server');
}

function notice(page: ConfiguredHostPage, text: string, tone?: string): Element | undefined {
  return page
    .findAll('parley-notice')
    .find((n) => textOf(n).includes(text) && (!tone || n.getAttribute('tone') === tone));
}

describe('configuration: welcome and away messages', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    page?.remove();
    cleanups.splice(0).forEach((f) => f());
  });

  it('welcomes an anonymous visitor while an agent is online and stores the e-mail they leave', async () => {
    const app = await createApp({ welcomeMessage: { enabled: true, message: WELCOME, collectEmail: true } });
    cleanups.push(await agentOnline(app));
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    // Opening focuses the composer; wait for that before typing elsewhere.
    await waitFor(() => {
      const input = composerInput(p);
      return input && (input.getRootNode() as ShadowRoot).activeElement === input;
    }, 'composer focused on open');
    const welcome = await waitFor(() => notice(p, WELCOME), 'welcome notice');
    expect(welcome.getAttribute('tone')).to.not.equal('away');
    const form = await waitFor(() => findRendered(p, 'parley-notice parley-lead-form'), 'e-mail ask inside the notice');
    expect(form.shadowRoot!.querySelectorAll('input')).to.have.length(1);

    await fill(form, 'input', 'not-an-email');
    submit(form);
    await waitFor(() => textOf(form).includes(INVALID_EMAIL), 'inline error');

    await fill(form, 'input', 'vera@example.com');
    submit(form);
    await waitFor(() => !p.find('parley-lead-form'), 'the e-mail field goes away');
    await waitFor(() => notice(p, "Thanks! We'll reply to"), 'thanks in its place');
    expect(shownText(p)).to.not.contain(WELCOME);
    const visitor = await theVisitor(app);
    const record = await waitForAsync(async () => {
      const u = await userDetail(app, visitor.userId);
      return u?.email === 'vera@example.com' && u;
    }, 'e-mail on the visitor record');
    expect(record.email).to.equal('vera@example.com');
  });

  it('tells an anonymous visitor the team is away, and drops it when an agent comes online', async () => {
    const app = await createApp({ awayMessage: { anonymous: AWAY_ANONYMOUS, known: AWAY_KNOWN, collectEmail: true } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    await waitFor(() => notice(p, AWAY_ANONYMOUS, 'away'), 'away notice for an anonymous visitor');
    expect(shownText(p)).to.not.contain(AWAY_KNOWN);
    await waitFor(() => findRendered(p, 'parley-notice parley-lead-form'), 'e-mail ask under the away notice');

    const win = p.win() as Window & { notReloaded?: boolean };
    win.notReloaded = true;
    cleanups.push(await agentOnline(app));
    await waitFor(() => !p.find('parley-notice[tone="away"]'), 'away notice gone once an agent is online');
    expect((p.win() as Window & { notReloaded?: boolean }).notReloaded).to.equal(true);
  });

  it('tells a known visitor the team is away with the known-visitor message', async () => {
    const app = await createApp({ awayMessage: { anonymous: AWAY_ANONYMOUS, known: AWAY_KNOWN, collectEmail: true } });
    page = await openConfiguredHost(app, { settings: { userId: `known-${Date.now()}`, userName: 'Kim Known' } });
    const p = page;
    await openPanel(p);
    await waitFor(() => notice(p, AWAY_KNOWN, 'away'), 'away notice for a known visitor');
    await rendered(p);
    expect(shownText(p)).to.not.contain(AWAY_ANONYMOUS);
  });
});

describe('configuration: pseudonyms', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('an anonymous visitor chats as an aquatic pseudonym, the same name the server keeps', async () => {
    const app = await createApp({ chatWidget: { pseudonymsEnabled: true } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    const identity = await waitFor(() => p.find('[part~="identity"]'), 'identity line');
    const name = /You[’']re chatting as (.+)$/.exec(textOf(identity))?.[1];
    expect(name, textOf(identity)).to.match(/^[A-Z][a-z]+( [A-Z][a-z]+)+$/);
    const visitor = await theVisitor(app);
    expect(visitor.userId).to.not.equal(name);
    expect((await userDetail(app, visitor.userId))?.userName).to.equal(name);
  });

  it('without pseudonyms the identity line shows the system id', async () => {
    const app = await createApp({ chatWidget: { pseudonymsEnabled: false } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    const identity = await waitFor(() => p.find('[part~="identity"]'), 'identity line');
    const visitor = await theVisitor(app);
    expect(textOf(identity)).to.match(new RegExp(`You[’']re chatting as ${visitor.userId}$`));
  });
});

describe('configuration: bot reply delay', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('shows "Parley Bot is typing…" before the bot reply; an agent message comes without the delay', async () => {
    const delay = 1500;
    const app = await createApp({ chatWidget: { botMessageDelayInterval: delay } });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    const before = shownMessages(p).length;
    await typeAndSend(p, 'hello');
    const botReply = () =>
      shownMessages(p)
        .slice(before)
        .find((t) => t.includes('Parley Bot'));

    await waitFor(() => shownText(p).includes('Parley Bot is typing…'), '"Parley Bot is typing…"');
    expect(botReply(), 'no bot reply while it is typing').to.equal(undefined);
    await waitFor(() => botReply(), 'the bot reply');
    await waitFor(() => !shownText(p).includes('is typing…'), 'typing indicator gone');

    const [conversation] = await consoleConversations(app);
    const sentAt = performance.now();
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId: conversation!.groupId, message: 'Alex here, the beans ship today.', fromUserName: app.agentId },
    });
    expect(res.status).to.equal(200);
    await waitFor(() => shownMessages(p).includes('Alex here, the beans ship today.'), 'agent message');
    expect(performance.now() - sentAt, 'ms until the agent message showed').to.be.below(delay);
  });
});

describe('configuration: pre-chat form', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  it('asks for the lead fields before the composer is usable, checks them inline, and stores them', async () => {
    const app = await createApp({
      collectLead: true,
      leadCollection: [
        { field: 'name', type: 'text', required: true },
        { field: 'email', type: 'email', required: true },
      ],
    });
    page = await openConfiguredHost(app);
    const p = page;
    await openPanel(p);
    const form = await waitFor(() => findRendered(p, 'parley-lead-form'), 'pre-chat form');
    await rendered(p);
    const input = composerInput(p);
    expect(!input || input.disabled, 'composer not usable before the form').to.equal(true);

    await fill(form, 'input[type="text"]', 'Vera Visitor');
    await fill(form, 'input[type="email"]', 'vera@');
    submit(form);
    await waitFor(() => textOf(form).includes(INVALID_EMAIL), 'inline e-mail error');
    expect(composerInput(p)?.disabled ?? true, 'still not usable').to.equal(true);

    await fill(form, 'input[type="email"]', 'vera@example.com');
    submit(form);
    await waitFor(() => !p.find('parley-lead-form'), 'form done');
    await typeAndSend(p, 'Hi, I have a question about decaf');

    const visitor = await theVisitor(app);
    const record = await waitForAsync(async () => {
      const u = await userDetail(app, visitor.userId);
      return u?.email === 'vera@example.com' && u;
    }, 'details on the visitor record');
    expect(record.userName).to.equal('Vera Visitor');
  });
});
