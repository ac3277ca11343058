// A @web/test-runner plugin that opens a page of the reference server (the staff app at
// /dashboard/) as a page of its own.
//
// The staff app may not be framed (`frame-ancestors 'none'`) and talks only to the server that
// served it, so a test cannot load it into a frame of the test page. These commands open it in
// a new tab at the reference server's origin, and let the test read and drive that tab as a user
// would (Playwright's real clicks and key presses). Under Chromium the tab opens in the test's
// own browser context; under Firefox and WebKit (other launchers, no Playwright page) it opens in
// a Chromium of its own, as an agent's browser on another desk would be: the staff app is the
// staff's tool, the widget under test is what runs in each engine.
//
//
// - `console-open` `{url}` → `{id, status, headers, redirects}`: a new tab at `url`, loaded, with
//   the status and headers (names in lower case) the page was served with, and each redirect the
//   browser followed to reach it (`{url, status, location}`, in order); its requests and errors
//   are recorded from then on.
// - `console-eval` `{id, expression}` → `{value}`: the expression's (JSON) value in the tab.
// - `console-wait` `{id, expression, timeout?}` → `{ok}`: waits (by condition) until the
//   expression is truthy in the tab; `ok: false` when it never was within `timeout` ms.
// - `console-query` `{id, selector}` → what a user sees of each matching element.
// - `console-click`, `console-focus` `{id, selector}`; `console-fill`, `console-select`
//   `{id, selector, value}`; `console-press` `{id, key}` (the focused element); `console-type`
//   `{id, text}` (key by key into the focused element).
// - `console-viewport` `{id, width, height}` resizes the tab (a phone: 390 × 844).
// - `console-reload` `{id}`; `console-requests` `{id}` → every URL the tab asked for (HTTP and
//   WebSocket), including failed ones; `console-errors` `{id}` → the tab's console errors and
//   uncaught exceptions (a refused Content-Security-Policy shows here); `console-axe` `{id}` →
//   axe-core's violations.
// - `console-close` `{id}`; `console-close-all` closes every tab the calling test file opened.
//
// Selectors are Playwright's (CSS, plus `:has-text("…")`). Timeouts stay below the 20 s the test
// runner gives a command.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright';

const ACTION_TIMEOUT = 10000;
const MAX_WAIT = 15000;
/** Wide enough for the staff app's three columns (narrower puts the visitor under the conversation). */
const VIEWPORT = { width: 1100, height: 700 };

/**
 * An expression that waits in the page until `expression` is truthy (→ true) or `timeout` ms
 * have passed (→ false); one that throws counts as not yet. Compiled as part of the evaluated
 * source, so the page's CSP (no 'unsafe-eval') does not stop it, unlike waitForFunction's eval.
 */
function waiting(expression, timeout) {
  return `(async () => {
    const deadline = Date.now() + ${Number(timeout)};
    for (;;) {
      try {
        if (await (${expression})) return true;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  })()`;
}

