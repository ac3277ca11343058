/**
 * The script-tag loader (`dist/parley.js`). Small on purpose: no lit, no socket.io, no storage.
 *
 * 1. Reads the install settings from `window.parleySettings`, or from `data-*` attributes on its
 *    own script tag (`data-app-id`, `data-server`, `data-user-id`, …).
 * 2. Puts a `<parley-chat>` element on the page and a queueing `window.Parley` so that calls made
 *    before the widget arrives are replayed, in order, once it has.
 * 3. At once, starts the widget configuration request (handed to the element as
 *    `parleySettingsRequest`, which the widget uses instead of asking again) and imports the first
 *    stage (`first-stage.ts`, a small chunk the widget shares) beside it; once the page has a body
 *    and the answer is there, the first stage draws the launcher as plain DOM in the element's
 *    shadow root, unless the settings say the widget must not show here. The widget takes it
 *    over once it has loaded.
 * 4. After the page's load event (and the first stage), preloads the widget bundle
 *    (`parley-chat.js`, next to this file) and imports it when the browser is idle, or at once
 *    when the visitor moves towards the launcher (hover, focus, touch) or clicks it (the click is
 *    queued as `open`): the page's own loading never waits for the widget.
 */

/** The first stage's file under `dist/` (its hashed chunk name, written in by the build). */
declare const __PARLEY_FIRST_STAGE__: string;

type FirstStage = typeof import('./first-stage.js');

/** The longest the widget waits for the first stage (counted from the page having a body). */
const FIRST_STAGE_WAIT_MS = 3000;

interface QueuedCall {
  method: string;
  args: unknown[];
}

interface ParleyStub {
  q: QueuedCall[];
  [method: string]: unknown;
}

const METHODS = [
  'open',
  'close',
  'toggle',
  'launchConversation',
  'startConversation',
  'openConversation',
  'openConversationList',
  'sendMessage',
  'updateUser',
  'updateSettings',
  'setLocale',
  'subscribeToEvents',
  'on',
  'logout',
  'displayKommunicateWidget',
] as const;

type WindowWithParley = Window & { parleySettings?: Record<string, unknown>; Parley?: ParleyStub };

function settingsFromScript(script: HTMLScriptElement | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!script) return out;
  for (const [name, value] of Object.entries(script.dataset)) {
    if (value !== undefined) out[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return out;
}

function boot(): void {
  const w = window as WindowWithParley;
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('.', script?.src || location.href);
  const settings = { ...settingsFromScript(script), ...(w.parleySettings ?? {}) };
  if (!settings.server) settings.server = base.origin;

  // The first stage, asked for at once (beside the settings request).
  let stage: Promise<FirstStage | undefined> | undefined;
  const firstStage = () =>
    (stage ??= (import(/* @vite-ignore */ new URL(__PARLEY_FIRST_STAGE__, base).href) as Promise<FirstStage>).catch(
      () => undefined,
    ));

  let stub = w.Parley;
  if (!stub) {
    const queue: QueuedCall[] = [];
    stub = { q: queue };
    for (const method of METHODS) stub[method] = (...args: unknown[]) => void queue.push({ method, args });
    // Hidden by the page before the widget came: the first stage goes too.
    stub.displayKommunicateWidget = (...args: unknown[]) => {
      queue.push({ method: 'displayKommunicateWidget', args });
      const root = document.querySelector('parley-chat')?.shadowRoot ?? null;
      if (args[0] === false) void firstStage().then((m) => m?.takeOverFirstStage(root));
    };
    w.Parley = stub;
  }
  const queued: QueuedCall[] = Array.isArray(stub.q) ? stub.q : [];
  const hidden = () => queued.filter((call) => call.method === 'displayKommunicateWidget').pop()?.args[0] === false;

  let loading = false;
  const load = () => {
    if (loading) return;
    loading = true;
    import(/* @vite-ignore */ new URL('parley-chat.js', base).href).catch((error: unknown) => {
      console.error('[parley] could not load the chat widget:', error);
    });
  };
  const toggle = (open: boolean) => {
    (w.Parley?.[open ? 'open' : 'close'] as (() => void) | undefined)?.();
    load();
  };

  /**
   * The settings request and the first stage, started at once (the page's body is not needed for
   * them); undefined without an app or a usable server (the widget will say why), or when the page
   * has its own `<parley-chat>` already (configured by itself: it asks for its own settings).
   */
  const early = (() => {
    const { appId, server } = settings;
    if (document.querySelector('parley-chat')) return undefined;
    if (typeof appId !== 'string' || !appId || typeof server !== 'string' || typeof fetch !== 'function') return;
    try {
      const origin = new URL(server);
      // The same URL the widget's REST client builds (see src/net/rest.ts).
      const url = `${`${origin.origin}${origin.pathname}`.replace(/\/+$/, '')}/users/v3/chat/plugin/settings?${new URLSearchParams({ appId })}`;
      const init: RequestInit = { credentials: 'omit', mode: 'cors', headers: { Accept: 'application/json' } };
      const response = fetch(url, init).catch(() => undefined);
      // The widget reads the answer itself; the first stage reads a copy, taken before anyone reads.
      const copy = response.then((answer) => answer?.clone());
      return { url, response, ready: Promise.all([firstStage(), copy]) };
    } catch {
      return undefined;
    }
  })();

  /** Puts the element on the page; resolves once the first stage has drawn (or will not). */
  const mount = (): Promise<unknown> => {
    if (document.querySelector('parley-chat')) return Promise.resolve();
    const el = document.createElement('parley-chat') as HTMLElement & {
      settings?: unknown;
      parleySettingsRequest?: { url: string; response: Promise<Response | undefined> };
    };
    el.settings = settings;
    if (early) el.parleySettingsRequest = { url: early.url, response: early.response };
    document.body.append(el);
    return (early?.ready ?? Promise.resolve([])).then(([m, answer]) =>
      answer ? m?.drawFirstStage(el, answer, { settings, hidden, intent: load, toggle }) : undefined,
    );
  };

  // The launcher first, as soon as the page has a body; the widget after the page's load event,
  // fetched (compiled off the main thread) and run when the browser is idle.
  const widgetWhenIdle = () => {
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = new URL('parley-chat.js', base).href;
    document.head.append(preload);
    const ric = (window as Window & { requestIdleCallback?: (cb: () => void, o?: object) => void }).requestIdleCallback;
    if (ric) ric(load, { timeout: 1500 });
    else setTimeout(load, 1);
  };
  const start = () => {
    // A settings answer that never comes holds the widget back this long at most (it has a cache).
    const drawn = Promise.race([
      mount().catch(() => undefined),
      new Promise((r) => setTimeout(r, FIRST_STAGE_WAIT_MS)),
    ]);
    const loaded = () => void drawn.then(widgetWhenIdle);
    if (document.readyState === 'complete') loaded();
    else addEventListener('load', loaded, { once: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

try {
  boot();
} catch (error) {
  console.error('[parley] could not start:', error);
}
