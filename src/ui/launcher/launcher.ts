import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { launcherIconIndex } from '../../core/launcher.js';
import { format } from '../../core/locale-format.js';
import { enLauncher, type LauncherStrings } from '../../core/locale-front.js';
import { safeUrl } from '../../core/url.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyToggleEvent } from '../events.js';
import { closeIcon, launcherIcons } from '../icons.js';
import { launcherStyles } from './launcher.styles.js';

/**
 * @summary The round button in the page corner that opens and closes the chat.
 * @tag parley-launcher
 *
 * @event parley-toggle - The visitor clicked the launcher.
 *
 * @csspart launcher - The button.
 * @csspart badge - The unread count.
 * @csspart icon - The icon or image inside the button.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - Button background.
 * @cssprop [--parley-primary-text-color=#ffffff] - Icon colour.
 * @cssprop [--parley-launcher-size=56px] - Diameter of the button.
 * @cssprop [--parley-transition-duration=200ms] - Hover animation length.
 */
export class ParleyLauncher extends ParleyElement {
  static override styles = [hostStyles, launcherStyles];
  /** `focus()` on the element focuses its button (the top element returns focus here on close). */
  static override shadowRootOptions: ShadowRootInit = { ...ParleyElement.shadowRootOptions, delegatesFocus: true };

  /** Whether the panel is open: the button then offers to close it. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Unread messages; a badge shows when above 0. */
  @property({ type: Number }) unread = 0;

  /** Built-in icon, 0..2 (the settings' `iconIndex`). Anything else gives icon 0. */
  @property({ type: Number }) icon = 0;

  /** An http(s) image URL used instead of the built-in icon (the settings' `widgetImageLink`). */
  @property() image = '';

  @property({ attribute: false }) strings: LauncherStrings = enLauncher;

  /** The language for the unread count (a BCP 47 tag; '' is English). */
  @property() locale = '';

  @state() private imageFailed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('image')) this.imageFailed = false;
  }

  private get unreadCount(): number {
    const n = Math.floor(Number(this.unread));
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  private get label(): string {
    const label = this.open ? this.strings.launcherClose : this.strings.launcherOpen;
    const count = this.unreadCount;
    if (count === 0) return label;
    const unread = format(this.strings.launcherUnread, { count }, this.locale);
    return format(this.strings.launcherLabelWithUnread, { label, unread });
  }

  private renderIcon() {
    if (this.open) return html`<span class="icon" part="icon">${closeIcon}</span>`;
    const src = this.imageFailed ? undefined : safeUrl(this.image, { kind: 'image' });
    if (src) {
      return html`<img class="image" part="icon" src=${src} alt="" @error=${this.handleImageError} />`;
    }
    return html`<span class="icon" part="icon">${launcherIcons[launcherIconIndex(this.icon)]}</span>`;
  }

  override render() {
    const count = this.unreadCount;
    return html`<button
      part="launcher"
      type="button"
      aria-label=${this.label}
      aria-expanded=${this.open ? 'true' : 'false'}
      @click=${this.handleClick}
    >
      ${this.renderIcon()}
      ${count > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${count > 99 ? '99+' : count}</span>` : nothing}
    </button>`;
  }

  private handleClick(): void {
    this.emit(new ParleyToggleEvent());
  }

  private handleImageError(): void {
    this.imageFailed = true;
  }
}

ParleyLauncher.define('parley-launcher');

declare global {
  interface HTMLElementTagNameMap {
    'parley-launcher': ParleyLauncher;
  }
}
