/** The staff app's shared styles: colours as custom properties, forms and buttons. */
import { css } from 'lit';

export const formStyles = css`
  :host {
    --pd-fg: #1d2330;
    --pd-bg: #ffffff;
    --pd-muted: #596275;
    --pd-line: #d9dde5;
    --pd-accent: #2454c5;
    --pd-accent-fg: #ffffff;
    --pd-error: #b3261e;
    --pd-soft: #f2f4f8;
    color: var(--pd-fg);
    font: 15px/1.45 system-ui, sans-serif;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  input,
  textarea {
    font: inherit;
    padding: 0.5rem 0.6rem;
    border: 1px solid var(--pd-line);
    border-radius: 6px;
    color: inherit;
    background: var(--pd-bg);
  }
  button {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border: 1px solid var(--pd-accent);
    border-radius: 6px;
    background: var(--pd-accent);
    color: var(--pd-accent-fg);
    cursor: pointer;
  }
  button.quiet {
    background: transparent;
    color: var(--pd-accent);
  }
  button[aria-pressed='true'] {
    background: var(--pd-accent);
    color: var(--pd-accent-fg);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--pd-accent);
    outline-offset: 2px;
  }
  .error {
    color: var(--pd-error);
    margin: 0;
    min-height: 1.2em;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --pd-fg: #e7eaf0;
      --pd-bg: #161a22;
      --pd-muted: #a5adbd;
      --pd-line: #394050;
      --pd-accent: #7ea2ff;
      --pd-accent-fg: #0d1120;
      --pd-error: #ffb4ab;
      --pd-soft: #222836;
    }
  }
`;

/** The app's frame: the top bar, the inbox beside the conversation (one or the other on a phone). */
export const shellStyles = css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr;
        height: 100dvh;
        background: var(--pd-bg);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        border-bottom: 1px solid var(--pd-line);
      }
      h1 {
        font-size: 1.1rem;
        margin: 0;
      }
      .me,
      .connection {
        margin: 0;
        color: var(--pd-muted);
      }
      header button {
        margin-inline-start: auto;
      }
      .body {
        display: grid;
        grid-template-columns: minmax(16rem, 22rem) 1fr;
        min-height: 0;
      }
      pd-inbox {
        border-inline-end: 1px solid var(--pd-line);
      }
      main {
        min-height: 0;
      }
      .empty {
        padding: 1rem;
        color: var(--pd-muted);
      }
      /* A phone: the list, or the open conversation with a way back. */
      @media (max-width: 700px) {
        .body {
          grid-template-columns: 1fr;
        }
        .body.open nav,
        .body:not(.open) main {
          display: none;
        }
      }
      .back {
        margin: 0.5rem 1rem 0;
      }
      @media (min-width: 701px) {
        .back {
          display: none;
        }
      }
    `;
