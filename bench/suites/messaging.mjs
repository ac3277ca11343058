// Messaging speed on loopback, in headless Chromium against the reference server:
//  1. agent send (Platform API) → the message's node in the widget's DOM (a MutationObserver's
//     timestamp), and the socket frame's arrival → that node: p50/p95/p99 over N messages (≥ 500).
// A long conversation (10,000 cached, paging, heap) is the long-conversation suite.
import { agentAndVisitor } from '../lib/platform.mjs';
import { summarize } from '../lib/stats.mjs';

const MESSAGES = 500;
/** Goals: agent send → the visitor's DOM (issue 17). */
const LATENCY_P50_GOAL_MS = 10;
const LATENCY_P99_GOAL_MS = 30;

/**
 * Runs in the page before its scripts: sends as the agent, and times when the message reached the
 * page's socket (a listener every WebSocket gets first, before socket.io's own) and when its node
 * entered the widget's message list (a MutationObserver on the list's shadow root).
 */
function pageProbe() {
  const now = () => performance.timeOrigin + performance.now();
  const list = () => document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-message-list');
  const messages = () => [...(list()?.shadowRoot?.querySelectorAll('parley-message') ?? [])];
  /** @type {Map<string, { ws?: number, done?: (at: { ws?: number, dom: number }) => void }>} */
  const wanted = new Map();
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    /** @param {ConstructorParameters<typeof WebSocket>} args */
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || wanted.size === 0) return;
        for (const [text, w] of wanted) if (w.ws === undefined && e.data.includes(text)) w.ws = now();
      });
    }
  };
  /** @type {MutationObserver|undefined} */
  let observer;
  const found = (/** @type {any} */ el) => {
    const text = el.message?.message;
    const w = wanted.get(text);
    if (!w) return;
    wanted.delete(text);
    const at = { ws: w.ws, dom: now() };
    w.done?.(at);
  };
  const observe = () => {
    const root = list()?.shadowRoot;
    if (observer || !root) return;
    observer = new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.localName === 'parley-message') found(node);
          node.querySelectorAll?.('parley-message').forEach(found);
        }
    });
    observer.observe(root, { childList: true, subtree: true });
  };
  /** @type {any} */ (window).__parleyBench = {
    /** Whether a message with `text` is in the list now. */
    present: (text) => messages().some((m) => /** @type {any} */ (m).message?.message === text),
    /** Starts watching for a message with `text` (call before it is sent); resolves once the list is watched. */
    expect: (text) =>
      new Promise((resolve) => {
        wanted.set(text, {});
        const tick = () => {
          observe();
          if (observer) resolve(undefined);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    /**
     * Sends `body` as the agent through the Platform API from this page (one clock for the whole
     * path: no skew between the bench's process and the browser's) and resolves with the ms from
     * just before the request to the frame carrying it and to its node in the list; null after 10 s.
     */
    send: (url, apiKey, body) =>
      new Promise((resolve) => {
        const w = wanted.get(body.message);
        if (!w) return resolve(null);
        const t0 = now();
        w.done = (at) => resolve({ dom: at.dom - t0, ws: at.ws === undefined ? undefined : at.ws - t0 });
        fetch(`${url}/rest/ws/message/v2/send`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Api-Key': apiKey },
          body: JSON.stringify(body),
        }).catch(() => resolve(null));
        setTimeout(() => resolve(null), 10000);
      }),
  };
}

export default {
  name: 'messaging',
  title: 'Messaging: agent → widget latency',
  /** @param {import('../run.mjs').BenchContext} ctx */
  async run(ctx) {
    const { server, app, groupId, host, page } = await agentAndVisitor(ctx, {
      userId: 'bench-visitor',
      groupName: 'Bench',
      probe: pageProbe,
    });
    await page.goto(`${host.url}/host.html`);
    await page.locator('parley-chat').locator('[part~="launcher"]').click();
    await page.locator('parley-chat parley-panel[connection="connected"]').waitFor({ timeout: 20000 });

    // 1. Latency: one message at a time, so each measures a quiet path.
    const n = Math.max(MESSAGES, ctx.runs);
    /** @type {number[]} */
    const latencies = [];
    /** @type {number[]} */
    const socketToDom = [];
    /** @type {number[]} */
    const sendToSocket = [];
    let missed = 0;
    // One warm-up send first: the page's first cross-origin request to the API is preflighted.
    for (let i = -1; i < n; i++) {
      const text = `bench message ${i}`;
      await page.evaluate((t) => /** @type {any} */ (window).__parleyBench.expect(t), text);
      const body = { groupId, message: text, fromUserName: app.agentId };
      const at = await page.evaluate(
        ([u, k, b]) => /** @type {any} */ (window).__parleyBench.send(u, k, b),
        /** @type {const} */ ([server.url, app.apiKey, body]),
      );
      if (i < 0) continue;
      if (at && typeof at.dom === 'number') {
        latencies.push(at.dom);
        if (typeof at.ws === 'number') {
          socketToDom.push(at.dom - at.ws);
          sendToSocket.push(at.ws);
        }
      } else {
        missed++;
        const present = await page.evaluate((t) => /** @type {any} */ (window).__parleyBench.present(t), text);
        ctx.log(`message ${i} not seen within 10 s (${present ? 'in the list by now' : 'not in the list'})`);
      }
      if (i % 50 === 0) ctx.progress(`agent → widget: ${i}/${n}`);
    }
    const latency = summarize(latencies);
    const inPage = summarize(socketToDom);
    const serverPart = summarize(sendToSocket);
    if (missed) ctx.log(`${missed} message(s) not seen within 10 s`);

    const fmt = (/** @type {number|null|undefined} */ v) =>
      typeof v === 'number' ? `${v.toFixed(1)} ms` : 'not measured';
    const row = (/** @type {Record<string, number|null|undefined>} */ x) =>
      [x.p50, x.p95, x.p99, x.max, x.mean].map(fmt);
    return {
      data: {
        latency,
        latencies,
        sendToSocket: serverPart,
        socketToDom: inPage,
        missed,
        messages: n,
      },
      tables: [
        {
          title: `Agent send (Platform API) → the message's node in the widget, ${n} messages on loopback`,
          columns: ['', 'p50', 'p95', 'p99', 'max', 'mean'],
          rows: [
            ['send → DOM', ...row(latency)],
            ['send → socket frame', ...row(serverPart)],
            ['socket frame → DOM', ...row(inPage)],
          ],
          notes: [
            "send → DOM: from just before the HTTP request (made by the page itself, so that one clock times the whole path) to the MutationObserver callback that sees the message's node in the widget's list",
            'send → socket frame: the Platform API request, the server storing the message and pushing it, until the frame reaches the page',
            "socket frame → DOM: from the WebSocket frame carrying the message (the page's first listener) to that callback: the widget's own part",
            `${missed} of ${n} not seen within 10 s`,
          ],
        },
      ],
      checks: [
        {
          name: 'Agent send → the visitor’s DOM (p50)',
          target: `≤ ${LATENCY_P50_GOAL_MS} ms`,
          value: fmt(latency.p50),
          pass: typeof latency.p50 === 'number' && missed === 0 ? latency.p50 <= LATENCY_P50_GOAL_MS : null,
        },
        {
          name: 'Agent send → the visitor’s DOM (p99)',
          target: `≤ ${LATENCY_P99_GOAL_MS} ms`,
          value: fmt(latency.p99),
          pass: typeof latency.p99 === 'number' && missed === 0 ? latency.p99 <= LATENCY_P99_GOAL_MS : null,
        },
      ],
    };
  },
};
