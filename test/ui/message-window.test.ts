import { expect, waitUntil } from '@open-wc/testing';
import type { Message } from '../../src/core/protocol.js';
import { ParleyLoadOlderEvent } from '../../src/ui/events.js';
import '../../src/ui/message-list/message-list.js';
import type { ParleyMessageList } from '../../src/ui/message-list/message-list.js';
import { WINDOW_FIRST, WINDOW_MAX, WINDOW_STEP } from '../../src/ui/message-list/window.js';
import {
  AGENT,
  ME,
  atBottom,
  deepText,
  items,
  list,
  log,
  msg,
  setMessages,
  settle,
  textOf,
} from '../helpers/message-list.js';
import { press, setUpUiSuite, shadow } from '../helpers/ui.js';
import { ariaSnapshot, harness } from '../helpers/engine.js';

/** `n` messages "Message 1" … "Message n", every fifth from the visitor. */
function conversation(n: number, from = 1): Message[] {
  return Array.from({ length: n }, (_, i) => msg((from + i) % 5 ? AGENT : ME, `Message ${from + i}`));
}

/** The number in each drawn message's text, in DOM order. */
const drawn = (el: ParleyMessageList) => items(el).map((m) => Number(/Message (\d+)/.exec(textOf(m))?.[1]));

/** The drawn message with number `n`, and its top relative to the scrolling area. */
function topOf(el: ParleyMessageList, n: number): number {
  const m = items(el).find((x) => textOf(x).includes(`Message ${n} `) || textOf(x).endsWith(`Message ${n}`));
  if (!m) throw new Error(`Message ${n} is not drawn`);
  return m.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
}

/** The first message whose top is inside the scrolling area. */
function firstInView(el: ParleyMessageList): number {
  const top = log(el).getBoundingClientRect().top;
  const m = items(el).find((x) => x.getBoundingClientRect().top >= top);
  return Number(/Message (\d+)/.exec(textOf(m!))?.[1]);
}

/**
 * Scrolls to the top of what is drawn and waits until the window drew older messages; resolves
 * with the oldest message drawn before and its top at that moment.
 */
async function scrollUpOnce(el: ParleyMessageList): Promise<{ oldest: number; top: number }> {
  const oldest = drawn(el)[0]!;
  log(el).scrollTop = 0;
  const top = topOf(el, oldest);
  await waitUntil(() => drawn(el)[0]! < oldest, 'older messages drawn');
  await settle(el);
  await nextFrame();
  return { oldest, top };
}

