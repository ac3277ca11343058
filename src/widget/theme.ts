/**
 * The app's colours on `<parley-chat>`: one constructed style sheet in the host's shadow root
 * setting `--parley-primary-color` and a readable `--parley-primary-text-color` (`host-css.ts`),
 * the colour scheme from the `theme` setting and the primary colour made legible on each scheme's
 * surfaces (`palette.ts`). A page's own `--parley-*` values on the element still win (they are set
 * on the host itself).
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ChatWidgetSettings } from '../core/protocol.js';
import { themeCss } from '../ui/host-css.js';
import { themeSchemeCss } from '../ui/palette.js';

export class ThemeController implements ReactiveController {
  private readonly _host: ReactiveElement;
  private readonly _sheet = new CSSStyleSheet();
  private _key = '';

  constructor(host: ReactiveElement) {
    this._host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this._host.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(this._sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this._sheet];
  }

  /**
   * Themes the widget with `primaryColor` (any form the settings allow; none or invalid: the
   * defaults) and `theme` ('auto': as the visitor's system prefers).
   */
  set({ primaryColor, theme }: Pick<ChatWidgetSettings, 'primaryColor' | 'theme'>): void {
    const key = `${primaryColor} ${theme}`;
    if (key === this._key) return;
    this._key = key;
    this._sheet.replaceSync(themeCss(primaryColor) + themeSchemeCss(primaryColor, theme));
  }
}
