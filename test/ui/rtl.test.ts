/**
 * Right to left: the elements under an ancestor with `dir="rtl"` (as `<parley-chat>` is for Arabic
 * and Hebrew) mirror their layout, their directional icons and the carousel's arrow keys, and a
 * name written the other way reads as written.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { en, resolveStrings } from '../../src/core/locale.js';
import type { Message, UserSummary } from '../../src/core/protocol.js';
import '../../src/ui/index.js';
import type { ParleyComposer } from '../../src/ui/composer/composer.js';
import type { ParleyMessageContent } from '../../src/ui/content/message-content.js';
import type { ParleyHeaderActions } from '../../src/ui/header-actions/header-actions.js';
import type { ParleyMessageList } from '../../src/ui/message-list/message-list.js';
import type { ParleyPanel } from '../../src/ui/panel/panel.js';
import { AGENT, ME, inMessage, items, liveRegion, log, msg, settle } from '../helpers/message-list.js';
import { click, press, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

/** A name whose last character (a full stop) takes the direction of the text around it unless isolated. */
const LATIN_NAME = 'Ana L.';
const people = new Map<string, UserSummary>([
  [ME, { userId: ME, userName: 'Poised Salmon', role: 'user' }],
  [AGENT, { userId: AGENT, userName: LATIN_NAME, role: 'agent' }],
]);
/** The typing line in Arabic, its name first. */
const arabic = resolveStrings({ typing: '{name} يكتب…', newMessage: 'رسالة جديدة من {name}' });

