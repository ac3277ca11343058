/**
 * The widget's host styles as plain CSS text: lit's elements adopt them (`base.ts`,
 * `widget/chat.styles.ts`) and the first stage (`launcher/first-stage.ts`) writes them into a
 * `<style>` before lit has loaded. No lit here, on purpose: the loader carries this file.
 */
import { normalizeHex, readableTextColor } from '../core/color.js';
import { DEFAULT_PRIMARY_COLOR } from '../core/settings-schema.js';

/**
 * Host styles every element shares, and the private theme locals (`--_x`) derived from the public
 * `--parley-*` custom properties and their documented defaults. The colours of the surfaces and
 * their text, light and dark, are `palette.ts`'s (lit's elements only: the first stage draws the
 * launcher, which needs none of them).
 */
export const HOST_CSS = `
  :host {
    box-sizing: border-box;
    font-family: var(--parley-font-family, inherit);
    --_primary: var(--parley-primary-color, ${DEFAULT_PRIMARY_COLOR});
    --_primary-text: var(--parley-primary-text-color, #ffffff);
    --_radius: var(--parley-radius, 12px);
    --_duration: var(--parley-transition-duration, 200ms);
    --_focus: var(--parley-primary-color, ${DEFAULT_PRIMARY_COLOR});
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

/**
 * `<parley-chat>`'s place on the page: the launcher's corner, and the panel above it. Physical on
 * purpose (`position` is the owner's left or right, whatever the language's direction): a grid
 * whose items keep to the `right` or `left` edge, where a column flexbox's `flex-end` would turn
 * to the left in right-to-left.
 */
export const PLACEMENT_CSS = `
  :host {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--parley-z-index, 2147483000);
    display: grid;
    justify-items: right;
    gap: 12px;
    font-family: var(--parley-font-family, system-ui, sans-serif);
    font-size: 15px;
    line-height: 1.4;
    color: #1f2328;
    /* The page's styles stop here: nothing inherits into the widget but what we set. */
    text-align: start;
    letter-spacing: normal;
  }
  :host([position='left']) {
    right: auto;
    left: 20px;
    justify-items: left;
  }
  :host([state='hidden']) {
    display: none;
  }
`;

/**
 * The app's primary colour as host custom properties (`--parley-primary-color` and a readable
 * `--parley-primary-text-color`); '' for no colour or one that is not `#rgb`/`#rrggbb` (the
 * defaults then apply). A page's own `--parley-*` values on the element still win.
 */
export function themeCss(color: string | undefined): string {
  const primary = normalizeHex(color);
  return primary
    ? `:host{--parley-primary-color:${primary};--parley-primary-text-color:${readableTextColor(primary)}}`
    : '';
}
