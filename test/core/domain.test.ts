import { expect } from '@open-wc/testing';
import { isHostAllowed, normalizeHost } from '../../src/core/domain.js';

describe('core/domain', () => {
  describe('isHostAllowed', () => {
    it('allows every host when the list is empty', () => {
      expect(isHostAllowed('anything.test', [])).to.equal(true);
    });

    it('allows the exact domain and its subdomains', () => {
      const list = ['example.com'];
      expect(isHostAllowed('example.com', list)).to.equal(true);
      expect(isHostAllowed('shop.example.com', list)).to.equal(true);
      expect(isHostAllowed('a.b.example.com', list)).to.equal(true);
    });

    it('does not allow a host that merely ends with the same letters', () => {
      expect(isHostAllowed('badexample.com', ['example.com'])).to.equal(false);
      expect(isHostAllowed('example.com.evil.test', ['example.com'])).to.equal(false);
    });

    it('does not allow the parent of an allowed subdomain', () => {
      expect(isHostAllowed('example.com', ['shop.example.com'])).to.equal(false);
    });

    it('ignores scheme, port, path and a leading *.', () => {
      expect(isHostAllowed('shop.example.com', ['https://shop.example.com:8443/path?q=1'])).to.equal(true);
      expect(isHostAllowed('x.example.com', ['*.example.com'])).to.equal(true);
      expect(isHostAllowed('example.com:3000', ['example.com'])).to.equal(true);
      expect(isHostAllowed('other.test', ['*.example.com'])).to.equal(false);
    });

    it('is case-insensitive and ignores surrounding spaces', () => {
      expect(isHostAllowed('Shop.EXAMPLE.com', ['  Example.Com  '])).to.equal(true);
    });

    it('handles localhost and IP addresses', () => {
      expect(isHostAllowed('localhost', ['localhost'])).to.equal(true);
      expect(isHostAllowed('127.0.0.1', ['localhost'])).to.equal(false);
      expect(isHostAllowed('127.0.0.1', ['http://127.0.0.1:8000'])).to.equal(true);
    });

    it('treats * and lists without any usable entry as unrestricted', () => {
      expect(isHostAllowed('a.test', ['*'])).to.equal(true);
      expect(isHostAllowed('a.test', ['', '   '])).to.equal(true);
    });

    it('never throws on bad data', () => {
      expect(isHostAllowed('a.test', null as unknown as string[])).to.equal(true);
      expect(isHostAllowed('a.test', [42, null, 'b.test'] as unknown as string[])).to.equal(false);
      expect(isHostAllowed(undefined as unknown as string, ['b.test'])).to.equal(false);
    });
  });

  describe('normalizeHost', () => {
    it('reduces URLs to a bare host', () => {
      expect(normalizeHost('HTTPS://user:pw@Shop.Example.com:443/x')).to.equal('shop.example.com');
      expect(normalizeHost('example.com.')).to.equal('example.com');
      expect(normalizeHost('[::1]:8080')).to.equal('[::1]');
      expect(normalizeHost('')).to.equal('');
    });
  });
});
