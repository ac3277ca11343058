// A long conversation in headless Chromium against the reference server (issue 17):
//  1. scroll-to-top paging: a visitor who holds only the latest page scrolls up through 10,000
//     messages; each step's time from the scroll to older messages in the DOM, drawn from what the
//     widget holds or paged in from the server;
//  2. with the 10,000 cached (that scroll cached them), server cut off: the launcher clicked →
//     the newest message's node in the DOM; a reload with the panel open → the same; the JS heap
//     once open (after a forced GC); long tasks while scrolling up 2,000 messages;
//  3. with the 10,000 held, the server back: agent send → the new message drawn, and the long
//     tasks its arrival causes (drawing it, storing it, marking it read).
import { longConversationProbe as pageProbe } from '../lib/long-conversation-probe.mjs';
import { agentAndVisitor, post } from '../lib/platform.mjs';
import { summarize } from '../lib/stats.mjs';

const TOTAL = 10000;
/** Issue 17's goals. */
const OPEN_GOAL_MS = 150;
const HEAP_GOAL_MB = 30;
/** Messages posted at once while filling the conversation. */
const FILL_CONCURRENCY = 8;
const SCROLL_UP_MESSAGES = 2000;
/** Messages the agent sends into the long conversation, one at a time. */
const LIVE_MESSAGES = 50;

