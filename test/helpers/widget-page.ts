/**
 * What a visitor does and sees in the widget of a host page (test/helpers/e2e.ts), plus faults
 * that need the harness while the browser is offline. Typing goes through the DOM (value, input
 * event, the send button) so that it also works while the browser is offline and cannot reach
 * the test runner's keyboard commands.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Message } from '../../src/core/protocol.js';
import { server, visitorGet, visitorSession, waitFor, type HostPage, type TestApp } from './e2e.js';

export interface Bubble {
  text: string;
  /** 'sending' | 'sent' | 'read' | 'failed' */
  delivery: string;
}

/** The messages shown in the widget, in order, with their delivery state. */
export function bubbles(page: HostPage): Bubble[] {
  return page.findAll('parley-message').map((el) => {
    const content = el.shadowRoot?.querySelector('parley-message-content');
    return { text: content?.shadowRoot?.textContent?.trim() ?? '', delivery: el.getAttribute('delivery') ?? '' };
  });
}

export function shownTexts(page: HostPage): string[] {
  return bubbles(page).map((b) => b.text);
}

/** Clicks the launcher and waits for the open panel. */
export async function openWidget(page: HostPage): Promise<void> {
  const launcher = await waitFor(() => page.find<HTMLButtonElement>('[part~="launcher"]'), 'launcher visible', 20000);
  if (!page.find('parley-panel[open]')) launcher.click();
  await waitFor(() => page.find('parley-panel[open]'), 'panel open', 20000);
}

/** Clicks the launcher to close the panel. */
export async function closeWidget(page: HostPage): Promise<void> {
  if (page.find('parley-panel[open]')) page.find<HTMLButtonElement>('[part~="launcher"]')!.click();
  await waitFor(() => !page.find('parley-panel[open]'), 'panel closed');
}

/** Types `text` into the composer and presses its send button. */
export async function sendText(page: HostPage, text: string): Promise<void> {
  const box = await waitFor(() => page.find<HTMLTextAreaElement>('textarea[part~="input"]'), 'composer', 20000);
  box.focus();
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const send = await waitFor(() => page.find<HTMLButtonElement>('[part~="send-button"]'), 'send button');
  send.click();
  await waitFor(() => box.value === '', 'composer emptied after send');
}

/** The launcher's accessible name (it carries the unread count). */
/** The next message of the visitor that the server acknowledges in `page`. */
export function nextSent(page: HostPage): Promise<Message> {
  let message: Message | undefined;
  page
    .widget()!
    .addEventListener(
      'parley-message-sent',
      (e) => (message = (e as CustomEvent<{ message: Message }>).detail.message),
      { once: true },
    );
  return waitFor(() => message, 'the server acknowledges the message', 20000);
}

/** `window.Parley` once the widget itself (not the loader's queue) answers it. */
export function pageApi<T extends object>(page: { win(): Window }): Promise<T> {
  return waitFor(
    () => {
      const api = (page.win() as Window & { Parley?: T & { q?: unknown } }).Parley;
      return api && !Array.isArray(api.q) ? api : undefined;
    },
    'the widget installed window.Parley',
    20000,
  );
}

export function launcherLabel(page: HostPage): string {
  return page.find('[part~="launcher"]')?.getAttribute('aria-label') ?? '';
}

/** Every message of a known visitor's conversations, as the server stores them, by id. */
export async function storedMessages(app: TestApp, userId: string): Promise<Message[]> {
  const { token } = await visitorSession(app, { userId });
  return visitorGet<Message[]>(token, '/widget/v1/messages?after=0&limit=500');
}

export interface HarnessRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface OfflineWindow {
  /** Back online: resolves once the browser says so (and the harness answered, if in time). */
  online(): Promise<void>;
}

/**
 * Takes the browser offline (the harness's `parley-offline-window`), after which `requests` are
 * made from Node — the outside world carries on. Resolves once this page sees itself offline.
 * Do not call harness commands (sendKeys, server stop…) until `online()`.
 */
export async function goOffline(requests: HarnessRequest[] = []): Promise<OfflineWindow> {
  const flag = globalThis as { __parleyOnline?: boolean };
  flag.__parleyOnline = false;
  const done = executeServerCommand('parley-offline-window', { requests }).catch(() => undefined);
  await waitUntil(() => !navigator.onLine, 'the browser goes offline', { timeout: 20000 });
  return {
    async online() {
      flag.__parleyOnline = true;
      await waitUntil(() => navigator.onLine, 'the browser is back online', { timeout: 20000 });
      await done;
    },
  };
}

/** The Platform API request of an agent writing to a conversation. */
export async function agentSendRequest(app: TestApp, groupId: string, message: string): Promise<HarnessRequest> {
  const { url } = await server();
  return {
    url: `${url}/rest/ws/message/v2/send`,
    headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
    body: { groupId, message, fromUserName: app.agentId },
  };
}
