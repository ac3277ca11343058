// The page-load harness shared by the page-load and first-click suites: the blank host page, the
// probe that runs in it before its scripts (long tasks, layout shifts, when a launcher becomes
// visible), one measured cold visit, and where the host page loads Parley from.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The blank host page every variant shares; `head` and `body` carry the variant's install.
 * @param {{ head?: string, body?: string }} parts
 */
export function hostPage({ head = '', body = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Acme Widgets — bench host page</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:2rem;color:#222}</style>
${head}
</head>
<body>
<h1>Acme Widgets</h1>
<p>Widgets for every occasion. Questions? Our team is one click away.</p>
${body}
</body>
</html>
`;
}

/**
 * Runs in the page before any of its scripts (Playwright init script): records long tasks and,
 * for a widget variant, the first animation frame in which its launcher is laid out and visible.
 * Must be self-contained: it is serialised into the page.
 * @param {'parley'|'deep-chat'|null} probe
 */
export function pageProbe(probe) {
  if (window !== window.top) return;
  /** @type {{ longTasks: Array<{ start: number, duration: number }>, visibleAt: number|null, widgetAt: number|null, cls: number }} */
  const state = { longTasks: [], visibleAt: null, widgetAt: null, cls: 0 };
  Object.defineProperty(window, '__parleyBench', { value: state });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* longtask not supported: counts stay 0 */
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!Reflect.get(e, 'hadRecentInput')) state.cls += Reflect.get(e, 'value');
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    /* layout-shift not supported: CLS stays 0 */
  }
  if (!probe) return;
  // Parley: the first stage's button (in <parley-chat>'s own root) or the widget's (in <parley-launcher>).
  const widgetLauncher = () =>
    document
      .querySelector('parley-chat')
      ?.shadowRoot?.querySelector('parley-launcher')
      ?.shadowRoot?.querySelector('[part~="launcher"]');
  /** @returns {Element|null|undefined} */
  const find =
    probe === 'parley'
      ? () => document.querySelector('parley-chat')?.shadowRoot?.querySelector('[part~="launcher"]') ?? widgetLauncher()
      : () => document.querySelector('deep-chat')?.shadowRoot?.querySelector('#chat-view, #container');
  /** @param {Element} el */
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    return typeof el.checkVisibility === 'function'
      ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })
      : true;
  };
  const tick = () => {
    const el = find();
    if (state.visibleAt == null && el && visible(el)) state.visibleAt = performance.now();
    const widget = probe === 'parley' ? widgetLauncher() : el;
    if (widget && visible(widget)) state.widgetAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Where the host page loads parley.js from: the reference server (as documented), or — when
 * that server does not serve dist/ yet, or `--dist` names another build — a bench static
 * server on yet another origin.
 * @param {import('../run.mjs').BenchContext} ctx
 * @param {string} serverUrl
 */
export async function parleyScriptOrigin(ctx, serverUrl) {
  if (ctx.distDir !== join(ctx.root, 'dist')) {
    const own = await ctx.staticServer({ listenHost: '127.0.0.1', mounts: { '/': ctx.distDir } });
    return {
      origin: own.url,
      source: 'bench-dist',
      note: `parley.js and its bundles came from ${ctx.distDir}, served by the bench from ${own.url} (config and socket still go to ${serverUrl}).`,
    };
  }
  try {
    const res = await fetch(`${serverUrl}/parley.js`);
    if (res.ok) return { origin: serverUrl, source: 'reference-server', note: null };
  } catch {
    /* fall through */
  }
  if (!existsSync(join(ctx.distDir, 'parley.js'))) {
    return {
      origin: serverUrl,
      source: 'reference-server',
      note: `${serverUrl}/parley.js is not served and dist/parley.js is missing: no launcher can appear.`,
    };
  }
  const fallback = await ctx.staticServer({ listenHost: '127.0.0.1', mounts: { '/': ctx.distDir } });
  return {
    origin: fallback.url,
    source: 'bench-fallback',
    note: `the reference server does not serve /parley.js; the bench served dist/ itself from ${fallback.url} (config and socket still go to ${serverUrl}).`,
  };
}

/** @typedef {'loadMs'|'visibleMs'|'visibleAfterLoadMs'|'widgetMs'|'longTaskCount'|'longTaskMs'|'heapBytes'|'cls'} Metric */

/**
 * One measured page visit.
 * @param {import('playwright').Browser} browser
 * @param {{ url: string, probe: 'parley'|'deep-chat'|null, block: RegExp|null, cpu: number, rttMs: number, launcherTimeoutMs: number, navTimeoutMs: number }} o
 */
export async function visit(browser, { url, probe, block, cpu, rttMs, launcherTimeoutMs, navTimeoutMs }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  /** @type {string[]} */
  const problems = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message.split('\n')[0]}`));
    page.on('requestfailed', (r) => {
      if (!block?.test(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`);
    });
    if (block) await page.route(block, (route) => route.abort());
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    if (rttMs > 0) {
      await cdp.send('Network.enable');
      const unlimited = { downloadThroughput: -1, uploadThroughput: -1 };
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rttMs, ...unlimited });
    }
    await page.addInitScript(pageProbe, probe);

    await page.goto(url, { waitUntil: 'load', timeout: navTimeoutMs });
    const loadMs = await page.evaluate(() => {
      const nav = /** @type {PerformanceNavigationTiming|undefined} */ (performance.getEntriesByType('navigation')[0]);
      return nav ? nav.loadEventStart : null;
    });

    /** @type {number|null} */
    let visibleMs = null;
    if (probe) {
      try {
        await page.waitForFunction(() => Reflect.get(window, '__parleyBench')?.visibleAt != null, null, {
          timeout: Math.max(launcherTimeoutMs, 1),
          polling: 50,
        });
      } catch {
        /* not visible in time: recorded as null */
      }
      visibleMs = await page.evaluate(() => Reflect.get(window, '__parleyBench')?.visibleAt ?? null);
      // Long tasks and the heap count the widget too: wait for it to take the launcher over.
      if (visibleMs != null && !block)
        await page
          .waitForFunction(() => Reflect.get(window, '__parleyBench')?.widgetAt != null, null, {
            timeout: Math.max(launcherTimeoutMs, 1),
            polling: 50,
          })
          .catch(() => {});
    }

    // Let the page settle (its start-up work done) before reading long tasks and the heap.
    await page.evaluate(
      () =>
        new Promise((done) => {
          const idle = (/** @type {() => void} */ f) => requestIdleCallback(f, { timeout: 2000 });
          idle(() => idle(() => done(undefined)));
        }),
    );
    /** @type {Array<{ start: number, duration: number }>} */
    const longTasks = await page.evaluate(() => Reflect.get(window, '__parleyBench')?.longTasks ?? []);
    const { widgetAt, cls } = await page.evaluate(() => Reflect.get(window, '__parleyBench'));
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;

    return {
      loadMs,
      visibleMs,
      visibleAfterLoadMs: visibleMs != null && loadMs != null ? visibleMs - loadMs : null,
      widgetMs: block ? null : widgetAt,
      cls,
      longTaskCount: longTasks.length,
      longTaskMs: longTasks.reduce((n, t) => n + t.duration, 0),
      heapBytes: heap,
      problems,
    };
  } finally {
    await context.close().catch(() => {});
  }
}
