/**
 * The visible part of the window (`window.visualViewport`) for an element that fills the screen:
 * on phones the on-screen keyboard covers the bottom of the layout viewport without resizing it
 * (iOS Safari), so a full-screen panel sized by `100dvh` would keep its composer under the
 * keyboard. `height` and `top` follow the visual viewport's `resize` and `scroll` events; the host
 * renders them as custom properties that only its phone layout reads (none while pinch-zoomed).
 *
 *   #viewport = new VisualViewportController(this);
 *   render: <div style=${styleMap(this.#viewport.properties)}>
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class VisualViewportController implements ReactiveController {
  /** The visible height in CSS pixels; undefined without `visualViewport`, before connecting or while zoomed. */
  height: number | undefined;
  /** How far the visible part is scrolled down from the layout viewport's top. */
  top = 0;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** `--_viewport-height` / `--_viewport-top` for a style map ({} until known). */
  get properties(): Record<string, string> {
    return this.height === undefined
      ? {}
      : { '--_viewport-height': `${this.height}px`, '--_viewport-top': `${this.top}px` };
  }

  hostConnected(): void {
    const viewport = window.visualViewport;
    if (!viewport) return;
    viewport.addEventListener('resize', this.#handleChange);
    viewport.addEventListener('scroll', this.#handleChange);
    this.#handleChange();
  }

  hostDisconnected(): void {
    const viewport = window.visualViewport;
    if (!viewport) return;
    viewport.removeEventListener('resize', this.#handleChange);
    viewport.removeEventListener('scroll', this.#handleChange);
  }

  readonly #handleChange = (): void => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    // Pinch-zoomed in, the visible part is a magnified piece of the page: the panel keeps its size.
    const zoomed = Math.abs(viewport.scale - 1) > 0.01;
    const height = zoomed ? undefined : Math.round(viewport.height * 100) / 100;
    const top = zoomed ? 0 : Math.max(0, Math.round(viewport.offsetTop * 100) / 100);
    if (height === this.height && top === this.top) return;
    this.height = height;
    this.top = top;
    this.#host.requestUpdate();
  };
}
