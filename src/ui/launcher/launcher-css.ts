/**
 * The launcher button's styles as plain CSS text, for `<parley-launcher>` (`launcher.styles.ts`)
 * and the first stage (`first-stage.ts`), which draws the same button before lit has loaded. No
 * lit here, on purpose: the loader carries this file.
 */

/** The launcher's size, a host custom property of whichever element holds the button. */
export const LAUNCHER_SIZE_CSS = `:host { --_size: var(--parley-launcher-size, 56px); }`;

export const LAUNCHER_CSS = `
  button {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_size);
    height: var(--_size);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_primary);
    color: var(--_primary-text);
    cursor: pointer;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.2);
    transition: transform var(--_duration) ease;
  }
  button:hover {
    transform: scale(1.05);
  }
  button:active {
    transform: scale(0.97);
  }
  .icon {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
  }
  .icon svg {
    width: 28px;
    height: 28px;
  }
  .image {
    width: 100%;
    height: 100%;
    border-radius: 50%;
    object-fit: cover;
  }
  .badge {
    position: absolute;
    top: -2px;
    inset-inline-end: -2px;
    min-width: 20px;
    height: 20px;
    padding: 0 5px;
    border-radius: 10px;
    background: var(--_danger);
    color: #ffffff;
    font-size: 12px;
    font-weight: 600;
    line-height: 20px;
    text-align: center;
    box-shadow: 0 0 0 2px var(--_surface);
  }
  @media (forced-colors: active) {
    button {
      border: 2px solid ButtonText;
    }
  }
`;
