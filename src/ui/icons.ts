/**
 * Inline SVG icons (the first stage draws the launcher's with the same attributes:
 * `launcher/first-stage.ts`). Decorative: the control that shows one carries the accessible name. */
import { svg, type SVGTemplateResult } from 'lit';
import { CLOSE_ICON_PATHS, LAUNCHER_ICON_PATHS } from '../core/launcher.js';

const wrap = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

const fromPaths = (paths: readonly string[]) => wrap(svg`${paths.map((d) => svg`<path d=${d} />`)}`);

/** The built-in launcher icons (`iconIndex` 0..2 of the widget settings; paths in core/launcher.ts). */
export const launcherIcons: readonly SVGTemplateResult[] = LAUNCHER_ICON_PATHS.map(fromPaths);

export const closeIcon = fromPaths(CLOSE_ICON_PATHS);

export const chevronDownIcon = wrap(svg`<path d="M6 9l6 6 6-6" />`);

export const sendIcon = wrap(svg`<path d="M4 12l16-8-6 16-2.5-6.5L4 12z" /><path d="M11.5 13.5L20 4" />`);
