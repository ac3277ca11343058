import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, formatTime, isoTime, type Strings } from '../../core/locale.js';
import { toLocalMessage, type DeliveryState, type LocalMessage } from '../../core/messages.js';
import { ERROR_CODES, type Message, type UserSummary } from '../../core/protocol.js';
import { CLIENT_ERROR_CODES } from '../../core/errors.js';
import { safeUrl } from '../../core/url.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyDiscardEvent, ParleyRetryEvent } from '../events.js';
import '../content/message-content.js';
import { messageStyles } from './message.styles.js';
import { localeContext, stringsContext } from '../context.js';

/** A message as the list shows it: stored, or the visitor's own while it is being sent. */
export type ListMessage = Message | LocalMessage;

/** What a stored message of the visitor's says under it: sent, delivered, read. */
const STATUS_TEXT: Partial<Record<DeliveryState, 'deliverySent' | 'deliveryDelivered' | 'deliveryRead'>> = {
  delivered: 'deliveryDelivered',
  read: 'deliveryRead',
};

/** The delivery state of a message; stored messages without one follow their `status`. */
export function deliveryOf(message: ListMessage): DeliveryState {
  return toLocalMessage(message).deliveryState;
}

/** Up to two initials of a name ("Poised Salmon" → "PS"); '?' for none. */
export function initials(name: string): string {
  const words = (typeof name === 'string' ? name : '').trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word)[0] ?? '') : '');
  return (letter(first) + letter(last)).toLocaleUpperCase();
}

/**
 * @summary One chat message: the sender's avatar and name (first of a group), the bubble with
 * its content, the time (last of a group) and, for the visitor's own messages, the delivery
 * state with Retry and Delete when sending failed.
 * @tag parley-message
 *
 * @event parley-retry - `{key}`: send this failed message again.
 * @event parley-discard - `{key}`: delete this failed message.
 * @event parley-reply - (from the content) `{message, metadata}`: a reply was picked
 *   (`{message, url}`: a link button was clicked).
 *
 * @csspart message - The bubble.
 * @csspart avatar - The sender's picture or initials.
 * @csspart name - The sender's name.
 * @csspart meta - The line with time and delivery state.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - The visitor's bubbles.
 * @cssprop [--parley-primary-text-color=#ffffff] - Text in the visitor's bubbles.
 * @cssprop [--parley-radius=12px] - Bubble corners.
 */
export class ParleyMessage extends ParleyElement {
  static override styles = [hostStyles, messageStyles];

  @property({ attribute: false }) message?: ListMessage;

  /** Who sent it (agents and bots: name and avatar). */
  @property({ attribute: false }) sender?: UserSummary;

  /** The visitor's own message. */
  @property({ type: Boolean, reflect: true }) self = false;

  /** First of a group of consecutive messages from one sender: shows avatar and name. */
  @property({ type: Boolean, reflect: true }) first = true;

  /** Last of a group: shows the time. */
  @property({ type: Boolean, reflect: true }) last = true;

  /** Show "Sent"/"Read" (the visitor's latest message); "Sending…"/"Not sent" always show. */
  @property({ type: Boolean, attribute: 'show-status' }) showStatus = false;

  /** The visitor has answered after this message (suggested replies may hide). */
  @property({ type: Boolean }) answered = false;

  /** The delivery state, for styling (`:host([delivery=failed])`). */
  @property({ reflect: true }) delivery: DeliveryState = 'sent';

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** BCP 47 tag for times; the browser's when empty. */
  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @state() private avatarFailed = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('message') && this.message) this.delivery = deliveryOf(this.message);
    if (changed.has('sender')) this.avatarFailed = false;
  }

  private get senderName(): string {
    return this.sender?.userName || this.message?.fromUserName || '';
  }

  private renderAvatar() {
    const src = this.avatarFailed ? undefined : safeUrl(this.sender?.imageLink, { kind: 'image' });
    if (src) {
      return html`<img class="avatar" part="avatar" src=${src} alt="" @error=${this.handleAvatarError} />`;
    }
    return html`<span class="avatar" part="avatar" aria-hidden="true">${initials(this.senderName)}</span>`;
  }

  private renderStatus() {
    if (!this.self) return nothing;
    switch (this.delivery) {
      case 'sending': {
        const inTab = (this.message as LocalMessage | undefined)?.fileInTab;
        return html`<span class="status">${inTab ? this.strings.deliveryFileInTab : this.strings.deliverySending}</span>`;
      }
      case 'failed': {
        // Blocked by staff, or a file lost with a closed tab: saying so, with nothing to retry.
        const code = (this.message as LocalMessage | undefined)?.errorCode;
        const final =
          code === ERROR_CODES.blocked
            ? 'deliveryBlocked'
            : code === CLIENT_ERROR_CODES.fileLost
              ? 'deliveryFileLost'
              : undefined;
        return html`<span class="status failed">${this.strings[final ?? 'deliveryFailed']}</span>
          ${final ? nothing : html`<button class="action" type="button" @click=${this.handleRetry}>${this.strings.retry}</button>`}
          <button class="action" type="button" @click=${this.handleDiscard}>${this.strings.discard}</button>`;
      }
      default:
        return this.showStatus
          ? html`<span class="status">${this.strings[STATUS_TEXT[this.delivery] ?? 'deliverySent']}</span>`
          : nothing;
    }
  }

  override render() {
    const m = this.message;
    if (!m) return nothing;
    const status = this.renderStatus();
    const showTime = this.last || this.delivery === 'failed';
    const time = showTime ? formatTime(m.createdAtTime, this.locale || undefined) : '';
    const showName = !this.self && this.first;
    return html`<div class="row">
      ${this.self ? nothing : html`<div class="avatar-space">${this.first ? this.renderAvatar() : nothing}</div>`}
      <div class="stack">
        ${showName ? html`<span class="name" part="name"><bdi>${this.senderName}</bdi></span>` : html`<span class="sr-only">${this.self ? this.strings.you : this.senderName}</span>`}
        <div class="bubble" part="message">
          <parley-message-content
            .message=${m}
            ?answered=${this.answered}
          ></parley-message-content>
        </div>
        ${
          time || status !== nothing
            ? html`<div class="meta" part="meta">
              ${time ? html`<time datetime=${isoTime(m.createdAtTime)}>${time}</time>` : nothing} ${status}
            </div>`
            : nothing
        }
      </div>
    </div>`;
  }

  private handleAvatarError(): void {
    this.avatarFailed = true;
  }

  private handleRetry(): void {
    if (this.message) this.emit(new ParleyRetryEvent({ key: this.message.key }));
  }

  private handleDiscard(): void {
    if (this.message) this.emit(new ParleyDiscardEvent({ key: this.message.key }));
  }
}

ParleyMessage.define('parley-message');

declare global {
  interface HTMLElementTagNameMap {
    'parley-message': ParleyMessage;
  }
}
