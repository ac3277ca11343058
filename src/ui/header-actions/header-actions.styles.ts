import { css } from 'lit';

export const headerActionsStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    color: inherit;
  }
  .icon-btn:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .icon-btn[aria-pressed='true'] {
    background: rgb(255 255 255 / 0.24);
  }
  :focus-visible {
    outline-color: currentColor;
  }
`;