/** After the next frame is drawn (the window puts back what the visitor read before it). */
const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/** Every number from `a` to `b`, ascending. */
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('<parley-message-list> with a long conversation', () => {
  setUpUiSuite();

  it('draws only the newest messages of 2,000, in order, ending at the newest', async () => {
    const el = await list(conversation(2000));
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    const shown = drawn(el);
    expect(shown.length).to.be.within(WINDOW_FIRST, WINDOW_MAX);
    expect(shown).to.deep.equal(range(2001 - shown.length, 2000));
  });

  it('draws older messages as the visitor scrolls up, and what they read stays in place', async () => {
    const el = await list(conversation(2000));
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    for (let i = 0; i < 6; i++) {
      const { oldest, top } = await scrollUpOnce(el);
      // The message that was at the top of the window is still where it was in the view.
      expect(Math.abs(topOf(el, oldest) - top), `message ${oldest} stays put`).to.be.below(1);
      const shown = drawn(el);
      expect(shown.length, 'never more than the window').to.be.at.most(WINDOW_MAX);
      expect(shown, 'contiguous, in order').to.deep.equal(range(shown[0]!, shown[0]! + shown.length - 1));
    }
    expect(drawn(el).at(-1), 'the far end was dropped').to.be.below(2000);
    // Back down: the newest are drawn again and the visitor ends at the end.
    const s = log(el);
    await waitUntil(() => {
      s.scrollTop = s.scrollHeight;
      return drawn(el).at(-1) === 2000 && atBottom(s);
    }, 'back at the newest message');
  });

  it('asks for older history once at the top of what it holds; older messages show above without moving the view', async () => {
    const held = conversation(100, 201);
    const el = await list(held);
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    const asked: Event[] = [];
    el.addEventListener(ParleyLoadOlderEvent.eventName, (e) => asked.push(e));
    await waitUntil(() => {
      log(el).scrollTop = 0;
      return asked.length === 1;
    }, 'older history asked for at the top');
    log(el).scrollTop = 1;
    log(el).scrollTop = 0;
    await settle(el);
    expect(drawn(el)[0]).to.equal(201);
    // The controller says it is loading: a line at the top says so, and the log is busy.
    el.loadingOlder = true;
    await settle(el);
    expect(shadow(el, '.older').textContent).to.equal('Loading earlier messages…');
    expect(log(el).getAttribute('aria-busy')).to.equal('true');
    const top = topOf(el, 201);
    el.loadingOlder = false;
    await setMessages(el, [...conversation(200, 1), ...held]);
    await waitUntil(() => drawn(el)[0]! < 201, 'the older page is drawn');
    await nextFrame();
    expect(Math.abs(topOf(el, 201) - top), 'message 201 stays where it was').to.be.below(2);
    expect(log(el).getAttribute('aria-busy')).to.equal('false');
    expect(asked, 'asked once until the messages changed').to.have.length(1);
  });

  it('asks again at the top once a load ended without new messages (it failed, or there was nothing older)', async () => {
    const el = await list(conversation(60));
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    const asked: Event[] = [];
    el.addEventListener(ParleyLoadOlderEvent.eventName, (e) => asked.push(e));
    const askAtTop = (n: number) =>
      waitUntil(() => {
        log(el).scrollTop = 0;
        return asked.length === n;
      }, `asked ${n} time(s)`);
    await askAtTop(1);
    el.loadingOlder = true;
    await settle(el);
    el.loadingOlder = false;
    await settle(el);
    log(el).scrollTop = 40;
    await askAtTop(2);
  });

  it('keeps the view and counts new messages while the visitor reads far above; the jump draws the newest', async () => {
    const history = conversation(1000);
    const el = await list(history);
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    await scrollUpOnce(el);
    await scrollUpOnce(el);
    log(el).scrollTop = 300;
    await settle(el);
    const reading = firstInView(el);
    const top = topOf(el, reading);
    const arrived = Array.from({ length: 5 }, (_, i) => msg(AGENT, `Message ${1001 + i}`));
    await setMessages(el, [...history, ...arrived]);
    await nextFrame();
    expect(topOf(el, reading), 'the message read stays put').to.equal(top);
    const jump = await waitUntil(
      () => el.shadowRoot!.querySelector('button[part~="jump-to-latest"]'),
      'the jump button',
    ).then(() => shadow<HTMLButtonElement>(el, 'button[part~="jump-to-latest"]'));
    expect(jump.textContent?.replace(/\s+/g, ' ').trim()).to.equal('5 new messages');
    jump.focus();
    await press('Enter');
    await waitUntil(() => drawn(el).at(-1) === 1005 && atBottom(log(el)), 'the newest, at the end');
  });

  it('moves through 300 messages with Shift+Tab in conversation order, across the edge of the window', async () => {
    const replies = (n: number) =>
      msg(AGENT, `Message ${n}`, {
        metadata: {
          contentType: '300',
          templateId: '6',
          payload: JSON.stringify([{ title: `Reply ${n}`, message: `reply ${n}` }]),
        },
      });
    const el = await list(range(1, 300).map(replies));
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    const focusedReply = () => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.textContent?.trim() ?? '';
    };
    const last = items(el).at(-1)!;
    const content = last.shadowRoot!.querySelector('parley-message-content')!;
    content.shadowRoot!.querySelector('button')!.focus();
    expect(focusedReply()).to.equal('Reply 300');
    const seen: string[] = [];
    for (let n = 299; n >= 300 - WINDOW_FIRST - 40; n--) {
      await press('Shift+Tab');
      seen.push(focusedReply());
    }
    expect(seen).to.deep.equal(
      range(300 - WINDOW_FIRST - 40, 299)
        .reverse()
        .map((n) => `Reply ${n}`),
    );
    expect(drawn(el)[0], 'the window grew above the focus').to.be.below(300 - WINDOW_FIRST - 40);
  });
});

describe('<parley-message-list> window in the accessibility tree', () => {
  setUpUiSuite();

  it('reads in conversation order, with each sender, across the edge of the window (the tree in Chromium, the composed DOM elsewhere)', async () => {
    const el = await list(conversation(500));
    await waitUntil(() => atBottom(log(el)), 'starts at the bottom');
    await scrollUpOnce(el);
    await scrollUpOnce(el);
    const shown = drawn(el);
    expect(shown[0], 'the window moved up twice').to.equal(500 - WINDOW_FIRST - 2 * WINDOW_STEP + 1);
    const text = (await harness()).aria ? await ariaSnapshot('parley-message-list') : deepText(log(el));
    const read = [...text.matchAll(/(Ana Lopez|You)\W+(?:paragraph: )?Message (\d+)/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const expected = range(shown[0]!, 500).map((n) => [n % 5 ? 'Ana Lopez' : 'You', n]);
    expect(read).to.deep.equal(expected);
  });
});
