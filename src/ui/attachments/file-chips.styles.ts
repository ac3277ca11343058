import { css } from 'lit';

export const fileChipsStyles = css`
  :host {
    display: block;
    color: var(--_text);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    max-height: 40vh;
    margin: 0;
    padding: 8px 10px 0;
    overflow-y: auto;
    list-style: none;
  }
  .chip {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
    max-width: 100%;
    padding: 4px;
    padding-inline-end: 2px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_surface);
    font-size: 0.8125rem;
  }
  .chip.rejected,
  .chip.failed {
    border-color: var(--_danger);
  }
  .preview {
    display: grid;
    flex: none;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 6px;
    background: var(--_surface-alt);
    color: var(--_muted);
    object-fit: cover;
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .size {
    color: var(--_muted);
  }
  progress {
    width: 140px;
    max-width: 100%;
    height: 6px;
    accent-color: var(--_accent);
  }
  .icon-btn {
    width: 32px;
    height: 32px;
  }
  .icon-btn svg {
    width: 16px;
    height: 16px;
  }
`;
