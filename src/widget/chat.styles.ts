/**
 * Styles of `<parley-chat>`: placement of the launcher and the panel (`ui/host-css.ts`, shared
 * with the first stage). The panel's own layout comes with it (`chat-body.styles.ts`, in the
 * panel's chunk).
 */
import { unsafeCSS } from 'lit';
import { PLACEMENT_CSS } from '../ui/host-css.js';

export const styles = unsafeCSS(PLACEMENT_CSS);
