import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import type { Message } from '../../core/protocol.js';

/**
 * STUB (to be replaced by the rich-content work): renders a message's content.
 * Contract: `<parley-message-content .message=${m} .strings=${strings} .server=${url} ?answered=${b}>`;
 * actions are reported as bubbling, composed `parley-reply` events with `detail: {message, metadata}`.
 */
export class ParleyMessageContent extends LitElement {
  static override styles = css`
    :host { display: block; white-space: pre-wrap; overflow-wrap: anywhere; }
  `;

  @property({ attribute: false }) message?: Message;

  override render() {
    return html`${this.message?.message ?? ''}`;
  }
}

if (!customElements.get('parley-message-content')) {
  customElements.define('parley-message-content', ParleyMessageContent);
}
