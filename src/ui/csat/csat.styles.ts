import { css } from 'lit';

export const csatStyles = css`
  :host {
    display: block;
    margin: 8px 12px;
  }
  form {
    margin: 0;
  }
  fieldset {
    margin: 0 0 12px;
    padding: 0;
    border: none;
  }
  legend {
    padding: 0;
    margin-bottom: 10px;
    font-size: 0.875rem;
  }
  .options {
    position: relative;
    display: flex;
    justify-content: center;
    gap: 8px;
  }
  .option {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding: 6px;
    border-radius: 8px;
    color: var(--_muted);
    font-weight: 400;
    cursor: pointer;
  }
  .option svg {
    width: 32px;
    height: 32px;
  }
  .stars .option svg {
    width: 28px;
    height: 28px;
  }
  .faces .option:hover,
  .faces input:checked + .option {
    color: var(--_accent);
  }
  .faces input:checked + .option {
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .stars .option:hover,
  .stars .filled {
    color: #d4a72c;
  }
  .stars .filled svg,
  .rated .stars svg {
    fill: currentColor;
  }
  @media (forced-colors: active) {
    input:checked + .option {
      outline: 2px solid Highlight;
    }
  }
  input:focus-visible + .option {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  textarea {
    min-height: 64px;
    resize: vertical;
  }
  .btn {
    width: 100%;
  }
  .btn[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  .rated {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
    text-align: center;
  }
  .rated p {
    margin: 0;
  }
  .rated svg {
    width: 28px;
    height: 28px;
    color: var(--_accent);
  }
  .rated .stars {
    display: flex;
    color: #d4a72c;
  }
  .rated .comment {
    color: var(--_muted);
    font-style: italic;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .rated:focus {
    outline: none;
  }
`;