async function rtlList(messages: Message[], typing: string[] = []): Promise<ParleyMessageList> {
  const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl" style="width: 360px">
    <parley-message-list style="height: 300px" self-id=${ME} .users=${people} .messages=${messages} .typing=${typing}
      .strings=${arabic}></parley-message-list>
  </div>`);
  const el = wrap.querySelector('parley-message-list')!;
  await settle(el);
  return el;
}

/** Where `text` (a piece of one text node under `root`) is drawn. */
function boxOf(root: Node, text: string): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(text) ?? -1;
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`"${text}" is not shown`);
}

/** The name reads "Ana L.": its full stop right of the L, not left of the A. */
function readsAsWritten(root: Node): void {
  const l = boxOf(root, 'L');
  expect(boxOf(root, '.').left, 'the full stop after the L').to.be.at.least(l.right - 2);
  expect(boxOf(root, 'Ana').right, '"Ana" before "L."').to.be.at.most(l.left + 2);
}

const mirrored = (el: Element) => getComputedStyle(el).transform === 'matrix(-1, 0, 0, 1, 0, 0)';

describe('right to left', () => {
  setUpUiSuite();

  describe('message list', () => {
    it("draws the visitor's bubbles at the left and the agent's at the right, avatar outside", async () => {
      const el = await rtlList([msg(AGENT, 'مرحبا، كيف أساعدك؟'), msg(ME, 'طلبي متأخر')]);
      const [agent, mine] = items(el);
      const box = log(el).getBoundingClientRect();
      const agentBubble = inMessage(agent!, '[part="message"]')!.getBoundingClientRect();
      const myBubble = inMessage(mine!, '[part="message"]')!.getBoundingClientRect();
      expect(box.right - agentBubble.right, 'agent at the right').to.be.lessThan(agentBubble.left - box.left);
      expect(myBubble.left - box.left, 'own at the left').to.be.lessThan(box.right - myBubble.right);
      expect(myBubble.right).to.be.lessThan(agentBubble.left + agentBubble.width / 2);
      const avatar = inMessage(agent!, '[part="avatar"]')!.getBoundingClientRect();
      expect(avatar.left, 'the avatar at the right of the bubble').to.be.at.least(agentBubble.right);
    });

    it('keeps a Latin name whole in the sender line, the typing line and the announcement', async () => {
      const el = await rtlList([msg(AGENT, 'مرحبا')], [AGENT]);
      readsAsWritten(inMessage(items(el)[0]!, '[part="name"]')!);
      const typing = shadow(el, '[part="typing"]');
      readsAsWritten(typing);
      expect(boxOf(typing, 'Ana').left, 'the name first: at the right').to.be.greaterThan(boxOf(typing, 'يكتب').right);

      el.messages = [...el.messages, msg(AGENT, '')];
      await settle(el);
      await waitUntil(() => liveRegion(el).textContent?.includes('رسالة جديدة'), 'announced');
      expect(liveRegion(el).querySelector('bdi')?.textContent).to.equal(LATIN_NAME);
    });

    it('gives a message its own direction: English in an Arabic widget reads left to right', async () => {
      const el = await rtlList([msg(AGENT, 'Your order ships today!')]);
      const content = inMessage(items(el)[0]!, 'parley-message-content')!;
      const text = shadow(content, '.text');
      expect(boxOf(text, '!').left, 'the exclamation mark after "today"').to.be.at.least(
        boxOf(text, 'today').right - 2,
      );
      await expect(el).to.be.accessible();
    });
  });

  describe('carousel', () => {
    const card = (i: number) => ({ title: `Room ${i}`, description: 'Sea view' });
    const carousel = (): Message =>
      msg(AGENT, '', {
        metadata: { contentType: '300', templateId: '10', payload: JSON.stringify([1, 2, 3].map(card)) },
      });

    async function rtlCarousel(): Promise<ParleyMessageContent> {
      const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl" style="width: 320px">
        <parley-message-content .message=${carousel()} .strings=${en}></parley-message-content>
      </div>`);
      const el = wrap.querySelector('parley-message-content')!;
      await el.updateComplete;
      return el;
    }

    it('starts at the right, and ArrowLeft goes on to the next card, ArrowRight back', async () => {
      const el = await rtlCarousel();
      const list = shadow(el, '.cards');
      const [first, second] = shadowAll(el, '.card');
      const box = list.getBoundingClientRect();
      expect(box.right - first!.getBoundingClientRect().right, 'first card at the right').to.be.below(8);
      expect(second!.getBoundingClientRect().right, 'the next card to its left').to.be.below(box.left + box.width / 2);

      list.focus();
      await press('ArrowLeft');
      await waitUntil(() => list.scrollLeft < -100, 'ArrowLeft scrolls to the next card');
      const centre = (c: Element) => c.getBoundingClientRect().left + c.getBoundingClientRect().width / 2;
      await waitUntil(() => centre(second!) > box.left && centre(second!) < box.right, 'the second card shows');
      await press('ArrowRight');
      await waitUntil(() => list.scrollLeft === 0, 'ArrowRight goes back to the first card');
      await press('End');
      await waitUntil(() => list.scrollLeft <= -(list.scrollWidth - list.clientWidth) + 1, 'End: the last card');
      await press('Home');
      await waitUntil(() => list.scrollLeft === 0, 'Home: the first card');
    });

    it('puts Previous at the right and Next at the left, their chevrons mirrored, and Next goes on', async () => {
      const el = await rtlCarousel();
      const list = shadow(el, '.cards');
      const previous = shadow(el, `button[aria-label="${en.richPrevious}"]`);
      const next = shadow(el, `button[aria-label="${en.richNext}"]`);
      expect(previous.getBoundingClientRect().left).to.be.greaterThan(next.getBoundingClientRect().left);
      expect(mirrored(next.querySelector('svg')!) && mirrored(previous.querySelector('svg')!)).to.equal(true);
      await click(next);
      await waitUntil(() => list.scrollLeft < -100, 'Next scrolls towards the left');
      await click(previous);
      await waitUntil(() => list.scrollLeft === 0, 'Previous comes back');
      await expect(el).to.be.accessible();
    });
  });

  describe('panel, header and composer', () => {
    it('mirrors the header: badge and title start at the right, the buttons at the left, the back arrow pointing right', async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl">
        <parley-panel open .title=${'Acme support!'}>
          <parley-agent-badge slot="header-start" name=${LATIN_NAME}></parley-agent-badge>
          <parley-header-actions slot="header-end" show-back></parley-header-actions>
        </parley-panel>
      </div>`);
      const panel = wrap.querySelector<ParleyPanel>('parley-panel')!;
      const badge = wrap.querySelector('parley-agent-badge')!;
      const actions = wrap.querySelector<ParleyHeaderActions>('parley-header-actions')!;
      await Promise.all([panel.updateComplete, badge.updateComplete, actions.updateComplete]);
      const title = shadow(panel, 'h2');
      const close = shadow(panel, '[part="close-button"]').getBoundingClientRect();
      const back = shadow(actions, '[part="back-button"]');
      // With a badge, the badge and the buttons share the first row and the title starts under the badge.
      const row = badge.getBoundingClientRect();
      expect(boxOf(title, 'Acme').top, 'title under the badge').to.be.at.least(row.bottom - 1);
      expect(
        Math.abs(row.right - title.getBoundingClientRect().right),
        'badge and title start at the right',
      ).to.be.below(2);
      expect(boxOf(title, '!').right, 'the title sits at the right').to.be.above(
        title.getBoundingClientRect().right - 2,
      );
      expect(back.getBoundingClientRect().right, 'back left of the badge').to.be.at.most(row.left);
      expect(close.right, 'close at the far left').to.be.at.most(back.getBoundingClientRect().left + 0.5);
      expect(mirrored(back.querySelector('svg')!), 'back arrow mirrored').to.equal(true);
      readsAsWritten(shadow(badge, '[part="name"]'));
      expect(boxOf(title, '!').left, 'the title reads as written').to.be.at.least(boxOf(title, 'support').right - 2);
    });

    it('puts the send button at the left, its arrow mirrored; left to right it is not', async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <parley-composer dir="rtl"></parley-composer><parley-composer dir="ltr"></parley-composer>
      </div>`);
      const [rtl, ltr] = Array.from(wrap.querySelectorAll<ParleyComposer>('parley-composer'));
      await Promise.all([rtl!.updateComplete, ltr!.updateComplete]);
      const send = shadow(rtl!, '[part="send-button"]').getBoundingClientRect();
      const input = shadow(rtl!, '[part="input"]').getBoundingClientRect();
      expect(send.right).to.be.at.most(input.left);
      expect(mirrored(shadow(rtl!, '[part="send-button"] svg'))).to.equal(true);
      expect(mirrored(shadow(ltr!, '[part="send-button"] svg'))).to.equal(false);
      await expect(rtl!).to.be.accessible();
    });
  });
});
