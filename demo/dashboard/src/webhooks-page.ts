/**
 * `<pd-webhooks>`: the app's webhook endpoints — each URL with its events and the beginning of its
 * secret, its delivery log (`<pd-webhook-log>`) on demand, a new secret and deletion, each asked
 * first in place — and a form to add one (URL, the events as checkboxes, an optional secret). A
 * secret the server just made is shown once, in a read-only field with a Copy button. Reports
 * `pd-webhook-add` `{url, events, secret}`, `pd-webhook-delete`, `pd-webhook-rotate` and
 * `pd-webhook-log` (the endpoint's id: open or close its log).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  DEFAULT_SECRET_OVERLAP_SECONDS,
  MAX_WEBHOOK_SECRET,
  MAX_WEBHOOK_URL,
  WEBHOOK_EVENTS,
  isWebhookEvent,
} from '../../../src/core/webhook-protocol.js';
import type { WebhookDelivery, WebhookEndpoint } from '../../../src/core/webhook-protocol.js';
import { isolated } from './bidi.js';
import { field, pageStyles } from './page-styles.js';
import { pluralForm } from './language.js';
import { format, lang, strings } from './strings.js';
import { formStyles } from './styles.js';
import { EVENT_NAMES, formatTime } from './webhook-log.js';
import './webhook-log.js';

/** How long the current secret keeps signing after a new one is made (the server's default overlap). */
const OVERLAP_HOURS = DEFAULT_SECRET_OVERLAP_SECONDS / 3600;

type Asking = { id: string; action: 'pd-webhook-delete' | 'pd-webhook-rotate' };

