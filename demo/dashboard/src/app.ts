/**
 * `<parley-dashboard>`: the staff app's frame. The state and the work are the `Workspace`
 * controller's; this element follows the URL (`router.ts`) and draws the sign-in form, or the top
 * bar with the inbox beside the open conversation (one or the other on a phone).
 */
import { LitElement, html, nothing } from 'lit';
import { Account } from './account.js';
import './csat-report.js';
import './conversation.js';
import type { PdConversation } from './conversation.js';
import './inbox.js';
import type { Connection } from './live.js';
import { nameIn, roleName } from './names.js';
import type { StaffConversation } from '../../../src/core/staff-protocol.js';
import { PAGE_URL_KEY } from '../../../src/core/conversation-options.js';
import type { Reply } from './reply-box.js';
import { link } from './links.js';
import { Router, TABS, type Route, type SettingsPage, type Tab } from './router.js';
import { isPreviewed, mayOpen, PAGE_GROUPS, PAGE_NAMES } from './settings-menu.js';
import { SiteSettings } from './site-settings.js';
import { WebhookSettings } from './webhook-settings.js';
import './sign-in.js';
import './visitor-card.js';
import type { Credentials } from './sign-in.js';
import { isolated } from './bidi.js';
import './language-picker.js';
import { dir, format, lang, strings } from './strings.js';
import { formStyles, shellStyles } from './styles.js';
import type { ConversationAction } from './conversation-actions.js';
import { Workspace } from './workspace.js';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: strings.connectionConnecting,
  online: strings.connectionOnline,
  offline: strings.connectionOffline,
};

export class ParleyDashboard extends LitElement {
  static override styles = [formStyles, shellStyles];

  /** The server the app talks to: the one that served it, and no other. */
  readonly #ws = new Workspace(this, location.origin);
  readonly #account = new Account(this, this.#ws);
  readonly #site = new SiteSettings(this, () => this.#ws.api);
  readonly #hooks = new WebhookSettings(this, () => this.#ws.api);
  readonly #router = new Router((route) => void this.#ws.routeTo(route));
  /** The settings pages (a chunk of their own, loaded when one first opens). */
  #views?: typeof import('./settings-view.js');
  /** The settings page (and person) whose data was last read. */
  #loaded = '';

  constructor() {
    super();
    // Links anywhere in the app (header, inbox, settings) report where they go.
    this.addEventListener('pd-navigate', (e) => this.#router.go((e as CustomEvent<Route>).detail));
    this.#ws.onIncoming = (m, c) =>
      this.#account.notify(
        format(strings.notificationTitle, { name: c ? nameIn(c, m.fromUserName) : m.fromUserName }),
        m.message,
      );
  }

