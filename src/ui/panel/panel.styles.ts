import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
    width: var(--parley-panel-width, 380px);
    height: var(--parley-panel-height, min(640px, calc(100vh - 120px)));
    max-width: 100vw;
    max-height: 100vh;
    color: var(--_text);
  }
  .panel {
    display: flex;
    flex-direction: column;
    width: 100%;
    height: 100%;
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.18);
    opacity: 0;
    transform: translateY(12px) scale(0.98);
    transform-origin: bottom right;
    visibility: hidden;
    transition:
      opacity var(--_duration) ease,
      transform var(--_duration) ease,
      visibility 0s linear var(--_duration);
  }
  :host([open]) .panel {
    opacity: 1;
    transform: none;
    visibility: visible;
    transition:
      opacity var(--_duration) ease,
      transform var(--_duration) ease,
      visibility 0s;
  }
  /* One row: titles, actions, close. With the agent's badge (header-start) the titles go under
     that row, across the whole width. The title wraps rather than being cut. */
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: center;
    gap: 8px;
    padding: 14px;
    padding-inline: 16px 12px;
    background: var(--_primary);
    color: var(--_primary-text);
    box-shadow: inset 0 -1px var(--_edge);
  }
  .titles {
    min-width: 0;
  }
  .start .titles {
    grid-area: 2 / 1 / 3 / -1;
  }
  h2 {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  .subtitle {
    margin: 2px 0 0;
    font-size: 0.8125rem;
    line-height: 1.3;
  }
  .close {
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
  .close:hover {
    background: rgb(255 255 255 / 0.16);
  }
  header :focus-visible {
    outline-color: var(--_primary-text);
  }
  .banner {
    flex: none;
  }
  .banner.shown {
    padding: 8px 16px;
    background: color-mix(in srgb, var(--_amber) 16%, var(--_surface));
    color: var(--_text);
    font-size: 0.8125rem;
    line-height: 1.4;
    text-align: center;
  }
  .body {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-height: 0;
  }
  ::slotted(*) {
    min-height: 0;
  }
  .body ::slotted(*) {
    flex: 1;
  }
  .footer {
    flex: none;
  }
  /* Phones: the panel is the whole screen — its visible part above an on-screen keyboard
     (--_viewport-*: VisualViewportController) — with its content inside the safe areas. */
  @media (max-width: 479.98px) {
    :host {
      position: fixed;
      inset: 0;
      z-index: var(--parley-z-index, 2147483000);
      width: 100vw;
      height: 100vh;
      height: 100dvh;
      max-height: none;
    }
    :host(:not([open])) {
      pointer-events: none;
    }
    .panel {
      height: var(--_viewport-height, 100%);
      margin-top: var(--_viewport-top, 0px);
      border-radius: 0;
      box-shadow: none;
    }
    header {
      padding-top: calc(14px + env(safe-area-inset-top, 0px));
      /* The safe areas are physical, the padding's start and end are not: transparent side
         borders that the header's colour fills. */
      border: 0 solid transparent;
      border-width: 0 env(safe-area-inset-right, 0px) 0 env(safe-area-inset-left, 0px);
    }
    .body,
    .footer {
      padding-right: env(safe-area-inset-right, 0px);
      padding-left: env(safe-area-inset-left, 0px);
    }
    .footer {
      padding-bottom: env(safe-area-inset-bottom, 0px);
    }
  }
`;
