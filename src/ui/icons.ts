/** Inline SVG icons. Decorative: the control that shows one carries the accessible name. */
import { svg, type SVGTemplateResult } from 'lit';

const wrap = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

/** The built-in launcher icons (`iconIndex` 0..2 of the widget settings). */
export const launcherIcons: readonly SVGTemplateResult[] = [
  // 0: speech bubble
  wrap(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12z" />`),
  // 1: two bubbles
  wrap(
    svg`<path d="M15 9.5a6 6 0 0 1-8.3 5.5L3 16l1-3.4A6 6 0 1 1 15 9.5z" /><path d="M17.6 8.3A6 6 0 0 1 20 18.6l1 3.4-3.7-1a6 6 0 0 1-7.2-2.3" />`,
  ),
  // 2: headset
  wrap(
    svg`<path d="M4 14v-2a8 8 0 0 1 16 0v2" /><rect x="3" y="14" width="4" height="6" rx="1.5" /><rect x="17" y="14" width="4" height="6" rx="1.5" /><path d="M19 20a3 3 0 0 1-3 2h-3" />`,
  ),
];

export const closeIcon = wrap(svg`<path d="M6 6l12 12M18 6L6 18" />`);

export const chevronDownIcon = wrap(svg`<path d="M6 9l6 6 6-6" />`);

export const sendIcon = wrap(svg`<path d="M4 12l16-8-6 16-2.5-6.5L4 12z" /><path d="M11.5 13.5L20 4" />`);
