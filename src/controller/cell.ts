/**
 * The engine's one state. The facade owns it and hands it down to the slices that change it:
 * they read `state` and commit patches made by the transitions in `state.ts` (`applyPatch`
 * builds the new snapshot). Nothing is committed once the engine is destroyed; `changed` (the
 * facade's, which dispatches `change`) runs after every commit.
 */
import { applyPatch, initialState, type ChatState, type StatePatch } from './state.js';

export class StateCell {
  private _state: ChatState = initialState();
  private readonly _signal: AbortSignal;
  private readonly _changed: () => void;

  constructor(signal: AbortSignal, changed: () => void) {
    this._signal = signal;
    this._changed = changed;
  }

  get state(): ChatState {
    return this._state;
  }

  set(patch: StatePatch): void {
    if (this._signal.aborted) return;
    this._state = applyPatch(this._state, patch);
    this._changed();
  }
}
