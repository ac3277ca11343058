/** Styles of `<parley-chat>`: placement of the launcher and panel, and the panel's extras. */
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
  parley-panel:not([open]) {
    display: none;
  }
  parley-message-list,
  parley-conversation-list {
    flex: 1;
    min-height: 0;
  }
  .extras,
  .identity {
    flex: none;
  }
  .extras {
    display: grid;
    gap: 8px;
    padding: 0 12px 8px;
  }
  .extras:empty {
    display: none;
  }
  .identity,
  .powered {
    margin: 0;
    padding: 4px 12px 8px;
    font-size: 12px;
    color: #57606a;
    text-align: center;
  }
  .powered a {
    color: inherit;
  }
`;
