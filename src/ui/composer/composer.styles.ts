import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    color: var(--_text);
  }
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 6px;
    padding: 10px;
    padding-inline-start: 14px;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
  }
  textarea {
    flex: 1;
    min-width: 0;
    min-height: 40px;
    max-height: calc(6 * 1.4em + 18px);
    margin: 0;
    padding: 9px 4px;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    /* Never under 16 px: iOS Safari zooms into smaller text fields on focus. */
    font-size: max(16px, 1rem);
    line-height: 1.4;
    resize: none;
    overflow-y: auto;
    field-sizing: content;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  textarea:focus-visible {
    outline-offset: 0;
    border-radius: 6px;
  }
  textarea:disabled {
    cursor: not-allowed;
  }
  ::slotted(*) {
    flex: none;
  }
  .send {
    display: grid;
    flex: none;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_primary-text);
    cursor: pointer;
  }
  .send svg {
    width: 20px;
    height: 20px;
  }
  .send:disabled {
    background: var(--_surface-alt);
    color: var(--_muted);
    cursor: not-allowed;
  }
`;
