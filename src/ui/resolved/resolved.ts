import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, type Strings } from '../../core/locale.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyReopenEvent, ParleyStartConversationEvent } from '../events.js';
import { controlStyles } from '../shared/controls.styles.js';
import { checkIcon } from '../shared/icons.js';
import { resolvedStyles } from './resolved.styles.js';
import { stringsContext } from '../context.js';

/**
 * @summary The banner under a resolved conversation: "This conversation was resolved", then, with
 * several conversations, a button to start a new one (when allowed) or, in single-thread mode, a
 * hint that a message reopens it and a Reopen button.
 * @tag parley-resolved
 *
 * @event parley-start-conversation - The visitor asked for a new conversation (mode 'multiple').
 * @event parley-reopen - The visitor asked to reopen this conversation (mode 'single').
 *
 * @csspart resolved - The banner.
 * @csspart action-button - The Start or Reopen button.
 */
export class ParleyResolved extends ParleyElement {
  static override styles = [hostStyles, controlStyles, resolvedStyles];

  /** 'multiple' (a conversation list; default) or 'single' (`isSingleThreaded`). */
  @property({ reflect: true }) mode: 'single' | 'multiple' = 'multiple';

  /** In mode 'multiple': offer "Start a new conversation". */
  @property({ type: Boolean, attribute: 'can-start-new' }) canStartNew = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  private renderAction() {
    if (this.mode === 'single') {
      return html`<p class="hint">${this.strings.resolvedReopenHint}</p>
        <button class="btn secondary" part="action-button" type="button" @click=${this.handleReopen}>
          ${this.strings.reopen}
        </button>`;
    }
    if (!this.canStartNew) return nothing;
    return html`<button class="btn" part="action-button" type="button" @click=${this.handleStart}>
      ${this.strings.conversationStart}
    </button>`;
  }

  override render() {
    return html`<div class="card" part="resolved">
      <p class="text" role="status">${checkIcon}<span>${this.strings.resolved}</span></p>
      ${this.renderAction()}
    </div>`;
  }

  private handleStart(): void {
    this.emit(new ParleyStartConversationEvent());
  }

  private handleReopen(): void {
    this.emit(new ParleyReopenEvent());
  }
}

ParleyResolved.define('parley-resolved');

declare global {
  interface HTMLElementTagNameMap {
    'parley-resolved': ParleyResolved;
  }
}
