/** Icons of the attachment and voice elements. Decorative: their controls carry the names. */
import { svg, type SVGTemplateResult } from 'lit';

const wrap = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const paperclipIcon = wrap(
  svg`<path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />`,
);
export const fileIcon = wrap(svg`<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5" />`);
export const retryIcon = wrap(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />`);
export const stopIcon = wrap(svg`<rect x="7" y="7" width="10" height="10" rx="1" />`);
export const micIcon = wrap(
  svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" />`,
);
