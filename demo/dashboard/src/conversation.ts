/**
 * `<pd-conversation>`: one conversation as staff work it — its messages (drawn by the widget's
 * own `<parley-message-content>`, so a rich message looks the same to the agent as to the
 * visitor), a reply box, and resolve / reopen / assign to me. Reports `pd-reply` with the text
 * and `pd-action` with what was asked; the app does it and hands back the outcome.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { OPEN_CONVERSATION_STATUSES } from '../../../src/core/protocol-enums.js';
import type { Conversation, Message } from '../../../src/core/protocol.js';
import '../../../src/ui/content/message-content.js';
import { formatTime, nameIn, statusName, titleOf } from './names.js';
import { format, strings } from './strings.js';
import { formStyles } from './styles.js';

export type ConversationAction = 'resolve' | 'reopen' | 'assign';

export class PdConversation extends LitElement {
  static override styles = [
    formStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr auto;
        min-height: 0;
        height: 100%;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.6rem 1rem;
        border-bottom: 1px solid var(--pd-line);
      }
      h2 {
        font-size: 1.1rem;
        margin: 0;
      }
      .facts {
        color: var(--pd-muted);
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        margin-inline-start: auto;
      }
      .log {
        overflow-y: auto;
        min-height: 0;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0.75rem 1rem;
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
      }
      li {
        max-width: min(36rem, 90%);
      }
      li.staff {
        align-self: flex-end;
      }
      .who {
        font-size: 0.8rem;
        color: var(--pd-muted);
      }
      parley-message-content {
        display: block;
        padding: 0.5rem 0.7rem;
        border-radius: 10px;
        background: var(--pd-soft);
      }
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.5rem;
        padding: 0.6rem 1rem;
        border-top: 1px solid var(--pd-line);
      }
      form .error {
        grid-column: 1 / -1;
      }
      textarea {
        resize: vertical;
        min-height: 2.5rem;
      }
    `,
  ];

  @property({ attribute: false }) conversation?: Conversation;
  @property({ attribute: false }) messages: readonly Message[] = [];
  /** The signed-in staff member's id. */
  @property() me = '';
  @property({ type: Boolean }) sending = false;
  /** The last reply's or action's problem. */
  @property() error = '';

  @query('textarea') private box?: HTMLTextAreaElement | null;
  @query('.log') private list?: HTMLElement | null;

  /** Empties the reply box (after the reply was stored). */
  clearReply(): void {
    if (this.box) this.box.value = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    // New messages: show the newest (the list is a log the screen reader reads politely).
    if (changed.has('messages') && this.list) this.list.scrollTop = this.list.scrollHeight;
  }

  override render() {
    const c = this.conversation;
    if (!c) return nothing;
    const open = (OPEN_CONVERSATION_STATUSES as readonly number[]).includes(c.status);
    const assignee = c.assignee ? format(strings.assignedTo, { name: nameIn(c, c.assignee) }) : strings.unassigned;
    return html`<header>
        <h2>${titleOf(c)}</h2>
        <span class="facts">${statusName(c.status)} · ${assignee}</span>
        <div class="actions">
          ${
            open && c.assignee !== this.me
              ? html`<button type="button" class="quiet" @click=${() => this.#act('assign')}>${strings.assignToMe}</button>`
              : nothing
          }
          ${
            open
              ? html`<button type="button" @click=${() => this.#act('resolve')}>${strings.resolve}</button>`
              : html`<button type="button" @click=${() => this.#act('reopen')}>${strings.reopen}</button>`
          }
        </div>
      </header>
      <div class="log" role="log" aria-label=${strings.messagesLabel}>
      <ol>
        ${repeat(
          this.messages,
          (m) => m.key,
          (m) =>
            html`<li class=${m.fromUserName === c.members.find((u) => u.role === 'user')?.userId ? 'visitor' : 'staff'}>
              <div class="who">${nameIn(c, m.fromUserName)} · <time>${formatTime(m.createdAtTime)}</time></div>
              <parley-message-content .message=${m} server=${location.origin}></parley-message-content>
            </li>`,
        )}
      </ol>
      </div>
      <form @submit=${this.#submit}>
        <textarea
          name="reply"
          rows="2"
          aria-label=${strings.replyLabel}
          placeholder=${strings.replyPlaceholder}
          @keydown=${this.#keydown}
        ></textarea>
        <button type="submit" ?disabled=${this.sending}>${this.sending ? strings.sending : strings.send}</button>
        <p class="error" role="alert">${this.error}</p>
      </form>`;
  }

  #act(action: ConversationAction) {
    this.dispatchEvent(
      new CustomEvent<ConversationAction>('pd-action', { detail: action, bubbles: true, composed: true }),
    );
  }

  #keydown(e: KeyboardEvent) {
    // Enter sends, Shift+Enter starts a new line (as in the widget's composer).
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const text = this.box?.value.trim() ?? '';
    if (!text || this.sending) return;
    this.dispatchEvent(new CustomEvent<string>('pd-reply', { detail: text, bubbles: true, composed: true }));
  }
}

customElements.define('pd-conversation', PdConversation);
