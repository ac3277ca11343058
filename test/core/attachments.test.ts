import { expect } from '@open-wc/testing';
import {
  acceptAttribute,
  createFileUrlResolver,
  formatFileSize,
  isInlineImage,
  maxBytes,
  mimeOf,
  typeAllowed,
  validateFile,
} from '../../src/core/attachments.js';
import type { FileMeta } from '../../src/core/protocol.js';

const limits = { maxMB: 10, allowedTypes: ['image/*', 'application/pdf', 'text/plain'] };
const MB = 1024 * 1024;

describe('attachments: validateFile', () => {
  it('accepts a file of an allowed type within the limit', () => {
    expect(validateFile({ name: 'cat.png', size: 2 * MB, type: 'image/png' }, limits)).to.deep.equal({ ok: true });
    expect(validateFile({ name: 'doc.pdf', size: 10 * MB, type: 'application/pdf' }, limits)).to.deep.equal({
      ok: true,
    });
    expect(validateFile({ name: 'a.txt', size: 1, type: 'Text/Plain; charset=utf-8' }, limits)).to.deep.equal({
      ok: true,
    });
  });

  it('rejects a file larger than maxAttachmentSize', () => {
    expect(validateFile({ name: 'big.png', size: 10 * MB + 1, type: 'image/png' }, limits)).to.deep.equal({
      ok: false,
      error: 'too-large',
    });
    expect(
      validateFile({ name: 'x.png', size: 60_000, type: 'image/png' }, { maxMB: 0.05, allowedTypes: [] }),
    ).to.deep.equal({
      ok: false,
      error: 'too-large',
    });
  });

  it('rejects a type outside the list, and an unknown type', () => {
    expect(validateFile({ name: 'a.exe', size: 10, type: 'application/x-msdownload' }, limits)).to.deep.equal({
      ok: false,
      error: 'type-not-allowed',
    });
    expect(validateFile({ name: 'noext', size: 10, type: '' }, limits)).to.deep.equal({
      ok: false,
      error: 'type-not-allowed',
    });
  });

  it('rejects an empty file', () => {
    expect(validateFile({ name: 'e.txt', size: 0, type: 'text/plain' }, limits)).to.deep.equal({
      ok: false,
      error: 'empty',
    });
  });

  it('treats a missing limit and an empty type list as "no restriction"', () => {
    expect(validateFile({ name: 'huge.bin', size: 5e9, type: '' }, { maxMB: 0, allowedTypes: [] })).to.deep.equal({
      ok: true,
    });
    expect(maxBytes({ maxMB: Number.NaN })).to.equal(Infinity);
    expect(maxBytes({ maxMB: 1.5 })).to.equal(1.5 * MB);
  });

  it('never throws on garbage', () => {
    expect(validateFile(null as never, null as never)).to.deep.equal({ ok: false, error: 'empty' });
    expect(validateFile({ name: 'x', size: 'big' as never, type: 7 as never }, limits)).to.deep.equal({
      ok: false,
      error: 'empty',
    });
  });
});

describe('attachments: typeAllowed', () => {
  it('matches exact types, type/* patterns and wildcards, ignoring case and parameters', () => {
    expect(typeAllowed('image/webp', ['IMAGE/*'])).to.equal(true);
    expect(typeAllowed('image/png', ['image/jpeg'])).to.equal(false);
    expect(typeAllowed('imagex/png', ['image/*'])).to.equal(false);
    expect(typeAllowed('text/plain;charset=utf-8', ['text/plain'])).to.equal(true);
    expect(typeAllowed('application/zip', ['*/*'])).to.equal(true);
    expect(typeAllowed('', ['*'])).to.equal(true);
    expect(typeAllowed('', ['image/*'])).to.equal(false);
    expect(typeAllowed('anything/at-all', [])).to.equal(true);
    expect(typeAllowed('image/png', [42, null, ''] as never)).to.equal(true);
  });

  it('reads MIME types strictly', () => {
    expect(mimeOf(' Image/PNG ; q=1')).to.equal('image/png');
    expect(mimeOf('png')).to.equal('');
    expect(mimeOf('<img>/x')).to.equal('');
    expect(mimeOf(undefined)).to.equal('');
  });

  it('builds the file input accept attribute', () => {
    expect(acceptAttribute(['image/*', ' application/pdf '])).to.equal('image/*,application/pdf');
    expect(acceptAttribute(['image/*', '*/*'])).to.equal('');
    expect(acceptAttribute(undefined)).to.equal('');
  });
});

