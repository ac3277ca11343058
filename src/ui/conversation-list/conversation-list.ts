import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { en, format, formatTime, isoTime, type Strings } from '../../core/locale.js';
import { noticeText } from '../../core/notices.js';
import {
  CONTENT_TYPES,
  CONVERSATION_STATUS,
  MESSAGE_TYPE,
  type Conversation,
  type Message,
  type UserSummary,
} from '../../core/protocol.js';
import { safeUrl } from '../../core/url.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyOpenConversationEvent, ParleyStartConversationEvent } from '../events.js';
import { initials } from '../message/message.js';
import { isolated } from '../bidi.js';
import { controlStyles } from '../shared/controls.styles.js';
import { conversationListStyles } from './conversation-list.styles.js';
import { localeContext, stringsContext } from '../context.js';

const MAX_PREVIEW = 200;

function isRich(message: Message): boolean {
  const metadata = message.metadata ?? {};
  return typeof metadata.templateId === 'string' || metadata.contentType === '300';
}

function summary(
  message: Message,
  strings: Strings,
  nameOf: (userId: string) => string | undefined,
  mark: (text: string) => string,
): string {
  const notice = message.contentType === CONTENT_TYPES.notification;
  const raw = notice ? noticeText(message, strings, nameOf) : message.message;
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim().slice(0, MAX_PREVIEW) : '';
  switch (message.contentType) {
    case CONTENT_TYPES.text:
    case CONTENT_TYPES.hyperlink:
    case CONTENT_TYPES.notification:
      return (text && (notice ? text : mark(text))) || (isRich(message) ? strings.previewMessage : '');
    case CONTENT_TYPES.location:
      return strings.contentLocation;
    case CONTENT_TYPES.imageLink:
      return strings.contentImage;
    case CONTENT_TYPES.attachment:
    case CONTENT_TYPES.audio:
    case CONTENT_TYPES.video:
      return message.fileMeta?.contentType?.startsWith('image/') ? strings.contentImage : strings.previewAttachment;
    default:
      return strings.previewMessage;
  }
}

/**
 * The one-line preview of a conversation's last message, as plain text: its text (whitespace
 * collapsed, at most 200 characters), or a label for content that is not text ("Attachment",
 * "Image", "Location", "Message"), prefixed "You: " when the visitor sent it. '' for none.
 * `mark` wraps the message's own text (names in a notice come through `nameOf`): `isolated`'s.
 */
export function previewOf(
  message: Message | undefined,
  strings: Strings = en,
  selfId = '',
  nameOf: (userId: string) => string | undefined = () => undefined,
  mark: (text: string) => string = (text) => text,
): string {
  if (!message || typeof message !== 'object') return '';
  const text = summary(message, strings, nameOf, mark);
  const own = message.type === MESSAGE_TYPE.fromVisitor || (selfId !== '' && message.fromUserName === selfId);
  return own && text ? format(strings.previewYou, { text }) : text;
}

/** When a conversation last moved: its last message, else its update time. */
function activity(conversation: Conversation): number {
  const time = conversation.lastMessage?.createdAtTime ?? conversation.updatedAtTime;
  return typeof time === 'number' && Number.isFinite(time) ? time : 0;
}

/**
 * @summary The visitor's conversations, most recent first: title, last message, time, unread
 * count and a "Resolved" tag; each is a button that opens it. Arrow keys, Home and End move
 * between them. An optional "Start a new conversation" button sits below the list.
 * @tag parley-conversation-list
 *
 * @event parley-open-conversation - `{groupId}`: the visitor picked a conversation.
 * @event parley-start-conversation - The visitor asked for a new conversation.
 *
 * @csspart conversation - One conversation's button.
 * @csspart avatar - The assignee's picture or initials.
 * @csspart badge - The unread count.
 * @csspart start-button - The "Start a new conversation" button.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - The unread badge and the start button.
 */
export class ParleyConversationList extends ParleyElement {
  static override styles = [hostStyles, controlStyles, conversationListStyles];

  /** The conversations, in any order: the list shows the most recently active first. */
  @property({ attribute: false }) conversations: readonly Conversation[] = [];

  /** People by userId (names and pictures of assignees). */
  @property({ attribute: false }) users: ReadonlyMap<string, UserSummary> = new Map();

  /** The visitor's userId: their own last messages read "You: …". */
  @property({ attribute: 'self-id' }) selfId = '';

