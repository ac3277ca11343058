import { css } from 'lit';

export const messageStyles = css`
  :host {
    display: block;
    color: var(--_text);
    font-size: 0.9375rem;
    line-height: 1.4;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }
  :host([self]) .row {
    justify-content: flex-end;
  }
  .avatar-space {
    flex: none;
    width: 32px;
    align-self: flex-start;
  }
  .avatar {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.75rem;
    font-weight: 600;
    object-fit: cover;
    overflow: hidden;
  }
  .stack {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    min-width: 0;
    max-width: 80%;
  }
  :host([self]) .stack {
    align-items: flex-end;
  }
  .name {
    /* 4px in from the bubble's start (at the end it moves nothing: the name sits at the start). */
    margin: 0 4px 2px;
    color: var(--_muted);
    font-size: 0.75rem;
  }
  .bubble {
    max-width: 100%;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  :host([self]) .bubble {
    background: var(--_primary);
    color: var(--_primary-text);
    box-shadow: inset 0 0 0 1px var(--_edge);
  }
  :host(:not([self]):not([first])) .bubble {
    border-start-start-radius: 4px;
  }
  :host(:not([self]):not([last])) .bubble {
    border-end-start-radius: 4px;
  }
  :host([self]:not([first])) .bubble {
    border-start-end-radius: 4px;
  }
  :host([self]:not([last])) .bubble {
    border-end-end-radius: 4px;
  }
  :host([delivery='failed']) .bubble {
    outline: 2px solid var(--_danger);
    outline-offset: -2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    margin: 3px 4px 0;
    color: var(--_muted);
    font-size: 0.75rem;
  }
  .failed {
    color: var(--_danger);
    font-weight: 600;
  }
  .action {
    padding: 2px 6px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  .action:hover {
    background: var(--_surface-alt);
  }
`;
