/**
 * `<pd-inbox>`: the tabs of the inbox, a filter by tag, and the conversations of the chosen tab
 * (with their tags), as links (a conversation has a URL). Reports `pd-navigate` with the route a
 * link or the filter names; the app routes.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Conversation } from '../../../src/core/protocol.js';
import type { Tag } from '../../../src/core/staff-protocol.js';
import { tagsOf } from './inbox-state.js';
import { formatTime, titleOf } from './names.js';
import { link } from './links.js';
import type { Route, Tab } from './router.js';
import { plural, strings } from './strings.js';
import { formStyles } from './styles.js';
import { tagChips, tagStyles } from './tag-chips.js';

const TAB_NAMES: Record<Tab, string> = {
  mine: strings.tabMine,
  unassigned: strings.tabUnassigned,
  open: strings.tabOpen,
  resolved: strings.tabResolved,
};

export class PdInbox extends LitElement {
  static override styles = [
    formStyles,
    tagStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .tabs {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        padding: 0.5rem;
        border-bottom: 1px solid var(--pd-line);
      }
      .tabs a {
        padding: 0.3rem 0.6rem;
        border-radius: 6px;
        color: var(--pd-accent);
        text-decoration: none;
      }
      .tabs a[aria-current='page'] {
        background: var(--pd-accent);
        color: var(--pd-accent-fg);
      }
      .filter {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--pd-line);
      }
      .filter select {
        font: inherit;
        padding: 0.25rem;
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        background: var(--pd-bg);
        color: inherit;
        min-width: 0;
      }
      li .tags {
        grid-column: 1 / -1;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow-y: auto;
      }
      li a {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.1rem 0.5rem;
        padding: 0.6rem 0.75rem;
        border-bottom: 1px solid var(--pd-line);
        color: inherit;
        text-decoration: none;
      }
      li a[aria-current='page'] {
        background: var(--pd-soft);
      }
      .name {
        font-weight: 600;
      }
      .last,
      .time {
        color: var(--pd-muted);
        font-size: 0.85rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .unread {
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--pd-accent);
      }
      .empty {
        padding: 1rem;
        color: var(--pd-muted);
      }
    `,
  ];

  @property() tab: Tab = 'mine';
  /** The tabs this staff member may see. */
  @property({ attribute: false }) tabs: readonly Tab[] = ['mine', 'resolved'];
  @property({ attribute: false }) conversations: readonly Conversation[] = [];
  /** The app's tags (the filter offers them), and the one the list is filtered by. */
  @property({ attribute: false }) tags: readonly Tag[] = [];
  @property({ attribute: false }) tag?: number;
  @property() selected = '';
  @property({ type: Boolean }) loading = false;

  override render() {
    return html`<div class="tabs" role="group" aria-label=${strings.tabsLabel}>
        ${this.tabs.map((tab) => link({ tab, ...this.#tagged() }, TAB_NAMES[tab], tab === this.tab))}
      </div>
      ${this.tags.length > 0 || this.tag !== undefined ? this.#filter() : nothing}
      ${
        this.loading && this.conversations.length === 0
          ? html`<p class="empty" role="status">${strings.listLoading}</p>`
          : this.conversations.length === 0
            ? html`<p class="empty">${strings.listEmpty}</p>`
            : html`<ul>
              ${repeat(
                this.conversations,
                (c) => c.groupId,
                (c) => this.#item(c),
              )}
            </ul>`
      }`;
  }

  #tagged() {
    return this.tag === undefined ? {} : { tag: this.tag };
  }

  #filter() {
    return html`<label class="filter"
      >${strings.tagFilter}
      <select @change=${this.#filtered}>
        <option value="" ?selected=${this.tag === undefined}>${strings.tagFilterAll}</option>
        ${this.tags.map((t) => html`<option value=${t.id} ?selected=${t.id === this.tag}>${t.name}</option>`)}
      </select></label
    >`;
  }

  #filtered(e: Event) {
    const value = (e.target as HTMLSelectElement).value;
    const detail: Route = { tab: this.tab, ...(value ? { tag: Number(value) } : {}) };
    this.dispatchEvent(new CustomEvent<Route>('pd-navigate', { detail, bubbles: true, composed: true }));
  }

  #item(c: Conversation) {
    const route: Route = { tab: this.tab, ...this.#tagged(), groupId: c.groupId };
    const last = c.lastMessage;
    return html`<li>
      ${link(
        route,
        html`<bdi class="name">${titleOf(c)}</bdi>
          <span class="time">${formatTime(c.updatedAtTime)}</span>
          <bdi class="last">${last?.message ?? ''}</bdi>
          ${c.unreadCount > 0 ? html`<span class="unread">${plural(strings.unread, c.unreadCount, { count: c.unreadCount })}</span>` : nothing}
          ${tagChips(tagsOf(c), true)}`,
        c.groupId === this.selected,
      )}
    </li>`;
  }
}

customElements.define('pd-inbox', PdInbox);
