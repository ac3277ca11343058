/**
 * `<pd-visitor-card>`: who the visitor of the open conversation is — name, id, online or last
 * seen, e-mail, phone, language (their widget's locale, named in the app's language), what the
 * site told about them (metadata), the page the conversation started on (a link, http(s) only) —
 * and the rating they gave the conversation, with their comment.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { pageAddress } from '../../../src/core/conversation-options.js';
import type { CsatRating } from '../../../src/core/protocol.js';
import { formatTime } from './names.js';
import { format, lang, strings } from './strings.js';
import { formStyles } from './styles.js';

/** A visitor as the Platform API's user detail answers (`POST /rest/ws/user/v2/detail`). */
export type VisitorDetail = Record<string, unknown>;

/** Metadata entries shown at most. */
const MAX_METADATA = 20;

/**
 * A BCP 47 tag named in the language `appLang`, else in the browser's, else the tag itself; the
 * standard form, language then region ("German (Austria)", not the dialect name "Austrian
 * German"), so that every regional variant reads alike. Never throws.
 */
export function languageName(tag: string, appLang: string = lang): string {
  for (const locales of [[appLang], []])
    try {
      return new Intl.DisplayNames(locales, { type: 'language', languageDisplay: 'standard' }).of(tag) ?? tag;
    } catch {
      // A malformed app language: the browser's. A malformed tag: itself.
    }
  return tag;
}

export class PdVisitorCard extends LitElement {
  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        padding: 0.75rem 1rem;
        border-top: 1px solid var(--pd-line);
      }
      h3 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.75rem;
        margin: 0;
      }
      dt {
        color: var(--pd-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .block {
        margin-top: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) detail?: VisitorDetail;
  @property({ attribute: false }) rating?: CsatRating;
  /** The conversation's `metadata.pageUrl`, as the widget sent it (checked again here). */
  @property({ attribute: false }) page?: unknown;
  /** Their messages are refused (staff blocked them). */
  @property({ type: Boolean }) blocked = false;
  /** The staff member may block or unblock them. */
  @property({ type: Boolean, attribute: 'can-block' }) canBlock = false;

  override render() {
    const d = this.detail;
    if (!d && !this.rating && !this.page) return nothing;
    const rows: Array<[string, string | TemplateResult]> = [];
    if (d) {
      rows.push([strings.visitorName, String(d['userName'] ?? '')], [strings.visitorUserId, String(d['userId'] ?? '')]);
      const seen = d['lastSeenAtTime'];
      // Only the Platform API's details say whether they are online.
      if ('connected' in d)
        rows.push([
          strings.visitorStatus,
          d['connected']
            ? strings.visitorOnline
            : typeof seen === 'number'
              ? format(strings.visitorLastSeen, { time: formatTime(seen) })
              : strings.visitorOffline,
        ]);
      if (d['email']) rows.push([strings.visitorEmail, String(d['email'])]);
      if (d['phoneNumber']) rows.push([strings.visitorPhone, String(d['phoneNumber'])]);
      const locale = d['locale'];
      if (typeof locale === 'string' && locale)
        rows.push([strings.detailsLanguage, html`<bdi>${languageName(locale)}</bdi>`]);
      const meta = d['metadata'] && typeof d['metadata'] === 'object' ? Object.entries(d['metadata']) : [];
      for (const [k, v] of meta.slice(0, MAX_METADATA)) rows.push([k, String(v)]);
    }
    const page = typeof this.page === 'string' ? pageAddress(this.page) : undefined;
    if (page)
      rows.push([strings.visitorPage, html`<a href=${page} target="_blank" rel="noopener noreferrer">${page}</a>`]);
    if (this.rating) {
      rows.push([strings.visitorRating, format(strings.ratingValue, { rating: this.rating.rating })]);
      if (this.rating.comment) rows.push([strings.visitorRatingComment, this.rating.comment]);
    }
    if (this.blocked) rows.push([strings.visitorBlocked, strings.visitorBlockedYes]);
    const userId = d ? String(d['userId'] ?? '') : '';
    return html`<h3>${strings.visitorTitle}</h3>
      <dl>${rows.map(([k, v]) => html`<dt><bdi>${k}</bdi></dt><dd><bdi>${v}</bdi></dd>`)}</dl>
      ${
        this.canBlock && userId
          ? html`<button
            type="button"
            class="quiet block"
            aria-pressed=${this.blocked ? 'true' : 'false'}
            @click=${() =>
              this.dispatchEvent(
                new CustomEvent('pd-block', {
                  detail: { userId, blocked: !this.blocked },
                  bubbles: true,
                  composed: true,
                }),
              )}
          >
            ${strings.blockVisitor}
          </button>`
          : nothing
      }`;
  }
}

customElements.define('pd-visitor-card', PdVisitorCard);
