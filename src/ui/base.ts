/**
 * The base class of our elements: shared host styles, a typed `emit()`, and a guarded `define()`
 * that never throws when a page loads the widget twice.
 */
import { LitElement, css, unsafeCSS, type CSSResultGroup } from 'lit';
import { DEFAULT_PRIMARY_COLOR } from '../core/settings-schema.js';
import type { ParleyEvent } from './events.js';

/**
 * Host styles every element shares, and the private theme locals (`--_x`) derived from the public
 * `--parley-*` custom properties and their documented defaults.
 */
const primary = unsafeCSS(DEFAULT_PRIMARY_COLOR);

export const hostStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--parley-font-family, inherit);
    --_primary: var(--parley-primary-color, ${primary});
    --_primary-text: var(--parley-primary-text-color, #ffffff);
    --_radius: var(--parley-radius, 12px);
    --_duration: var(--parley-transition-duration, 200ms);
    --_text: #1f2328;
    --_muted: #57606a;
    --_surface: #ffffff;
    --_surface-alt: #f1f3f5;
    --_border: #d0d7de;
    --_danger: #b42318;
    --_focus: var(--parley-primary-color, ${primary});
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_duration: 0ms;
    }
  }
`;

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
