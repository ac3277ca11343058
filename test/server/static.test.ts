import { expect } from '@open-wc/testing';
import { errorCode, liveServer, request } from './support.js';

describe('server: health and static files', () => {
  it('answers /health', async () => {
    const { url } = await liveServer();
    const res = await request(`${url}/health`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('serves demo files with their content type', async () => {
    const { url } = await liveServer();
    // Chromium refuses a cross-origin stylesheet that is not served as text/css.
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${url}/demo.css`;
    const loaded = new Promise<string>((resolve) => {
      link.onload = () => resolve('load');
      link.onerror = () => resolve('error');
    });
    document.head.append(link);
    expect(await loaded).to.equal('load');
    link.remove();
  });

  it('serves the built loader to any origin as JavaScript (needs `npm run build`)', async () => {
    const { url } = await liveServer();
    const res = await fetch(`${url}/parley.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect((await res.text()).length).to.be.greaterThan(0);
  });

  it('answers 404 in the error shape for missing files, source files and traversal attempts', async () => {
    const { url } = await liveServer();
    for (const path of [
      '/no-such-file.js',
      '/server/src/main.ts',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/.git/HEAD',
      '/chunks/%00',
    ]) {
      const res = await request(`${url}${path}`);
      expect([res.status, errorCode(res)], path).to.deep.equal([404, 'PL-R-05']);
    }
  });
});
