import { expect } from '@open-wc/testing';
import { parseHttpUrl } from '../../src/core/http-url.js';

describe('core/http-url', () => {
  it('parses absolute http and https URLs', () => {
    expect(parseHttpUrl('https://chat.example.com/base/')?.href).to.equal('https://chat.example.com/base/');
    expect(parseHttpUrl('http://localhost:8000')?.origin).to.equal('http://localhost:8000');
  });

  it('refuses other schemes, relative and malformed URLs', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://example.com', '/files/a.png', 'example.com', '', 'http//x']) {
      expect(parseHttpUrl(bad), bad).to.equal(undefined);
    }
  });
});
