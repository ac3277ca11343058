/**
 * End-to-end helpers: the live reference server, apps, Platform API calls, and a host page with
 * the script-tag install in an iframe (so it can be reloaded while the test keeps running).
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { accessTokenFor } from './access-token.js';

export interface ServerInfo {
  url: string;
  adminKey: string;
}

export interface TestApp {
  appId: string;
  apiKey: string;
  agentId: string;
  botId: string;
  /** New apps verify identities: a userId needs accessTokenFor(identitySecret, userId). */
  identitySecret: string;
}

/**
 * Install settings or a session request with its `userId` signed by the app's identity secret,
 * as the site's own server would sign it — unless the test passes `accessToken` itself.
 */
export async function signed(app: TestApp, settings: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof settings['userId'] !== 'string' || 'accessToken' in settings || !app.identitySecret) return settings;
  return { ...settings, accessToken: await accessTokenFor(app.identitySecret, settings['userId']) };
}

let serverInfo: Promise<ServerInfo> | undefined;

/**
 * Runs a harness command. The test runner gives a command 20 s to answer; starting the server
 * on a busy machine can take longer, and the plugin lets a repeated start/stop join the one under
 * way, so a command that ran out of time is simply asked again.
 */
async function command<T>(name: string, payload?: unknown, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await executeServerCommand<T, unknown>(name, payload)) as T;
    } catch (error) {
      const timedOut = /Did not receive a server response/.test(String(error));
      if (!timedOut || attempt >= attempts) throw error;
    }
  }
}

let serverName = 'main';
let serverEnv: Record<string, string> = {};

/**
 * Makes every helper of this test file use a reference server of its own, named `name`. Call it
 * at the top of a file that stops the server (`stopServer`), so that other files running at the
 * same time against the shared server never see the outage — or that needs `env` (`PARLEY_*`
 * variables of that server only, e.g. `PARLEY_WEBHOOKS_MAX_ATTEMPTS`).
 */
export function useOwnServer(name: string, env: Record<string, string> = {}): void {
  serverName = name;
  serverEnv = env;
  serverInfo = undefined;
}

/** Makes every helper of this test file use the server at `info` (one process of a cluster). */
export function useServer(info: ServerInfo): void {
  serverName = `at ${info.url}`;
  serverInfo = Promise.resolve(info);
}

export function server(): Promise<ServerInfo> {
  serverInfo ??= command<ServerInfo>('parley-server', { server: serverName, env: serverEnv }).catch(
    (error: unknown) => {
      serverInfo = undefined;
      throw error;
    },
  );
  return serverInfo;
}

export async function stopServer(): Promise<void> {
  await command('parley-server-stop', { server: serverName });
}

export async function startServer(): Promise<void> {
  await command('parley-server-start', { server: serverName });
}

/**
 * The URL at which a page reaches this file's server through the harness's TCP proxy
 * (test/plugins/parley-server.mjs): open a host page with `{ via: await proxyUrl() }` to be able
 * to cut its network with `cutNetwork()`. The test's own requests (`platform()`…) go straight to
 * the server, so the outside world carries on while the page is cut off.
 */
export async function proxyUrl(): Promise<string> {
  return (await command<{ url: string }>('parley-proxy', { server: serverName })).url;
}

/** Drops every connection through the proxy and refuses new ones, until `restoreNetwork()`. */
export async function cutNetwork(): Promise<void> {
  await command('parley-network-cut', { server: serverName });
}

/** Lets connections through the proxy again. */
export async function restoreNetwork(): Promise<void> {
  await command('parley-network-restore', { server: serverName });
}

