/**
 * `<pd-bots>`: Bot integrations — each bot of the app with the URL that answers for it (or the
 * built-in demo bot), a form to set the URL and its time-out, and a button to remove it; a secret
 * made for a bot is shown once. Reports `pd-bot-hook-save` `{botId, url, timeoutMs}` and
 * `pd-bot-hook-clear` (the bot's id).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BotIntegration } from './api.js';
import { pageStyles } from './page-styles.js';
import { format, strings } from './strings.js';
import { formStyles } from './styles.js';

/** The time-out's bounds in seconds (the server's, `BOT_TIMEOUT_MS`; it checks them again). */
const TIMEOUT_S = { default: 10, min: 1, max: 30 } as const;

export class PdBots extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    css`
      section {
        border-top: 1px solid var(--pd-line);
        padding-top: 0.5rem;
      }
      output code {
        display: block;
        padding: 0.5rem;
        background: var(--pd-soft);
        border-radius: 6px;
        word-break: break-all;
      }
    `,
  ];

  /** Undefined while they are read. */
  @property({ attribute: false }) bots?: readonly BotIntegration[];
  @property({ attribute: false }) newSecret?: { botId: string; secret: string };
  /** The last save's problems by field (`url`, `timeoutMs`; '' for the rest). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  /** The bot whose form was sent last: its problems show under it. */
  @state() private last = '';

  override render() {
    const bots = this.bots;
    return html`<h2>${strings.pageBots}</h2>
      <p class="lead">${strings.botsLead}</p>
      ${bots?.length === 0 ? html`<p>${strings.botsNone}</p>` : nothing}
      ${(bots ?? []).map((b, i) => this.#bot(b, `bot${i}`))}
      <p class="error" role="alert">${this.error}</p>`;
  }

  #bot(b: BotIntegration, id: string) {
    const p = this.last === b.botId ? this.problems : {};
    const hook = b.webhook;
    const name = b.userName || b.botId;
    return html`<section aria-labelledby=${`${id}-name`}>
      <h3 id=${`${id}-name`}>${b.deactivated ? format(strings.botDeactivated, { name }) : name}</h3>
      <p role="status">${hook ? strings.botByUrl : strings.botBuiltIn}</p>
      ${hook?.secretHint ? html`<p>${format(strings.botSecretHint, { hint: hook.secretHint })}</p>` : nothing}
      ${
        this.newSecret?.botId === b.botId
          ? html`<output><span>${strings.botSecretNew}</span><code>${this.newSecret.secret}</code></output>`
          : nothing
      }
      <form class="fields" novalidate @submit=${(e: SubmitEvent) => this.#save(e, b.botId)}>
        <label
          >${strings.botUrl}
          <input
            name="url"
            type="url"
            autocomplete="off"
            .value=${hook?.url ?? ''}
            aria-invalid=${p['url'] ? 'true' : 'false'}
            aria-describedby=${`${id}-url`}
          />
          <span class="field-error" id=${`${id}-url`}>${p['url'] ?? ''}</span></label
        >
        <label
          >${strings.botTimeout}
          <input
            name="timeout"
            type="number"
            min=${TIMEOUT_S.min}
            max=${TIMEOUT_S.max}
            .value=${String((hook?.timeoutMs ?? TIMEOUT_S.default * 1000) / 1000)}
            aria-invalid=${p['timeoutMs'] ? 'true' : 'false'}
            aria-describedby=${`${id}-timeout`}
          />
          <span class="field-error" id=${`${id}-timeout`}>${p['timeoutMs'] ?? ''}</span></label
        >
        <p class="error" role="alert">${p[''] ?? ''}</p>
        <button type="submit" ?disabled=${this.busy}>${strings.botSave}</button>
        ${
          hook
            ? html`<button type="button" class="quiet" ?disabled=${this.busy} @click=${() => this.#clear(b.botId)}>
              ${strings.botClear}
            </button>`
            : nothing
        }
      </form>
    </section>`;
  }

  #save(e: SubmitEvent, botId: string) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.last = botId;
    const seconds = Number(data.get('timeout') || TIMEOUT_S.default);
    const detail = { botId, url: String(data.get('url') ?? '').trim(), timeoutMs: Math.round(seconds * 1000) };
    this.dispatchEvent(new CustomEvent('pd-bot-hook-save', { detail, bubbles: true, composed: true }));
  }

  #clear(botId: string) {
    this.last = botId;
    this.dispatchEvent(new CustomEvent('pd-bot-hook-clear', { detail: botId, bubbles: true, composed: true }));
  }
}

customElements.define('pd-bots', PdBots);
