/**
 * The installed widget in a host page of another origin, for the XSS corpus through the real data
 * path (widget.test.ts): opening it for a known visitor, and inspecting every message it holds
 * against the corpus README's hit criteria — a window of the message list at a time, since the
 * list draws only what is near the view.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { server, signed, waitFor, type TestApp } from '../helpers/e2e.js';
import {
  SETTLE_MS,
  actLikeAUser,
  deepQueryAll,
  expectGuarded,
  mediaSettled,
  topTrips,
  walk,
  type Hit,
} from './harness.js';

const json = JSON.stringify;

export interface Host {
  frame: HTMLIFrameElement;
  win: () => Window & { __xss: Array<{ fn: string; arg: string }> };
  widgetRoot: () => ShadowRoot | null;
  contents: () => Array<HTMLElement & { shadowRoot: ShadowRoot }>;
  reload: () => Promise<void>;
}

export async function openHost(app: TestApp, userId: string): Promise<Host> {
  const { url } = await server();
  const params = new URLSearchParams({
    server: url,
    appId: app.appId,
    settings: json(await signed(app, { userId, userName: 'Visitor' })),
  });
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 420px; height: 700px; border: 0';
  const loaded = () => new Promise<void>((r) => frame.addEventListener('load', () => r(), { once: true }));
  const first = loaded();
  frame.src = new URL(`./host.html?${params}`, import.meta.url).href;
  document.body.append(frame);
  await first;
  await expectGuarded(frame.contentWindow!);
  const host: Host = {
    frame,
    win: () => frame.contentWindow as ReturnType<Host['win']>,
    widgetRoot: () => frame.contentDocument?.querySelector('parley-chat')?.shadowRoot ?? null,
    contents: () => {
      const root = host.widgetRoot();
      return root ? deepQueryAll<HTMLElement & { shadowRoot: ShadowRoot }>(root, 'parley-message-content') : [];
    },
    reload: async () => {
      const done = loaded();
      frame.contentWindow!.location.reload();
      await done;
      await expectGuarded(frame.contentWindow!);
    },
  };
  return host;
}

type ListElement = HTMLElement & { messages?: Array<{ key: string; contentType?: number }> };
type MessageElement = HTMLElement & { message?: { key: string } };

function messageList(host: Host): ListElement | undefined {
  const root = host.widgetRoot();
  return root ? deepQueryAll<ListElement>(root, 'parley-message-list')[0] : undefined;
}

/** How many messages the widget's list holds (drawn or not). */
export function heldMessages(host: Host): number {
  return messageList(host)?.messages?.length ?? 0;
}

/**
 * Draws every message the list holds — scrolling to the top, then to the end, until the window
 * has drawn each one — acts on each like a visitor and inspects the widget after each window
 * (acting focuses, which scrolls, which draws more: those are acted on too before the
 * inspection); `names` collects the sender names drawn.
 */
export async function inspectEveryMessage(
  host: Host,
  ids: string,
  when: string,
  names: Set<string | null>,
): Promise<Hit[]> {
  const list = messageList(host)!;
  const log = list.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
  const wanted = new Set((list.messages ?? []).filter((m) => m.contentType !== 10).map((m) => m.key));
  const seen = new Set<string>();
  const drawn = () => deepQueryAll<MessageElement>(list.shadowRoot!, 'parley-message');
  const fresh = () => drawn().filter((m) => m.message && !seen.has(m.message.key));
  const isDrawn = (key: string | undefined) => drawn().some((m) => m.message?.key === key);
  // The oldest and the newest of them (a notice at either end is not a message element).
  const ends = (list.messages ?? []).filter((m) => wanted.has(m.key));
  const [oldest, newest] = [ends[0]?.key, ends.at(-1)?.key];
  let up = true;
  const scroll = () => {
    // Up to the oldest message, then down to the newest, and so on.
    if (up && isDrawn(oldest)) up = false;
    else if (!up && isDrawn(newest)) up = true;
    log.scrollTop = up ? 0 : log.scrollHeight;
  };
  const hits: Hit[] = [];
  while ([...wanted].some((key) => !seen.has(key))) {
    await waitFor(
      () => fresh().length > 0 || (scroll(), false),
      `more messages drawn (${seen.size} of ${wanted.size} seen)`,
      20000,
    );
    for (let batch = fresh(); batch.length > 0; batch = fresh()) {
      for (const m of batch) {
        seen.add(m.message!.key);
        const content = m.shadowRoot?.querySelector('parley-message-content');
        if (content?.shadowRoot) actLikeAUser(content.shadowRoot);
        const name = m.shadowRoot?.querySelector('[part="name"]');
        if (name) names.add(name.textContent);
      }
    }
    hits.push(...(await inspect(host, ids, when)));
  }
  return hits;
}

/** The corpus README's hit criteria over the whole widget, plus the page's tripwires. */
async function inspect(host: Host, ids: string, when: string): Promise<Hit[]> {
  const started = performance.now();
  await waitUntilSettled(host, started);
  const hits: Hit[] = [];
  const root = host.widgetRoot();
  if (!root) return [{ id: ids, path: when, criterion: 'widget missing', detail: '' }];
  walk(root, 'widget', host.frame.contentDocument!.baseURI, (criterion, detail) =>
    hits.push({ id: ids, path: when, criterion, detail }),
  );
  const { dialogs } = await executeServerCommand<{ dialogs: string[] }, undefined>('security-report');
  const script = [
    ...host
      .win()
      .__xss.splice(0)
      .map((x) => `${x.fn}(${x.arg})`),
    ...dialogs,
    ...topTrips.splice(0),
  ];
  if (script.length)
    hits.push({ id: ids, path: when, criterion: '1 script ran', detail: script.slice(0, 5).join('; ') });
  return hits;
}

/** Messages drawn while the widget settles are seen too: their lazy images load now. */
function eagerImages(root: ShadowRoot): void {
  for (const img of Array.from(root.querySelectorAll('img'))) img.loading = 'eager';
}

async function waitUntilSettled(host: Host, started: number): Promise<void> {
  await waitFor(
    () =>
      performance.now() - started >= SETTLE_MS &&
      host.contents().every((c) => (eagerImages(c.shadowRoot), mediaSettled(c.shadowRoot))),
    'the widget settled (media loaded or failed)',
    15000,
  );
}