  protected override updated(): void {
    // Signed in, or on another settings page: read what it shows (and, once, the preferences).
    const me = this.#ws.me?.user.userId;
    const page = this.#ws.route.settings;
    const report = this.#ws.route.report;
    const key = me ? `${me}|${page ?? ''}|${report ?? ''}` : '';
    if (key === this.#loaded) return;
    this.#loaded = key;
    if (!me) return;
    void this.#account.loadPersonal();
    if (page) void this.#settingsViews().then((views) => views.loadPage(page, this.#controllers()));
    if (report) void this.#account.loadReport();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = strings.documentTitle;
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
    this.#ws.route = this.#router.route;
  }

  override render() {
    const ws = this.#ws;
    const me = ws.me;
    if (!me) {
      if (ws.stored && !ws.signInError) return nothing;
      const appId = new URL(location.href).searchParams.get('appId') ?? '';
      return html`<pd-sign-in
        .appId=${appId}
        .error=${ws.signInError}
        ?busy=${ws.busy}
        @pd-sign-in=${(e: CustomEvent<Credentials>) => void ws.signIn(e.detail)}
      ></pd-sign-in>`;
    }
    const route = ws.route;
    const away = me.status === 'away';
    const inSettings = route.settings !== undefined;
    const elsewhere = inSettings || route.report !== undefined;
    return html`<header>
        <h1>${strings.brand}</h1>
        <nav class="sections" aria-label=${strings.sectionsLabel}>
          ${link({ tab: route.tab }, strings.inbox, !elsewhere)}
          ${ws.can('viewReports') ? link({ tab: route.tab, report: 'csat' }, strings.reports, route.report !== undefined) : nothing}
          ${link({ tab: route.tab, settings: route.settings ?? 'profile' }, strings.settings, inSettings)}
        </nav>
        <p class="me">${isolated(strings.meLine, { name: me.user.userName, role: roleName(me.user.role) })}</p>
        <button type="button" class="quiet" aria-pressed=${away ? 'true' : 'false'} @click=${() => void ws.setAway(!away)}>
          ${strings.awayButton}
        </button>
        <p class="connection" role="status">${away ? strings.myStatusAway : CONNECTION_TEXT[ws.connection]}</p>
        <p class="error" role="alert">${ws.statusError}</p>
        <button type="button" class="quiet sign-out" @click=${() => void ws.signOut()}>${strings.signOut}</button>
        <pd-language-picker></pd-language-picker>
      </header>
      <div
        class="body ${route.groupId !== undefined || elsewhere ? 'open' : ''}"
      >
        ${route.settings !== undefined ? this.#settings(route.settings) : route.report !== undefined ? this.#report() : this.#inbox()}
      </div>`;
  }

  #inbox() {
    const ws = this.#ws;
    const route = ws.route;
    const open = ws.open;
    return html`<nav aria-label=${strings.navLabel}>
        <pd-inbox
          .tab=${route.tab}
          .tabs=${this.#tabs()}
          .conversations=${ws.list}
          .tags=${this.#account.tags}
          .tag=${route.tag}
          .selected=${route.groupId ?? ''}
          ?loading=${ws.listLoading}
        ></pd-inbox>
      </nav>
      <main
        class=${open ? 'with-visitor' : ''}
        aria-label=${open ? format(strings.conversationLabel, { name: open.groupName }) : strings.noConversation}
      >
        <button type="button" class="quiet back" @click=${() => this.#router.go({ tab: route.tab })}>${strings.back}</button>
        ${
          open
            ? html`<pd-conversation
              .conversation=${open}
              .messages=${ws.messages}
              .me=${ws.me?.user.userId ?? ''}
              .team=${ws.team}
              .quickReplies=${this.#account.quickReplies}
              .tags=${this.#account.tags}
              ?may-tag=${ws.can('assignTags')}
              .typing=${[...ws.details.typing.keys()]}
              .readBy=${ws.details.readBy}
              .deliveredBy=${ws.details.deliveredBy}
              ?assign-others=${ws.can('assignOthers')}
              ?sending=${ws.sending}
              .error=${ws.error}
              .notice=${ws.notice}
              @pd-reply=${this.#reply}
              @pd-action=${(e: CustomEvent<ConversationAction>) => void ws.act(e.detail)}
              @pd-typing=${(e: CustomEvent<boolean>) => ws.typingNow(e.detail)}
            ></pd-conversation>
            <pd-visitor-card
              .detail=${ws.details.visitor}
              .rating=${open.rating}
              .page=${open.metadata?.[PAGE_URL_KEY]}
              ?blocked=${(open as StaffConversation).blocked === true}
              ?can-block=${ws.can('blockUsers')}
              @pd-block=${(e: CustomEvent<{ userId: string; blocked: boolean }>) => void ws.act({ block: e.detail.blocked, userId: e.detail.userId })}
            ></pd-visitor-card>`
            : html`<p class="empty">${ws.missing ? strings.conversationNotFound : strings.noConversation}</p>`
        }
      </main>`;
  }

  #settings(page: SettingsPage) {
    const ws = this.#ws;
    const tab = ws.route.tab;
    const may = (p: SettingsPage) => mayOpen(p, (permission) => ws.can(permission));
    return html`<nav aria-label=${strings.settingsLabel}>
        ${PAGE_GROUPS.map(([group, pages]) => {
          const shown = pages.filter(may);
          return shown.length === 0
            ? nothing
            : html`<h2 class="group">${group}</h2>
                <ul class="pages">
                  ${shown.map((p) => html`<li>${link({ tab, settings: p }, PAGE_NAMES[p], p === page)}</li>`)}
                </ul>`;
        })}
      </nav>
      <main class=${isPreviewed(page) ? 'previewing' : ''} aria-label=${PAGE_NAMES[page]}>
        <button type="button" class="quiet back" @click=${() => this.#router.go({ tab })}>${strings.back}</button>
        ${
          !may(page)
            ? nothing
            : this.#views
              ? this.#views.settingsPage(page, this.#controllers())
              : html`<p class="empty" role="status">${strings.settingsLoading}</p>`
        }
      </main>`;
  }

  async #settingsViews() {
    this.#views ??= await import('./settings-view.js');
    this.requestUpdate();
    return this.#views;
  }

  #controllers() {
    return { ws: this.#ws, account: this.#account, site: this.#site, hooks: this.#hooks };
  }

  #tabs(): readonly Tab[] {
    return this.#ws.me?.seesAll ? TABS : TABS.filter((t) => t === 'mine' || t === 'resolved');
  }

  #report() {
    const a = this.#account;
    return html`<main class="report" aria-label=${strings.reports}>
      <button type="button" class="quiet back" @click=${() => this.#router.go({ tab: this.#ws.route.tab })}>${strings.back}</button>
      <pd-csat-report
        .report=${a.report}
        .days=${a.reportDays}
        .error=${a.reportError}
        @pd-period=${(e: CustomEvent<number>) => void a.loadReport(e.detail)}
      ></pd-csat-report>
    </main>`;
  }

  async #reply(e: CustomEvent<Reply>) {
    // The event's target is gone once it has been dispatched: keep the view that sent it.
    const view = e.target as PdConversation;
    if (await this.#ws.reply(e.detail)) view.clearReply();
  }
}

customElements.define('parley-dashboard', ParleyDashboard);
