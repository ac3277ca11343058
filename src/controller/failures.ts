/**
 * The engine's one error convention (src/controller/README.md, "Errors"). Slices and helpers
 * reject and never catch to log; a failure becomes a result in one place:
 * - work that nobody awaits for an answer (commands, socket events, timers) runs through
 *   `guard(what, task)`: the failure is logged once and lands in the state, as `state.error` (a
 *   code) or, when the server says this page may not chat, as the `disabled`/`blocked` status.
 *   A request aborted because the engine was destroyed is no failure;
 * - the commands whose callers want the answer (`rate`, `updateUser`) resolve to the code
 *   (`errorCodeOf`) and leave the state alone.
 * `createLog()` is the one log helper: console.error, once per distinct text.
 */
import { ERROR_CODES } from '../core/protocol.js';
import { NetworkError, ParleyApiError, errorCodeOf } from '../net/errors.js';
import type { StateCell } from './cell.js';
import type { SettingsSlice } from './settings.js';
import type { ChatSync } from './sync.js';

/** console.error, once per distinct text. */
export type LogOnce = (text: string, detail?: unknown) => void;

export function createLog(): LogOnce {
  const logged = new Set<string>();
  return (text, detail) => {
    if (logged.has(text)) return;
    logged.add(text);
    if (detail === undefined) console.error(`[parley] ${text}`);
    else console.error(`[parley] ${text}`, detail);
  };
}

export interface FailuresOptions {
  cell: StateCell;
  signal: AbortSignal;
  log: LogOnce;
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
    this._o.log(`${what} failed (${code})`, known ? (error as Error).message : error);
    this._o.cell.set({ error: code });
  }

  /** The server says this page may not chat: no socket, nothing shown. */
  shutOut(status: 'disabled' | 'blocked'): void {
    if (status === 'blocked') this._o.settings.logBlocked();
    this._o.sync.disconnect();
    this._o.cell.set({ status, connection: 'idle' });
  }
}
