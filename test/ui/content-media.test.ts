/**
 * Content types 7 (contact), 8 (audio) and 9 (video) in `<parley-message-content>`: what the
 * visitor (or the agent, in the staff app) sees, in English and in another language.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createFileUrlResolver } from '../../src/core/attachments.js';
import { en, type Strings } from '../../src/core/locale.js';
import type { FileMeta, Message } from '../../src/core/protocol.js';
import deTable from '../../src/locales/de.js';
import '../../src/ui/content/message-content.js';
import type { ParleyMessageContent } from '../../src/ui/content/message-content.js';
import { setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const SERVER = 'http://127.0.0.1:9';
const de: Strings = { ...en, ...deTable };
let seq = 0;

function msg(partial: Partial<Message>): Message {
  seq++;
  return {
    key: `media-${seq}`,
    id: seq,
    groupId: 'g1',
    message: '',
    contentType: 0,
    type: 4,
    fromUserName: 'agent',
    metadata: {},
    createdAtTime: 0,
    status: 3,
    ...partial,
  };
}

const file = (partial: Partial<FileMeta>): FileMeta => ({
  blobKey: 'b',
  name: 'clip',
  size: 2048,
  contentType: 'audio/mpeg',
  ...partial,
});

async function show(
  m: Message,
  options: { strings?: Strings; fileUrl?: ReturnType<typeof createFileUrlResolver> } = {},
): Promise<ParleyMessageContent> {
  const el = await fixture<ParleyMessageContent>(html`<parley-message-content
    .message=${m}
    .strings=${options.strings ?? en}
    .fileUrl=${options.fileUrl}
    server=${SERVER}
  ></parley-message-content>`);
  await el.updateComplete;
  return el;
}

const textOf = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

const cardOf = async (el: ParleyMessageContent) => {
  const card = shadow(el, 'parley-attachment') as HTMLElement & { updateComplete: Promise<unknown> };
  await card.updateComplete;
  return card;
};

describe('<parley-message-content> contact, audio and video', () => {
  setUpUiSuite();

  describe('7 contact', () => {
    it('shows a card: the name, the phone as a tel: link and the e-mail as a mailto: link', async () => {
      const el = await show(
        msg({
          contentType: 7,
          message: JSON.stringify({ name: 'Ana Lima', phone: '+49 (151) 234-56', email: 'ana@example.com' }),
        }),
      );
      const card = shadow(el, '.contact');
      expect(card.querySelector('strong')?.textContent).to.equal('Ana Lima');
      expect(textOf(el)).to.equal('Contact Ana Lima +49 (151) 234-56 ana@example.com');
      const links = shadowAll<HTMLAnchorElement>(el, '.contact a');
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['tel:+4915123456', 'mailto:ana@example.com']);
      expect(links.map((a) => a.textContent?.trim())).to.deep.equal(['+49 (151) 234-56', 'ana@example.com']);
      // Not a new tab: the phone app or the mail program opens.
      expect(links.every((a) => !a.hasAttribute('target'))).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('shows only the parts it has, labelled in the visitor language', async () => {
      const el = await show(msg({ contentType: 7, message: '{"phone":"030 1234567"}' }), { strings: de });
      expect(textOf(el)).to.equal('Kontakt 030 1234567');
      expect(shadow<HTMLAnchorElement>(el, '.contact a').getAttribute('href')).to.equal('tel:0301234567');
      expect(shadowAll(el, '.contact strong')).to.have.length(0);
    });

    it('a phone or e-mail that is not one is text, never a link of another scheme', async () => {
      const hostile = [
        { phone: 'javascript:alert(1)', email: 'javascript:alert(1)//@x.com' },
        { phone: '+1 555 0100?x=<b>', email: 'a@b.com?subject=x' },
        { phone: '12', email: 'ana@example.com\njavascript:alert(1)' },
      ];
      for (const contact of hostile) {
        const el = await show(
          msg({ contentType: 7, message: JSON.stringify({ name: '<img src=x onerror=alert(1)>', ...contact }) }),
        );
        expect(shadowAll(el, 'a'), JSON.stringify(contact)).to.have.length(0);
        expect(shadowAll(el, 'img')).to.have.length(0);
        expect(shadow(el, '.contact strong').textContent).to.equal('<img src=x onerror=alert(1)>');
        expect(textOf(el)).to.contain(contact.phone);
      }
    });

    it('a message that is not a contact shows its text', async () => {
      for (const message of ['call me on +1 555 0100', '{"city":"Lisbon"}', '[1,2]']) {
        const el = await show(msg({ contentType: 7, message }));
        expect(shadowAll(el, '.contact'), message).to.have.length(0);
        expect(textOf(el)).to.equal(message);
      }
    });
  });

  describe('8 audio and 9 video', () => {
    it('8: a native audio player with an accessible name, for a file on the chat server', async () => {
      const el = await show(
        msg({ contentType: 8, message: 'Listen to this', fileMeta: file({ url: '/files/a.mp3' }) }),
      );
      const audio = shadow<HTMLAudioElement>(el, 'audio');
      expect(audio.controls).to.equal(true);
      expect(audio.getAttribute('src')).to.equal(`${SERVER}/files/a.mp3`);
      expect(audio.getAttribute('aria-label')).to.equal('Audio message');
      expect(shadowAll(el, 'parley-attachment')).to.have.length(0);
      expect(textOf(el)).to.equal('Listen to this');
      await expect(el).to.be.accessible();
    });

    it("9: a native video player; the server's own files carry the visitor's token", async () => {
      const fileUrl = createFileUrlResolver({ server: SERVER, token: 'tok' });
      const blobKey = 'a'.repeat(32);
      const el = await show(msg({ contentType: 9, fileMeta: file({ blobKey, contentType: 'video/mp4' }) }), {
        fileUrl,
        strings: de,
      });
      const video = shadow<HTMLVideoElement>(el, 'video');
      expect(video.controls).to.equal(true);
      expect(video.getAttribute('src')).to.equal(`${SERVER}/files/${blobKey}?token=tok`);
      expect(video.getAttribute('aria-label')).to.equal('Videonachricht');
      await expect(el).to.be.accessible();
    });

    it('9: an https URL elsewhere plays, without the token', async () => {
      const fileUrl = createFileUrlResolver({ server: SERVER, token: 'tok' });
      const el = await show(msg({ contentType: 9, fileMeta: file({ url: 'https://cdn.example.com/v.mp4' }) }), {
        fileUrl,
      });
      expect(shadow(el, 'video').getAttribute('src')).to.equal('https://cdn.example.com/v.mp4');
    });

    it('a URL that is not http(s) gets no player: the file card instead', async () => {
      for (const [contentType, url] of [
        [8, 'javascript:alert(1)'],
        [9, 'data:video/mp4;base64,AAAA'],
        [8, 'mailto:a@b.com'],
        [9, '//evil.example/v.mp4'],
      ] as const) {
        const el = await show(msg({ contentType, message: 'caption', fileMeta: file({ name: 'clip.bin', url }) }));
        expect(shadowAll(el, 'audio, video'), url).to.have.length(0);
        const card = await cardOf(el);
        expect(shadow(card, '.name').textContent).to.equal('clip.bin');
        expect(shadow(card, '[part="file"]').getAttribute('href') ?? '').to.not.match(/^(javascript|data):/);
        expect(textOf(el)).to.equal('caption');
      }
    });

    it('without a file, only the text', async () => {
      const el = await show(msg({ contentType: 8, message: 'no file' }));
      expect(shadowAll(el, 'audio')).to.have.length(0);
      expect(textOf(el)).to.equal('no file');
    });
  });
});
