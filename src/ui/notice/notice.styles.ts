import { css } from 'lit';

export const noticeStyles = css`
  :host {
    display: block;
    margin-bottom: 12px;
  }
  .card {
    border-inline-start: 4px solid var(--_accent);
  }
  :host([tone='away']) .card {
    border-inline-start-color: var(--_amber);
    background: color-mix(in srgb, var(--_amber) 8%, var(--_surface));
  }
  p {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  ::slotted(*) {
    margin-top: 10px;
  }
`;
