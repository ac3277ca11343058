import { css, unsafeCSS } from 'lit';
import { LAUNCHER_CSS, LAUNCHER_SIZE_CSS } from './launcher-css.js';

export const launcherStyles = css`
  :host {
    display: inline-block;
  }
  ${unsafeCSS(LAUNCHER_SIZE_CSS)}
  ${unsafeCSS(LAUNCHER_CSS)}
`;
