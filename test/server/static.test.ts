import { expect } from '@open-wc/testing';
import { closeConsoles, openConsole } from '../helpers/console-page.js';
import { errorCode, liveServer, request } from './support.js';

/** A Content-Security-Policy header as directive → sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

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

  describe('the agent console page', () => {
    afterEach(() => closeConsoles());

    it('may not be framed, and runs scripts and connects only to its own server', async () => {
      // Opened as a tab of its own, so the headers are the ones the browser got with the page.
      const page = await openConsole();
      const { status, headers } = page.response;
      expect(status).to.equal(200);
      expect(headers['x-frame-options']).to.equal('DENY');
      expect(headers['x-content-type-options']).to.equal('nosniff');
      const csp = directives(headers['content-security-policy']);
      expect(csp.get('frame-ancestors')).to.deep.equal(["'none'"]);
      expect(csp.get('script-src')).to.deep.equal(["'self'"]);
      expect(csp.get('connect-src')).to.deep.equal(["'self'"]);
      expect(csp.get('default-src')).to.deep.equal(["'self'"]);
      expect(csp.get('object-src')).to.deep.equal(["'none'"]);
      expect(csp.get('base-uri')).to.deep.equal(["'none'"]);
      // The markup adds no policy of its own that could say otherwise.
      expect(await page.eval("document.querySelectorAll('meta[http-equiv]').length")).to.equal(0);
      // It runs under that policy without a refusal.
      await page.waitFor("document.querySelector('#login-view:not([hidden])') !== null", 'the sign-in form');
      expect(await page.errors()).to.deep.equal([]);
    });

    it('has the same headers under any spelling of its path', async () => {
      const page = await openConsole();
      // Same-origin reads from the console itself (a cross-origin read would hide these headers).
      const headersOf = (path: string) =>
        page.eval<[number, string | null, string | null]>(
          `fetch(${JSON.stringify(path)}).then((r) => [r.status, r.headers.get('content-security-policy'), r.headers.get('x-frame-options')])`,
        );
      for (const path of ['/agent.html', '/%61gent.html', '/agent.html?server=https://elsewhere.test']) {
        const [status, csp, frame] = await headersOf(path);
        expect([status, frame], path).to.deep.equal([200, 'DENY']);
        expect(directives(csp ?? '').get('frame-ancestors'), path).to.deep.equal(["'none'"]);
      }
    });

    it('serves static files with nosniff', async () => {
      const page = await openConsole();
      const nosniff = (path: string) =>
        page.eval<string | null>(`fetch(${JSON.stringify(path)}).then((r) => r.headers.get('x-content-type-options'))`);
      expect(await nosniff('/agent/console.js')).to.equal('nosniff');
      expect(await nosniff('/demo.css')).to.equal('nosniff');
      expect(await nosniff('/vendor/socket.io.esm.min.js')).to.equal('nosniff');
    });
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
