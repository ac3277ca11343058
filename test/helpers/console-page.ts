/**
 * The agent console (demo/agent.html) as an agent uses it: a tab of its own at the reference
 * server's origin (the console may not be framed and talks only to the server that served it),
 * driven through the test runner's console-page commands (test/plugins/console-page.mjs) with
 * real clicks and key presses. Close every tab after each test (`closeConsoles`).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { server } from './e2e.js';
import type { TestApp } from './e2e.js';

/** What a user sees of an element of the console (see the plugin's `console-query`). */
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
  /** The console's URL (at the reference server). */
  readonly url: string;
  /** How the server answered the page itself (header names in lower case). */
  readonly response: { status: number; headers: Record<string, string> };
  /** The value of a JavaScript expression in the console (JSON-able; `undefined` comes back as null). */
  eval<T = unknown>(expression: string): Promise<T>;
  /** Waits until `expression` is truthy in the console; fails with `message` otherwise. */
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
  /** Every URL the console asked for so far (HTTP and WebSocket). */
  requests(): Promise<string[]>;
  /** The console's errors so far (console.error, uncaught exceptions, refused by its CSP). */
  errors(): Promise<string[]>;
  /** axe-core's violations in the console's document, as `id: help (targets)`. */
  axe(): Promise<string[]>;
  /** The markup as it stands now, parsed (for reading texts and attributes all at once). */
  snapshot(): Promise<Document>;
  close(): Promise<void>;
}

function run<T>(command: string, payload: Record<string, unknown>): Promise<T> {
  return executeServerCommand<T, Record<string, unknown>>(command, payload) as Promise<T>;
}

/** A JavaScript expression that calls `fn` (self-contained: it runs in the console) with `args`. */
export function call(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

/**
 * Opens the console in a new tab at `${server}/agent.html?…` (`query` adds parameters, e.g.
 * `appId`, `lang`) and waits until it has loaded. `at` serves it from another server process.
 */
export async function openConsole(query: Record<string, string> = {}, at?: string): Promise<ConsolePage> {
  const serverUrl = at ?? (await server()).url;
  const search = new URLSearchParams(query).toString();
  return openTab(`${serverUrl}/agent.html${search ? `?${search}` : ''}`);
}

/** Opens `url` (a page of the reference server: the console, the staff app) in a tab of its own. */
export async function openTab(url: string): Promise<ConsolePage> {
  const { id, ...response } = await run<{ id: string; status: number; headers: Record<string, string> }>(
    'console-open',
    { url },
  );
  const page: ConsolePage = {
    url,
    response,
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

/** Closes every console tab this test file opened. */
export async function closeConsoles(): Promise<void> {
  await run('console-close-all', {});
}

/** Fills the sign-in form as a user does and waits until the console says it is online. */
export async function signInAs(page: ConsolePage, email: string, password: string): Promise<void> {
  await page.waitFor(`document.querySelector('#login-view:not([hidden]) #login-form') !== null`, 'the sign-in form');
  await page.fill('#login-form [name="email"]', email);
  await page.fill('#login-form [name="password"]', password);
  await page.click('#login-form button[type="submit"]');
  await page.waitForText('#connection', 'Online', 'the console is online');
}

/** The demo teammate the console tests sign in as or assign to (a new password every run). */
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
