// A visitor's first click, as on a touch screen (no hover before it): a cold visit of a blank host
// page on another origin with Parley's script tag; once the launcher shows and the page has
// settled, the launcher is clicked (`click()`: no pointer moves over it first) and the time runs
// until the composer's text field is visible and focused. Each run is a fresh browser context
// (first visit, empty cache), at each --cpu rate.
import { num } from '../lib/format.mjs';
import { summarize } from '../lib/stats.mjs';
import { hostPage, parleyScriptOrigin } from '../lib/page-probe.mjs';

/** Goals of issue 16: click → composer focused, by CPU rate. */
export const FIRST_CLICK_GOALS_MS = /** @type {Record<number, number>} */ ({ 1: 100, 4: 200 });

/**
 * Runs in the page: clicks the launcher and resolves with the ms until the composer's textarea is
 * laid out, visible and the focused element (through shadow roots), or null after 10 s.
 * Self-contained: it is serialised into the page.
 */
function clickAndTime() {
  /** @param {ParentNode | null | undefined} root @param {string} selector @returns {Element | null} */
  const deep = (root, selector) => {
    if (!root) return null;
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const found = el.shadowRoot ? deep(el.shadowRoot, selector) : null;
      if (found) return found;
    }
    return null;
  };
  const focused = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
  const launcher = /** @type {HTMLElement | null} */ (deep(document, '[part~="launcher"]'));
  if (!launcher) return Promise.resolve(null);
  return new Promise((resolve) => {
    const t0 = performance.now();
    launcher.click();
    const tick = () => {
      const active = focused();
      if (active instanceof HTMLTextAreaElement && active.getBoundingClientRect().height > 0)
        return resolve(performance.now() - t0);
      if (performance.now() - t0 > 10000) return resolve(null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * @param {import('playwright').Browser} browser
 * @param {{ url: string, cpu: number, navTimeoutMs: number }} o
 */
async function visit(browser, { url, cpu, navTimeoutMs }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(url, { waitUntil: 'load', timeout: navTimeoutMs });
    await page.waitForFunction(
      () =>
        document
          .querySelector('parley-chat')
          ?.shadowRoot?.querySelector('parley-launcher')
          ?.shadowRoot?.querySelector('[part~="launcher"]'),
      null,
      { timeout: navTimeoutMs, polling: 50 },
    );
    // Settled: no request for 500 ms, then two idle callbacks (what the page does at idle is done).
    await page.waitForLoadState('networkidle', { timeout: navTimeoutMs });
    await page.evaluate(
      () =>
        new Promise((done) => {
          const idle = (/** @type {() => void} */ f) => requestIdleCallback(f, { timeout: 2000 });
          idle(() => idle(() => done(undefined)));
        }),
    );
    return await page.evaluate(clickAndTime);
  } finally {
    await context.close().catch(() => {});
  }
}

export default {
  name: 'first-click',
  title: "A visitor's first click (no hover) → composer focused",
  /** @param {import('../run.mjs').BenchContext} ctx */
  async run(ctx) {
    const { runs, options } = ctx;
    const server = await ctx.referenceServer();
    const script = await parleyScriptOrigin(ctx, server.url);
    const host = await ctx.staticServer({
      listenHost: '127.0.0.1',
      urlHost: 'localhost',
      routes: {
        '/parley.html': {
          body: hostPage({
            head: `<script>window.parleySettings = ${JSON.stringify({ appId: 'demo-app', server: server.url })};</script>
<script src="${script.origin}/parley.js" async></script>`,
          }),
        },
      },
    });
    const browser = await ctx.browser();
    /** @type {Record<number, Array<number | null>>} */
    const samples = {};
    for (let i = 0; i < runs; i++) {
      for (const cpu of options.cpu) {
        ctx.progress(`first-click run ${i + 1}/${runs} cpu ${cpu}×`);
        (samples[cpu] ??= []).push(
          await visit(browser, { url: `${host.url}/parley.html`, cpu, navTimeoutMs: options.navTimeoutMs }),
        );
      }
    }
    ctx.progress('');
    const rows = [];
    const checks = [];
    /** @type {Record<number, object>} */
    const byCpu = {};
    for (const cpu of options.cpu) {
      const list = samples[cpu] ?? [];
      const s = summarize(list);
      byCpu[cpu] = { ...s, samples: list };
      const missed = list.filter((v) => v == null).length;
      rows.push([`${cpu}×`, num(s.p50, 1), num(s.p95, 1), num(s.max, 1), `${list.length - missed}/${list.length}`]);
      const goal = FIRST_CLICK_GOALS_MS[cpu];
      if (goal !== undefined)
        checks.push({
          name: `first click → composer focused, CPU ${cpu}× (median)`,
          target: `≤ ${goal} ms`,
          value: s.p50 == null ? 'not seen' : `${num(s.p50, 1)} ms`,
          pass: s.p50 != null && s.p50 <= goal,
        });
    }
    const notes = [
      'each run: a cold visit (fresh context), launcher shown, network idle 500 ms and two idle callbacks, then launcher.click() with no hover; until the focused element is the visible composer textarea.',
    ];
    if (script.note) notes.push(script.note);
    return {
      data: { byCpu, goals: FIRST_CLICK_GOALS_MS, runs },
      checks,
      tables: [
        {
          title: `First click, medians of ${runs} cold load(s)`,
          columns: ['CPU', 'p50 ms', 'p95 ms', 'max ms', 'seen/runs'],
          rows,
          notes,
        },
      ],
    };
  },
};
