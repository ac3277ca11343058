/**
 * The app's primary colour on `<parley-chat>`: one constructed style sheet in the host's shadow
 * root setting `--parley-primary-color` and a readable `--parley-primary-text-color`. A page's
 * own `--parley-*` values on the element still win (they are set on the host itself).
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { themeCss } from '../ui/host-css.js';

export class ThemeController implements ReactiveController {
  private readonly _host: ReactiveElement;
  private readonly _sheet = new CSSStyleSheet();
  private _color: string | undefined = '';

  constructor(host: ReactiveElement) {
    this._host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this._host.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(this._sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this._sheet];
  }

  /** Themes the widget with `color` (any form the settings allow); none or invalid: the defaults. */
  set(color: string | undefined): void {
    if (color === this._color) return;
    this._color = color;
    this._sheet.replaceSync(themeCss(color));
  }
}
