/**
 * Styles of `<parley-chat-body>`'s light DOM: adopted by the shadow root it renders into
 * (`<parley-chat>`'s), next to that element's own placement styles (`chat.styles.ts`).
 */
import { css } from 'lit';
import { dropOverlayStyles } from '../ui/attachments/file-drop.js';

const bodyStyles = css`
  parley-chat-body {
    display: contents;
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
    color: var(--_muted);
    text-align: center;
  }
  .powered a {
    color: inherit;
  }
`;

/** One sheet: the body's layout and the drop hint (`dropOverlay()`). */
export const chatBodyStyles = css`
  ${bodyStyles}
  ${dropOverlayStyles}
`;
