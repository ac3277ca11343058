/**
 * The engine's one error convention (src/controller/README.md, "Errors"). Slices and helpers
 * reject and never catch to log; a failure becomes a result in one place:
 * - work that nobody awaits for an answer (commands, socket events, timers) runs through
 *   `guard(what, task)`: the failure is logged once and lands in the state, as `state.error` (a
 *   code) or, when the server says this page may not chat, as the `disabled`/`blocked` status.
 *   A request aborted because the engine was destroyed is no failure;
 * - the commands whose callers want the answer (`rate`, `updateUser`) resolve to the code
 *   (`errorCodeOf`) and leave the state alone.
 * `createLog()` is the one log helper: each distinct text once, to console.error (or .warn).
 */
import { ERROR_CODES } from '../core/protocol.js';
import { NetworkError, ParleyApiError, errorCodeOf } from '../net/errors.js';
import type { StateCell } from './cell.js';
import type { SettingsSlice } from './settings.js';
import type { ChatSync } from './sync.js';

/** The engine's console: each distinct text once, prefixed `[parley]`. */
export interface Log {
  error(text: string, detail?: unknown): void;
  warn(text: string): void;
}

export function createLog(): Log {
  const logged = new Set<string>();
  // The console is looked up on every call: pages (and tests) replace console.error.
  const once =
    (level: 'error' | 'warn') =>
    (text: string, detail?: unknown): void => {
      if (logged.has(text)) return;
      logged.add(text);
      if (detail === undefined) console[level](`[parley] ${text}`);
      else console[level](`[parley] ${text}`, detail);
    };
  return { error: once('error'), warn: once('warn') };
}

export interface FailuresOptions {
  cell: StateCell;
  signal: AbortSignal;
  log: Log;
  sync: ChatSync;
  settings: SettingsSlice;
}

export class Failures {
  private readonly _o: FailuresOptions;

  constructor(options: FailuresOptions) {
    this._o = options;
  }

  /** Runs `task`, turning any failure into state (see `fail`); never rejects. */
  async guard<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      this.fail(what, error);
      return undefined;
    }
  }

  /** `what` failed: logged once, and its code goes to `state.error` (or the page is shut out). */
  fail(what: string, error: unknown): void {
    if (this._o.signal.aborted || (error instanceof NetworkError && error.aborted)) return;
    const code = errorCodeOf(error);
    if (code === ERROR_CODES.widgetDisabled) return this.shutOut('disabled');
    if (code === ERROR_CODES.originNotAllowed) return this.shutOut('blocked');
    const known = error instanceof ParleyApiError || error instanceof NetworkError;
    this._o.log.error(`${what} failed (${code})`, known ? (error as Error).message : error);
    this._o.cell.set({ error: code });
  }

  /** The server says this page may not chat: no socket, nothing shown. */
  shutOut(status: 'disabled' | 'blocked'): void {
    if (status === 'blocked') this._o.settings.logBlocked();
    this._o.sync.disconnect();
    this._o.cell.set({ status, connection: 'idle' });
  }
}
