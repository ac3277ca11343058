/**
 * What a visitor does and sees in the widget of a host page (test/helpers/e2e.ts), plus network
 * faults at the harness's TCP proxy (`cutOff`). `sendText` types through the DOM (value, input
 * event, the send button): the same in every engine's driver; tests of the keyboard itself use
 * `press`/`type` (test/helpers/ui.ts).
 */
import type { Message } from '../../src/core/protocol.js';
import { press, type } from './ui.js';
import {
  cutNetwork,
  shownMessages,
  platform,
  restoreNetwork,
  visitorGet,
  visitorSession,
  waitFor,
  widgetLauncher,
  type HostPage,
  type TestApp,
} from './e2e.js';

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
  const launcher = await waitFor(() => widgetLauncher(page), 'launcher visible', 20000);
  if (!page.find('parley-panel[open]')) launcher.click();
  await waitFor(() => page.find('parley-panel[open]'), 'panel open', 20000);
}

/** Opens the widget, sends a first message, and resolves with its conversation once the server stored it. */
export async function startChat(page: HostPage, text: string): Promise<string> {
  await openWidget(page);
  const sent = new Promise<CustomEvent<{ message: Message }>>((resolve) =>
    page.widget()!.addEventListener('parley-message-sent', (e) => resolve(e as CustomEvent), { once: true }),
  );
  await sendText(page, text);
  return (await sent).detail.message.groupId;
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

/**
 * Types `text` into the composer with the keyboard, sends it with Enter, and resolves once it shows
 * and the server has stored it.
 */
export async function typeAndSend(page: HostPage, text: string): Promise<void> {
  const input = await waitFor(
    () => page.find('parley-composer')?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea:not([disabled])'),
    'a usable composer',
  );
  const stored = new Promise<void>((resolve) => {
    const widget = page.widget()!;
    const onSent = (event: Event) => {
      if ((event as CustomEvent<{ message?: { message?: string } }>).detail?.message?.message !== text) return;
      widget.removeEventListener('parley-message-sent', onSent);
      resolve();
    };
    widget.addEventListener('parley-message-sent', onSent);
  });
  input.focus();
  await type(text);
  await press('Enter');
  await waitFor(() => shownMessages(page).includes(text), `"${text}" shown`);
  await stored;
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
  return waitFor(() => message, 'the server acknowledges the message', 20000).catch((error: Error) => {
    // What the visitor sees then: the widget's connection and the last bubbles' delivery states.
    const last = bubbles(page)
      .slice(-3)
      .map((b) => `${b.text.slice(0, 40)}: ${b.delivery}`);
    throw new Error(`${error.message} (connection: ${connectionShown(page)}; last bubbles: ${last.join(' | ')})`);
  });
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

/** The connection state the widget shows (its panel's `connection` attribute). */
export function connectionShown(page: HostPage): string {
  return page.find('parley-panel')?.getAttribute('connection') ?? '';
}

export interface NetworkCut {
  /** Lets the page reach the server again; resolves once the widget shows itself connected. */
  restore(): Promise<void>;
}

/**
 * Cuts `page` off from the chat server at the harness's TCP proxy (the page must have been opened
 * `via: await proxyUrl()`): every connection dropped, new ones refused. Resolves once the widget
 * shows it lost the connection. The test's own requests (`platform()`…) still reach the server.
 */
export async function cutOff(page: HostPage): Promise<NetworkCut> {
  await cutNetwork();
  await waitFor(
    () => connectionShown(page) && connectionShown(page) !== 'connected',
    'the widget shows the cut',
    30000,
  );
  return {
    async restore() {
      await restoreNetwork();
      await waitFor(() => connectionShown(page) === 'connected', 'the widget shows itself connected again', 60000);
    },
  };
}

/** An agent writes to a conversation through the Platform API (straight to the server). */
export async function agentSends(app: TestApp, groupId: string, message: string): Promise<void> {
  const res = await platform(app, '/rest/ws/message/v2/send', {
    body: { groupId, message, fromUserName: app.agentId },
  });
  if (res.status !== 200) throw new Error(`agent send refused: ${res.status} ${JSON.stringify(res.body)}`);
}

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** axe-core's violations in the widget, run inside the host page's frame. */
export async function widgetAxe(page: HostPage): Promise<string[]> {
  const win = page.win() as Window & { axe?: { run(context: Element): Promise<AxeResult> } };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', () => reject(new Error('axe-core did not load')));
    });
    win.document.head.append(script);
    await loaded;
  }
  const { violations } = await win.axe!.run(page.widget()!);
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
