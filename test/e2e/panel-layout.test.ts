/**
 * The panel reads well on a desktop and on a phone (issue 21), against the live reference server:
 * - The header keeps a 30-character title whole at the panel's width — wrapped to two lines at
 *   most, never cut — beside the close button, and under the agent's badge once an agent is
 *   assigned; in English and in Arabic (right to left, an English title).
 * - The away notice and its e-mail ask are the first thing in the conversation's scroller: as an
 *   agent's messages (with suggested replies) arrive on a phone, the notice never covers a message,
 *   a button or the composer, and it scrolls away with the conversation. Its text says each
 *   sentence once; once the visitor leaves an e-mail it is one line of thanks.
 */
import { expect } from '@open-wc/testing';
import {
  createApp,
  openConfiguredHost,
  platform,
  shownMessages,
  textOf,
  waitFor,
  type ConfiguredHostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { agentSends, openWidget, startChat, widgetAxe } from '../helpers/widget-page.js';
import { lowContrastTexts } from '../helpers/contrast.js';

/** 30 characters. */
const TITLE = 'Tidewater Coffee Roasters Ltd.';
const TEAM = 'We usually reply in minutes';
const AWAY = "We're away right now. Leave your email and we'll write back.";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const look = { chatWidget: { title: TITLE, teamName: TEAM } };
const away = { awayMessage: { anonymous: AWAY, known: 'Back soon.', collectEmail: true } };

const box = (el: Element) => el.getBoundingClientRect();

/** The lines a piece of text takes on screen (distinct tops of its range's boxes). */
function lines(el: Element): number {
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  const tops = Array.from(range.getClientRects())
    .filter((r) => r.width > 0)
    .map((r) => Math.round(r.top));
  return new Set(tops).size;
}

function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
}

/** The part of `a` inside `clip` (empty when none). */
function within(a: DOMRect, clip: DOMRect): DOMRect {
  const top = Math.max(a.top, clip.top);
  const bottom = Math.min(a.bottom, clip.bottom);
  return new DOMRect(a.left, top, a.width, Math.max(0, bottom - top));
}

/** The header's title, in `<parley-panel>`'s shadow root. */
function title(page: ConfiguredHostPage): HTMLElement {
  return page.find('parley-panel')!.shadowRoot!.querySelector<HTMLElement>('h2')!;
}

/** The title whole: its text, nothing clipped or cut, its boxes inside the header, on two lines at most. */
function expectWholeTitle(page: ConfiguredHostPage): void {
  const h2 = title(page);
  const header = box(page.find('[part~="header"]')!);
  expect(h2.textContent).to.equal(TITLE);
  expect(h2.scrollWidth, 'no text beyond the title’s box').to.be.at.most(h2.clientWidth);
  expect(getComputedStyle(h2).textOverflow).to.not.equal('ellipsis');
  const range = h2.ownerDocument.createRange();
  range.selectNodeContents(h2);
  for (const r of Array.from(range.getClientRects())) {
    expect(r.left, 'inside the header').to.be.at.least(header.left);
    expect(r.right, 'inside the header').to.be.at.most(header.right);
  }
  expect(lines(h2), 'title lines').to.be.within(1, 2);
  const team = page.find('parley-panel')!.shadowRoot!.querySelector('.subtitle')!;
  expect(lines(team), 'team line').to.equal(1);
}