describe('attachments: sizes and images', () => {
  it('formats sizes for people', () => {
    expect(formatFileSize(512, 'en')).to.equal('512 byte');
    expect(formatFileSize(1536, 'en')).to.equal('1.5 kB');
    expect(formatFileSize(10 * MB, 'en')).to.equal('10 MB');
    expect(formatFileSize(-1)).to.equal('');
    expect(formatFileSize('12')).to.equal('');
    expect(formatFileSize(2048, 'not a locale!')).to.match(/2/);
  });

  it('shows only raster images inline', () => {
    expect(isInlineImage({ contentType: 'image/png' })).to.equal(true);
    expect(isInlineImage({ contentType: 'image/svg+xml' })).to.equal(false);
    expect(isInlineImage({ contentType: 'application/pdf' })).to.equal(false);
    expect(isInlineImage(undefined)).to.equal(false);
  });
});

describe('attachments: createFileUrlResolver', () => {
  const server = 'https://chat.example.com';
  const own: FileMeta = {
    blobKey: '0123456789abcdef0123456789abcdef',
    name: 'cat.png',
    size: 10,
    contentType: 'image/png',
    url: '/files/0123456789abcdef0123456789abcdef',
    thumbnailUrl: '/files/0123456789abcdef0123456789abcdef/thumbnail',
  };

  it('adds the session token to the server’s own file URLs', () => {
    const url = createFileUrlResolver({ server, token: 'tok en/+' });
    expect(url(own, 'file')).to.equal(`${server}/files/${own.blobKey}?token=tok+en%2F%2B`);
    expect(url(own, 'thumbnail')).to.equal(`${server}/files/${own.blobKey}/thumbnail?token=tok+en%2F%2B`);
  });

  it('derives the URLs of an own blob key when the message has none', () => {
    const url = createFileUrlResolver({ server: `${server}/`, token: 't' });
    const bare: FileMeta = { blobKey: own.blobKey, name: 'a.png', size: 1, contentType: 'image/png' };
    expect(url(bare, 'file')).to.equal(`${server}/files/${own.blobKey}?token=t`);
    expect(url(bare, 'thumbnail')).to.equal(`${server}/files/${own.blobKey}/thumbnail?token=t`);
    expect(url({ ...bare, contentType: 'application/pdf' }, 'thumbnail')).to.equal(undefined);
    expect(
      url({ ...bare, blobKey: 'elsewhere', url: 'https://cdn.example.net/p.png' }, 'thumbnail'),
      'an image is its own thumbnail',
    ).to.equal('https://cdn.example.net/p.png');
  });

  it('never sends the token to another host, and keeps foreign blob keys link-less', () => {
    const url = createFileUrlResolver({ server, token: 'secret' });
    const foreign: FileMeta = {
      blobKey: '2953a1e4-5777_KM_BUCKET_Screenshot.png',
      name: 'ABX.png',
      size: 182025,
      contentType: 'image/png',
      thumbnailUrl: 'https://images.example.net/t.png',
    };
    expect(url(foreign, 'thumbnail')).to.equal('https://images.example.net/t.png');
    expect(url(foreign, 'file')).to.equal(undefined);
    expect(url({ ...own, url: 'https://chat.example.com.evil.test/files/x' }, 'file')).to.equal(
      'https://chat.example.com.evil.test/files/x',
    );
  });

  it('drops unsafe URLs', () => {
    const url = createFileUrlResolver({ server, token: 't' });
    expect(url({ ...own, url: 'javascript:alert(1)' }, 'file')).to.equal(undefined);
    expect(url({ ...own, thumbnailUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }, 'thumbnail')).to.equal(undefined);
    expect(url({ ...own, url: '//evil.test/files/x' }, 'file')).to.equal(undefined);
    expect(url(null as never, 'file')).to.equal(undefined);
  });

  it('works without a token (public URLs) and without a server', () => {
    expect(createFileUrlResolver({ server })(own, 'file')).to.equal(`${server}/files/${own.blobKey}`);
    expect(createFileUrlResolver({ server: '' })(own, 'file')).to.equal(undefined);
  });
});
