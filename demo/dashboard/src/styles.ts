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
  .sign-out {
    margin-inline-start: auto;
  }
  .sections {
    display: flex;
    gap: 0.25rem;
  }
  .sections a,
  .pages a {
    display: block;
    padding: 0.3rem 0.6rem;
    border-radius: 6px;
    color: var(--pd-accent);
    text-decoration: none;
  }
  .sections a[aria-current='page'],
  .pages a[aria-current='page'] {
    background: var(--pd-accent);
    color: var(--pd-accent-fg);
  }
  .group {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pd-muted);
    margin: 0.9rem 0.75rem 0.2rem;
  }
  /* A settings page with the widget's preview: beside it on a wide screen, under it otherwise. */
  main.previewing {
    display: grid;
    grid-template-columns: minmax(0, 44rem);
    align-content: start;
  }
  main.previewing > pd-widget-preview {
    padding: 1rem 1.25rem;
  }
  @media (min-width: 1200px) {
    main.previewing {
      grid-template-columns: minmax(0, 40rem) minmax(20rem, 1fr);
    }
    main.previewing > .back {
      grid-column: 1 / -1;
    }
  }
  .pages {
    list-style: none;
    margin: 0;
    padding: 0.5rem;
    display: grid;
    gap: 0.25rem;
  }
  .body {
    display: grid;
    grid-template-columns: minmax(16rem, 22rem) 1fr;
    min-height: 0;
  }
  .body > nav {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-inline-end: 1px solid var(--pd-line);
  }
  pd-inbox {
    flex: 1;
  }
  main {
    min-height: 0;
    overflow-y: auto;
  }
  main.report {
    grid-column: 1 / -1;
  }
  .empty {
    padding: 1rem;
    color: var(--pd-muted);
  }
  /* Wide screens: the visitor beside the conversation; narrower, under it. */
  @media (min-width: 1000px) {
    main.with-visitor {
      display: grid;
      grid-template-columns: 1fr minmax(14rem, 18rem);
      grid-template-rows: auto 1fr;
      overflow: hidden;
    }
    main.with-visitor > pd-conversation {
      grid-row: 2;
      min-height: 0;
    }
    main.with-visitor > pd-visitor-card {
      grid-row: 1 / 3;
      grid-column: 2;
      border-top: 0;
      border-inline-start: 1px solid var(--pd-line);
      overflow-y: auto;
    }
  }
  .back {
    margin: 0.5rem 1rem 0;
  }
  /* A phone: the list, or the open conversation (or settings page) with a way back. */
  @media (max-width: 700px) {
    .body {
      grid-template-columns: 1fr;
    }
    .body.open > nav,
    .body:not(.open) > main {
      display: none;
    }
  }
  @media (min-width: 701px) {
    .back {
      display: none;
    }
  }
`;

/** One conversation: its header and actions, the messages, typing, the reply box. */
export const conversationStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr auto auto auto;
    min-height: 0;
    height: 100%;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.6rem 1rem;
    border-bottom: 1px solid var(--pd-line);
  }
  h2 {
    font-size: 1.1rem;
    margin: 0;
  }
  .facts {
    color: var(--pd-muted);
    font-size: 0.9rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  .assignee {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  select {
    font: inherit;
    padding: 0.35rem;
    border: 1px solid var(--pd-line);
    border-radius: 6px;
    background: var(--pd-bg);
    color: inherit;
  }
  .log {
    overflow-y: auto;
    min-height: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0.75rem 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  li {
    max-width: min(36rem, 90%);
  }
  li.staff {
    align-self: flex-end;
  }
  .who {
    font-size: 0.8rem;
    color: var(--pd-muted);
  }
  parley-message-content {
    display: block;
    padding: 0.5rem 0.7rem;
    border-radius: 10px;
    background: var(--pd-soft);
  }
  .typing,
  .error {
    margin: 0;
    padding: 0 1rem;
    min-height: 1.2em;
    font-size: 0.85rem;
  }
  .typing {
    color: var(--pd-muted);
  }
`;
