/**
 * A transcript's text and HTML parts (demo/server/src/transcript-render.ts) and the mail strings'
 * choice of language (mail-strings.ts): pure functions, checked here without a server.
 */
import { expect } from '@open-wc/testing';
import { mailStrings } from '../../demo/server/src/mail-strings.js';
import { renderTranscript } from '../../demo/server/src/transcript-render.js';
import type { TranscriptLine } from '../../demo/server/src/transcript-render.js';

const at = Date.UTC(2026, 0, 2, 3, 4);

function render(lines: TranscriptLine[], locale = 'en') {
  const { lang, t } = mailStrings(locale);
  return renderTranscript({
    appName: 'Acme <Support>',
    color: '#123456',
    lang,
    t,
    baseUrl: 'https://chat.example.com',
    subject: 'Your transcript',
    lines,
  });
}

const line = (message: Partial<TranscriptLine['message']>, sender = 'Ann'): TranscriptLine => ({
  sender,
  message: { message: '', contentType: 0, metadata: {}, createdAtTime: at, ...message },
});

describe('mail: transcript rendering', () => {
  it('escapes everything from messages and names in the HTML part, and keeps the text part as written', () => {
    const mail = render([line({ message: '<script>alert(1)</script> & "quotes"' }, '<b>Eve</b>')]);
    expect(mail.text).to.include('<b>Eve</b>:');
    expect(mail.text).to.include('<script>alert(1)</script> & "quotes"');
    expect(mail.html).not.to.include('<script>');
    expect(mail.html).not.to.include('<b>Eve</b>');
    expect(mail.html).to.include('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(mail.html).to.include('Acme &lt;Support&gt;');
    expect(mail.html).to.include('#123456');
  });

  it('gives attachments and links as absolute http(s) links, never other schemes', () => {
    const mail = render([
      line({
        contentType: 1,
        fileMeta: { blobKey: 'abc', name: 'invoice.pdf', size: 10, contentType: 'application/pdf', url: '/files/abc' },
      }),
      line({ contentType: 6, message: 'javascript:alert(1)' }),
      line({ contentType: 6, message: 'https://example.com/a?b=1&c=2' }),
    ]);
    expect(mail.text).to.include('Attachment: invoice.pdf <https://chat.example.com/files/abc>');
    expect(mail.html).to.include('<a href="https://chat.example.com/files/abc">Attachment: invoice.pdf</a>');
    expect(mail.html).to.include('<a href="https://example.com/a?b=1&amp;c=2">');
    expect(mail.html).not.to.include('href="javascript:');
  });

  it('writes rich messages as their readable words and leaves system notices out', () => {
    const mail = render([
      line({
        message: 'Pick one',
        metadata: { contentType: '300', templateId: '6', payload: '[{"title":"Yes","message":"y"}]' },
      }),
      line({ contentType: 10, message: 'Assigned to Ann' }),
    ]);
    expect(mail.text).to.include('Pick one');
    expect(mail.text).to.include('Yes');
    expect(mail.text).not.to.include('payload');
    expect(mail.text).not.to.include('Assigned to Ann');
  });

  it('speaks the recipient’s language where there is a table, right to left for Arabic, English otherwise', () => {
    const ar = render([line({ message: 'مرحبا' })], 'ar-EG');
    expect(ar.html).to.include('dir="rtl"');
    expect(ar.text).to.include('إليك نص المحادثة');
    const unknown = render([line({ message: 'Hallo' })], 'xx');
    expect(unknown.html).to.include('dir="ltr"');
    expect(unknown.text).to.include('Here is the transcript of the conversation with Acme <Support>.');
  });
});
