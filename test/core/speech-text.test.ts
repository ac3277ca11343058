import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/protocol.js';
import { htmlToText, MAX_SPOKEN_LENGTH, speakableText, withTranscript } from '../../src/core/speech-text.js';

type Speakable = Parameters<typeof speakableText>[0];
const msg = (m: Partial<Message>): Speakable => ({ message: '', contentType: 0, metadata: {}, ...m });
const rich = (templateId: string, payload: unknown, message = ''): Speakable =>
  msg({ message, metadata: { templateId, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) } });

describe('speakableText', () => {
  it('reads plain text without emphasis markers, on one line', () => {
    expect(speakableText(msg({ message: 'Hello *there*,\n_welcome_ to  Parley' }))).to.equal(
      'Hello there, welcome to Parley',
    );
  });

  it('reads suggested replies as the question and the reply titles, never the payload', () => {
    const text = speakableText(
      rich(
        '6',
        [
          { title: 'Yes', message: 'Cool! send me more.' },
          { title: 'No', message: 'nope' },
        ],
        'Do you want more updates?',
      ),
    );
    expect(text).to.equal('Do you want more updates? Yes. No');
    expect(text).not.to.include('{');
    expect(text).not.to.include('Cool!');
  });

  it('reads cards, lists and FAQ cards as their titles, descriptions and button labels', () => {
    const cards = speakableText(
      rich('10', [
        {
          title: 'Red shoes',
          subtitle: '$20',
          description: 'Comfy',
          buttons: [{ name: 'Buy', action: { type: 'link', url: 'https://x.test' } }],
        },
      ]),
    );
    expect(cards).to.equal('Red shoes. $20. Comfy. Buy');
    const list = speakableText(
      rich('7', {
        headerText: 'Our plans',
        elements: [{ title: 'Basic', description: 'Free' }],
        buttons: [{ name: 'See all', action: { type: 'link', url: 'https://x.test' } }],
      }),
    );
    expect(list).to.equal('Our plans. Basic. Free. See all');
    expect(
      speakableText(rich('8', { title: 'Refunds', description: 'Within 30 days', buttons: [{ name: 'Thanks' }] })),
    ).to.equal('Refunds. Within 30 days. Thanks');
  });

  it('falls back to the text for a broken payload', () => {
    expect(speakableText(rich('6', '[{"title": "Yes"', 'Pick one'))).to.equal('Pick one');
    expect(speakableText(rich('99', [], 'Unknown template'))).to.equal('Unknown template');
  });

  it('reads HTML as text, without scripts, styles or tags', () => {
    const text = speakableText(
      msg({
        contentType: 3,
        message:
          '<p>Hi &amp; <b>welcome</b></p><script>alert("x")</script><style>p{}</style><img src=x onerror=alert(1)>',
      }),
    );
    expect(text).to.equal('Hi & welcome');
  });

  it('reads an attachment as its caption and file name, a price formatted, and skips links and locations', () => {
    expect(
      speakableText(
        msg({
          contentType: 1,
          message: 'Here you go',
          fileMeta: { blobKey: 'k', name: 'invoice.pdf', size: 1, contentType: 'application/pdf' },
        }),
      ),
    ).to.equal('Here you go. invoice.pdf');
    expect(speakableText(msg({ contentType: 4, message: '{"amount": 12.5, "currency": "eur"}' }))).to.equal('12.5 EUR');
    expect(speakableText(msg({ contentType: 2, message: '{"lat": 1, "lon": 2}' }))).to.equal('');
    expect(speakableText(msg({ contentType: 6, message: 'https://example.com' }))).to.equal('');
    expect(speakableText(msg({ contentType: 10, message: 'Assigned to Ann' }))).to.equal('');
  });

  it('caps very long texts and never throws', () => {
    expect(speakableText(msg({ message: 'a '.repeat(5000) })).length).to.equal(MAX_SPOKEN_LENGTH);
    expect(speakableText(null as never)).to.equal('');
    expect(speakableText(msg({ message: 42 as never }))).to.equal('');
  });
});

describe('htmlToText', () => {
  it('decodes entities and drops comments and unclosed tags', () => {
    expect(htmlToText('a&lt;b&#x21;&#33; &nbsp;<!-- secret --> c <b')).to.equal('a<b!!    c  ');
    expect(htmlToText('&bogus; &#0;')).to.equal('&bogus; ');
    expect(htmlToText(undefined)).to.equal('');
  });
});

describe('withTranscript', () => {
  it('appends dictated words to the draft with one space', () => {
    expect(withTranscript('', ' hello world ')).to.equal('hello world');
    expect(withTranscript('Hi,  ', 'I need help')).to.equal('Hi, I need help');
    expect(withTranscript('Draft', '')).to.equal('Draft');
    expect(withTranscript('   ', 'words')).to.equal('words');
  });
});
