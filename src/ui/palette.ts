/**
 * The widget's colours, light and dark, in one table, and the motion rule: every element's shared
 * colour tokens (`--_text`, `--_surface`, …; `base.ts` adopts them after `host-css.ts`) are
 * `light-dark()` pairs, so an element takes its colours from the `color-scheme` it inherits —
 * `<parley-chat>` sets it from the `theme` setting (`themeSchemeCss`, `widget/theme.ts`);
 * elements used on their own follow their page's. Browsers without `light-dark()` get the light
 * colours. No lit here: plain CSS text, like `host-css.ts`.
 */
import { normalizeHex } from '../core/color.js';
import { legibleOn } from '../core/color-legible.js';
import type { ChatWidgetSettings } from '../core/protocol.js';

/** Token → [light, dark]. Text tokens have a contrast of 4.5:1 or more on both surfaces. */
export const PALETTE = {
  /** Body text. */
  text: ['#1f2328', '#e6e9ed'],
  /** Secondary text: names, times, hints, placeholders. */
  muted: ['#57606a', '#a1aab5'],
  /** The panel, the greeting, cards, fields, the composer. */
  surface: ['#ffffff', '#1e2227'],
  /** Others' bubbles, hovers, avatars, the resolved card. */
  'surface-alt': ['#f1f3f5', '#2b3038'],
  /** Dividers and the outlines of cards and fields. */
  border: ['#d0d7de', '#4a525d'],
  /** Errors and a failed message's outline. */
  danger: ['#b42318', '#ff9b93'],
} as const;

const tokens = Object.entries(PALETTE);

/**
 * The tokens for every element, then `--_accent` (the primary colour as text, outline or focus
 * ring on the surfaces: `<parley-chat>` sets a legible one per scheme, else the primary itself),
 * `--_amber` (the away notice's stripe; tinted onto the surface for it and the connection banner)
 * and `--_edge` (a hairline that keeps the primary colour's surfaces apart from the panel's),
 * and under `prefers-reduced-motion: reduce` no animation, transition or smooth scrolling at all;
 * under `forced-colors: active` every button but the launcher (its own rule) keeps a 1px border
 * (the system's colours replace backgrounds: a button drawn by its background alone would vanish).
 */
export const PALETTE_CSS = `:host{${tokens.map(([k, [l, d]]) => `--_${k}:light-dark(${l},${d})`).join(';')};--_accent:var(--_a,var(--_primary));--_focus:var(--_accent);--_amber:#d97706;--_edge:color-mix(in srgb,var(--_text) 12%,transparent)}@supports not (color:light-dark(red,red)){:host{${tokens.map(([k, [l]]) => `--_${k}:${l}`).join(';')}}}@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}@media (forced-colors:active){button:not([part=launcher]){border:1px solid ButtonText!important}}`;

/**
 * `<parley-chat>`'s scheme (`auto`: the visitor's `prefers-color-scheme`) and the app's colour
 * made legible as an accent on each scheme's surfaces; a colour that is not #rgb/#rrggbb keeps
 * the primary as the accent.
 */
export function themeSchemeCss(color: string | undefined, theme: ChatWidgetSettings['theme']): string {
  const primary = normalizeHex(color);
  const accent = (i: 0 | 1, toward: string) =>
    primary ? legibleOn(primary, [PALETTE.surface[i], PALETTE['surface-alt'][i]], toward) : 'var(--_primary)';
  const light = accent(0, '#000000');
  return `:host{color-scheme:${theme === 'auto' ? 'light dark' : theme};--_a:${light}}@supports (color:light-dark(red,red)){:host{--_a:light-dark(${light},${accent(1, '#ffffff')})}}`;
}
