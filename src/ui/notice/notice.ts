import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { ParleyElement, hostStyles } from '../base.js';
import { controlStyles } from '../shared/controls.styles.js';
import { noticeStyles } from './notice.styles.js';

/** The kinds of notice: a welcome or other information, or "we are away". */
export const NOTICE_TONES = ['info', 'away'] as const;
export type NoticeTone = (typeof NOTICE_TONES)[number];

/**
 * @summary A card with a plain-text notice: the welcome message or the away message, at the top of
 * the conversation (in `<parley-message-list>`'s slot, scrolling with it). A status region, so
 * screen readers read it politely. Line breaks in the text are kept.
 * @tag parley-notice
 *
 * @slot - Under the text, e.g. a `<parley-lead-form>` asking an anonymous visitor for an email.
 *
 * @csspart notice - The card.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - The accent stripe of 'info' notices.
 * @cssprop [--parley-radius=12px] - Card corners.
 */
export class ParleyNotice extends ParleyElement {
  static override styles = [hostStyles, controlStyles, noticeStyles];

  /** The notice text (plain text). */
  @property() message = '';

  /** 'info' (welcome) or 'away'; anything else shows as 'info'. */
  @property({ reflect: true }) tone: NoticeTone = 'info';

  override render() {
    return html`<div class="card" part="notice" role="status">
      <p dir="auto">${typeof this.message === 'string' ? this.message : ''}</p>
      <slot></slot>
    </div>`;
  }
}

ParleyNotice.define('parley-notice');

declare global {
  interface HTMLElementTagNameMap {
    'parley-notice': ParleyNotice;
  }
}
