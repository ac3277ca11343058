import { css } from 'lit';

export const resolvedStyles = css`
  :host {
    display: block;
    margin: 8px 12px;
  }
  .card {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 10px;
    text-align: center;
    background: var(--_surface-alt);
    border-color: transparent;
  }
  .text {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
  }
  .text svg {
    flex: none;
    width: 18px;
    height: 18px;
    color: #1a7f37;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }
`;
