import { expect } from '@open-wc/testing';
import { safeUrl } from '../../src/core/url.js';

const base = 'https://chat.example.com/app/';

describe('safeUrl', () => {
  describe('links', () => {
    it('keeps http, https, mailto and tel in canonical form', () => {
      expect(safeUrl('https://example.com', { kind: 'link' })).to.equal('https://example.com/');
      expect(safeUrl('HTTP://Example.COM/a?b=1#c', { kind: 'link' })).to.equal('http://example.com/a?b=1#c');
      expect(safeUrl('mailto:demo@example.com', { kind: 'link' })).to.equal('mailto:demo@example.com');
      expect(safeUrl('tel:+1-555-010-0199', { kind: 'link' })).to.equal('tel:+1-555-010-0199');
    });

    it('drops script and data schemes, however they are spelled', () => {
      for (const raw of [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        ' \u0001javascript:alert(1)',
        'java\tscript:alert(1)',
        'java\nscript:alert(1)',
        'java\rscript:alert(1)',
        '\u0000javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'DATA:image/png;base64,AAAA',
        'vbscript:msgbox(1)',
        'livescript:alert(1)',
        'view-source:http://example.com',
        'feed:data:text/html,x',
        'file:///etc/passwd',
      ]) {
        expect(safeUrl(raw, { kind: 'link' }), JSON.stringify(raw)).to.equal(undefined);
        expect(safeUrl(raw, { kind: 'link', base }), JSON.stringify(raw)).to.equal(undefined);
      }
    });

    it('drops entity-encoded and unicode-prefixed schemes, or keeps them as a path on the server', () => {
      for (const raw of ['jav&#x09;ascript:alert(1)', '\u2028javascript:alert(1)', 'ｊａｖａｓｃｒｉｐｔ:alert(1)']) {
        expect(safeUrl(raw, { kind: 'link' })).to.equal(undefined);
        expect(safeUrl(raw, { kind: 'link', base })).to.equal(undefined);
      }
      expect(safeUrl('/javascript:alert(1)', { kind: 'link', base })).to.equal(
        'https://chat.example.com/javascript:alert(1)',
      );
    });

    it('keeps relative URLs only as paths on the chat server', () => {
      expect(safeUrl('/files/a.pdf', { kind: 'link' })).to.equal(undefined);
      expect(safeUrl('/files/a.pdf', { kind: 'link', base })).to.equal('https://chat.example.com/files/a.pdf');
      expect(safeUrl(' \t/files/a.pdf', { kind: 'link', base })).to.equal('https://chat.example.com/files/a.pdf');
      for (const raw of ['x.jpg', './x/', '../docs', '?q=1', '#frag', 'google。com', 'example.com']) {
        expect(safeUrl(raw, { kind: 'link', base }), raw).to.equal(undefined);
      }
    });

    it('does not treat protocol-relative or backslash forms as same-origin', () => {
      for (const raw of [
        '//evil.com',
        '////evil.com',
        '\\\\evil.com',
        '/\\/evil.com',
        '\\/\\/evil.com/',
        '/\t/evil.com',
      ]) {
        expect(safeUrl(raw, { kind: 'link', base }), JSON.stringify(raw)).to.equal(undefined);
      }
    });

    it('drops credentials used to disguise the host', () => {
      expect(safeUrl('http://www.theirsite.com@yoursite.com/', { kind: 'link' })).to.equal(undefined);
      expect(safeUrl('https://user:pw@example.com/', { kind: 'link' })).to.equal(undefined);
    });

    it('shows the real host for lookalikes (punycode) and backslash tricks', () => {
      expect(safeUrl('https://аррӏе.com/', { kind: 'link' })).to.equal('https://xn--80ak6aa92e.com/');
      expect(safeUrl('https://:@google.com\\@www.whitelisteddomain.tld', { kind: 'link' })).to.equal(
        'https://google.com/@www.whitelisteddomain.tld',
      );
      expect(safeUrl('http://google.com\\@evil.tld', { kind: 'link' })).to.equal('http://google.com/@evil.tld');
    });

    it('returns undefined for non-strings, empty and oversized input', () => {
      for (const raw of [undefined, null, 42, {}, [], '', `https://e.com/${'a'.repeat(5000)}`]) {
        expect(safeUrl(raw, { kind: 'link' })).to.equal(undefined);
      }
    });

    it('ignores a base that is not http(s)', () => {
      expect(safeUrl('/x', { kind: 'link', base: 'javascript:alert(1)' })).to.equal(undefined);
      expect(safeUrl('/x', { kind: 'link', base: 'not a url' })).to.equal(undefined);
    });
  });

  describe('images and forms', () => {
    it('allow http(s) only', () => {
      expect(safeUrl('https://i.example.com/a.png', { kind: 'image' })).to.equal('https://i.example.com/a.png');
      expect(safeUrl('mailto:a@b.c', { kind: 'image' })).to.equal(undefined);
      expect(safeUrl('tel:1', { kind: 'form' })).to.equal(undefined);
      expect(safeUrl('data:image/png;base64,iVBORw0KGgo=', { kind: 'image' })).to.equal(undefined);
      expect(safeUrl('data:image/svg+xml,<svg onload=alert(1)>', { kind: 'image' })).to.equal(undefined);
      expect(safeUrl('https://api.example.com/submit', { kind: 'form' })).to.equal('https://api.example.com/submit');
    });

    it('resolve server files against the base', () => {
      expect(safeUrl('/widget/v1/files/abc', { kind: 'image', base })).to.equal(
        'https://chat.example.com/widget/v1/files/abc',
      );
    });
  });
});
