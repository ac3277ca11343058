import { expect } from '@open-wc/testing';
import { tokenizeText } from '../../src/core/text.js';

describe('tokenizeText', () => {
  it('keeps plain text as one text token', () => {
    expect(tokenizeText('Hello there')).to.deep.equal([{ kind: 'text', text: 'Hello there' }]);
  });

  it('turns every kind of line break into a br token', () => {
    expect(tokenizeText('a\nb\r\nc\rd').map((t) => t.kind)).to.deep.equal([
      'text',
      'br',
      'text',
      'br',
      'text',
      'br',
      'text',
    ]);
    expect(tokenizeText('\n')).to.deep.equal([{ kind: 'br' }]);
  });

  it('auto-links http(s), www. and e-mail addresses, trimming trailing punctuation', () => {
    expect(tokenizeText('See https://example.com/a?b=1.')).to.deep.equal([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '.' },
    ]);
    expect(tokenizeText('(www.example.com)')).to.deep.equal([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' },
      { kind: 'text', text: ')' },
    ]);
    expect(tokenizeText('mail <help@example.com>, thanks')).to.deep.equal([
      { kind: 'text', text: 'mail <' },
      { kind: 'link', text: 'help@example.com', href: 'mailto:help@example.com' },
      { kind: 'text', text: '>, thanks' },
    ]);
  });

  it('keeps balanced parentheses inside a URL', () => {
    const link = tokenizeText('https://en.wikipedia.org/wiki/Foo_(bar)').find((t) => t.kind === 'link');
    expect(link).to.deep.include({ text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('never links script URLs, markdown tricks or credentials', () => {
    for (const raw of [
      'javascript:alert(1)',
      '[a](javascript:alert(1))',
      '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      'http://good.com@evil.com',
      'xhttp://example.com',
    ]) {
      expect(
        tokenizeText(raw).filter((t) => t.kind === 'link'),
        raw,
      ).to.deep.equal([]);
    }
  });

  it('links a markdown http target without the closing parenthesis', () => {
    const link = tokenizeText('[a](https://example.com/x)').find((t) => t.kind === 'link');
    expect(link).to.deep.include({ href: 'https://example.com/x' });
  });

  it('marks *strong* and _em_ but not snake_case or lone stars', () => {
    expect(tokenizeText('a *big* _deal_ here')).to.deep.equal([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', text: 'big' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'deal' },
      { kind: 'text', text: ' here' },
    ]);
    expect(tokenizeText('file_name_here and 2 * 3 * 4')).to.deep.equal([
      { kind: 'text', text: 'file_name_here and 2 * 3 * 4' },
    ]);
  });

  it('keeps markup as text', () => {
    expect(tokenizeText('<img src=x onerror=alert(1)>')).to.deep.equal([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('returns [] for non-strings', () => {
    expect(tokenizeText(undefined)).to.deep.equal([]);
    expect(tokenizeText({ toString: () => 'x' })).to.deep.equal([]);
  });

  it('stays fast on hostile input', () => {
    const start = performance.now();
    tokenizeText(`${'*a'.repeat(20000)} ${'_'.repeat(20000)} ${'a@'.repeat(20000)} http://x${')'.repeat(4000)}`);
    expect(performance.now() - start).to.be.below(1000);
  });
});