/** Creates a fresh app (isolated from other tests) with optional settings. */
export async function createApp(settings?: Record<string, unknown>): Promise<TestApp> {
  const { url, adminKey } = await server();
  const res = await fetch(`${url}/admin/v1/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': adminKey },
    body: JSON.stringify(settings ? { settings } : {}),
  });
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`could not create app: ${JSON.stringify(body)}`);
  return body.response as TestApp;
}

/** Calls the Platform API as an integration would, returning HTTP status and parsed body. */
export async function platform(
  app: TestApp,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  // The Platform API's answers are read field by field in the tests, as JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const { url } = await server();
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
}

export interface HostPage {
  frame: HTMLIFrameElement;
  win: () => Window & { hostErrors: string[] };
  widget: () => HTMLElement | null;
  root: () => ShadowRoot | null;
  /** Finds an element in the widget's composed tree (searches nested open shadow roots). */
  find: <T extends Element = HTMLElement>(selector: string) => T | null;
  findAll: <T extends Element = HTMLElement>(selector: string) => T[];
  reload: () => Promise<void>;
  /**
   * The visitor comes back to the page (a navigation to the same URL, as from a link or the
   * address bar): the browser may serve the site's scripts from its HTTP cache. Unlike `reload()`:
   * WebKit's reload revalidates every subresource, so with the chat server down it finds no
   * `parley.js` and shows no widget at all, where Chromium and Firefox use their cached copy.
   */
  revisit: () => Promise<void>;
  remove: () => void;
}

function deepQueryAll(root: ParentNode, selector: string, out: Element[] = []): Element[] {
  root.querySelectorAll(selector).forEach((el) => out.push(el));
  root.querySelectorAll('*').forEach((el) => {
    if (el.shadowRoot) deepQueryAll(el.shadowRoot, selector, out);
  });
  return out;
}

/** Opens a host page with the script-tag install, served from the test runner's own origin. */
export async function openHost(
  app: TestApp,
  options: {
    settings?: Record<string, unknown>;
    host?: string;
    query?: Record<string, string>;
    /** The URL the page reaches the chat server at, when not directly (`proxyUrl()`). */
    via?: string;
  } = {},
): Promise<HostPage> {
  const { url } = await server();
  const params = new URLSearchParams({
    server: options.via ?? url,
    appId: app.appId,
    settings: JSON.stringify(await signed(app, options.settings ?? {})),
    ...options.query,
  });
  const origin = options.host ? `${location.protocol}//${options.host}:${location.port}` : location.origin;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 420px; height: 700px; border: 0';
  frame.src = `${origin}/test/e2e/fixtures/host.html?${params}`;
  document.body.append(frame);
  const loaded = () => new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
  await loaded();
  const page: HostPage = {
    frame,
    win: () => frame.contentWindow as Window & { hostErrors: string[] },
    widget: () => frame.contentDocument?.querySelector('parley-chat') ?? null,
    root: () => page.widget()?.shadowRoot ?? null,
    find: <T extends Element>(selector: string) => {
      const root = page.root();
      return root ? ((deepQueryAll(root, selector)[0] as T | undefined) ?? null) : null;
    },
    findAll: <T extends Element>(selector: string) => {
      const root = page.root();
      return root ? (deepQueryAll(root, selector) as T[]) : [];
    },
    reload: async () => {
      const done = loaded();
      frame.contentWindow?.location.reload();
      await done;
    },
    revisit: async () => {
      const done = loaded();
      const win = frame.contentWindow;
      win?.location.assign(win.location.href);
      await done;
    },
    remove: () => frame.remove(),
  };
  return page;
}

export async function waitFor<T>(fn: () => T | null | undefined | false, message: string, timeout = 10000): Promise<T> {
  let value: T | null | undefined | false;
  await waitUntil(
    () => {
      value = fn();
      return Boolean(value);
    },
    message,
    { timeout },
  );
  return value as T;
}

/** Polls an async condition (e.g. a REST read) until it yields a truthy value. */
export async function waitForAsync<T>(
  fn: () => Promise<T | null | undefined | false>,
  message: string,
  timeout = 10000,
): Promise<T> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timeout: ${message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- Widget configuration (issue 3): settings, staff, visitors, and a host page with options ----

/** `createApp` answers the agent's password too (for `POST /agent/v1/session`). */
export interface TestApp {
  agentPassword: string;
}

/** Changes the app's settings through the admin endpoint with the app's own Api-Key. */
export async function patchSettings(app: TestApp, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { url } = await server();
  const res = await fetch(`${url}/admin/v1/apps/${app.appId}/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: JSON.stringify(patch),
  });
  const body = await res.json();
  if (res.status !== 200 || body.status !== 'success')
    throw new Error(`settings patch refused: ${res.status} ${JSON.stringify(body)}`);
  return body.response as Record<string, unknown>;
}

/** A visitor session made through the widget endpoint (e.g. a known visitor on "another device"). */
export async function visitorSession(
  app: TestApp,
  extra: Record<string, unknown> = {},
): Promise<{ userId: string; token: string; userName: string }> {
  const { url } = await server();
  const res = await fetch(`${url}/widget/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(await signed(app, { appId: app.appId, ...extra })),
  });
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`no visitor session: ${JSON.stringify(body)}`);
  return body.response;
}

/** A GET of the widget's REST API with a visitor's bearer token; the `response`. */
export async function visitorGet<T = unknown>(token: string, path: string): Promise<T> {
  const { url } = await server();
  const body = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
  if (body.status !== 'success') throw new Error(`GET ${path} failed: ${JSON.stringify(body)}`);
  return body.response as T;
}

