/**
 * Styles of `<parley-chat>`: placement of the launcher and the panel. The panel's own layout comes
 * with it (`chat-body.styles.ts`, in the panel's chunk).
 */
import { css } from 'lit';

export const styles = css`
  :host {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--parley-z-index, 2147483000);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
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
    align-items: flex-start;
  }
  :host([state='hidden']) {
    display: none;
  }
`;
