import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { en, format, type Strings } from '../../core/locale.js';
import { noticeText } from '../../core/notices.js';
import { CONTENT_TYPES, type UserSummary } from '../../core/protocol.js';
import { ParleyElement, hostStyles } from '../base.js';
import type { ListMessage } from '../message/message.js';
import '../message/message.js';
import { ListLayout, isOwn, type ListItem } from './groups.js';
import { typingLine } from './typing.js';
import { messageListStyles } from './message-list.styles.js';
import { localeContext, stringsContext } from '../context.js';
import { downIcon } from '../shared/icons.js';
import { ParleyLoadOlderEvent } from '../events.js';
import { ListWindow } from './window.js';
import { isolated } from '../bidi.js';

/** How close to the end still counts as "at the bottom" (px). */
const BOTTOM_SLACK = 24;
/** Live-region entries kept (older ones were read out already). */
const MAX_ANNOUNCEMENTS = 3;
/** Longest message text read out in an announcement. */
const MAX_ANNOUNCED_TEXT = 160;

interface Announcement {
  id: string;
  /** The sentence, its name and text isolated (`isolated`). */
  text: Array<string | TemplateResult>;
}

/**
 * @summary The conversation: messages grouped by sender, system notices, a typing indicator, and
 * a polite announcement of each genuinely new incoming message for screen-reader users. Stays
 * scrolled to the end as messages arrive while the visitor is at the end; while they read above,
 * a "jump to the latest message" button says how many arrived meanwhile. Only a window of a long
 * conversation is in the DOM (`window.ts`); it grows where the visitor scrolls or tabs, and at the
 * top of what is held it asks for older history.
 * @tag parley-message-list
 *
 * @slot - Above the first message, scrolling with the conversation: e.g. the welcome or away
 * notice. Shown while the window holds the first item.
 *
 * @event parley-retry - (from a message) `{key}`: send this failed message again.
 * @event parley-discard - (from a message) `{key}`: delete this failed message.
 * @event parley-reply - (from a message's content) `{message, metadata}`: a reply was picked
 *   (`{message, url}`: a link button was clicked).
 * @event parley-load-older - The visitor reached the oldest message held: older history, please.
 *
 * @csspart log - The scrolling area.
 * @csspart notice - A system notification line.
 * @csspart typing - The typing indicator.
 * @csspart jump-to-latest - The button to the newest message while the visitor reads above.
 * @csspart message - (exported from each message) a bubble; also `avatar`, `name`, `meta`.
 */
export class ParleyMessageList extends ParleyElement {
  static override styles = [hostStyles, messageListStyles];

  /** The conversation, oldest first; stored messages and the visitor's pending ones. */
  @property({ attribute: false }) messages: readonly ListMessage[] = [];

  /** The visitor's userId: their messages are drawn on the other side. */
  @property({ attribute: 'self-id' }) selfId = '';

  /** Names and avatars by userId. */
  @property({ attribute: false }) users: ReadonlyMap<string, UserSummary> = new Map();

  /** Older history is on its way (a line at the top says so). */
  @property({ type: Boolean, attribute: 'loading-older' }) loadingOlder = false;

  /** userIds typing right now (the visitor's own id is ignored). */
  @property({ attribute: false }) typing: readonly string[] = [];

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  /** BCP 47 tag for times; the browser's when empty. */
  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @query('.scroller') private scroller?: HTMLElement;
  @query('.content') private content?: HTMLElement;
  @query('.messages') private rows?: HTMLElement;

  readonly #layout = new ListLayout();
  #announcements: Announcement[] = [];
  #known = new Set<string>();
  #group: string | undefined;
  #primed = false;
  #stick = true;
  #lastTop = 0;
  /** Incoming messages that arrived while the visitor read above (the jump button counts them). */
  @state() private unseen = 0;
  /** More than a screen above the end: the jump button shows even with nothing new. */
  @state() private away = false;
  #resizeObserver?: ResizeObserver;
  readonly #window = new ListWindow(this, { scroller: () => this.scroller, rows: () => this.rows });
  /** How many items there were when older history was last asked for (once per change). */
  #askedAt = -1;

