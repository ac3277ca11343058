import { css } from 'lit';

export const contentStyles = css`
  :host {
    display: block;
    overflow-wrap: anywhere;
    --_gap: 6px;
  }
  p {
    margin: 0;
  }
  .text,
  .desc,
  .sub,
  figcaption {
    white-space: pre-wrap;
  }
  a {
    color: inherit;
  }
  img,
  video,
  audio {
    display: block;
    max-width: 100%;
    height: auto;
    border-radius: 8px;
  }
  .html :is(p, ul, ol, pre, blockquote, table) {
    margin: 0 0 0.5em;
  }
  .html pre {
    white-space: pre-wrap;
  }
  .price {
    font-size: 1.25em;
    font-weight: 600;
  }
  .location,
  .actions,
  .nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  .sub,
  .note,
  .error {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .error {
    color: var(--_danger);
  }
  .replies,
  .buttons,
  .list,
  .faq,
  .media,
  .carousel,
  .form,
  .note {
    margin-top: 8px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 4px 12px;
    border: 1px solid var(--_accent);
    border-radius: 16px;
    background: var(--_surface);
    color: var(--_accent);
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }
  /* Not on a primary or chosen button: white text on the hover grey would be unreadable. */
  .btn:hover:not(:disabled, .primary, .chosen) {
    background: var(--_surface-alt);
  }
  .btn:disabled {
    cursor: default;
    border-color: var(--_border);
    color: var(--_muted);
  }
  .btn.chosen,
  .btn.primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_primary-text);
    box-shadow: inset 0 0 0 1px var(--_edge);
  }
  .btn.chosen:disabled {
    border-color: var(--_primary);
  }
  .inline {
    display: contents;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list li + li {
    border-top: 1px solid var(--_border);
  }
  .list .btn,
  .item {
    display: flex;
    width: 100%;
    gap: 8px;
    border: 0;
    border-radius: 0;
    padding: 6px 0;
    background: none;
    color: inherit;
  }
  .list li img {
    width: 40px;
    height: 40px;
    object-fit: cover;
  }
  .item-text,
  .contact {
    display: flex;
    flex-direction: column;
  }
  .list-head {
    width: 100%;
    margin-bottom: 4px;
  }
  .list-title,
  .card-title {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    font-weight: 600;
  }
  .media {
    display: grid;
    gap: var(--_gap);
  }
  figure {
    margin: 0;
  }
  .cards {
    display: flex;
    gap: 8px;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x mandatory;
    padding: 2px;
    scroll-padding: 2px;
  }
  /* Instant under reduced motion (palette.ts). */
  .cards {
    scroll-behavior: smooth;
  }
  .card {
    flex: 0 0 85%;
    max-width: 260px;
    scroll-snap-align: start;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
    overflow: hidden;
  }
  .card-head {
    position: relative;
  }
  /* The picture's box is 16:9 whether the image has loaded, is still lazy or failed (WebKit lays
     a broken image out square): the card's buttons stay where the visitor saw them. */
  .card-head.pictured {
    aspect-ratio: 16 / 9;
    overflow: hidden;
  }
  .card-head img {
    width: 100%;
    height: 100%;
    object-fit: cover;
    border-radius: 0;
  }
  .overlay {
    position: absolute;
    inset-block-end: 8px;
    inset-inline-end: 8px;
    padding: 2px 8px;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.7);
    color: #fff;
  }
  .card-body {
    display: grid;
    gap: 4px;
    padding: 8px;
  }
  .nav {
    justify-content: flex-end;
    margin-top: 4px;
  }
  .nav .btn {
    padding: 4px;
  }
  .form fieldset {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .field {
    display: grid;
    gap: 2px;
  }
  .field :is(input, textarea, select) {
    font: inherit;
    /* Never under 16 px: iOS Safari zooms into smaller text fields on focus. */
    font-size: max(16px, 1rem);
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
  }
  .choices legend {
    padding: 0;
    margin-bottom: 2px;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .note:empty {
    display: none;
  }
`;