  /** Offer "Start a new conversation". */
  @property({ type: Boolean, attribute: 'can-start-new' }) canStartNew = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** BCP 47 tag for times; the browser's when empty. */
  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  /** The clock for relative dates ("today" shows only the time); `Date.now()` when undefined. */
  @property({ attribute: false }) now?: number;

  #nameOf = (userId: string): string | undefined =>
    (typeof this.users?.get === 'function' ? this.users.get(userId)?.userName : undefined) || undefined;

  private assigneeOf(conversation: Conversation): UserSummary | undefined {
    const members = Array.isArray(conversation.members) ? conversation.members : [];
    const id = conversation.assignee ?? members.find((m) => m.role !== 'user')?.userId;
    if (!id) return undefined;
    const known = typeof this.users?.get === 'function' ? this.users.get(id) : undefined;
    return known ?? members.find((m) => m.userId === id);
  }

  /** The preview with its text and the names in it isolated. */
  private renderPreview(message: Message | undefined) {
    return isolated((mark) =>
      previewOf(message, this.strings, this.selfId, (id) => mark(this.#nameOf(id) ?? ''), mark),
    );
  }

  private renderItem(conversation: Conversation) {
    const s = this.strings;
    const assignee = this.assigneeOf(conversation);
    const title =
      (typeof conversation.groupName === 'string' && conversation.groupName.trim()) ||
      assignee?.userName ||
      s.conversationUntitled;
    const time = activity(conversation);
    const unread = Math.floor(Number(conversation.unreadCount));
    const count = Number.isFinite(unread) && unread > 0 ? unread : 0;
    const resolved = conversation.status === CONVERSATION_STATUS.resolved;
    const src = safeUrl(assignee?.imageLink, { kind: 'image' });
    const classes = `item${resolved ? ' resolved' : ''}${count ? ' unread' : ''}`;
    return html`<li>
      <button
        class=${classes}
        part="conversation"
        type="button"
        @click=${() => this.emit(new ParleyOpenConversationEvent({ groupId: conversation.groupId }))}
      >
        <span class="picture" part="avatar" aria-hidden="true">
          <span class="avatar">${initials(assignee?.userName || title)}</span>
          ${src ? html`<img class="avatar" src=${src} alt="" @error=${this.handleImageError} @load=${this.handleImageLoad} />` : nothing}
        </span>
        <span class="main">
          <span class="row">
            <span class="title"><bdi>${title}</bdi></span>
            ${time ? html`<time datetime=${isoTime(time)}>${formatTime(time, this.locale || undefined, this.now ?? Date.now())}</time>` : nothing}
          </span>
          <span class="row">
            <span class="preview">${this.renderPreview(conversation.lastMessage)}</span>
            ${resolved ? html`<span class="tag">${s.conversationResolved}</span>` : nothing}
            ${
              count
                ? html`<span class="badge" part="badge" aria-hidden="true">${count > 99 ? '99+' : count}</span>
                  <span class="sr-only">${format(s.conversationUnread, { count }, this.locale)}</span>`
                : nothing
            }
          </span>
        </span>
      </button>
    </li>`;
  }

  override render() {
    const list = (Array.isArray(this.conversations) ? this.conversations : [])
      .filter((c) => c && typeof c.groupId === 'string')
      .sort((a, b) => activity(b) - activity(a));
    return html`<div class="scroller">
        ${
          list.length
            ? html`<ul aria-label=${this.strings.conversationsLabel} @keydown=${this.handleKeydown}>
              ${repeat(
                list,
                (c) => c.groupId,
                (c) => this.renderItem(c),
              )}
            </ul>`
            : html`<p class="empty">${this.strings.conversationsEmpty}</p>`
        }
      </div>
      ${
        this.canStartNew
          ? html`<div class="footer">
            <button class="btn" part="start-button" type="button" @click=${this.handleStart}>
              ${this.strings.conversationStart}
            </button>
          </div>`
          : nothing
      }`;
  }

  private handleStart(): void {
    this.emit(new ParleyStartConversationEvent());
  }

  private handleImageError(event: Event): void {
    (event.target as HTMLImageElement).hidden = true;
  }

  private handleImageLoad(event: Event): void {
    (event.target as HTMLImageElement).hidden = false;
  }

  private handleKeydown(event: KeyboardEvent): void {
    const buttons = Array.from(this.renderRoot.querySelectorAll<HTMLButtonElement>('button.item'));
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(current + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(current - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    buttons[next]?.focus();
  }
}

ParleyConversationList.define('parley-conversation-list');

declare global {
  interface HTMLElementTagNameMap {
    'parley-conversation-list': ParleyConversationList;
  }
}