export default {
  name: 'long-conversation',
  title: 'Long conversation: 10,000 messages — paging, open time, heap, scrolling',
  /** @param {import('../run.mjs').BenchContext} ctx */
  async run(ctx) {
    const { server, app, apiKey, groupId, host, context, page } = await agentAndVisitor(ctx, {
      userId: 'bench-long',
      groupName: 'Long',
      probe: pageProbe,
    });
    // The conversation, in order: "long 0" … "long 9999".
    for (let i = 0; i < TOTAL; i += FILL_CONCURRENCY) {
      // Sequential ids within a batch do not matter: the texts only name the message.
      await Promise.all(
        Array.from({ length: Math.min(FILL_CONCURRENCY, TOTAL - i) }, (_, j) =>
          post(server.url, '/rest/ws/message/v2/send', apiKey, {
            groupId,
            message: `long ${i + j}`,
            fromUserName: app.agentId,
          }),
        ),
      );
      if (i % 1000 === 0) ctx.progress(`filling the conversation: ${i}/${TOTAL}`);
    }
    /** @type {string[]} */
    const consoleLines = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(m.text());
    });
    const bench = (/** @type {string} */ fn, /** @type {unknown} */ arg) =>
      page.evaluate(([f, a]) => /** @type {any} */ (window).__parleyBench[f](a), [fn, arg]);

    // 1. Paging: the device holds the latest page; scroll up to the first message.
    await page.goto(`${host.url}/host.html`);
    await page.locator('parley-chat').locator('[part~="launcher"]').click();
    await page.locator('parley-chat parley-panel[connection="connected"]').waitFor({ timeout: 20000 });
    const newest = `long ${TOTAL - 1}`;
    if ((await bench('drawnAt', newest)) === null) throw new Error('the newest message never showed');
    /** @type {number[]} */
    const local = [];
    /** @type {number[]} */
    const paged = [];
    while ((await bench('oldest')) !== 'long 0') {
      const step = await bench('older');
      if (!step)
        throw new Error(
          `scrolling up stopped at "${await bench('oldest')}" (page console: ${consoleLines.slice(-3).join(' | ')})`,
        );
      (step.server ? paged : local).push(step.ms);
      if ((local.length + paged.length) % 50 === 0) ctx.progress(`scrolling up: ${await bench('oldest')}`);
    }
    const storeKey = `parley:${app.appId}:messages:${groupId}`;
    await page.waitForFunction(
      ([key, n]) => /** @type {any} */ (window).__parleyBench.stored(key).then((/** @type {number} */ c) => c >= n),
      /** @type {[string, number]} */ ([storeKey, TOTAL]),
      { timeout: 60000, polling: 250 },
    );

    // 2. Cached, server cut off: open, reload, heap, scrolling.
    const runs = Math.max(3, Math.min(ctx.runs, 10));
    /** @type {number[]} */
    const opens = [];
    /** @type {number[]} */
    const reloads = [];
    /** @type {number[]} */
    const heaps = [];
    /** @type {Array<{ count: number, max: number }>} */
    const scrolls = [];
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.route(`${server.url}/{users,widget}/**`, (route) => route.abort());
    for (let i = 0; i < runs; i++) {
      await page.goto(`${host.url}/host.html`);
      const launcher = page.locator('parley-chat').locator('[part~="launcher"]');
      await launcher.waitFor({ timeout: 20000 });
      // The widget has taken the launcher over (its panel chunk may still be on its way).
      await page.waitForFunction(() => customElements.get('parley-panel') !== undefined, null, { timeout: 20000 });
      const clickedAt = await page.evaluate(() => performance.now());
      await launcher.click();
      const drawnAt = await bench('drawnAt', newest);
      if (typeof drawnAt === 'number') opens.push(drawnAt - clickedAt);
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
      if (typeof heap === 'number') heaps.push(heap / 1024 / 1024);
      scrolls.push(await bench('scrollUp', SCROLL_UP_MESSAGES));

      await page.goto(`${host.url}/open.html`);
      const at = await bench('drawnAt', newest);
      if (typeof at === 'number') reloads.push(at);
      ctx.progress(`cached: ${i + 1}/${runs}`);
    }
    await page.unroute(`${server.url}/{users,widget}/**`);

    // 3. The server back, 10,000 held: the agent writes, one message at a time.
    await page.goto(`${host.url}/open.html`);
    if ((await bench('drawnAt', newest)) === null) throw new Error('the newest message never showed');
    await page.locator('parley-chat parley-panel[connection="connected"]').waitFor({ timeout: 20000 });
    /** @type {number[]} */
    const lives = [];
    /** @type {number[]} */
    const liveTasks = [];
    for (let i = 0; i < LIVE_MESSAGES; i++) {
      const body = { groupId, message: `live ${i}`, fromUserName: app.agentId };
      const r = /** @type {{ ms: number, longTasks: number[] } | null} */ (
        await bench('live', { url: server.url, apiKey: app.apiKey, body })
      );
      if (!r) throw new Error(`live ${i} never showed`);
      lives.push(r.ms);
      liveTasks.push(...r.longTasks);
    }

    const open = summarize(opens);
    const reload = summarize(reloads);
    const heap = summarize(heaps);
    const pagedS = summarize(paged);
    const localS = summarize(local);
    const longTaskCount = Math.max(0, ...scrolls.map((s) => s.count));
    const longTaskMax = Math.max(0, ...scrolls.map((s) => s.max));
    const live = summarize(lives);
    const liveTask = summarize(liveTasks);
    const fmt = (/** @type {number|null|undefined} */ v, unit = 'ms') =>
      typeof v === 'number' ? `${v.toFixed(1)} ${unit}` : 'not measured';
    return {
      data: { open, reload, heap, paged: pagedS, local: localS, scrolls, live, liveTasks, total: TOTAL },
      tables: [
        {
          title: `Scrolling up from the latest page to the first of ${TOTAL} messages (server on loopback)`,
          columns: ['', 'steps', 'p50', 'p95', 'max'],
          rows: [
            ['from the server (a page of 100)', paged.length, fmt(pagedS.p50), fmt(pagedS.p95), fmt(pagedS.max)],
            ['from what the widget holds', local.length, fmt(localS.p50), fmt(localS.p95), fmt(localS.max)],
          ],
          notes: ['from setting the scroll to the top to older messages in the DOM (a MutationObserver)'],
        },
        {
          title: `${TOTAL} messages cached, server cut off, ${runs} runs`,
          columns: ['', 'p50', 'min', 'max'],
          rows: [
            ['launcher click → newest message drawn', fmt(open.p50), fmt(open.min), fmt(open.max)],
            ['reload (panel open) → newest message drawn', fmt(reload.p50), fmt(reload.min), fmt(reload.max)],
            ['JS heap once open (after GC)', fmt(heap.p50, 'MB'), fmt(heap.min, 'MB'), fmt(heap.max, 'MB')],
          ],
          notes: [
            'the click is measured once the widget has its panel element (a cold first click is the first-click suite)',
            'reload: from navigation start',
            `scrolling up ${SCROLL_UP_MESSAGES} messages a screen per frame: at most ${longTaskCount} long task(s) in a run, the longest ${fmt(longTaskMax)}`,
          ],
        },
        {
          title: `${TOTAL} messages held, the agent sends ${LIVE_MESSAGES} more one at a time (server on loopback)`,
          columns: ['', 'p50', 'p95', 'max'],
          rows: [
            ['agent send → new message drawn', fmt(live.p50), fmt(live.p95), fmt(live.max)],
            [`long tasks (${liveTasks.length} in all)`, fmt(liveTask.p50), fmt(liveTask.p95), fmt(liveTask.max)],
          ],
          notes: ['long tasks: from the send until a second after it was drawn (storing it, marking it read)'],
        },
      ],
      checks: [
        {
          name: `${TOTAL} cached messages: launcher click → newest drawn (median)`,
          target: `≤ ${OPEN_GOAL_MS} ms`,
          value: fmt(open.p50),
          pass: typeof open.p50 === 'number' && opens.length === runs ? open.p50 <= OPEN_GOAL_MS : null,
        },
        {
          name: `${TOTAL} cached messages: JS heap once open (median)`,
          target: `≤ ${HEAP_GOAL_MB} MB`,
          value: fmt(heap.p50, 'MB'),
          pass: typeof heap.p50 === 'number' ? heap.p50 <= HEAP_GOAL_MB : null,
        },
        {
          name: `${TOTAL} messages held: long tasks as ${LIVE_MESSAGES} messages arrive`,
          target: '0',
          value: String(liveTasks.length),
          pass: lives.length === LIVE_MESSAGES ? liveTasks.length === 0 : null,
        },
        {
          name: `Long tasks while scrolling up ${SCROLL_UP_MESSAGES} messages`,
          target: '0',
          value: String(longTaskCount),
          pass: scrolls.length === runs ? longTaskCount === 0 : null,
        },
      ],
    };
  },
};