/** The app's admin agent signed in (a bearer token for the console endpoints and the socket). */
export async function agentToken(app: TestApp): Promise<string> {
  const { url } = await server();
  const body = await fetch(`${url}/agent/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appId: app.appId, userId: app.agentId, password: app.agentPassword }),
  }).then((r) => r.json());
  if (body.status !== 'success') throw new Error(`agent sign-in failed: ${JSON.stringify(body)}`);
  return body.response.token as string;
}

type Io = typeof import('socket.io-client').io;
type WireConversation = import('../../src/core/protocol.js').Conversation;
let ioModule: Promise<Io> | undefined;

/**
 * Puts the app's agent online (a signed-in socket, as the agent console holds) and resolves once
 * connected; call the returned function to take them offline again.
 */
export async function agentOnline(app: TestApp): Promise<() => void> {
  const { url } = await server();
  const token = await agentToken(app);
  // socket.io-client's self-contained ESM build (see test/server/support.ts for why).
  const esm = '/node_modules/socket.io-client/dist/socket.io.esm.min.js';
  ioModule ??= (import(/* @vite-ignore */ esm) as Promise<{ io: Io }>).then((m) => m.io);
  const io = await ioModule;
  const socket = io(url, {
    auth: { appId: app.appId, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return () => socket.close();
}

/** Conversations as the admin agent's console lists them (newest activity first). */
export async function consoleConversations(app: TestApp, status = 'all'): Promise<WireConversation[]> {
  const { url } = await server();
  const token = await agentToken(app);
  const body = await fetch(`${url}/agent/v1/conversations?status=${status}`, {
    headers: { Authorization: `Bearer ${token}` },
  }).then((r) => r.json());
  if (body.status !== 'success') throw new Error(`console list failed: ${JSON.stringify(body)}`);
  return body.response as WireConversation[];
}

/** The agent resolves a conversation through the Platform API (status 2). */
export async function resolveConversation(app: TestApp, groupId: string): Promise<void> {
  const res = await platform(app, `/rest/ws/group/status/change?groupId=${encodeURIComponent(groupId)}&status=2`, {
    method: 'PATCH',
    headers: { 'Of-User-Id': app.agentId },
  });
  if (res.status !== 200) throw new Error(`resolve failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A user's record through the Platform API (`/rest/ws/user/v2/detail`), or undefined. */
export async function userDetail(app: TestApp, userId: string): Promise<Record<string, unknown> | undefined> {
  const res = await platform(app, '/rest/ws/user/v2/detail', { body: { userIdList: [userId] } });
  const list: unknown = res.body?.response;
  return Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
}

export interface HostPageOptions {
  settings?: Record<string, unknown>;
  host?: string;
  /** Frame size in CSS pixels (default 420 × 700). */
  width?: number;
  height?: number;
  /**
   * Where the site loads `parley.js` from, when not from the chat server (a site hosting the
   * script itself, e.g. this test runner's `/dist`); the chat server stays `settings.server`.
   */
  scriptBase?: string;
  /** More of the fixture's options (test/e2e/fixtures/host.html), e.g. `early`. */
  query?: Record<string, string>;
}

export interface ConfiguredHostPage extends HostPage {
  /** Every console.error of the page (the fixture's `captureConsole` option). */
  consoleErrors: () => string[];
}

/** Like `openHost`, with a frame size and the page's console.error captured. */
export async function openConfiguredHost(app: TestApp, options: HostPageOptions = {}): Promise<ConfiguredHostPage> {
  const { url } = await server();
  const settings = await signed(
    app,
    options.scriptBase ? { server: url, ...options.settings } : (options.settings ?? {}),
  );
  const params = new URLSearchParams({
    server: options.scriptBase ?? url,
    appId: app.appId,
    settings: JSON.stringify(settings),
    captureConsole: '1',
    probe: '1',
    ...options.query,
  });
  const origin = options.host ? `${location.protocol}//${options.host}:${location.port}` : location.origin;
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${options.width ?? 420}px; height: ${options.height ?? 700}px; border: 0`;
  frame.src = `${origin}/test/e2e/fixtures/host.html?${params}`;
  document.body.append(frame);
  const loaded = () => new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
  await loaded();
  const all = (selector: string): Element[] => {
    const root = page.root();
    return root ? deepQueryAll(root, selector) : [];
  };
  const page: ConfiguredHostPage = {
    frame,
    win: () => frame.contentWindow as Window & { hostErrors: string[] },
    widget: () => frame.contentDocument?.querySelector('parley-chat') ?? null,
    root: () => page.widget()?.shadowRoot ?? null,
    find: <T extends Element>(selector: string) => (all(selector)[0] as T | undefined) ?? null,
    findAll: <T extends Element>(selector: string) => all(selector) as T[],
    reload: async () => {
      const done = loaded();
      frame.contentWindow?.location.reload();
      await done;
    },
    revisit: async () => {
      const done = loaded();
      const win = frame.contentWindow;
      win?.location.assign(win.location.href);
      await done;
    },
    remove: () => frame.remove(),
    consoleErrors: () => [
      ...((frame.contentWindow as (Window & { hostConsoleErrors?: string[] }) | null)?.hostConsoleErrors ?? []),
    ],
  };
  return page;
}

/** Resource URLs the page fetched from the chat server (performance entries). */
export async function serverRequests(page: HostPage): Promise<string[]> {
  const { url } = await server();
  return (page.win().performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .map((e) => e.name)
    .filter((name) => name.startsWith(url));
}

/**
 * The widget's own launcher button, once it has taken over the loader's first stage (which draws
 * the same button earlier, then is removed): what a test that keeps the button should hold.
 */
export function widgetLauncher(page: Pick<HostPage, 'find'>): HTMLButtonElement | null {
  return page.find('parley-launcher')?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="launcher"]') ?? null;
}

/**
 * The element of the widget that `selector` finds, once it is defined and rendered (it has its
 * shadow root): the rarer elements come in a chunk of their own (src/ui/lazy.ts).
 */
export function findRendered<T extends Element = HTMLElement>(
  page: Pick<HostPage, 'find'>,
  selector: string,
): T | null {
  const el = page.find<T>(selector);
  return el?.shadowRoot ? el : null;
}

/** Clicks the launcher and waits for the open panel. */
export async function openPanel(page: HostPage): Promise<void> {
  const launcher = await waitFor(() => widgetLauncher(page), 'launcher visible');
  launcher.click();
  await waitFor(() => page.find('parley-panel[open]'), 'panel open');
}

/** The texts of the message bubbles shown, oldest first. */
export function shownMessages(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

/** All text the visitor can see in the widget (every shadow root, whitespace collapsed). */
export function shownText(page: HostPage): string {
  return page
    .findAll('*')
    .map((el) => (el.shadowRoot ? el.shadowRoot.textContent : ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The text of one element of the widget and of its shadow root, whitespace collapsed. */
export function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  // No `instanceof`: the nodes live in the host page's frame, another realm.
  const walk = (node: Node): void => {
    const shadow = (node as Partial<Element>).shadowRoot;
    const assigned = node.nodeName === 'SLOT' ? (node as HTMLSlotElement).assignedNodes() : [];
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    else if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return;
    else if (shadow) shadow.childNodes.forEach(walk);
    else if (assigned.length > 0) assigned.forEach(walk);
    else node.childNodes.forEach(walk);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Waits for the widget element's pending render (lit's `updateComplete`), if it has one. */
export async function rendered(page: HostPage): Promise<void> {
  await (page.widget() as (HTMLElement & { updateComplete?: Promise<unknown> }) | null)?.updateComplete;
}

/** What the host page's probe reports (works across origins). */
export interface ProbeState {
  hostname: string;
  /** A `parley-chat` element is on the page. */
  widget: boolean;
  /** Its on-screen area in CSS px² (0 = takes no room). */
  widgetSize: number;
  /** Number of launcher buttons / panels in the widget's shadow roots. */
  launcher: number;
  panel: number;
  consoleErrors: string[];
  hostErrors: string[];
  resources: string[];
}

let probeCounter = 0;

function askProbe<T>(page: HostPage, message: Record<string, unknown>): Promise<T> {
  const id = `probe-${++probeCounter}`;
  return new Promise<T>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { parleyProbe?: string; result?: T & { error?: string } } | null;
      if (event.source !== page.frame.contentWindow || data?.parleyProbe !== id) return;
      removeEventListener('message', onMessage);
      if (data.result && typeof data.result.error === 'string') reject(new Error(data.result.error));
      else resolve(data.result as T);
    };
    addEventListener('message', onMessage);
    page.frame.contentWindow?.postMessage({ parleyProbe: id, ...message }, '*');
  });
}

/** The widget's state as the host page sees it (also for a page on another origin). */
export function probeState(page: HostPage): Promise<ProbeState> {
  return askProbe<ProbeState>(page, { op: 'state' });
}

/** A fetch made by the host page itself (its own Origin header), answered as status and body. */
export function probeFetch(
  page: HostPage,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown }> {
  return askProbe(page, { op: 'fetch', url, init });
}

/** How many elements of the widget match `selector` (searching nested shadow roots; across origins). */
export async function probeCount(page: HostPage, selector: string): Promise<number> {
  return (await askProbe<{ count: number }>(page, { op: 'count', selector })).count;
}
