import { css } from 'lit';

export const leadFormStyles = css`
  :host {
    display: block;
    color: var(--_text);
    font-size: 0.875rem;
  }
  form {
    margin: 0;
  }
  .intro {
    margin: 0 0 12px;
    line-height: 1.45;
    white-space: pre-line;
  }
  .mark {
    color: var(--_danger);
  }
  .btn {
    width: 100%;
  }
  .btn[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
