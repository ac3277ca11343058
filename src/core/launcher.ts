/**
 * The launcher as the first stage and the widget both draw it (`ui/launcher/first-stage.ts` before
 * the widget loads, `<parley-launcher>` after): what it looks like for a settings answer, whether
 * it shows at all on this page, and its icons' path data (its name: `locale-launcher.ts`). One rule for both,
 * so the widget takes the launcher over without a change anyone could see.
 *
 * Pure: no DOM. The settings are read by `parseSettings` (settings-parse.ts), the widget's own reader.
 */
import { parseSettings, widgetStatus } from './settings-parse.js';
import { isShutOut } from './protocol-errors.js';
import { errorItemOf, successPayload } from './envelope.js';

/**
 * The built-in launcher icons (`iconIndex` 0..2) and the close icon: the `d` of each path, drawn
 * 24×24 with a 2-unit round stroke in the current colour.
 */
export const LAUNCHER_ICON_PATHS: readonly (readonly string[])[] = [
  // 0: speech bubble
  ['M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12z'],
  // 1: two bubbles
  [
    'M15 9.5a6 6 0 0 1-8.3 5.5L3 16l1-3.4A6 6 0 1 1 15 9.5z',
    'M17.6 8.3A6 6 0 0 1 20 18.6l1 3.4-3.7-1a6 6 0 0 1-7.2-2.3',
  ],
  // 2: headset (ear pieces as rounded rectangles)
  [
    'M4 14v-2a8 8 0 0 1 16 0v2',
    'M4.5 14h1a1.5 1.5 0 0 1 1.5 1.5v3a1.5 1.5 0 0 1-1.5 1.5h-1a1.5 1.5 0 0 1-1.5-1.5v-3a1.5 1.5 0 0 1 1.5-1.5z',
    'M18.5 14h1a1.5 1.5 0 0 1 1.5 1.5v3a1.5 1.5 0 0 1-1.5 1.5h-1a1.5 1.5 0 0 1-1.5-1.5v-3a1.5 1.5 0 0 1 1.5-1.5z',
    'M19 20a3 3 0 0 1-3 2h-3',
  ],
];

export const CLOSE_ICON_PATHS: readonly string[] = ['M6 6l12 12M18 6L6 18'];

/** The icon index to draw: `icon` when it names a built-in icon, else 0. */
export function launcherIconIndex(icon: unknown): number {
  return typeof icon === 'number' && Number.isInteger(icon) && icon >= 0 && icon < LAUNCHER_ICON_PATHS.length
    ? icon
    : 0;
}

/** What the first stage draws. */
export interface LauncherLook {
  position: 'left' | 'right';
  /** The primary colour as the settings give it (the theme decides what to do with it). */
  primaryColor: string;
  /** A built-in icon (0..2) … */
  icon: number;
  /** … or an image URL (`iconIndex: "image"`), still to be checked by `safeUrl`. */
  image: string;
}

/**
 * The launcher for the settings endpoint's `response` (`raw`) and the page's `widgetSettings`, on a
 * page at `hostname`; undefined when the widget must not show there (switched off, or this domain
 * is not on the app's list) — the same decision the engine makes (`widgetStatus`).
 */
export function launcherLook(raw: unknown, pageOverrides: unknown, hostname: string): LauncherLook | undefined {
  const { chatWidget } = parseSettings(raw, pageOverrides).settings;
  if (widgetStatus(chatWidget, hostname) !== 'ready') return undefined;
  const image = chatWidget.iconIndex === 'image' ? chatWidget.widgetImageLink : '';
  return {
    position: chatWidget.position,
    primaryColor: chatWidget.primaryColor,
    icon: launcherIconIndex(chatWidget.iconIndex),
    image,
  };
}

/**
 * What the settings endpoint's answer (`body`, its JSON) says of the launcher: the look to draw,
 * 'hidden' when the widget must not show (its settings say so, or the server refused this page),
 * undefined when it says nothing usable (the engine will decide, with its cache and retries).
 */
export function launcherFromAnswer(
  body: unknown,
  pageOverrides: unknown,
  hostname: string,
): LauncherLook | 'hidden' | undefined {
  const payload = successPayload(body);
  if (payload) return launcherLook(payload.response, pageOverrides, hostname) ?? 'hidden';
  return isShutOut(errorItemOf(body)?.errorCode) ? 'hidden' : undefined;
}
