/**
 * Right to left end to end, against the live reference server: a site installs the widget with
 * `userLocale: 'ar'`; the widget turns itself right to left (its own `dir`, whatever the page's),
 * the visitor writes, an agent answers with a card carousel through the Platform API, and what
 * the visitor sees is mirrored — own bubble at the left, the send button at the left, the carousel
 * from the right with ArrowLeft going on — while the launcher stays in the corner the owner chose.
 * axe finds nothing. And a page that is itself right to left does not turn an English widget.
 */
import { expect } from '@open-wc/testing';
import { press } from '../helpers/ui.js';
import {
  createApp,
  openConfiguredHost,
  platform,
  waitFor,
  widgetLauncher,
  type ConfiguredHostPage,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { startChat, widgetAxe } from '../helpers/widget-page.js';

const DESKTOP = { width: 800, height: 760 };

/** An agent's carousel of three rooms, through the Platform API. */
async function agentSendsCarousel(app: TestApp, groupId: string): Promise<void> {
  const card = (i: number) => ({
    title: `Room ${i}`,
    subtitle: 'Sea view',
    description: 'Breakfast included',
    buttons: [{ name: 'Book', action: { type: 'quickReply', message: `book ${i}` } }],
  });
  const sent = await platform(app, '/rest/ws/message/v2/send', {
    body: {
      groupId,
      message: 'الغرف المتاحة',
      fromUserName: app.agentId,
      metadata: { contentType: '300', templateId: '10', skipBot: true, payload: JSON.stringify([1, 2, 3].map(card)) },
    },
  });
  expect(sent.body.status).to.equal('success');
}

const box = (el: Element | null | undefined) => el!.getBoundingClientRect();
const bubbleOf = (page: HostPage, self: boolean) =>
  page
    .find(self ? 'parley-message[self]' : 'parley-message:not([self])')
    ?.shadowRoot?.querySelector('[part="message"]');

describe('right to left end to end', function () {
  this.timeout(90000);
  const pages: ConfiguredHostPage[] = [];
  const open = async (...args: Parameters<typeof openConfiguredHost>) => {
    const page = await openConfiguredHost(...args);
    pages.push(page);
    return page;
  };
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  it('Arabic: a mirrored chat, the carousel keys reversed, the launcher where the owner put it, axe-clean', async () => {
    const app = await createApp();
    const page = await open(app, { ...DESKTOP, settings: { userLocale: 'ar', userName: 'Sam' } });
    await waitFor(() => page.widget()?.getAttribute('dir') === 'rtl', 'the widget turns right to left');
    const groupId = await startChat(page, 'مرحبا، أريد غرفة');
    await agentSendsCarousel(app, groupId);
    const content = await waitFor(
      () => page.findAll('parley-message-content').find((c) => c.shadowRoot?.querySelector('.cards')),
      'the carousel arrives',
      20000,
    );

    // Own bubble at the left, the agent's at the right; the send button at the left of the text box.
    const mine = box(bubbleOf(page, true));
    const theirs = box(bubbleOf(page, false));
    expect(mine.left, 'own bubble left of the agent’s').to.be.below(theirs.left);
    const log = box(page.find('[part="log"]'));
    expect(mine.left - log.left, 'own bubble against the left edge').to.be.below(40);
    expect(mine.right).to.be.below(theirs.right);
    const avatar = box(page.find('parley-message:not([self])')?.shadowRoot?.querySelector('[part="avatar"]'));
    expect(avatar.left, 'the agent’s avatar at the right of the bubble').to.be.at.least(theirs.right);
    expect(log.right - avatar.right, 'against the right edge').to.be.below(40);
    expect(box(page.find('[part~="send-button"]')).right).to.be.at.most(box(page.find('textarea')).left);

    // The first card at the right; ArrowLeft goes on to the next, ArrowRight back.
    const list = content.shadowRoot!.querySelector<HTMLElement>('.cards')!;
    const [first, second] = Array.from(list.querySelectorAll('.card'));
    expect(box(list).right - box(first).right).to.be.below(8);
    list.focus();
    await press('ArrowLeft');
    await waitFor(() => box(second).right <= box(list).right + 1 && list.scrollLeft < 0, 'ArrowLeft: the next card');
    await press('ArrowRight');
    await waitFor(() => list.scrollLeft === 0, 'ArrowRight: back to the first card');

    // The launcher stays at the right (position "right", the default), the panel above it.
    const launcher = box(widgetLauncher(page));
    const width = page.win().innerWidth;
    expect(Math.round(width - launcher.right)).to.equal(20);
    expect(Math.round(box(page.find('[part="panel"]')).right)).to.equal(Math.round(launcher.right));

    expect(await widgetAxe(page)).to.deep.equal([]);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('Arabic with position "left": the launcher and the panel stay at the left', async () => {
    const app = await createApp({ chatWidget: { position: 'left' } });
    const page = await open(app, { ...DESKTOP, settings: { userLocale: 'ar' } });
    await waitFor(() => page.widget()?.getAttribute('dir') === 'rtl', 'the widget turns right to left');
    const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
    launcher.click();
    const panel = await waitFor(() => page.find('parley-panel[open]'), 'panel open');
    await waitFor(() => box(panel).width > 0, 'panel laid out');
    expect(Math.round(box(launcher).left)).to.equal(20);
    expect(Math.round(box(panel).left)).to.equal(20);
  });

  it('a right-to-left page does not turn an English widget', async () => {
    const app = await createApp();
    const page = await open(app, { ...DESKTOP, settings: { userLocale: 'en' } });
    page.win().document.documentElement.dir = 'rtl';
    await startChat(page, 'Hello there');
    expect(page.widget()!.getAttribute('dir')).to.equal('ltr');
    const mine = box(bubbleOf(page, true));
    const log = box(page.find('[part="log"]'));
    expect(log.right - mine.right, 'own bubble at the right').to.be.below(mine.left - log.left);
    expect(box(page.find('[part~="send-button"]')).left).to.be.at.least(box(page.find('textarea')).right);
    expect(getComputedStyle(page.find('[part~="send-button"] svg')!).transform).to.equal('none');
  });
});
