/**
 * A page of the reference server in a tab of its own at the server's origin, driven through the
 * test runner's console-page commands (test/plugins/console-page.mjs) with real clicks and key
 * presses: the staff app as staff use it (it may not be framed and talks only to the server that
 * served it; see dashboard-page.ts), or any page of the server from which a test reads answers
 * same-origin (a cross-origin read would hide their headers). Close every tab after each test
 * (`closeConsoles`).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { server } from './e2e.js';
import type { TestApp } from './e2e.js';

/** What a user sees of an element of the page (see the plugin's `console-query`). */
export interface ShownElement {
  text: string;
  value: string | null;
  hidden: boolean;
  disabled: boolean;
  focused: boolean;
  focusVisible: boolean;
  attributes: Record<string, string>;
}

export interface ConsolePage {
  /** The page's URL (at the reference server). */
  readonly url: string;
  /** How the server answered the page itself (header names in lower case). */
  readonly response: { status: number; headers: Record<string, string> };
  /** The redirects the browser followed from `url` to the page, in order. */
  readonly redirects: ReadonlyArray<{ url: string; status: number; location: string }>;
  /** The value of a JavaScript expression in the page (JSON-able; `undefined` comes back as null). */
  eval<T = unknown>(expression: string): Promise<T>;
  /** Waits until `expression` is truthy in the page; fails with `message` otherwise. */
  waitFor(expression: string, message: string, timeout?: number): Promise<void>;
  /** Every element matching `selector` (Playwright's: CSS, plus `:has-text("…")`). */
  query(selector: string): Promise<ShownElement[]>;
  /** The first matching element's text, or '' when there is none. */
  text(selector: string): Promise<string>;
  /** Waits until the first matching element's text is `expected`. */
  waitForText(selector: string, expected: string, message?: string): Promise<void>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  /** Presses a key (or a chord such as `Shift+Tab`) on whatever has focus. */
  press(key: string): Promise<void>;
  /** Types text key by key into whatever has focus. */
  type(text: string): Promise<void>;
  reload(): Promise<void>;
  /** Resizes the tab's viewport (CSS pixels). */
  viewport(width: number, height: number): Promise<void>;
  /** Every URL the page asked for so far (HTTP and WebSocket). */
  requests(): Promise<string[]>;
  /** The page's errors so far (console.error, uncaught exceptions, refused by its CSP). */
  errors(): Promise<string[]>;
  /** axe-core's violations in the page's document, as `id: help (targets)`. */
  axe(): Promise<string[]>;
  /** The markup as it stands now, parsed (for reading texts and attributes all at once). */
  snapshot(): Promise<Document>;
  close(): Promise<void>;
}

function run<T>(command: string, payload: Record<string, unknown>): Promise<T> {
  return executeServerCommand<T, Record<string, unknown>>(command, payload) as Promise<T>;
}

/** A JavaScript expression that calls `fn` (self-contained: it runs in the page) with `args`. */
export function call(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

/** Opens `url` (a page of the reference server, e.g. the staff app) in a tab of its own, loaded. */
export async function openTab(url: string): Promise<ConsolePage> {
  const { id, redirects, ...response } = await run<{
    id: string;
    status: number;
    headers: Record<string, string>;
    redirects: ConsolePage['redirects'];
  }>('console-open', { url });
  const page: ConsolePage = {
    url,
    response,
    redirects,
    eval: async <T>(expression: string) => (await run<{ value: T }>('console-eval', { id, expression })).value,
    waitFor: async (expression, message, timeout) => {
      const { ok } = await run<{ ok: boolean }>('console-wait', { id, expression, timeout });
      if (!ok) throw new Error(`Timeout: ${message}`);
    },
    query: (selector) => run('console-query', { id, selector }),
    text: async (selector) => (await page.query(selector))[0]?.text ?? '',
    waitForText: (selector, expected, message) =>
      page.waitFor(
        call((s: string, t: string) => document.querySelector(s)?.textContent === t, selector, expected),
        message ?? `${selector} shows "${expected}"`,
      ),
    click: (selector) => run('console-click', { id, selector }),
    focus: (selector) => run('console-focus', { id, selector }),
    fill: (selector, value) => run('console-fill', { id, selector, value }),
    select: (selector, value) => run('console-select', { id, selector, value }),
    press: (key) => run('console-press', { id, key }),
    type: (text) => run('console-type', { id, text }),
    reload: () => run('console-reload', { id }),
    viewport: (width, height) => run('console-viewport', { id, width, height }),
    requests: () => run('console-requests', { id }),
    errors: () => run('console-errors', { id }),
    axe: () => run('console-axe', { id }),
    snapshot: async () =>
      new DOMParser().parseFromString(await page.eval<string>('document.documentElement.outerHTML'), 'text/html'),
    close: () => run('console-close', { id }),
  };
  return page;
}

/** Closes every tab this test file opened. */
export async function closeConsoles(): Promise<void> {
  await run('console-close-all', {});
}

/** The demo teammate the staff app's tests sign in as or assign to (a new password every run). */
export const SAM = {
  email: 'sam@team.test',
  userName: 'Sam Support',
  role: 'agent',
  password: `sam-${crypto.randomUUID()}`,
} as const;

/** Adds Sam to the app (admin API); answers the HTTP status. */
export async function addSam(app: TestApp): Promise<number> {
  const { url } = await server();
  const res = await fetch(`${url}/admin/v1/apps/${app.appId}/teammates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: JSON.stringify(SAM),
  });
  return res.status;
}
