/**
 * `<pd-conversation>`: one conversation as staff work it — its messages (drawn by the widget's
 * own `<parley-message-content>`, so a rich message looks the same to the agent as to the
 * visitor) with "Sent" / "Delivered" / "Seen" on the staff's, who is typing, the reply box, and the actions:
 * assign (to oneself, or to a teammate with `assign-others`), take over from the bot, resolve,
 * reopen, mark as spam, tag (`<pd-tag-picker>`). Reports `pd-reply`, `pd-typing` (from the reply box) and `pd-action`.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { CONVERSATION_STATUS, MESSAGE_STATUS, OPEN_CONVERSATION_STATUSES } from '../../../src/core/protocol-enums.js';
import type { Conversation, Message } from '../../../src/core/protocol.js';
import type { QuickReply, Tag, Teammate } from '../../../src/core/staff-protocol.js';
import '../../../src/ui/content/message-content.js';
import { stringsContext } from '../../../src/ui/context.js';
import { tagsOf } from './inbox-state.js';
import { formatTime, nameIn, statusName, titleOf, visitorOf } from './names.js';
import './reply-box.js';
import './tag-picker.js';
import { tagChips, tagStyles } from './tag-chips.js';
import type { PdReplyBox } from './reply-box.js';
import { format, lang, strings, widgetStrings } from './strings.js';
import { pluralForm } from './language.js';
import { isolated, textDirection } from './bidi.js';
import { conversationStyles, formStyles } from './styles.js';
import type { ConversationAction } from './conversation-actions.js';

export class PdConversation extends LitElement {
  static override styles = [formStyles, conversationStyles, tagStyles];

  constructor() {
    super();
    // The widget's elements inside (a message's form, file card, buttons) speak the app's language.
    new ContextProvider(this, { context: stringsContext, initialValue: widgetStrings });
  }

  @property({ attribute: false }) conversation?: Conversation;
  @property({ attribute: false }) messages: readonly Message[] = [];
  /** The signed-in staff member's id. */
  @property() me = '';
  @property({ attribute: false }) team: readonly Teammate[] = [];
  @property({ attribute: false }) quickReplies: readonly QuickReply[] = [];
  /** The app's tags (the picker offers them), and whether they may tag conversations. */
  @property({ attribute: false }) tags: readonly Tag[] = [];
  @property({ type: Boolean, attribute: 'may-tag' }) mayTag = false;
  /** Who is typing now (user ids). */
  @property({ attribute: false }) typing: readonly string[] = [];
  /** The highest message id each member has read, and has received (from live markers). */
  @property({ attribute: false }) readBy: ReadonlyMap<string, number> = new Map();
  @property({ attribute: false }) deliveredBy: ReadonlyMap<string, number> = new Map();
  /** They may assign to somebody else (a teammate list), not only to themselves. */
  @property({ type: Boolean, attribute: 'assign-others' }) assignOthers = false;
  @property({ type: Boolean }) sending = false;
  /** The last reply's or action's problem. */
  @property() error = '';
  /** What the last action did (a transcript sent). */
  @property() notice = '';

  @query('pd-reply-box') private box?: PdReplyBox | null;
  @query('.log') private log?: HTMLElement | null;

  /** Empties the reply box (after the reply was stored). */
  clearReply(): void {
    this.box?.clear();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // New messages: show the newest (the list is a log the screen reader reads politely).
    if (changed.has('messages') && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  override render() {
    const c = this.conversation;
    if (!c) return nothing;
    const visitor = visitorOf(c)?.userId;
    const seenUpTo = visitor ? (this.readBy.get(visitor) ?? 0) : 0;
    const deliveredUpTo = visitor ? Math.max(this.deliveredBy.get(visitor) ?? 0, seenUpTo) : 0;
    const typing = this.typing.map((id) => nameIn(c, id));
    return html`${this.#header(c)}
      <div class="log" role="log" tabindex="0" aria-label=${strings.messagesLabel}>
        <ol>
          ${repeat(
            this.messages,
            (m) => m.key,
            (m) => this.#message(c, m, visitor, seenUpTo, deliveredUpTo),
          )}
        </ol>
      </div>
      <p class="typing" aria-live="polite">
        ${
          typing.length === 0
            ? ''
            : isolated(pluralForm(strings.typing, typing.length, lang), { names: typing.join(strings.listSeparator) })
        }
      </p>
      <p class="error" role="alert">${this.error}</p>
      <p class="notice" role="status">${this.notice}</p>
      <pd-reply-box .quickReplies=${this.quickReplies} ?sending=${this.sending}></pd-reply-box>`;
  }

  #header(c: Conversation) {
    const open = (OPEN_CONVERSATION_STATUSES as readonly number[]).includes(c.status);
    const assignee = c.assignee ? isolated(strings.assignedTo, { name: nameIn(c, c.assignee) }) : strings.unassigned;
    const bot = c.members.find((m) => m.userId === c.assignee)?.role === 'bot';
    const choices = this.team.filter((t) => !t.deactivated && t.role !== 'bot');
    return html`<header>
      <h2><bdi>${titleOf(c)}</bdi></h2>
      <span class="facts">${statusName(c.status)} · ${assignee}</span>
      ${this.mayTag ? html`<pd-tag-picker .tags=${this.tags} .chosen=${tagsOf(c)}></pd-tag-picker>` : tagChips(tagsOf(c))}
      <div class="actions">
        ${
          open && this.assignOthers && choices.length > 0
            ? html`<label class="assignee"
              >${strings.assigneeLabel}
              <select @change=${this.#assign}>
                <option value="" ?selected=${!c.assignee}>${strings.assigneeNobody}</option>
                ${choices.map(
                  (t) => html`<option value=${t.userId} ?selected=${t.userId === c.assignee}>${t.userName}</option>`,
                )}
              </select></label
            >`
            : nothing
        }
        ${open && bot ? html`<button type="button" class="quiet" @click=${() => this.#act('takeOver')}>${strings.takeOver}</button>` : nothing}
        ${
          open && !bot && c.assignee !== this.me
            ? html`<button type="button" class="quiet" @click=${() => this.#act({ assign: this.me })}>${strings.assignToMe}</button>`
            : nothing
        }
        <button type="button" class="quiet" @click=${() => this.#act({ transcript: 'visitor' })}>${strings.sendTranscript}</button>
        ${
          c.status !== CONVERSATION_STATUS.spam
            ? html`<button type="button" class="quiet" @click=${() => this.#act('spam')}>${strings.spam}</button>`
            : nothing
        }
        ${
          open
            ? html`<button type="button" @click=${() => this.#act('resolve')}>${strings.resolve}</button>`
            : html`<button type="button" @click=${() => this.#act('reopen')}>${strings.reopen}</button>`
        }
      </div>
    </header>`;
  }

  #message(c: Conversation, m: Message, visitor: string | undefined, seenUpTo: number, deliveredUpTo: number) {
    const fromVisitor = m.fromUserName === visitor;
    const mine = m.fromUserName === this.me;
    const seen = m.status === MESSAGE_STATUS.read || m.id <= seenUpTo;
    const delivered = m.status === MESSAGE_STATUS.delivered || m.id <= deliveredUpTo;
    const delivery = seen ? strings.deliverySeen : delivered ? strings.deliveryDelivered : strings.deliverySent;
    return html`<li class=${fromVisitor ? 'visitor' : 'staff'}>
      <div class="who">
        <bdi>${mine ? strings.you : nameIn(c, m.fromUserName)}</bdi> · <time>${formatTime(m.createdAtTime)}</time>
        ${mine ? html`· <span class="delivery">${delivery}</span>` : nothing}
        ${m.source === undefined ? nothing : html`· <span class="source">${format(strings.messageSource, { source: m.source })}</span>`}
      </div>
      <parley-message-content
        .message=${m}
        server=${location.origin}
        ?answered=${true}
        dir=${ifDefined(textDirection(m.message ?? ''))}
      ></parley-message-content>
    </li>`;
  }

  #assign(e: Event) {
    const to = (e.target as HTMLSelectElement).value;
    if (to) this.#act({ assign: to });
  }

  #act(action: ConversationAction) {
    this.dispatchEvent(
      new CustomEvent<ConversationAction>('pd-action', { detail: action, bubbles: true, composed: true }),
    );
  }
}

customElements.define('pd-conversation', PdConversation);