/** The agent takes the conversation (Platform API), as the dashboard's "assign" does. */
async function assign(app: TestApp, groupId: string): Promise<void> {
  const res = await platform(
    app,
    `/rest/ws/group/assignee/change?groupId=${encodeURIComponent(groupId)}&assignee=${encodeURIComponent(app.agentId)}`,
    { method: 'PATCH', headers: { 'Of-User-Id': app.agentId } },
  );
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

describe('panel layout: the header', function () {
  this.timeout(90000);
  const pages: ConfiguredHostPage[] = [];
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  for (const [language, settings] of [
    ['English', {}],
    ['Arabic', { userLocale: 'ar' }],
  ] as const) {
    for (const [screen, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`${language}, ${screen}: a 30-character title whole, before and after an agent's badge joins it`, async () => {
        const app = await createApp(look);
        const page = await openConfiguredHost(app, { ...size, settings });
        pages.push(page);
        if (language === 'Arabic') await waitFor(() => page.widget()?.getAttribute('dir') === 'rtl', 'right to left');
        await openWidget(page);
        expectWholeTitle(page);
        const close = box(page.find('[part~="close-button"]')!);
        expect(close.top, 'the close button beside the title').to.be.below(box(title(page)).bottom);
        const groupId = await startChat(page, 'Hello');

        await assign(app, groupId);
        const badge = await waitFor(() => page.find('parley-agent-badge[name]'), 'the agent’s badge in the header');
        await waitFor(() => box(badge).bottom <= box(title(page)).top, 'the title under the badge’s row');
        expectWholeTitle(page);
        expect(box(page.find('[part~="close-button"]')!).bottom, 'close on the badge’s row').to.be.at.most(
          box(title(page)).top,
        );
      });
    }
  }
});

describe('panel layout: the away notice on a phone', function () {
  this.timeout(120000);
  const pages: ConfiguredHostPage[] = [];
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  const notice = (page: ConfiguredHostPage) => page.find('parley-notice');

  /** What the notice must never cover: messages, their buttons, the composer. */
  function expectNothingCovered(page: ConfiguredHostPage, step: string): void {
    const log = box(page.find('[part~="log"]')!);
    const card = within(box(notice(page)!), log);
    if (card.height === 0) return;
    const targets: Array<[string, Element]> = [
      ...page.findAll('parley-message').map((m) => [`message "${textOf(m).slice(0, 30)}"`, m] as [string, Element]),
      ...page
        .findAll('parley-message-content')
        .flatMap((c) => Array.from(c.shadowRoot?.querySelectorAll('button') ?? []))
        .map((b) => [`button "${textOf(b)}"`, b] as [string, Element]),
      ['the composer', page.find('[part~="composer"]')!],
    ];
    for (const [name, el] of targets)
      expect(overlap(card, box(el)), `${step}: the notice covers ${name}`).to.equal(false);
  }

  it('sits in the conversation: never over a message or a button as messages arrive, and scrolls away with it', async () => {
    const app = await createApp({ ...look, ...away });
    const page = await openConfiguredHost(app, PHONE);
    pages.push(page);
    const groupId = await startChat(page, 'Hi, do you ship to Norway?');
    const card = await waitFor(
      () => notice(page)?.querySelector('parley-lead-form')?.shadowRoot && notice(page),
      'the away notice with its e-mail ask',
    );
    const log = page.find('[part~="log"]')!;
    expect(box(card).top, 'at the top of the conversation').to.be.at.least(box(log).top);
    expectNothingCovered(page, 'first message');

    for (let i = 1; i <= 12; i++) {
      const text = `Answer number ${i} from the roastery.`;
      await agentSends(app, groupId, text);
      await waitFor(() => shownMessages(page).includes(text), `message ${i} shown`);
      expectNothingCovered(page, `message ${i}`);
    }
    const sent = await platform(app, '/rest/ws/message/v2/send', {
      body: {
        groupId,
        message: 'Anything else?',
        fromUserName: app.agentId,
        metadata: {
          contentType: '300',
          templateId: '6',
          payload: JSON.stringify([
            { title: 'Yes please', message: 'Yes please' },
            { title: 'No, thanks', message: 'No, thanks' },
          ]),
        },
      },
    });
    expect(sent.status).to.equal(200);
    const yes = await waitFor(
      () =>
        page
          .findAll('parley-message-content')
          .flatMap((c) => Array.from(c.shadowRoot?.querySelectorAll('button') ?? []))
          .find((b) => textOf(b) === 'Yes please'),
      'suggested replies shown',
    );
    await waitFor(() => box(yes).bottom <= box(log).bottom, 'the replies in view');
    expectNothingCovered(page, 'suggested replies');

    // Scrolled with the conversation: out of view at the newest message, back at the top.
    expect(box(card).bottom, 'the notice scrolled away').to.be.at.most(box(log).top);
    log.scrollTop = 0;
    await waitFor(
      () => box(card).top >= box(log).top && box(card).top - box(log).top < 40,
      'the notice at the top again',
    );
  });

  it('reads well in dark too: the notice and its e-mail ask at AA contrast, axe clean', async () => {
    const app = await createApp({ chatWidget: { ...look.chatWidget, theme: 'dark' }, ...away });
    const page = await openConfiguredHost(app, PHONE);
    pages.push(page);
    await startChat(page, 'Anyone there?');
    await waitFor(() => notice(page)?.querySelector('parley-lead-form')?.shadowRoot, 'the e-mail ask');
    expect(lowContrastTexts(notice(page)!)).to.deep.equal([]);
    expect(await widgetAxe(page)).to.deep.equal([]);
  });

  it('says each sentence once, and once answered is one line of thanks', async () => {
    const app = await createApp({ ...look, ...away });
    const page = await openConfiguredHost(app, PHONE);
    pages.push(page);
    await startChat(page, 'Hello?');
    const form = await waitFor(
      () =>
        notice(page)?.querySelector('parley-lead-form')?.shadowRoot && notice(page)?.querySelector('parley-lead-form'),
      'the e-mail ask',
    );
    const text = textOf(notice(page)).replace(/\s+/g, ' ').trim();
    const sentences = text
      .split(/(?<=[.!?])\s+/)
      .map((s) => s.replace(/\*/g, '').trim().toLowerCase())
      .filter(Boolean);
    expect(sentences, text).to.deep.equal([...new Set(sentences)]);
    expect(text.startsWith(AWAY), text).to.equal(true);
    // Under the owner's text: the field's label and the button, no sentence of the widget's own.
    expect(text.slice(AWAY.length), text).to.not.match(/[.!?]/);
    expect(await widgetAxe(page), 'axe with the e-mail ask open').to.deep.equal([]);
    const input = form.shadowRoot!.querySelector('input')!;
    expect(input.labels?.[0]?.textContent, 'the field is labelled').to.contain('Get our reply by email');

    input.value = 'vera@example.com';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    const thanks = await waitFor(
      () =>
        !notice(page)?.querySelector('parley-lead-form') &&
        textOf(notice(page)).includes('vera@example.com') &&
        notice(page),
      'one line of thanks',
    );
    expect(
      textOf(thanks)
        .replace(/[\u2068\u2069]/g, '')
        .trim(),
    ).to.equal("Thanks! We'll reply to vera@example.com.");
    expect(lines(thanks.shadowRoot!.querySelector('p')!), 'one line').to.equal(1);
  });
});