  /** Scrolls to the newest message and keeps following new ones. */
  scrollToBottom(): void {
    this.#stick = true;
    this.unseen = 0;
    this.away = false;
    this.#window.toEnd();
    this.#toBottom();
  }

  #toBottom(): void {
    const s = this.scroller;
    if (!s) return;
    s.scrollTop = s.scrollHeight;
    this.#lastTop = s.scrollTop;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#followUser();
    // Done loading (or failed): scrolling to the top may ask again.
    if (changed.has('loadingOlder') && !this.loadingOlder) this.#askedAt = -1;
    if (changed.has('messages') || changed.has('selfId')) {
      const added = this.#layout.update(this.messages, this.selfId);
      const { items } = this.#layout;
      const reset = !this.#primed || items[items.length - 1]?.message.groupId !== this.#group;
      if (changed.has('messages')) this.#collectNew(added, reset);
      this.#window.setItems(items, this.#stick, reset);
    }
  }

  protected override firstUpdated(): void {
    this.#observe();
  }

  #observe(): void {
    const content = this.content;
    if (!content || this.#resizeObserver || typeof ResizeObserver === 'undefined') return;
    // Following the end happens here, after the browser's layout of the new content, not in
    // `updated()`: reading the scroll height there forced a layout of the whole list in the
    // update of every new message (6 ms each with 350 messages).
    // Only the scroll: a change of the DOM in here would be a resize loop (the window already
    // follows the end while the visitor does).
    this.#resizeObserver = new ResizeObserver(() => {
      if (this.#stick) this.#toBottom();
    });
    this.#resizeObserver.observe(content);
  }

  /** Whether the visitor is following the end: at the bottom, or not scrolled up since. */
  #followUser(): void {
    const s = this.scroller;
    if (!s) return;
    const top = s.scrollTop;
    const below = s.scrollHeight - top - s.clientHeight;
    if (below <= BOTTOM_SLACK) this.#stick = true;
    else if (top < this.#lastTop) this.#stick = false;
    this.#lastTop = top;
    if (this.#stick) this.unseen = 0;
    this.away = !this.#stick && below > s.clientHeight;
  }

  /**
   * Queues announcements for incoming messages added after everything seen before; `added`: the
   * messages laid out after the others (undefined: the whole list was laid out).
   */
  #collectNew(added: ListMessage[] | undefined, anotherConversation: boolean): void {
    const { items } = this.#layout;
    const newest = items[items.length - 1]?.message;
    if (!newest) return;
    if (anotherConversation) {
      // First content, or another conversation: that is history, not news.
      this.#known = new Set(items.map((item) => item.message.key));
      this.#group = newest.groupId;
      this.#primed = true;
      return;
    }
    const list = added ?? items.map((item) => item.message);
    let lastKnown = -1;
    list.forEach((m, i) => {
      if (this.#known.has(m.key)) lastKnown = i;
    });
    const fresh = list.slice(lastKnown + 1);
    for (const m of list) this.#known.add(m.key);
    if (fresh.some((m) => isOwn(m, this.selfId))) this.#stick = true;
    const incoming = fresh.filter((m) => !isOwn(m, this.selfId) && m.contentType !== CONTENT_TYPES.notification);
    if (incoming.length === 0) return;
    if (!this.#stick) this.unseen += incoming.length;
    this.#announcements = [...this.#announcements, ...incoming.map((m) => this.#announcement(m))].slice(
      -MAX_ANNOUNCEMENTS,
    );
  }

  #announcement(m: ListMessage): Announcement {
    const name = this.#nameOf(m.fromUserName);
    let text = (typeof m.message === 'string' ? m.message : '').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_ANNOUNCED_TEXT) text = `${text.slice(0, MAX_ANNOUNCED_TEXT - 1)}…`;
    return {
      id: m.key,
      text: isolated((mark) =>
        text
          ? format(this.strings.newMessageWithText, { name: mark(name), text: mark(text) })
          : format(this.strings.newMessage, { name: mark(name) }),
      ),
    };
  }

  #nameOf(userId: string): string {
    return this.users?.get?.(userId)?.userName || userId;
  }

  /** `index`: the item's place in the whole list. */
  private renderItem(item: ListItem, index: number) {
    if (item.kind === 'notice') {
      const text = isolated((mark) =>
        noticeText(item.message, this.strings, (id) => mark(this.users?.get?.(id)?.userName ?? ''), this.locale),
      );
      return html`<p class="notice" part="notice">${text}</p>`;
    }
    return html`<parley-message
      exportparts="message, avatar, name, meta"
      .message=${item.message}
      .sender=${this.users?.get?.(item.message.fromUserName)}
      .self=${item.self}
      .first=${item.first}
      .last=${item.last}
      .answered=${index < this.#layout.lastOwn}
      .showStatus=${item.self && index >= this.#layout.lastOwn}
    ></parley-message>`;
  }

  override render() {
    return html`<div
        class="scroller"
        part="log"
        role="log"
        aria-live="off"
        aria-label=${this.strings.messagesLabel}
        tabindex="0"
        aria-busy=${this.loadingOlder ? 'true' : 'false'}
        @scroll=${this.handleScroll}
      >
        <div class="content">
          ${this.#window.clippedAbove ? nothing : html`<slot></slot>`}
          ${this.loadingOlder ? html`<p class="older" part="notice">${this.strings.loadingOlder}</p>` : nothing}
          <div class="messages" @focusin=${this.handleFocusIn}>
            ${repeat(
              this.#window.slice(this.#layout.items),
              (item) => item.message.key,
              (item, i) => this.renderItem(item, this.#window.start + i),
            )}
          </div>
          ${typingLine(this.typing, this.selfId, (id) => this.#nameOf(id), this.strings, this.locale)}
        </div>
      </div>
      ${this.renderJump()}
      <div class="sr-only" aria-live="polite" aria-relevant="additions">
        ${repeat(
          this.#announcements,
          (a) => a.id,
          (a) => html`<p>${a.text}</p>`,
        )}
      </div>`;
  }

  /** "Jump to the latest message" (with how many arrived meanwhile) while the visitor reads above. */
  private renderJump() {
    const { unseen, strings: s } = this;
    if (this.#stick || (unseen === 0 && !this.away)) return nothing;
    const label = unseen > 0 ? format(s.jumpNew, { count: unseen }, this.locale) : s.jumpToLatest;
    return html`<button class="jump" part="jump-to-latest" type="button" aria-label=${unseen > 0 ? `${label}. ${s.jumpToLatest}` : label} @click=${this.handleJump}>
      ${downIcon}
      <span>${label}</span>
    </button>`;
  }

  private handleJump(): void {
    this.scrollToBottom();
    // The button goes: the keyboard stays in the conversation.
    this.scroller?.focus({ preventScroll: true });
  }

  private handleScroll(): void {
    this.#followUser();
    // At the top of what is held, after the visitor scrolled up: older history (once per change).
    if (this.#window.scrolled() && !this.#stick && this.#askedAt !== this.#layout.items.length) {
      this.#askedAt = this.#layout.items.length;
      this.dispatchEvent(new ParleyLoadOlderEvent());
    }
  }

  private handleFocusIn(e: FocusEvent): void {
    this.#window.focused(e.target);
  }
}

ParleyMessageList.define('parley-message-list');

declare global {
  interface HTMLElementTagNameMap {
    'parley-message-list': ParleyMessageList;
  }
}
