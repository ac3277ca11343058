import { expect } from '@open-wc/testing';
import { closeConsoles, openTab } from '../helpers/console-page.js';
import { shows } from '../helpers/dashboard-page.js';
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

  describe("the staff app's page", () => {
    afterEach(() => closeConsoles());

    it('may not be framed, and runs scripts and connects only to its own server', async () => {
      const { url } = await liveServer();
      // Opened as a tab of its own, so the headers are the ones the browser got with the page.
      const page = await openTab(`${url}/dashboard/`);
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
      // It runs under that policy without a refusal (needs `npm run build`: its scripts are built).
      await page.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'Sign in'), 'the sign-in form');
      expect(await page.errors()).to.deep.equal([]);
    });

    it('has a settings preview page that only the staff app itself may frame', async () => {
      const { url } = await liveServer();
      const page = await openTab(`${url}/dashboard/`);
      const headers = await page.eval<Record<string, string>>(
        `fetch('/dashboard/preview.html').then((r) => Object.fromEntries(r.headers))`,
      );
      expect(headers['x-frame-options']).to.equal('SAMEORIGIN');
      const csp = directives(headers['content-security-policy']);
      expect(csp.get('frame-ancestors')).to.deep.equal(["'self'"]);
      expect(csp.get('script-src')).to.deep.equal(["'self'"]);
      expect(csp.get('connect-src')).to.deep.equal(["'self'"]);
    });

    it('serves static files with nosniff', async () => {
      const { url } = await liveServer();
      const page = await openTab(`${url}/dashboard/`);
      // Same-origin reads from the page itself (a cross-origin read would hide the header).
      const nosniff = (path: string) =>
        page.eval<string | null>(`fetch(${JSON.stringify(path)}).then((r) => r.headers.get('x-content-type-options'))`);
      expect(await nosniff('/dashboard/app.js')).to.equal('nosniff');
      expect(await nosniff('/dashboard/dashboard.css')).to.equal('nosniff');
      expect(await nosniff('/demo.css')).to.equal('nosniff');
    });
  });

  describe("the old agent console's address", () => {
    afterEach(() => closeConsoles());

    it('redirects (302) to the staff app under any spelling, keeping only ?appId=', async () => {
      const { url } = await liveServer();
      // A crafted app id stays one value: it cannot add a parameter of its own.
      const appId = 'app-1&server=https://elsewhere.test';
      const kept = `/dashboard/?appId=${encodeURIComponent(appId)}`;
      for (const [path, location] of [
        ['/agent.html', '/dashboard/'],
        [`/agent.html?server=https://elsewhere.test&appId=${encodeURIComponent(appId)}&lang=de`, kept],
        [`/%61gent.html?appId=${encodeURIComponent(appId)}`, kept],
        ['/agent.html?appId=&server=https://elsewhere.test', '/dashboard/'],
      ] as const) {
        const page = await openTab(`${url}${path}`);
        expect(
          page.redirects.map((r) => [r.status, r.location]),
          path,
        ).to.deep.equal([[302, location]]);
        // The browser lands on the staff app, its sign-in prefilled with the app id (if any).
        expect(await page.eval('location.href'), path).to.equal(`${url}${location}`);
        await page.waitFor(shows('pd-sign-in', 'button[type="submit"]', 'Sign in'), 'the sign-in form');
        const [field] = await page.query('pd-sign-in [name="appId"]');
        expect(field?.value, path).to.equal(location === kept ? appId : '');
        await page.close();
      }
      // The console's own files are gone.
      for (const path of ['/agent/console.js', '/agent/locale.js', '/vendor/socket.io.esm.min.js']) {
        const res = await request(`${url}${path}`);
        expect([res.status, errorCode(res)], path).to.deep.equal([404, 'PL-R-05']);
      }
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
