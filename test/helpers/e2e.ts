/**
 * End-to-end helpers: the live reference server, apps, Platform API calls, and a host page with
 * the script-tag install in an iframe (so it can be reloaded while the test keeps running).
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

export interface ServerInfo {
  url: string;
  adminKey: string;
}

export interface TestApp {
  appId: string;
  apiKey: string;
  agentId: string;
  botId: string;
}

let serverInfo: Promise<ServerInfo> | undefined;

export function server(): Promise<ServerInfo> {
  serverInfo ??= executeServerCommand<ServerInfo, undefined>('parley-server') as Promise<ServerInfo>;
  return serverInfo;
}

export async function stopServer(): Promise<void> {
  await executeServerCommand('parley-server-stop');
}

export async function startServer(): Promise<void> {
  await executeServerCommand('parley-server-start');
}

export async function setOffline(offline: boolean): Promise<void> {
  await executeServerCommand('parley-set-offline', { offline });
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
  options: { settings?: Record<string, unknown>; host?: string } = {},
): Promise<HostPage> {
  const { url } = await server();
  const params = new URLSearchParams({ server: url, appId: app.appId, settings: JSON.stringify(options.settings ?? {}) });
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
