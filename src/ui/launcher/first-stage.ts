/**
 * The first stage: the launcher drawn as plain DOM by the script-tag loader (`src/loader.ts`)
 * from the early settings answer, before lit, the engine or the store have loaded. It is drawn
 * into `<parley-chat>`'s own shadow root — the root lit later renders into (lit reuses a root that
 * exists) — with the same button, styles, icon and name as `<parley-launcher>`, so the widget can
 * take it over (`takeOverFirstStage`) without a change anyone could see. No lit here, on purpose.
 */
import { CLOSE_ICON_PATHS, LAUNCHER_ICON_PATHS, type LauncherLook } from '../../core/launcher.js';
import { pickLocale, type Locale } from '../../core/locale-launcher.js';
import { safeUrl } from '../../core/url.js';
import { HOST_CSS, PLACEMENT_CSS, themeCss } from '../host-css.js';
import { LAUNCHER_CSS, LAUNCHER_SIZE_CSS } from './launcher-css.js';

/** Marks every node of the first stage, so that the widget finds and removes them. */
export const FIRST_STAGE_ATTRIBUTE = 'data-parley-first-stage';

/** The shadow root `<parley-chat>` renders into: lit's default, which `ParleyChat` keeps. */
export const CHAT_SHADOW_ROOT: ShadowRootInit = { mode: 'open' };

/** The visitor's language: the install's `userLocale`, else the page's `<html lang>`, else the browser's. */
export function visitorLocale(userLocale: unknown): Locale {
  return pickLocale([userLocale, document.documentElement.lang, ...navigator.languages]);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The attributes `ui/icons.ts` gives every icon. */
const SVG_ATTRIBUTES: Record<string, string> = {
  viewBox: '0 0 24 24',
  width: '24',
  height: '24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': 'true',
  focusable: 'false',
};

function iconOf(paths: readonly string[]): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = 'icon';
  span.setAttribute('part', 'icon');
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries(SVG_ATTRIBUTES)) svg.setAttribute(name, value);
  for (const d of paths) svg.appendChild(document.createElementNS(SVG_NS, 'path')).setAttribute('d', d);
  span.append(svg);
  return span;
}

export interface FirstStageHandlers {
  /** The visitor moved towards the launcher (hover, focus, touch): load the widget now. */
  intent(): void;
  /** The visitor clicked it: open (or, clicked again, close) the chat once the widget is there. */
  toggle(open: boolean): void;
}

/**
 * Draws the launcher `look`, named by `label`, in `host`'s shadow root (attached here when there is
 * none). Draws nothing, and answers false, when the root holds something already: the widget got
 * there first.
 */
export function paintFirstStage(
  host: HTMLElement,
  look: LauncherLook,
  label: { open: string; close: string },
  on: FirstStageHandlers,
): boolean {
  const root = host.shadowRoot ?? host.attachShadow(CHAT_SHADOW_ROOT);
  if (root.childNodes.length > 0) return false;
  host.setAttribute('position', look.position);
  const style = document.createElement('style');
  style.textContent = HOST_CSS + PLACEMENT_CSS + LAUNCHER_SIZE_CSS + LAUNCHER_CSS + themeCss(look.primaryColor);
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', label.open);
  button.setAttribute('aria-expanded', 'false');
  const icon = iconOf(LAUNCHER_ICON_PATHS[look.icon] ?? LAUNCHER_ICON_PATHS[0]!);
  const src = look.image ? safeUrl(look.image, { kind: 'image' }) : undefined;
  let picture: Element = icon;
  if (src) {
    const img = document.createElement('img');
    img.className = 'image';
    img.setAttribute('part', 'icon');
    img.alt = '';
    img.addEventListener('error', () => img.replaceWith((picture = icon)), { once: true });
    img.src = src;
    picture = img;
  }
  button.append(picture);
  const intent = () => on.intent();
  for (const type of ['pointerenter', 'focusin', 'touchstart'])
    button.addEventListener(type, intent, { passive: true });
  let expanded = false;
  button.addEventListener('click', () => {
    // Until the widget answers, the button says what the clicks asked for.
    expanded = !expanded;
    button.setAttribute('aria-expanded', String(expanded));
    button.setAttribute('aria-label', expanded ? label.close : label.open);
    button.replaceChildren(expanded ? iconOf(CLOSE_ICON_PATHS) : picture);
    on.toggle(expanded);
  });
  for (const node of [style, button]) node.setAttribute(FIRST_STAGE_ATTRIBUTE, '');
  root.append(style, button);
  return true;
}

/**
 * Removes the first stage from `root` (the widget has drawn its own launcher, or decided not to
 * show); true when its button had the focus, which the widget's launcher then takes.
 */
export function takeOverFirstStage(root: ShadowRoot | null): boolean {
  const nodes = root ? [...root.querySelectorAll(`[${FIRST_STAGE_ATTRIBUTE}]`)] : [];
  const focused = nodes.some((node) => node === root?.activeElement);
  for (const node of nodes) node.remove();
  return focused;
}
