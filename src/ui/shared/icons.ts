/**
 * Small inline SVG icons of the conversation-flow elements (greeting, list, CSAT, header actions).
 * Decorative: the control that shows one carries the accessible name.
 */
import { svg, type SVGTemplateResult } from 'lit';

const wrap = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const backIcon = wrap(svg`<path d="M15 18l-6-6 6-6" />`);
export const downIcon = wrap(svg`<path d="M6 9l6 6 6-6" />`);

const speaker = svg`<path d="M4 9h4l5-4v14l-5-4H4z" />`;
export const speakerOnIcon = wrap(svg`${speaker}<path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />`);
export const speakerOffIcon = wrap(svg`${speaker}<path d="M17 9.5l5 5M22 9.5l-5 5" />`);

export const starIcon = wrap(
  svg`<path d="M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z" />`,
);

const face = (mouth: SVGTemplateResult) =>
  wrap(svg`<circle cx="12" cy="12" r="9" /><path d="M9 9.5h.01M15 9.5h.01" />${mouth}`);
/** Three faces of the 3-point CSAT scale: poor, average, great. */
export const faceIcons: readonly SVGTemplateResult[] = [
  face(svg`<path d="M8.5 16.5a4.5 4.5 0 0 1 7 0" />`),
  face(svg`<path d="M8.5 15h7" />`),
  face(svg`<path d="M8 14a4.5 4.5 0 0 0 8 0" />`),
];

export const checkIcon = wrap(svg`<circle cx="12" cy="12" r="9" /><path d="M8 12.5l2.5 2.5L16 9.5" />`);
