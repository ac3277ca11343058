/**
 * The script-tag loader (`dist/parley.js`). Tiny on purpose: no lit, no socket.io, no storage.
 *
 * 1. Reads the install settings from `window.parleySettings`, or from `data-*` attributes on its
 *    own script tag (`data-app-id`, `data-server`, `data-user-id`, …).
 * 2. Puts a `<parley-chat>` element on the page and a queueing `window.Parley` so that calls made
 *    before the widget arrives are replayed, in order, once it has.
 * 3. At the host page's load event, preloads the widget bundle (`parley-chat.js`, next to this
 *    file) and starts the widget configuration request (handed to the element as
 *    `parleySettingsRequest`, which the widget uses instead of asking again); imports the bundle
 *    when the browser is idle — the page's own loading never waits for the widget, and both
 *    downloads overlap the idle wait.
 */

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

  if (!w.Parley) {
    const stub: ParleyStub = { q: [] };
    for (const method of METHODS) stub[method] = (...args: unknown[]) => void stub.q.push({ method, args });
    w.Parley = stub;
  }

  const mount = () => {
    if (document.querySelector('parley-chat')) return;
    const el = document.createElement('parley-chat') as HTMLElement & {
      settings?: unknown;
      parleySettingsRequest?: { url: string; response: Promise<Response | undefined> };
    };
    el.settings = settings;
    const { appId, server } = settings;
    if (typeof appId === 'string' && appId && typeof server === 'string' && typeof fetch === 'function') {
      try {
        const origin = new URL(server);
        // The same URL the widget's REST client builds (see src/net/rest.ts).
        const url = `${`${origin.origin}${origin.pathname}`.replace(/\/+$/, '')}/users/v3/chat/plugin/settings?${new URLSearchParams({ appId })}`;
        const init: RequestInit = { credentials: 'omit', mode: 'cors', headers: { Accept: 'application/json' } };
        el.parleySettingsRequest = { url, response: fetch(url, init).catch(() => undefined) };
      } catch {
        /* a server the widget will report on */
      }
    }
    document.body.append(el);
  };

  const load = () => {
    import(/* @vite-ignore */ new URL('parley-chat.js', base).href).catch((error: unknown) => {
      console.error('[parley] could not load the chat widget:', error);
    });
  };

  const whenIdle = () => {
    mount();
    // Fetched (and compiled off the main thread) while the page settles; run when it is idle.
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = new URL('parley-chat.js', base).href;
    document.head.append(preload);
    const ric = (window as Window & { requestIdleCallback?: (cb: () => void, o?: object) => void }).requestIdleCallback;
    if (ric) ric(load, { timeout: 1500 });
    else setTimeout(load, 1);
  };

  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

try {
  boot();
} catch (error) {
  console.error('[parley] could not start:', error);
}
