import { css } from 'lit';

export const greetingStyles = css`
  :host {
    display: block;
    max-width: var(--parley-greeting-width, 280px);
    color: var(--_text);
  }
  .bubble {
    position: relative;
    display: flex;
    align-items: flex-start;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  }
  /* The corner towards the launcher: physical, as the position the owner chose is. */
  :host([position='right']) .bubble {
    border-bottom-right-radius: 4px;
  }
  :host([position='left']) .bubble {
    border-bottom-left-radius: 4px;
  }
  .message {
    flex: 1;
    min-width: 0;
    padding: 14px 4px;
    padding-inline-start: 16px;
    border: none;
    border-radius: 0;
    border-start-start-radius: var(--_radius);
    border-end-start-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 0.9375rem;
    line-height: 1.4;
    text-align: start;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .line {
    display: block;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
    overflow: hidden;
  }
  .line + .line {
    margin-top: 4px;
  }
  .close {
    margin: 4px 0 0;
    margin-inline-end: 4px;
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .bubble {
      border: 1px solid CanvasText;
    }
  }
`;
