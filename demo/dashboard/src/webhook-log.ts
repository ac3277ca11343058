/**
 * `<pd-webhook-log>`: an endpoint's delivery log — each delivery's event, status, attempts, last
 * error and times — with "Send again" on each finished one (a pending one is sent on its own) and
 * a Refresh button. While a delivery is pending the log asks to be read again shortly after its
 * next try. Reports `pd-webhook-log-refresh` (the endpoint's id) and `pd-webhook-resend`
 * `{endpointId, deliveryId}`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { DeliveryStatus, WebhookDelivery, WebhookEvent } from '../../../src/core/webhook-protocol.js';
import { isolated } from './bidi.js';
import { tableStyles } from './page-styles.js';
import { format, formatNumber, lang, strings } from './strings.js';
import { formStyles } from './styles.js';

/** What each event means, as the page says it. */
export const EVENT_NAMES: Readonly<Record<WebhookEvent, string>> = {
  'message.created': strings.webhookEventMessageCreated,
  'message.unread': strings.webhookEventMessageUnread,
  'message.undelivered': strings.webhookEventMessageUndelivered,
  'conversation.created': strings.webhookEventConversationCreated,
  'conversation.assigned': strings.webhookEventConversationAssigned,
  'conversation.resolved': strings.webhookEventConversationResolved,
  'csat.submitted': strings.webhookEventCsatSubmitted,
};

const STATUS_NAMES: Readonly<Record<DeliveryStatus, string>> = {
  pending: strings.webhookStatusPending,
  done: strings.webhookStatusDone,
  failed: strings.webhookStatusFailed,
};

const when = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
/** A time as the app's language writes it. */
export const formatTime = (ms: number) => when.format(ms);

/** Read again no sooner than this after a render with a pending delivery, and no later than the cap. */
const REFRESH_MIN_MS = 1500;
const REFRESH_MAX_MS = 30_000;

export class PdWebhookLog extends LitElement {
  static override styles = [
    formStyles,
    tableStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      caption {
        text-align: start;
        font-weight: 600;
        padding: 0.25rem 0;
      }
      td.error-text {
        min-width: 8rem;
        max-width: 16rem;
        overflow-wrap: break-word;
      }
      td button {
        white-space: nowrap;
      }
      .status-failed {
        color: var(--pd-error);
      }
    `,
  ];

  @property() endpointId = '';
  @property() url = '';
  /** The newest deliveries, newest first (undefined while read the first time). */
  @property({ attribute: false }) deliveries?: readonly WebhookDelivery[];
  @property({ type: Boolean }) busy = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  protected override updated(): void {
    this.#schedule();
  }

  /** While a delivery is pending: a refresh shortly after the earliest next try. */
  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const next = (this.deliveries ?? []).filter((d) => d.status === 'pending').map((d) => d.nextAttemptAt ?? 0);
    if (next.length === 0) return;
    const wait = Math.min(REFRESH_MAX_MS, Math.max(REFRESH_MIN_MS, Math.min(...next) - Date.now() + 1000));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#emit('pd-webhook-log-refresh', this.endpointId);
    }, wait);
  }

  override render() {
    const rows = this.deliveries;
    return html`<table>
        <caption>
          ${isolated(strings.webhookLogTitle, { url: this.url })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${strings.webhookColEvent}</th>
            <th scope="col">${strings.webhookColStatus}</th>
            <th scope="col">${strings.webhookColAttempts}</th>
            <th scope="col">${strings.webhookColError}</th>
            <th scope="col">${strings.webhookColCreated}</th>
            <th scope="col">${strings.webhookColLater}</th>
            <th scope="col">${strings.webhookColActions}</th>
          </tr>
        </thead>
        <tbody>
          ${rows?.map((d) => this.#row(d))}
        </tbody>
      </table>
      ${rows?.length === 0 ? html`<p role="status">${strings.webhookLogNone}</p>` : nothing}
      <button type="button" class="quiet" @click=${() => this.#emit('pd-webhook-log-refresh', this.endpointId)}>
        ${strings.webhookLogRefresh}
      </button>`;
  }

  #row(d: WebhookDelivery) {
    const later =
      d.deliveredAt !== null
        ? format(strings.webhookDeliveredAt, { time: formatTime(d.deliveredAt) })
        : d.nextAttemptAt !== null
          ? format(strings.webhookNextAttempt, { time: formatTime(d.nextAttemptAt) })
          : '';
    return html`<tr data-delivery=${d.id}>
      <td><code>${d.event}</code></td>
      <td class="status status-${d.status}">${STATUS_NAMES[d.status]}</td>
      <td>${formatNumber(d.attempts)}</td>
      <td class="error-text"><bdi>${d.lastError ?? ''}</bdi></td>
      <td>${formatTime(d.createdAt)}</td>
      <td>${later}</td>
      <td>
        ${
          d.status === 'pending'
            ? nothing
            : html`<button
              type="button"
              class="quiet"
              ?disabled=${this.busy}
              aria-label=${format(strings.webhookResendLabel, { id: d.id, event: EVENT_NAMES[d.event] })}
              @click=${() => this.#emit('pd-webhook-resend', { endpointId: this.endpointId, deliveryId: d.id })}
            >
              ${strings.webhookResend}
            </button>`
        }
      </td>
    </tr>`;
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-webhook-log', PdWebhookLog);
