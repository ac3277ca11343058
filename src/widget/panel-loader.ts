/**
 * Loads the chat panel's chunk (`chat-body.ts`: `<parley-chat-body>` and every element inside the
 * panel) once per page: on the visitor's first move towards the chat (hover, focus, open), or
 * while the browser is idle when a stored conversation will be shown soon. A reactive controller
 * of `<parley-chat>`: `ready` turns true, and the host updates, once the panel can render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

let chunk: Promise<boolean> | undefined;

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

  /** Loads the panel once the browser is idle (asked once per connection). */
  loadWhenIdle(): void {
    if (this.ready || this._idle) return;
    this._idle = true;
    (window.requestIdleCallback ?? setTimeout)(() => void this.load());
  }
}
