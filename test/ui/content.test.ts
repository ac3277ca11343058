import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { en } from '../../src/core/locale.js';
import type { Message } from '../../src/core/protocol.js';
import { ParleyMessageContent } from '../../src/ui/content/message-content.js';
import { ParleySubmitEvent } from '../../src/ui/content/events.js';
import type { ParleyReplyEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll, type } from '../helpers/ui.js';

const SERVER = 'http://127.0.0.1:9';
let seq = 0;

function msg(partial: Partial<Message> = {}): Message {
  seq++;
  return {
    key: `key-${seq}`,
    id: seq,
    groupId: 'g1',
    message: '',
    contentType: 0,
    type: 4,
    fromUserName: 'bot',
    metadata: {},
    createdAtTime: 0,
    status: 3,
    ...partial,
  };
}

function rich(templateId: string, payload: unknown, message = '', extra: Record<string, string> = {}): Message {
  return msg({
    message,
    metadata: {
      contentType: '300',
      templateId,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      ...extra,
    },
  });
}

async function show(m: Message, answered = false): Promise<ParleyMessageContent> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: 320px">
    <parley-message-content .message=${m} .strings=${en} server=${SERVER} ?answered=${answered}></parley-message-content>
  </div>`);
  const el = wrap.querySelector('parley-message-content')!;
  await el.updateComplete;
  return el;
}

/** Visible text of the shadow root, whitespace collapsed. */
const textOf = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Stops a form post (which would open a tab) after the element has seen it. */
function holdSubmits(form: HTMLFormElement): { prevented: boolean[] } {
  const seen = { prevented: [] as boolean[] };
  form.addEventListener('submit', (e) => {
    seen.prevented.push(e.defaultPrevented);
    e.preventDefault();
  });
  return seen;
}

/** Runs `fn` with console.warn captured. */
async function captureWarnings(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('<parley-message-content>', () => {
  setUpUiSuite();

  describe('content types', () => {
    it('0 text: keeps line breaks, auto-links, shows markup as text', async () => {
      const el = await show(msg({ message: 'Hi *there*\nsee https://example.com/x. <b>not bold</b>' }));
      expect(shadowAll(el, 'br')).to.have.length(1);
      expect(shadow(el, 'strong').textContent).to.equal('there');
      const a = shadow<HTMLAnchorElement>(el, 'a');
      expect(a.href).to.equal('https://example.com/x');
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
      expect(shadowAll(el, 'b')).to.have.length(0);
      expect(textOf(el)).to.contain('<b>not bold</b>');
      await expect(el).to.be.accessible();
    });

    it('0 text: empty text renders nothing', async () => {
      const el = await show(msg({ message: '' }));
      expect(el.shadowRoot!.children).to.have.length(0);
    });

    it('1 attachment: a file card with name, size and a download link on the server', async () => {
      const el = await show(
        msg({
          contentType: 1,
          message: 'the report',
          fileMeta: {
            blobKey: 'b',
            name: 'report.pdf',
            size: 1536,
            contentType: 'application/pdf',
            url: '/widget/v1/files/b',
          },
        }),
      );
      const card = shadow(el, 'parley-attachment');
      await (card as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const a = shadow<HTMLAnchorElement>(card, 'a[part="file"]');
      expect(a.href).to.equal(`${SERVER}/widget/v1/files/b`);
      expect(a.title).to.equal('Download \u2068report.pdf\u2069');
      expect(shadow(card, '.name').textContent).to.equal('report.pdf');
      expect(shadow(card, '.size').textContent).to.match(/1\.5\s*kB/i);
      expect(textOf(el)).to.contain('the report');
      await expect(el).to.be.accessible();
    });

    it('1 attachment: no link for an unsafe URL, a thumbnail for images', async () => {
      const attachment = async (el: ParleyMessageContent) => {
        const inner = shadow(el, 'parley-attachment') as HTMLElement & { updateComplete: Promise<unknown> };
        await inner.updateComplete;
        return inner;
      };
      const bad = await show(
        msg({
          contentType: 1,
          fileMeta: { blobKey: 'b', name: 'x', size: 1, contentType: 'text/plain', url: 'javascript:alert(1)' },
        }),
      );
      expect(shadowAll(await attachment(bad), 'a')).to.have.length(0);
      const img = await show(
        msg({
          contentType: 1,
          fileMeta: {
            blobKey: 'b',
            name: 'p.png',
            size: 1,
            contentType: 'image/png',
            url: '/f/p.png',
            thumbnailUrl: 'https://cdn.example.com/t.png',
          },
        }),
      );
      // The thumbnail itself (and its viewer) is <parley-attachment>'s: test/ui/attachments.test.ts.
      const inner = (await attachment(img)) as HTMLElement & { file?: Message['fileMeta'] };
      expect(inner.file?.thumbnailUrl).to.equal('https://cdn.example.com/t.png');
      expect(inner.getAttribute('server')).to.equal(SERVER);
    });

    it('2 location: coordinates and a map link, no map script', async () => {
      const el = await show(msg({ contentType: 2, message: '{"lat":52.52,"lon":13.405}' }));
      expect(textOf(el)).to.contain('52.52000, 13.40500');
      const a = shadow<HTMLAnchorElement>(el, 'a');
      expect(a.href).to.equal('https://www.openstreetmap.org/?mlat=52.52000&mlon=13.40500#map=16/52.52000/13.40500');
      expect(shadowAll(el, 'script, iframe')).to.have.length(0);
      await expect(el).to.be.accessible();
      const bad = await show(msg({ contentType: 2, message: 'somewhere' }));
      expect(textOf(bad)).to.equal('somewhere');
    });

    it('3 HTML: sanitised, links open in a new tab with noopener noreferrer', async () => {
      const el = await show(
        msg({
          contentType: 3,
          message:
            '<p onclick="alert(1)">Hello <b>you</b> <a href="https://example.com">site</a> <a href="javascript:alert(1)">bad</a></p><script>alert(1)</script><img src=/x onerror=alert(1)><img src="java\tscript:alert(1)"><style>p{}</style><form><input></form>',
        }),
      );
      const p = shadow(el, '.html p');
      expect(p.hasAttribute('onclick')).to.equal(false);
      expect(shadow(el, '.html b').textContent).to.equal('you');
      const [good, bad] = shadowAll<HTMLAnchorElement>(el, '.html a');
      expect(good!.href).to.equal('https://example.com/');
      expect(good!.target).to.equal('_blank');
      expect(good!.rel).to.equal('noopener noreferrer');
      expect(bad!.hasAttribute('href')).to.equal(false);
      expect(shadowAll(el, 'script, style, form, input, [onerror]')).to.have.length(0);
      await expect(el).to.be.accessible();
      const [relative, script] = shadowAll<HTMLImageElement>(el, '.html img');
      expect(relative!.getAttribute('src')).to.equal(`${SERVER}/x`);
      expect(script!.hasAttribute('src')).to.equal(false);
    });

    it('4 price: formats {amount, currency}, shows other text as it is', async () => {
      const el = await show(msg({ contentType: 4, message: '{"amount":12.5,"currency":"EUR"}' }));
      expect(textOf(el)).to.match(/12\.50/);
      expect(textOf(el)).to.contain('€');
      await expect(el).to.be.accessible();
      const plain = await show(msg({ contentType: 4, message: '$10 / month' }));
      expect(textOf(plain)).to.equal('$10 / month');
    });

    it('5 image link: the image links to itself; unsafe URLs stay text', async () => {
      const el = await show(msg({ contentType: 5, message: 'https://i.example.com/a.png' }));
      expect(shadow<HTMLAnchorElement>(el, 'a').href).to.equal('https://i.example.com/a.png');
      expect(shadow<HTMLImageElement>(el, 'a img').src).to.equal('https://i.example.com/a.png');
      await expect(el).to.be.accessible();
      const bad = await show(msg({ contentType: 5, message: 'data:image/svg+xml,<svg onload=alert(1)>' }));
      expect(shadowAll(bad, 'img, a')).to.have.length(0);
    });

    it('6 hyperlink: a link showing its real target', async () => {
      const el = await show(msg({ contentType: 6, message: 'https://аррӏе.com/' }));
      const a = shadow<HTMLAnchorElement>(el, 'a');
      expect(a.href).to.equal('https://xn--80ak6aa92e.com/');
      expect(a.textContent).to.contain('https://xn--80ak6aa92e.com/');
      await expect(el).to.be.accessible();
      const bad = await show(msg({ contentType: 6, message: 'javascript:alert(1)' }));
      expect(shadowAll(bad, 'a')).to.have.length(0);
      expect(textOf(bad)).to.equal('javascript:alert(1)');
    });
  });

  describe('template 6: suggested replies', () => {
    const example =
      '[{"title":"Yes","message":"Cool! send me more."},{"title":"No ","message":"Don\'t send it to me again"}]';

    it('renders one button per item under the text', async () => {
      const el = await show(rich('6', example, 'Do you want more updates?'));
      expect(shadow(el, '.text').textContent).to.equal('Do you want more updates?');
      expect(shadowAll(el, 'button').map((b) => b.textContent)).to.deep.equal(['Yes', 'No ']);
      await expect(el).to.be.accessible();
    });

    it('a click sends the message as the reply, then the buttons are answered', async () => {
      const el = await show(rich('6', example));
      const replies = record<ParleyReplyEvent>(document, 'parley-reply');
      await click(shadowAll(el, 'button')[0]!);
      await waitUntil(() => replies.length === 1, 'a reply event');
      expect(replies[0]!.detail).to.deep.equal({ message: 'Cool! send me more.' });
      await el.updateComplete;
      expect(shadowAll<HTMLButtonElement>(el, 'button').every((b) => b.disabled)).to.equal(true);
      expect(shadow(el, 'button.chosen').textContent).to.equal('Yes');
      expect(textOf(el)).to.contain(en.richAnswered);
      await click(shadowAll(el, 'button')[1]!);
      expect(replies).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('works from the keyboard and carries replyMetadata', async () => {
      const el = await show(
        rich('6', [
          { title: 'A', message: 'a' },
          { title: 'B', message: 'b', replyMetadata: { source: 'faq', n: 2 } },
        ]),
      );
      shadowAll(el, 'button')[0]!.focus();
      await press('Tab');
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await press('Enter');
      expect((await event).detail).to.deep.equal({ message: 'b', metadata: { source: 'faq', n: '2' } });
    });

    it('shows as answered when the parent says so', async () => {
      const el = await show(rich('6', example), true);
      expect(shadowAll<HTMLButtonElement>(el, 'button').every((b) => b.disabled)).to.equal(true);
      expect(textOf(el)).to.contain(en.richAnswered);
    });

    it('hides used buttons with hidePostCTA', async () => {
      const el = await show(rich('6', example, 'Q?', { hidePostCTA: 'true' }), true);
      expect(shadowAll(el, 'button')).to.have.length(0);
      expect(textOf(el)).to.equal('Q?');
    });
  });

  describe('fallbacks', () => {
    for (const [name, m] of [
      ['bad JSON', () => rich('6', '[{"title":"Yes"', 'plain text')],
      ['wrong shape', () => rich('6', { title: 'Yes' }, 'plain text')],
      ['unknown template', () => rich('42', [], 'plain text')],
    ] as const) {
      it(`${name}: shows the text and warns once with the message key`, async () => {
        const message = m();
        let el!: ParleyMessageContent;
        const warnings = await captureWarnings(async () => {
          el = await show(message);
          el.message = { ...message };
          await el.updateComplete;
          await show(message);
        });
        expect(textOf(el)).to.equal('plain text');
        expect(shadowAll(el, 'button')).to.have.length(0);
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.contain(message.key);
      });
    }

    it('renders nothing for a bad payload without text', async () => {
      let el!: ParleyMessageContent;
      await captureWarnings(async () => (el = await show(rich('6', 'not json'))));
      expect(el.shadowRoot!.children).to.have.length(0);
    });

    it('legacy contentType 300 without a template is text, without a warning', async () => {
      const el = await show(msg({ message: 'old', metadata: { contentType: '300', payload: '[]' } }));
      expect(textOf(el)).to.equal('old');
    });
  });

  describe('templates 3 and 11: buttons', () => {
    it('link buttons open a new tab; unsafe links are dropped', async () => {
      const el = await show(
        rich('11', [
          { name: 'Docs', action: { type: 'link', url: 'https://docs.example.com' } },
          { name: 'Evil', action: { type: 'link', url: 'javascript:alert(1)' } },
        ]),
      );
      const links = shadowAll<HTMLAnchorElement>(el, 'a.btn');
      expect(links.map((a) => a.href)).to.deep.equal(['https://docs.example.com/']);
      expect(links[0]!.target).to.equal('_blank');
      expect(links[0]!.rel).to.equal('noopener noreferrer');
      await expect(el).to.be.accessible();
    });

    it('quick replies send their text', async () => {
      const el = await show(
        rich('11', [{ name: 'Talk to sales', action: { type: 'quick_reply', text: 'sales please' } }]),
      );
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, 'button'));
      expect((await event).detail.message).to.equal('sales please');
    });

    it('template 3 submit posts formData to formAction in a new tab and sends the reply text', async () => {
      const el = await show(
        rich(
          '3',
          [
            { type: 'link', url: 'https://example.com/terms', name: 'Terms' },
            { name: 'Pay now', replyText: 'Paying' },
          ],
          '',
          {
            formAction: 'https://pay.example.com/checkout',
            formData: '{"amount":"10","currency":"USD"}',
          },
        ),
      );
      const form = shadow<HTMLFormElement>(el, 'form');
      expect(form.getAttribute('action')).to.equal('https://pay.example.com/checkout');
      expect(form.method).to.equal('post');
      expect(form.target).to.equal('_blank');
      expect(Object.fromEntries(new FormData(form))).to.deep.equal({ amount: '10', currency: 'USD' });
      const held = holdSubmits(form);
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, 'button'));
      expect((await event).detail.message).to.equal('Paying');
      expect(held.prevented).to.deep.equal([false]);
      await el.updateComplete;
      expect(shadow<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('JSON submit asks the controller to post, shows the result, then replies', async () => {
      const el = await show(
        rich('11', [
          {
            name: 'Subscribe',
            action: {
              type: 'submit',
              formAction: 'https://api.example.com/sub',
              requestType: 'json',
              formData: { plan: 'pro' },
              message: 'Subscribed me',
            },
          },
        ]),
      );
      let resolve!: (r: { ok: boolean; message?: string }) => void;
      const submits = record<ParleySubmitEvent>(document, 'parley-submit');
      document.addEventListener(
        'parley-submit',
        (e) => (e as ParleySubmitEvent).respondWith(new Promise((r) => (resolve = r))),
        { once: true },
      );
      const replies = record<ParleyReplyEvent>(document, 'parley-reply');
      await click(shadow(el, 'button'));
      await waitUntil(() => submits.length === 1, 'a submit event');
      expect(submits[0]!.detail).to.deep.equal({ url: 'https://api.example.com/sub', data: { plan: 'pro' } });
      await el.updateComplete;
      expect(shadow(el, '[role="status"]').textContent).to.equal(en.richSending);
      expect(shadow<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
      resolve({ ok: true, message: '<b>You are in</b>' });
      await waitUntil(() => replies.length === 1, 'the reply after the post');
      expect(replies[0]!.detail).to.deep.equal({ message: 'Subscribed me' });
      await el.updateComplete;
      expect(shadow(el, '[role="status"]').textContent).to.equal('<b>You are in</b>');
      expect(shadowAll(el, 'b')).to.have.length(0);
    });

    it('JSON submit without anyone to post it says so and stays usable', async () => {
      const el = await show(
        rich('11', [
          { name: 'Go', action: { type: 'submit', formAction: 'https://api.example.com/x', requestType: 'json' } },
        ]),
      );
      const replies = record(document, 'parley-reply');
      await click(shadow(el, 'button'));
      await waitUntil(() => shadow(el, '[role="status"]').textContent === en.richSubmitFailed, 'the failure is shown');
      expect(replies).to.have.length(0);
      expect(shadow<HTMLButtonElement>(el, 'button').disabled).to.equal(false);
    });

    it('postBackToBotPlatform puts the data into the reply metadata', async () => {
      const el = await show(
        rich('11', [
          { name: 'Send', action: { type: 'submit', requestType: 'postBackToBotPlatform', formData: { a: 'b' } } },
        ]),
      );
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, 'button'));
      expect((await event).detail).to.deep.equal({ message: 'Send', metadata: { formData: '{"a":"b"}' } });
    });
  });

  describe('template 7: list', () => {
    it('renders header, items and buttons; items act', async () => {
      const el = await show(
        rich('7', {
          headerImgSrc: 'https://i.example.com/h.png',
          headerText: 'Our plans',
          elements: [
            {
              imgSrc: 'https://i.example.com/a.png',
              title: 'Basic',
              description: 'Free',
              action: { type: 'quick_reply', text: 'basic' },
            },
            { title: 'Pro', description: '$10', action: { type: 'link', url: 'https://example.com/pro' } },
            { title: 'Static', description: 'no action' },
          ],
          buttons: [{ name: 'Compare', action: { type: 'link', url: 'https://example.com/compare' } }],
        }),
      );
      expect(shadow(el, '.list-title').textContent).to.equal('Our plans');
      expect(shadow<HTMLImageElement>(el, '.list-head').src).to.equal('https://i.example.com/h.png');
      expect(shadowAll(el, '.list li')).to.have.length(3);
      expect(shadowAll<HTMLAnchorElement>(el, '.list a').map((a) => a.href)).to.deep.equal([
        'https://example.com/pro',
        'https://example.com/compare',
      ]);
      await expect(el).to.be.accessible();
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, '.list li button'));
      expect((await event).detail.message).to.equal('basic');
    });

    it('items and buttons are reachable with Tab and act on Enter', async () => {
      const el = await show(
        rich('7', {
          elements: [
            { title: 'One', action: { type: 'quick_reply', text: 'one' } },
            { title: 'Two', action: { type: 'quick_reply', text: 'two' } },
          ],
        }),
      );
      shadow(el, '.list li button').focus();
      await press('Tab');
      expect(el.shadowRoot!.activeElement?.textContent).to.contain('Two');
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await press('Enter');
      expect((await event).detail.message).to.equal('two');
    });
  });

  describe('template 8: FAQ card', () => {
    it('shows title, description, question and answer buttons', async () => {
      const el = await show(
        rich('8', {
          title: 'Reset password',
          description: 'Go to settings.',
          buttonLabel: 'Was this helpful?',
          buttons: [{ name: 'Yes' }, { name: 'No' }],
        }),
      );
      expect(textOf(el))
        .to.contain('Reset password')
        .and.to.contain('Go to settings.')
        .and.to.contain('Was this helpful?');
      await expect(el).to.be.accessible();
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadowAll(el, 'button')[1]!);
      expect((await event).detail.message).to.equal('No');
    });

    it('answers with Space from the keyboard', async () => {
      const el = await show(rich('8', { title: 'T', buttons: [{ name: 'Yes', replyMetadata: { helpful: true } }] }));
      shadow(el, 'button').focus();
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await press('Space');
      expect((await event).detail).to.deep.equal({ message: 'Yes', metadata: { helpful: 'true' } });
    });
  });

  describe('templates 9 and 14: images and video', () => {
    it('9: images with captions, each opening in a new tab', async () => {
      const el = await show(
        rich('9', [
          { url: 'https://i.example.com/a.png', caption: 'Front' },
          { url: 'javascript:alert(1)', caption: 'x' },
          { url: '/img/b.png' },
        ]),
      );
      const imgs = shadowAll<HTMLImageElement>(el, 'figure img');
      expect(imgs.map((i) => i.src)).to.deep.equal(['https://i.example.com/a.png', `${SERVER}/img/b.png`]);
      expect(imgs[0]!.alt).to.equal('Front');
      expect(shadow(el, 'figcaption').textContent).to.equal('Front');
      expect(shadowAll<HTMLAnchorElement>(el, 'figure a')[0]!.target).to.equal('_blank');
      await expect(el).to.be.accessible();
    });

    it('14: a <video> for http(s) URLs only, with a link', async () => {
      const el = await show(
        rich('14', [{ url: 'https://v.example.com/a.mp4', caption: 'Demo' }, { url: 'data:video/mp4;base64,AAAA' }]),
      );
      const videos = shadowAll<HTMLVideoElement>(el, 'video');
      expect(videos.map((v) => v.getAttribute('src'))).to.deep.equal(['https://v.example.com/a.mp4']);
      expect(videos[0]!.controls).to.equal(true);
      expect(shadow<HTMLAnchorElement>(el, 'figcaption a').href).to.equal('https://v.example.com/a.mp4');
      expect(textOf(el)).to.contain('Demo');
      await expect(el).to.be.accessible();
    });
  });

  describe('template 10: card carousel', () => {
    const card = (i: number) => ({
      title: `Room ${i}`,
      subtitle: 'Sea view',
      titleExt: `$${i}00`,
      description: 'Breakfast included',
      header: { imgSrc: `https://i.example.com/${i}.jpg`, overlayText: 'Deal' },
      buttons: [
        { name: 'Book', action: { type: 'quickReply', message: `book ${i}` } },
        { name: 'Details', action: { type: 'link', url: `https://example.com/${i}` } },
      ],
    });

    it('renders cards with image, title, price, subtitle and buttons', async () => {
      const el = await show(rich('10', [card(1), card(2), card(3)]));
      const cards = shadowAll(el, '.card');
      expect(cards).to.have.length(3);
      expect(cards[0]!.textContent)
        .to.contain('Room 1')
        .and.contain('$100')
        .and.contain('Sea view')
        .and.contain('Deal');
      expect(cards[0]!.querySelector('img')!.getAttribute('src')).to.equal('https://i.example.com/1.jpg');
      expect(getComputedStyle(shadow(el, '.cards')).overflowX).to.equal('auto');
      expect(getComputedStyle(shadow(el, '.cards')).scrollSnapType).to.contain('x');
      await expect(el).to.be.accessible();
    });

    it('scrolls with the arrow keys and the next/previous buttons', async () => {
      const el = await show(rich('10', [card(1), card(2), card(3)]));
      const list = shadow(el, '.cards');
      list.focus();
      await press('ArrowRight');
      await waitUntil(() => list.scrollLeft > 100, 'ArrowRight scrolls to the next card');
      const afterKey = list.scrollLeft;
      await click(shadow(el, `button[aria-label="${en.richNext}"]`));
      await waitUntil(
        () => list.scrollLeft > afterKey + 50 || list.scrollLeft + list.clientWidth >= list.scrollWidth - 1,
        'Next scrolls on',
      );
      list.focus();
      await press('Home');
      await waitUntil(() => list.scrollLeft === 0, 'Home goes back to the first card');
    });

    it("keeps a card's buttons in place when its picture fails to load", async () => {
      const broken = { ...card(1), header: { imgSrc: `${location.origin}/no-such-picture.jpg` } };
      const el = await show(rich('10', [broken, card(2)]));
      const book = shadowAll(el, '.card button')[0]!;
      const before = book.getBoundingClientRect().top;
      const img = shadowAll<HTMLImageElement>(el, '.card img')[0]!;
      img.scrollIntoView({ block: 'nearest' });
      await waitUntil(() => img.complete, 'the picture has failed');
      expect(img.naturalWidth, 'nothing loaded').to.equal(0);
      const head = shadowAll(el, '.card-head')[0]!.getBoundingClientRect();
      expect(head.height).to.be.closeTo((head.width * 9) / 16, 1);
      expect(book.getBoundingClientRect().top).to.be.closeTo(before, 0.5);
    });

    it('card buttons reply once for the whole message', async () => {
      const el = await show(rich('10', [card(1), card(2)]));
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadowAll(el, '.card button')[0]!);
      expect((await event).detail.message).to.equal('book 1');
      await el.updateComplete;
      expect(shadowAll<HTMLButtonElement>(el, '.card button').every((b) => b.disabled)).to.equal(true);
      expect(shadowAll(el, '.card a.btn')).to.have.length(2);
    });
  });

  describe('template 12: form', () => {
    const fields = [
      {
        type: 'text',
        label: 'Name',
        name: 'name',
        placeholder: 'Your name',
        validation: { regex: '^[A-Za-z ]+$', errorText: 'Letters only' },
      },
      {
        type: 'radio',
        label: 'Size',
        name: 'size',
        options: [
          { label: 'Small', value: 's' },
          { label: 'Large', value: 'l', selected: true },
        ],
      },
      {
        type: 'checkbox',
        label: 'Extras',
        name: 'extras',
        options: [
          { label: 'Cheese', value: 'cheese' },
          { label: 'Olives', value: 'olives' },
        ],
      },
      {
        type: 'dropdown',
        label: 'Crust',
        name: 'crust',
        options: [
          { label: 'Thin', value: 'thin' },
          { label: 'Thick', value: 'thick' },
        ],
      },
      { type: 'textarea', label: 'Notes', name: 'notes' },
      { type: 'hidden', name: 'order', value: '42' },
      { type: 'text', label: 'Broken regex', name: 'b', validation: { regex: '([' } },
    ];

    it('renders labelled controls and is accessible', async () => {
      const el = await show(
        rich('12', [
          ...fields,
          { type: 'submit', label: 'Order', requestType: 'postBackToBotPlatform', message: 'Ordered' },
        ]),
      );
      expect(shadow<HTMLInputElement>(el, 'input[name="name"]').placeholder).to.equal('Your name');
      expect(shadowAll(el, 'input[type="radio"]')).to.have.length(2);
      expect(shadow<HTMLInputElement>(el, 'input[value="l"]').checked).to.equal(true);
      expect(shadowAll(el, 'select option')).to.have.length(2);
      expect(shadow(el, 'button[type="submit"]').textContent).to.equal('Order');
      await expect(el).to.be.accessible();
    });

    it('validates with the regex, shows the error text and focuses the field', async () => {
      const el = await show(
        rich('12', [...fields, { type: 'submit', label: 'Order', requestType: 'postBackToBotPlatform' }]),
      );
      const replies = record(document, 'parley-reply');
      await click(shadow(el, 'input[name="name"]'));
      await type('R2D2');
      await click(shadow(el, 'button[type="submit"]'));
      await waitUntil(() => shadowAll(el, '.error').length === 1, 'an error shows');
      const input = shadow<HTMLInputElement>(el, 'input[name="name"]');
      expect(shadow(el, '.error').textContent).to.equal('Letters only');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal(shadow(el, '.error').id);
      await waitUntil(() => el.shadowRoot!.activeElement === input, 'the invalid field gets focus');
      expect(replies).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('post-back: sends the message with the form data as JSON in metadata.formData', async () => {
      const el = await show(
        rich('12', [
          ...fields,
          { type: 'submit', label: 'Order', requestType: 'postBackToBotPlatform', message: 'Ordered' },
        ]),
      );
      await click(shadow(el, 'input[name="name"]'));
      await type('Ada');
      await click(shadow(el, 'input[value="olives"]'));
      await click(shadow(el, 'input[value="cheese"]'));
      shadow<HTMLSelectElement>(el, 'select').focus();
      await press('ArrowDown');
      await click(shadow(el, 'textarea'));
      await type('ring twice');
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      shadow(el, 'input[name="name"]').focus();
      await press('Enter');
      const { detail } = await event;
      expect(detail.message).to.equal('Ordered');
      expect(JSON.parse(detail.metadata!.formData!)).to.deep.equal({
        name: 'Ada',
        size: 'l',
        extras: ['cheese', 'olives'],
        crust: 'thick',
        notes: 'ring twice',
        order: '42',
        b: '',
      });
      await el.updateComplete;
      expect(shadow<HTMLFieldSetElement>(el, 'form > fieldset').disabled).to.equal(true);
    });

    it('JSON: the controller posts the data; on success the message is sent', async () => {
      const el = await show(
        rich('12', [
          { type: 'text', label: 'Email', name: 'email' },
          {
            type: 'submit',
            label: 'Join',
            formAction: 'https://api.example.com/join',
            requestType: 'json',
            message: 'Joined',
          },
        ]),
      );
      document.addEventListener(
        'parley-submit',
        (e) => (e as ParleySubmitEvent).respondWith(Promise.resolve({ ok: true })),
        { once: true },
      );
      const submitted = oneEvent(el, 'parley-submit') as Promise<ParleySubmitEvent>;
      const replied = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, 'input'));
      await type('a@b.co');
      await click(shadow(el, 'button[type="submit"]'));
      expect((await submitted).detail).to.deep.equal({
        url: 'https://api.example.com/join',
        data: { email: 'a@b.co' },
      });
      expect((await replied).detail).to.deep.equal({ message: 'Joined' });
      await waitUntil(() => shadow(el, '[role="status"]').textContent === en.richSubmitted, 'success is shown');
    });

    it('a plain form post goes natively to the formAction in a new tab', async () => {
      const el = await show(
        rich('12', [
          { type: 'text', label: 'Q', name: 'q' },
          { type: 'submit', label: 'Search', formAction: 'https://search.example.com/', requestType: 'form' },
        ]),
      );
      const form = shadow<HTMLFormElement>(el, 'form');
      expect(form.getAttribute('action')).to.equal('https://search.example.com/');
      expect(form.target).to.equal('_blank');
      const held = holdSubmits(form);
      await click(shadow(el, 'button[type="submit"]'));
      await waitUntil(() => held.prevented.length === 1, 'the form is submitted');
      expect(held.prevented).to.deep.equal([false]);
    });

    it('an unsafe formAction never becomes a form target', async () => {
      const el = await show(
        rich('12', [
          { type: 'text', label: 'Q', name: 'q' },
          { type: 'submit', label: 'Go', formAction: 'javascript:alert(1)', requestType: 'form' },
        ]),
      );
      expect(shadow(el, 'form').hasAttribute('action')).to.equal(false);
      const event = oneEvent(el, 'parley-reply') as Promise<ParleyReplyEvent>;
      await click(shadow(el, 'button[type="submit"]'));
      expect((await event).detail).to.deep.equal({ message: 'Go', metadata: { formData: '{"q":""}' } });
    });
  });

  it('is defined once and tolerates a second define()', () => {
    expect(customElements.get('parley-message-content')).to.equal(ParleyMessageContent);
    ParleyMessageContent.define('parley-message-content');
  });
});
