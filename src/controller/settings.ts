/**
 * The settings slice: asks the server for the widget settings, caches them raw (parsed on every
 * use, so a newer widget applies its own defaults to an old cache), parses them with the page's
 * overrides, decides whether this page may show the widget, and retries with capped, jittered
 * backoff while the server does not answer and nothing is cached. Problems are logged once, never
 * thrown; a failed revalidation is a result (`Revalidated`): what it means is the caller's call.
 * Knows nothing of the controller above it: it returns results, and the caller applies them.
 */
import { backoffDelay } from '../core/backoff.js';
import type { Clock } from '../core/clock.js';
import { parseSettings, widgetStatus, type InstallSettings, type ResolvedSettings } from '../core/config.js';
import { isShutOut } from '../core/protocol.js';
import { errorCodeOf } from '../net/errors.js';
import type { RestClient } from '../net/rest.js';
import type { ParleyStore } from '../store/store.js';
import type { Log } from './failures.js';
import type { ChatStatus } from './state.js';
import { Timers } from './timers.js';

export interface SettingsSliceOptions {
  install: InstallSettings;
  rest: RestClient;
  store: ParleyStore;
  clock: Clock;
  /** The page's host name for the domain check. */
  hostname: string;
  random?: (() => number) | undefined;
  signal: AbortSignal;
  log: Log;
}

/** What a fresh look at the server's settings gave. */
export type Revalidated =
  | { ok: true; raw: unknown }
  /** `refused`: the server says this page may not chat (disabled widget, foreign origin). */
  | { ok: false; error: unknown; code: string; refused: boolean };

export class SettingsSlice {
  private readonly _o: SettingsSliceOptions;
  private readonly _retry: Timers<'retry'>;
  private _attempt = 0;

  constructor(options: SettingsSliceOptions) {
    this._o = options;
    this._retry = new Timers(options.clock);
  }

  /** The server's settings (the request goes out at once). */
  fetch(): Promise<unknown> {
    return this._o.rest.getSettings(this._o.signal);
  }

  /** The cached settings record (`raw`), if any. */
  cached(): ReturnType<ParleyStore['getSettings']> {
    return this._o.store.getSettings();
  }

  /** Fresh settings (fetched or pushed) are cached raw for the next page. */
  save(raw: unknown): void {
    void this._o.store.setSettings(raw, this._o.clock.now());
  }

  /** Waits for `fetched` (a new request by default); fresh settings are cached. */
  async revalidate(fetched: Promise<unknown> = this.fetch()): Promise<Revalidated> {
    try {
      const raw = await fetched;
      if (!this._o.signal.aborted) this.save(raw);
      return { ok: true, raw };
    } catch (error) {
      const code = errorCodeOf(error);
      const refused = isShutOut(code);
      return { ok: false, error, code, refused };
    }
  }

  /** Parses settings (page overrides win), logs problems once (when fresh), and decides the status. */
  resolve(raw: unknown, fresh: boolean): { settings: ResolvedSettings; status: ChatStatus } {
    const { install, log } = this._o;
    const { settings, errors } = parseSettings(raw, install.widgetSettings);
    if (errors.length && fresh)
      log.error(`the widget settings have problems; using defaults for:\n - ${errors.join('\n - ')}`);
    if (fresh && install.userId !== undefined && settings.identityVerification === false) this._warnUnverified();
    const status: ChatStatus = widgetStatus(settings.chatWidget, this._o.hostname);
    if (status === 'blocked') this.logBlocked();
    return { settings, status };
  }

  logBlocked(): void {
    this._o.log.error(
      `the chat widget is not allowed on "${this._o.hostname}": add this domain to the app's domain restriction list to show it here.`,
    );
  }

  /**
   * Runs `retry` later, with capped, jittered backoff (one pending retry at a time). `retry`
   * resolves to true once the settings came, which resets the backoff.
   */
  retryLater(retry: () => Promise<boolean>): void {
    if (this._retry.has('retry') || this._o.signal.aborted) return;
    const delay = backoffDelay(this._attempt++, { base: 1000, cap: 30000, random: this._o.random });
    this._retry.set(
      'retry',
      () =>
        void retry().then((done) => {
          if (done) this._attempt = 0;
        }),
      delay,
    );
  }

  stop(): void {
    this._retry.clearAll();
  }

  /** The page names its visitor, but the app does not verify that: say once how to fix it. */
  private _warnUnverified(): void {
    this._o.log.warn("userId without identity verification: anyone could read this visitor's chats; pass accessToken");
  }
}
