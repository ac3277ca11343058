import { css } from 'lit';

/**
 * Styles shared by the conversation-flow elements: a card, primary and secondary buttons, round
 * icon buttons, labelled form fields with inline errors.
 */
export const controlStyles = css`
  .card {
    padding: 14px 16px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
    line-height: 1.45;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 40px;
    padding: 8px 16px;
    border: 1px solid var(--_primary);
    border-radius: 20px;
    background: var(--_primary);
    color: var(--_primary-text);
    box-shadow: inset 0 0 0 1px var(--_edge);
    font: inherit;
    font-size: 0.875rem;
    font-weight: 600;
    cursor: pointer;
  }
  .btn.secondary {
    border-color: var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    box-shadow: none;
  }
  .btn:disabled,
  .icon-btn:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .icon-btn {
    display: grid;
    flex: none;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .icon-btn svg {
    width: 20px;
    height: 20px;
  }
  .icon-btn:hover {
    background: rgb(127 127 127 / 0.16);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0 0 12px;
  }
  label,
  legend {
    font-size: 0.8125rem;
    font-weight: 600;
  }
  input,
  select,
  textarea {
    width: 100%;
    min-height: 40px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: inherit;
    font: inherit;
    /* Never under 16 px: iOS Safari zooms into smaller text fields on focus. */
    font-size: max(16px, 1rem);
  }
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.8125rem;
  }
`;