let axeSource;
function axe() {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** What a test may read of an element: what it shows and its state, never private fields. */
function describeAll(elements) {
  return elements.map((el) => ({
    text: el.textContent ?? '',
    value: 'value' in el ? String(el.value) : null,
    hidden: el.hidden === true,
    disabled: el.disabled === true,
    // In a shadow root, the document's active element is the host: ask the element's own root.
    focused: el === el.getRootNode().activeElement,
    focusVisible: el.matches(':focus-visible'),
    attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
  }));
}

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
let agentBrowser;

/** The browser context a tab opens in for `session` (see the top of this file). */
async function contextFor(session, contexts) {
  if (session.browser.type === 'playwright') return session.browser.getPage(session.id).context();
  let context = contexts.get(session.id);
  if (!context) {
    agentBrowser ??= chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    context = await (await agentBrowser).newContext();
    contexts.set(session.id, context);
  }
  return context;
}

export function consolePagePlugin() {
  let nextId = 0;
  /** id → { page, owner (session id), requests } */
  const tabs = new Map();
  /** session id → the agent browser's context for it (engines other than Chromium) */
  const contexts = new Map();

  const tab = (payload) => {
    const found = tabs.get(String(payload?.id));
    if (!found) throw new Error(`no console tab ${payload?.id}`);
    return found;
  };

  async function close(id) {
    const found = tabs.get(id);
    tabs.delete(id);
    if (found && !found.page.isClosed()) await found.page.close();
  }

  return {
    name: 'parley-console-page',
    async serverStop() {
      await (await agentBrowser)?.close();
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('console-')) return undefined;
      switch (command) {
        case 'console-open': {
          const page = await (await contextFor(session, contexts)).newPage();
          const id = String(++nextId);
          const requests = [];
          const errors = [];
          page.on('request', (r) => requests.push(r.url()));
          page.on('websocket', (ws) => requests.push(ws.url()));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
          });
          page.on('pageerror', (e) => errors.push(String(e)));
          tabs.set(id, { page, owner: session.id, requests, errors });
          page.setDefaultTimeout(ACTION_TIMEOUT);
          await page.setViewportSize(VIEWPORT);
          const response = await page.goto(String(payload.url), { waitUntil: 'load' });
          const redirects = [];
          for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) {
            const answer = await r.response();
            redirects.unshift({
              url: r.url(),
              status: answer?.status() ?? 0,
              location: (await answer?.headerValue('location')) ?? '',
            });
          }
          return { id, status: response?.status() ?? 0, headers: (await response?.allHeaders()) ?? {}, redirects };
        }
        case 'console-eval':
          // Wrapped: a command that answers null or undefined counts as not handled.
          return { value: (await tab(payload).page.evaluate(String(payload.expression))) ?? null };
        case 'console-wait': {
          const timeout = Math.min(Number(payload.timeout) || ACTION_TIMEOUT, MAX_WAIT);
          const { page } = tab(payload);
          // A page that navigates meanwhile (the app opening itself again in another language)
          // ends the evaluation: wait on in the page it became.
          for (const deadline = Date.now() + timeout; ;) {
            try {
              const left = Math.max(0, deadline - Date.now());
              return { ok: (await page.evaluate(waiting(String(payload.expression), left))) === true };
            } catch (error) {
              if (!/context was destroyed|navigat/i.test(String(error)) || Date.now() > deadline) throw error;
              await page.waitForLoadState('load');
            }
          }
        }
        case 'console-query':
          return tab(payload).page.locator(String(payload.selector)).evaluateAll(describeAll);
        case 'console-click':
          await tab(payload).page.locator(String(payload.selector)).first().click();
          return true;
        case 'console-focus':
          await tab(payload).page.locator(String(payload.selector)).first().focus();
          return true;
        case 'console-fill':
          await tab(payload).page.locator(String(payload.selector)).first().fill(String(payload.value));
          return true;
        case 'console-select':
          await tab(payload).page.locator(String(payload.selector)).first().selectOption(String(payload.value));
          return true;
        case 'console-press':
          await tab(payload).page.keyboard.press(String(payload.key));
          return true;
        case 'console-type':
          await tab(payload).page.keyboard.type(String(payload.text));
          return true;
        case 'console-reload':
          await tab(payload).page.reload({ waitUntil: 'load' });
          return true;
        case 'console-viewport':
          await tab(payload).page.setViewportSize({ width: Number(payload.width), height: Number(payload.height) });
          return true;
        case 'console-requests':
          return [...tab(payload).requests];
        case 'console-errors':
          return [...tab(payload).errors];
        case 'console-axe': {
          const { page } = tab(payload);
          await page.evaluate(axe());
          return page.evaluate(
            "axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))",
          );
        }
        case 'console-close':
          await close(String(payload?.id));
          return true;
        case 'console-close-all':
          await Promise.all([...tabs].filter(([, t]) => t.owner === session.id).map(([id]) => close(id)));
          await contexts.get(session.id)?.close();
          contexts.delete(session.id);
          return true;
        default:
          return undefined;
      }
    },
  };
}
