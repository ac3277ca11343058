import { css } from 'lit';

export const noticeStyles = css`
  :host {
    display: block;
    margin-bottom: 12px;
  }
  .card {
    border-inline-start: 4px solid var(--_primary);
  }
  :host([tone='away']) .card {
    border-inline-start-color: #b54708;
    background: #fffaeb;
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
