/**
 * What the slices that change the state share: their options (`_o`, which name the state cell
 * and whatever else they use), the state to read and a way to commit a patch built by `state.ts`,
 * whether the engine was destroyed, and `on(type, fn) → off` for what they report upward.
 */
import type { StateCell } from './cell.js';
import { Emitter, type EventLists } from './emitter.js';
import type { ChatState, StatePatch } from './state.js';

export class Slice<
  O extends { cell: StateCell; signal: AbortSignal },
  M extends EventLists = Record<never, never[]>,
> extends Emitter<M> {
  protected readonly _o: O;

  constructor(options: O) {
    super();
    this._o = options;
  }

  protected get _state(): ChatState {
    return this._o.cell.state;
  }

  /** The engine was destroyed: async paths check this after each wait. */
  protected get _aborted(): boolean {
    return this._o.signal.aborted;
  }

  protected _set(patch: StatePatch): void {
    this._o.cell.set(patch);
  }
}
