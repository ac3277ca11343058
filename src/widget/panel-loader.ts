/**
 * Loads the chat panel's chunk (`chat-body.ts`: `<parley-chat-body>` and every element inside the
 * panel) once per page: on the visitor's first move towards the chat (hover, focus, open), or
 * while the browser is idle when a stored conversation will be shown soon. Before that, once the
 * launcher shows, the chunk is fetched at idle without being run (`preloadWhenIdle`). A reactive controller
 * of `<parley-chat>`: `ready` turns true, and the host updates, once the panel can render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The panel chunk's URL, written in by the build (undefined unbuilt, e.g. under the test runner). */
declare const __PARLEY_PANEL_URL__: string | undefined;
const PANEL_URL = typeof __PARLEY_PANEL_URL__ === 'string' ? __PARLEY_PANEL_URL__ : undefined;

let chunk: Promise<boolean> | undefined;
let preloaded = false;

/**
 * Fetches the panel's chunk into the module cache without running it (`modulepreload`), once per
 * page while the browser is idle: a first click then only evaluates and renders, and a page where
 * nobody opens the chat pays no evaluation.
 */
function preloadPanel(): void {
  if (preloaded || chunk || !PANEL_URL) return;
  preloaded = true;
  (window.requestIdleCallback ?? setTimeout)(() => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = PANEL_URL;
    document.head.append(link);
  });
}

/** Imports the chunk once per page; a failed import may be tried again. */
function importPanel(): Promise<boolean> {
  chunk ??= import('./chat-body.js').then(
    () => true,
    (error: unknown) => {
      chunk = undefined;
      console.error('[parley] could not load the chat panel', error);
      return false;
    },
  );
  return chunk;
}

export class PanelLoader implements ReactiveController {
  /** The panel's elements are defined: render `<parley-chat-body>`. */
  ready = false;
  private readonly _host: ReactiveControllerHost;
  private _connected = false;
  private _idle = false;

  constructor(host: ReactiveControllerHost) {
    this._host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this._connected = true;
  }

  hostDisconnected(): void {
    this._connected = false;
    this._idle = false;
  }

  /** Loads the panel now; resolves with `ready`. */
  readonly load = async (): Promise<boolean> => {
    if (!this.ready && (await importPanel()) && this._connected) {
      this.ready = true;
      this._host.requestUpdate();
    }
    return this.ready;
  };

  /** The launcher shows: fetch (not run) the panel while the browser is idle. */
  preloadWhenIdle(): void {
    if (!this.ready) preloadPanel();
  }

  /** Loads the panel once the browser is idle (asked once per connection). */
  loadWhenIdle(): void {
    if (this.ready || this._idle) return;
    this._idle = true;
    (window.requestIdleCallback ?? setTimeout)(() => void this.load());
  }
}
