import { css, unsafeCSS } from 'lit';
import { LAUNCHER_CSS, LAUNCHER_SIZE_CSS } from './launcher-css.js';

export const launcherStyles = css`
  /* The same in both themes, as the first stage draws it: on the site's page, not the panel. */
  :host {
    display: inline-block;
    color-scheme: light;
    --_focus: var(--_primary);
  }
  ${unsafeCSS(LAUNCHER_SIZE_CSS)}
  ${unsafeCSS(LAUNCHER_CSS)}
`;
