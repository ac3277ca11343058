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
  :host([position='right']) .bubble {
    border-end-end-radius: 4px;
  }
  :host([position='left']) .bubble {
    border-end-start-radius: 4px;
  }
  .message {
    flex: 1;
    min-width: 0;
    padding: 14px 4px 14px 16px;
    border: none;
    border-radius: var(--_radius) 0 0 var(--_radius);
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
    margin: 4px 4px 0 0;
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .bubble {
      border: 1px solid CanvasText;
    }
  }
`;
