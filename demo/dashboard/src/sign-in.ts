/**
 * `<pd-sign-in>`: the staff sign-in form (app id, e-mail, password). Reports `pd-sign-in` with
 * the credentials; the app answers by setting `error` or by replacing the form.
 */
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import './language-picker.js';
import { strings } from './strings.js';
import { formStyles } from './styles.js';

export interface Credentials {
  appId: string;
  email: string;
  password: string;
}

export class PdSignIn extends LitElement {
  static override styles = [
    formStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: 1rem;
      }
      form {
        display: grid;
        gap: 0.75rem;
        width: min(100%, 22rem);
      }
      h1 {
        font-size: 1.4rem;
        margin: 0 0 0.5rem;
      }
      .hint {
        font-size: 0.85rem;
        color: var(--pd-muted);
      }
    `,
  ];

  /** Prefills the app id (`?appId=` on the sign-in page). */
  @property() appId = '';
  /** The last attempt's problem, shown under the form. */
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @state() private missing = false;

  override render() {
    const [before, after] = strings.signInHint.split('{command}');
    return html`<form novalidate @submit=${this.#submit}>
      <h1>${strings.signInTitle}</h1>
      <label>${strings.signInAppId} <input name="appId" required autocomplete="organization" .value=${this.appId} /></label>
      <label>${strings.signInEmail} <input name="email" type="email" required autocomplete="username" /></label>
      <label
        >${strings.signInPassword} <input name="password" type="password" required autocomplete="current-password"
      /></label>
      <p class="error" role="alert">${this.missing ? strings.signInIncomplete : this.error}</p>
      <button type="submit" ?disabled=${this.busy}>${strings.signInSubmit}</button>
      <p class="hint">${before}<code dir="ltr">${strings.signInHintCommand}</code>${after}</p>
      <pd-language-picker></pd-language-picker>
    </form>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const credentials: Credentials = {
      appId: value('appId'),
      email: value('email'),
      password: String(data.get('password') ?? ''),
    };
    this.missing = !credentials.appId || !credentials.email || !credentials.password;
    if (this.missing) return;
    this.dispatchEvent(
      new CustomEvent<Credentials>('pd-sign-in', { detail: credentials, bubbles: true, composed: true }),
    );
  }
}

customElements.define('pd-sign-in', PdSignIn);