export class PdWebhooks extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    css`
      :host {
        max-width: 64rem;
      }
      ul.endpoints {
        list-style: none;
        padding: 0;
        margin: 0 0 1.5rem;
        display: grid;
        gap: 1rem;
      }
      ul.endpoints > li {
        border: 1px solid var(--pd-line);
        border-radius: 8px;
        padding: 0.75rem;
        display: grid;
        gap: 0.5rem;
      }
      .url {
        font-weight: 600;
        overflow-wrap: anywhere;
        margin: 0;
      }
      .meta {
        margin: 0;
        color: var(--pd-muted);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .secret {
        display: grid;
        gap: 0.25rem;
        padding: 0.75rem;
        background: var(--pd-soft);
        border-radius: 6px;
      }
      .secret input {
        font-family: ui-monospace, monospace;
        min-width: min(100%, 28rem);
      }
      fieldset {
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        display: grid;
        gap: 0.35rem;
      }
      fieldset label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ];

  /** The endpoints (undefined until read). */
  @property({ attribute: false }) endpoints?: readonly WebhookEndpoint[];
  /** The open logs by endpoint id. */
  @property({ attribute: false }) logs: Readonly<Record<string, readonly WebhookDelivery[] | undefined>> = {};
  /** A secret just made: shown once. */
  @property({ attribute: false }) shownSecret?: { endpointId: string; secret: string };
  /** The add form's problems by field ('' for the rest). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @state() private asking?: Asking;
  @state() private copied = '';
  /** The secret last given the keyboard (each is focused once, when it appears). */
  #focusedSecret = '';

  /** Empties the add form (the endpoint was saved). */
  reset(): void {
    this.renderRoot.querySelector<HTMLFormElement>('form.add')?.reset();
  }

  protected override updated(): void {
    if (this.asking) this.renderRoot.querySelector<HTMLElement>('.confirm')?.focus();
    const secret = this.shownSecret?.secret ?? '';
    if (secret && secret !== this.#focusedSecret) {
      this.#focusedSecret = secret;
      this.copied = '';
      this.renderRoot.querySelector<HTMLInputElement>('.secret input')?.focus();
    }
  }

  override render() {
    const list = this.endpoints;
    return html`<h2>${strings.pageWebhooks}</h2>
      <p class="lead">${strings.webhooksLead}</p>
      ${
        list === undefined
          ? nothing
          : list.length === 0
            ? html`<p>${strings.webhooksNone}</p>`
            : html`<ul class="endpoints">
              ${list.map((e) => this.#endpoint(e))}
            </ul>`
      }
      <p class="error" role="alert">${this.error}</p>
      ${this.#form()}`;
  }

  #endpoint(e: WebhookEndpoint) {
    const open = e.id in this.logs;
    const shown = this.shownSecret?.endpointId === e.id ? this.shownSecret.secret : '';
    return html`<li data-endpoint=${e.id}>
      <p class="url"><bdi>${e.url}</bdi></p>
      <p class="meta">
        ${strings.webhookEvents}: ${e.events.map((ev, i) => html`${i > 0 ? strings.listSeparator : ''}<bdi><code>${ev}</code></bdi>`)}
      </p>
      <p class="meta">${isolated(strings.webhookSecretHint, { hint: e.secretHint ?? '' })}</p>
      ${
        e.previousSecretUntil === null
          ? nothing
          : html`<p class="meta">${format(strings.webhookOverlap, { time: formatTime(e.previousSecretUntil) })}</p>`
      }
      ${shown ? this.#secret(e, shown) : nothing}
      <div class="row">
        <button
          type="button"
          class="quiet"
          aria-expanded=${open ? 'true' : 'false'}
          aria-label=${format(strings.webhookLogLabel, { url: e.url })}
          @click=${() => this.#emit('pd-webhook-log', e.id)}
        >
          ${strings.webhookLog}
        </button>
        ${
          this.asking?.id === e.id
            ? this.#question(e, this.asking)
            : html`<button
                type="button"
                class="quiet"
                ?disabled=${this.busy}
                aria-label=${format(strings.webhookRotateLabel, { url: e.url })}
                @click=${() => (this.asking = { id: e.id, action: 'pd-webhook-rotate' })}
              >
                ${strings.webhookRotate}
              </button>
              <button
                type="button"
                class="quiet"
                ?disabled=${this.busy}
                aria-label=${format(strings.webhookDeleteLabel, { url: e.url })}
                @click=${() => (this.asking = { id: e.id, action: 'pd-webhook-delete' })}
              >
                ${strings.webhookDelete}
              </button>`
        }
      </div>
      ${
        open
          ? html`<pd-webhook-log
              .endpointId=${e.id}
              .url=${e.url}
              .deliveries=${this.logs[e.id]}
              ?busy=${this.busy}
            ></pd-webhook-log>`
          : nothing
      }
    </li>`;
  }

  #question(e: WebhookEndpoint, asking: Asking) {
    const rotate = asking.action === 'pd-webhook-rotate';
    const question = rotate
      ? pluralForm(strings.webhookRotateConfirm, OVERLAP_HOURS, lang)
      : strings.webhookDeleteConfirm;
    return html`<span role="alert">${isolated(question, { url: e.url, count: OVERLAP_HOURS })}</span>
      <button
        type="button"
        class="confirm"
        @click=${() => {
          this.asking = undefined;
          this.#emit(asking.action, e.id);
        }}
      >
        ${rotate ? strings.webhookRotate : strings.webhookDelete}
      </button>
      <button type="button" class="quiet" @click=${() => (this.asking = undefined)}>${strings.cancel}</button>`;
  }

  #secret(e: WebhookEndpoint, secret: string) {
    return html`<div class="secret">
      <label
        >${isolated(strings.webhookNewSecret, { url: e.url })}
        <input readonly .value=${secret} dir="ltr" spellcheck="false" @focus=${(ev: FocusEvent) => (ev.target as HTMLInputElement).select()}
      /></label>
      <div class="row">
        <button type="button" aria-label=${strings.webhookCopyLabel} @click=${() => void this.#copy(secret)}>
          ${strings.webhookCopy}
        </button>
        <span role="status">${this.copied}</span>
      </div>
    </div>`;
  }

  #form() {
    const p = this.problems;
    return html`<h3>${strings.webhookAddTitle}</h3>
      <form class="add fields" novalidate @submit=${this.#add}>
        ${field('url', strings.webhookUrl, p['url'], { type: 'url', maxlength: MAX_WEBHOOK_URL })}
        <fieldset aria-describedby="problem-events">
          <legend>${strings.webhookEvents}</legend>
          ${WEBHOOK_EVENTS.map(
            (ev) => html`<label
              ><input type="checkbox" name="events" value=${ev} />${EVENT_NAMES[ev]} <code>${ev}</code></label
            >`,
          )}
          <span class="field-error" id="problem-events">${p['events'] ?? ''}</span>
        </fieldset>
        ${field('secret', strings.webhookSecret, p['secret'], { maxlength: MAX_WEBHOOK_SECRET })}
        <p class="error" role="alert">${p[''] ?? ''}</p>
        <button type="submit" ?disabled=${this.busy}>${strings.webhookAdd}</button>
      </form>`;
  }

  #add(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.#emit('pd-webhook-add', {
      url: String(data.get('url') ?? '').trim(),
      events: data.getAll('events').filter(isWebhookEvent),
      secret: String(data.get('secret') ?? ''),
    });
  }

  async #copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = strings.webhookCopied;
    } catch {
      this.copied = strings.webhookCopyFailed;
    }
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-webhooks', PdWebhooks);
