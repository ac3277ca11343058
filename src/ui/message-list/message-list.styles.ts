import { css } from 'lit';

export const messageListStyles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-height: 0;
    overflow: hidden;
    background: var(--_surface);
    color: var(--_text);
  }
  .jump {
    position: absolute;
    inset-block-end: 12px;
    inset-inline-end: 12px;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 4px 12px;
    border: 0;
    border-radius: 16px;
    background: var(--_primary);
    color: var(--_primary-text);
    font: inherit;
    font-size: 0.8125rem;
    box-shadow: 0 2px 8px rgb(0 0 0 / 20%);
    cursor: pointer;
  }
  .jump svg {
    width: 16px;
    height: 16px;
  }
  .scroller {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The window anchors by hand (window.ts): the same in every engine. */
    overflow-anchor: none;
    padding: 12px 12px 8px;
  }
  .scroller:focus-visible {
    outline-offset: -2px;
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  parley-message[first] {
    margin-top: 10px;
  }
  parley-message:first-child,
  .notice:first-child {
    margin-top: 0;
  }
  .notice,
  .older {
    margin: 10px 24px 4px;
    color: var(--_muted);
    font-size: 0.8125rem;
    line-height: 1.4;
    text-align: center;
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 10px 0 0;
    margin-inline-start: 40px;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots span {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite ease-in-out both;
  }
  .dots span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.25;
    }
    40% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots span {
      animation: none;
      opacity: 0.6;
    }
  }
`;
