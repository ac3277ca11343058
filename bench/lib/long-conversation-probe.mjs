// What the long-conversation suite runs in the page (before its scripts): the message list's
// drawn messages, paging and live sends timed with the page's own clock, long tasks, and the
// widget's IndexedDB records read directly.
/** Runs in the page before its scripts: the message list's drawn messages, paging, timings. */
export function longConversationProbe() {
  const list = () => document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-message-list');
  const drawn = () => [...(list()?.shadowRoot?.querySelectorAll('parley-message') ?? [])];
  const log = () => /** @type {HTMLElement|null|undefined} */ (list()?.shadowRoot?.querySelector('[role="log"]'));
  const text = (/** @type {any} */ el) => el?.message?.message;
  let longTasks = /** @type {number[]} */ ([]);
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  } catch {
    /* no long task timing */
  }
  /** Resolves with performance.now() once `done()` holds, checked at each DOM change of the list. */
  const when = (/** @type {() => boolean} */ done, timeoutMs = 15000) =>
    new Promise((resolve) => {
      if (done()) return resolve(performance.now());
      let observer = /** @type {MutationObserver|undefined} */ (undefined);
      const check = () => {
        if (!done()) return false;
        observer?.disconnect();
        resolve(performance.now());
        return true;
      };
      const tick = () => {
        const root = list()?.shadowRoot;
        if (root && !observer) {
          observer = new MutationObserver(check);
          observer.observe(root, { childList: true, subtree: true });
        }
        if (!check()) requestAnimationFrame(tick);
      };
      setTimeout(() => (observer?.disconnect(), resolve(null)), timeoutMs);
      tick();
    });
  /** @type {any} */ (window).__parleyBench = {
    newest: () => text(drawn().at(-1)),
    oldest: () => text(drawn()[0]),
    /**
     * Scrolls to the top, and on at every frame as a visitor would: ms until older messages are
     * drawn, and whether the server was asked.
     */
    older: async () => {
      const l = /** @type {any} */ (list());
      const before = drawn()[0];
      let server = false;
      let done = false;
      const t0 = performance.now();
      const scroll = () => {
        if (done) return;
        log().scrollTop = 0;
        requestAnimationFrame(scroll);
      };
      scroll();
      const at = await when(() => {
        if (l.loadingOlder) server = true;
        return drawn()[0] !== before && !l.loadingOlder;
      });
      done = true;
      return at === null ? null : { ms: at - t0, server };
    },
    /** ms from `since` (performance.now(); navigation start when 0) to `text` drawn as the newest message. */
    drawnAt: (/** @type {string} */ t) => when(() => text(drawn().at(-1)) === t, 30000),
    /** Scrolls up `n` messages' worth, a screen per frame; the long tasks meanwhile. */
    scrollUp: (/** @type {number} */ n) =>
      new Promise((resolve) => {
        longTasks = [];
        const start = Number(/** @type {any} */ (drawn().at(-1))?.message?.id);
        const step = () => {
          const s = log();
          const first = Number(/** @type {any} */ (drawn()[0])?.message?.id);
          if (!s || start - first >= n || s.scrollTop === 0) {
            // The observer reports a task after it ended: one more frame.
            return requestAnimationFrame(() => resolve({ count: longTasks.length, max: Math.max(0, ...longTasks) }));
          }
          s.scrollTop -= s.clientHeight;
          requestAnimationFrame(step);
        };
        step();
      }),
    /**
     * Sends `body` as the agent from this page (one clock): ms until it is drawn as the newest
     * message, and the long tasks from the send until two frames after a settled second.
     */
    live: async (/** @type {{ url: string, apiKey: string, body: { message: string } }} */ o) => {
      longTasks = [];
      const t0 = performance.now();
      const drawnAt = when(() => text(drawn().at(-1)) === o.body.message);
      await fetch(`${o.url}/rest/ws/message/v2/send`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Api-Key': o.apiKey },
        body: JSON.stringify(o.body),
      });
      const at = await drawnAt;
      // Storing and marking read come after the draw: let them run before counting.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return at === null ? null : { ms: at - t0, longTasks: [...longTasks] };
    },
    /**
     * How many messages IndexedDB holds under `key` and its tail `key:tail` (the widget's own
     * store, read directly).
     */
    stored: (/** @type {string} */ key) =>
      new Promise((resolve) => {
        const open = indexedDB.open('parley');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const kv = open.result.transaction('kv').objectStore('kv');
          const count = (/** @type {IDBRequest} */ r) => (Array.isArray(r.result?.data) ? r.result.data.length : 0);
          const base = kv.get(key);
          const tail = kv.get(`${key}:tail`);
          tail.onerror = base.onerror = () => resolve(0);
          tail.onsuccess = () => {
            open.result.close();
            resolve(count(base) + count(tail));
          };
        };
      }),
  };
}
