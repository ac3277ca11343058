import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyCloseEvent } from '../events.js';
import { closeIcon } from '../icons.js';
import { panelStyles } from './panel.styles.js';
import { stringsContext } from '../context.js';
import { VisualViewportController } from './visual-viewport.js';

/** The connection states the panel shows a banner for. */
/** `refused`: the server would not start a chat for this visitor (identity not verified). */
export const CONNECTION_STATES = [
  'idle',
  'connecting',
  'connected',
  'reconnecting',
  'offline',
  'failed',
  'refused',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/**
 * @summary The chat window: header with title and close button, a connection banner, and slots
 * for the conversation and the composer. The title wraps, never cut; with something in
 * `header-start` (the agent's badge) that goes on the first row and the titles under it. A non-modal dialog; full screen on phones (< 480px),
 * inside the notch's and home indicator's safe areas (`env(safe-area-inset-*)`, with the page's
 * `viewport-fit=cover`) and above the on-screen keyboard (it follows `window.visualViewport`).
 * @tag parley-panel
 *
 * @slot - The body, e.g. `<parley-message-list>`; it fills the space between header and footer.
 * @slot footer - Below the body, e.g. `<parley-composer>`.
 * @slot header-start - On the header's first row, above the title: e.g. the assignee's badge.
 * @slot header - Under the title and subtitle.
 * @slot header-end - Before the close button, e.g. a menu.
 *
 * @event parley-close - The visitor clicked the close button or pressed Escape inside the panel.
 *
 * @csspart panel - The dialog box.
 * @csspart header - The coloured header.
 * @csspart close-button - The header's close button.
 * @csspart banner - The connection banner.
 * @csspart body - The wrapper of the default slot.
 * @csspart footer - The wrapper of the footer slot.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - Header background.
 * @cssprop [--parley-primary-text-color=#ffffff] - Header text.
 * @cssprop [--parley-panel-width=380px] - Width (phones: the screen).
 * @cssprop [--parley-panel-height=min(640px, calc(100vh - 120px))] - Height (phones: the screen).
 * @cssprop [--parley-radius=12px] - Corner radius.
 * @cssprop [--parley-z-index=2147483000] - Stacking order when full screen.
 * @cssprop [--parley-transition-duration=200ms] - Open/close animation length.
 */
export class ParleyPanel extends ParleyElement {
  static override styles = [hostStyles, panelStyles];

  /** Shown and operable when true; hidden (also from assistive technology) when false. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The header title and the dialog's accessible name; `strings.headerTitle` when empty. */
  @property({ attribute: false }) override title = '';

  @property() subtitle = '';

  /** The realtime connection: a banner says so while it is not 'connected' (or 'idle'). */
  @property({ reflect: true }) connection: ConnectionState = 'idle';

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** Something is in the header-start slot (the agent's badge): the header takes two rows. */
  @state() private started = false;

  readonly #viewport = new VisualViewportController(this);

  override connectedCallback(): void {
    // A `title` set before this element was defined (it loads as a chunk) went through the native
    // setter to the `title` attribute: take it over as the heading, and drop the tooltip.
    if (this.hasAttribute('title')) {
      this.title = this.getAttribute('title') ?? '';
      this.removeAttribute('title');
    }
    super.connectedCallback();
  }

  private get heading(): string {
    return typeof this.title === 'string' && this.title.trim() ? this.title : this.strings.headerTitle;
  }

  private get bannerText(): string {
    switch (this.connection) {
      case 'connecting':
        return this.strings.connectionConnecting;
      case 'reconnecting':
        return this.strings.connectionReconnecting;
      case 'offline':
        return this.strings.connectionOffline;
      case 'failed':
        return this.strings.connectionFailed;
      case 'refused':
        return this.strings.connectionRefused;
      default:
        return '';
    }
  }

  override render() {
    const heading = this.heading;
    const banner = this.bannerText;
    return html`<div
      part="panel"
      class="panel"
      role="dialog"
      aria-label=${heading}
      style=${styleMap(this.#viewport.properties)}
      @keydown=${this.handleKeydown}
    >
      <header part="header" class=${this.started ? 'start' : ''}>
        <slot name="header-start" @slotchange=${this.handleStartChange}></slot>
        <div class="titles">
          <h2><bdi>${heading}</bdi></h2>
          ${this.subtitle ? html`<p class="subtitle">${this.subtitle}</p>` : nothing}
          <slot name="header"></slot>
        </div>
        <slot name="header-end"></slot>
        <button
          part="close-button"
          class="close"
          type="button"
          aria-label=${this.strings.panelClose}
          @click=${this.handleCloseClick}
        >
          ${closeIcon}
        </button>
      </header>
      <div part="banner" class=${banner ? 'banner shown' : 'banner'} role="status">${banner}</div>
      <div part="body" class="body"><slot></slot></div>
      <div part="footer" class="footer"><slot name="footer"></slot></div>
    </div>`;
  }

  private handleStartChange(event: Event): void {
    this.started = (event.target as HTMLSlotElement).assignedElements().length > 0;
  }

  private handleCloseClick(): void {
    this.emit(new ParleyCloseEvent());
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing || !this.open) return;
    event.preventDefault();
    this.emit(new ParleyCloseEvent());
  }
}

ParleyPanel.define('parley-panel');

declare global {
  interface HTMLElementTagNameMap {
    'parley-panel': ParleyPanel;
  }
}
