/**
 * `<pd-install>` and `<pd-security>`: the install code for this app and server, with a Copy
 * button; the API key, shown by its beginning, and a new one on demand (asked first, shown once);
 * identity verification on or off, a new secret shown once. Report `pd-api-key-new` and
 * `pd-identity` (true: on, with a new secret; false: off), each after the question was answered.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { pageStyles } from './page-styles.js';
import { format, strings } from './strings.js';
import { formStyles } from './styles.js';

const styles = [
  formStyles,
  pageStyles,
  css`
    pre,
    output code {
      display: block;
      padding: 0.75rem;
      background: var(--pd-soft);
      border: 1px solid var(--pd-line);
      border-radius: 6px;
      white-space: pre-wrap;
      word-break: break-all;
      font-size: 0.85rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin: 0.5rem 0 1rem;
    }
  `,
];

/** The install code of an app on a server. */
export const installCode = (appId: string, server: string) =>
  `<script>\n  window.parleySettings = { appId: ${JSON.stringify(appId)}, server: ${JSON.stringify(server)} };\n</script>\n<script src="${server}/parley.js" async></script>`;

/** A question in place of the button that asked it: Yes does `then`, Cancel puts the button back. */
function asked(question: string, yes: string, then: () => void, cancel: () => void) {
  return html`<span role="alert">${question}</span>
    <button type="button" class="confirm" @click=${then}>${yes}</button>
    <button type="button" class="quiet" @click=${cancel}>${strings.cancel}</button>`;
}

const focusConfirm = (el: LitElement) => el.renderRoot.querySelector<HTMLElement>('.confirm')?.focus();

export class PdInstall extends LitElement {
  static override styles = styles;

  @property() appId = '';
  @property() server = '';
  @property() keyPrefix = '';
  /** A key just made (shown once). */
  @property() newKey = '';
  @property({ type: Boolean }) busy = false;
  @property() error = '';
  @state() private copied = '';
  @state() private asking = false;

  protected override updated(): void {
    if (this.asking) focusConfirm(this);
  }

  override render() {
    const code = installCode(this.appId, this.server);
    return html`<h2>${strings.pageInstall}</h2>
      <p class="lead">${strings.installLead}</p>
      <pre aria-label=${strings.installCode}><code>${code}</code></pre>
      <div class="row">
        <button type="button" @click=${() => void this.#copy(code)}>${strings.installCopy}</button>
        <span role="status">${this.copied}</span>
      </div>
      <h3>${strings.apiKeyTitle}</h3>
      <p class="lead">${strings.apiKeyLead}</p>
      <p><code>${this.keyPrefix ? format(strings.apiKeyMasked, { prefix: this.keyPrefix }) : ''}</code></p>
      ${this.newKey ? html`<output><span>${strings.apiKeyNew}</span><code>${this.newKey}</code></output>` : nothing}
      <div class="row">
        ${
          this.asking
            ? asked(
                strings.apiKeyRotateConfirm,
                strings.apiKeyRotate,
                () => {
                  this.asking = false;
                  this.dispatchEvent(new CustomEvent('pd-api-key-new', { bubbles: true, composed: true }));
                },
                () => (this.asking = false),
              )
            : html`<button type="button" class="quiet" ?disabled=${this.busy} @click=${() => (this.asking = true)}>
              ${strings.apiKeyRotate}
            </button>`
        }
      </div>
      <p class="error" role="alert">${this.error}</p>`;
  }

  async #copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      this.copied = strings.installCopied;
    } catch {
      this.copied = strings.installCopyFailed;
    }
  }
}

export class PdSecurity extends LitElement {
  static override styles = styles;

  /** Whether identity verification is on (undefined: not read yet). */
  @property({ attribute: false }) on?: boolean;
  /** A secret just made (shown once). */
  @property() secret = '';
  @property({ type: Boolean }) busy = false;
  @property() error = '';
  @state() private asking = false;

  protected override updated(): void {
    if (this.asking) focusConfirm(this);
  }

  override render() {
    const emit = (on: boolean) =>
      this.dispatchEvent(new CustomEvent('pd-identity', { detail: on, bubbles: true, composed: true }));
    return html`<h2>${strings.identityTitle}</h2>
      <p class="lead">${strings.identityLead}</p>
      <p role="status">${this.on === undefined ? '' : this.on ? strings.identityOn : strings.identityOff}</p>
      ${this.secret ? html`<output><span>${strings.identitySecret}</span><code>${this.secret}</code></output>` : nothing}
      <div class="row">
        ${
          this.on
            ? html`<button type="button" class="quiet" ?disabled=${this.busy} @click=${() => emit(true)}>
                ${strings.identityNewSecret}
              </button>
              ${
                this.asking
                  ? asked(
                      strings.identityTurnOffConfirm,
                      strings.identityTurnOff,
                      () => {
                        this.asking = false;
                        emit(false);
                      },
                      () => (this.asking = false),
                    )
                  : html`<button type="button" class="quiet" ?disabled=${this.busy} @click=${() => (this.asking = true)}>
                    ${strings.identityTurnOff}
                  </button>`
              }`
            : html`<button type="button" ?disabled=${this.busy || this.on === undefined} @click=${() => emit(true)}>
              ${strings.identityTurnOn}
            </button>`
        }
      </div>
      <p class="error" role="alert">${this.error}</p>`;
  }
}

customElements.define('pd-install', PdInstall);
customElements.define('pd-security', PdSecurity);
