/**
 * The base class of our elements: shared host styles, a typed `emit()`, and a guarded `define()`
 * that never throws when a page loads the widget twice.
 */
import { LitElement, unsafeCSS, type CSSResultGroup } from 'lit';
import { HOST_CSS } from './host-css.js';
import { PALETTE_CSS } from './palette.js';
import type { ParleyEvent } from './events.js';

/** Host styles every element shares (`host-css.ts`) and the light and dark colours (`palette.ts`). */
export const hostStyles = unsafeCSS(HOST_CSS + PALETTE_CSS);

export class ParleyElement extends LitElement {
  static override styles: CSSResultGroup = hostStyles;

  /** Dispatches one of our events from this element; false when a listener cancelled it. */
  protected emit(event: ParleyEvent): boolean {
    return this.dispatchEvent(event);
  }

  /**
   * Defines this class as `tag` unless the tag is taken already (a page that loads the widget
   * twice keeps the first definition). Never throws.
   */
  static define(tag: string): void {
    if (customElements.get(tag)) return;
    try {
      customElements.define(tag, this);
    } catch (error) {
      // Another script defined it in between, or this class is registered under another tag.
      console.warn(`[parley] could not define <${tag}>:`, error);
    }
  }
}
