/**
 * `<pd-profile>`: the staff member's own profile — name, picture, designation, contact number,
 * e-mail — and a password change that asks for the current one. A refusal shows next to its
 * field. Reports `pd-profile-save` with the changed fields only.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { StaffProfile } from '../../../src/core/staff-protocol.js';
import { strings } from './strings.js';
import { formStyles } from './styles.js';
import { field, pageStyles } from './page-styles.js';

const FIELDS = [
  ['userName', 'text', 'name'],
  ['imageLink', 'url', 'photo'],
  ['designation', 'text', 'organization-title'],
  ['contactNumber', 'tel', 'tel'],
  ['email', 'email', 'email'],
] as const;

export class PdProfile extends LitElement {
  static override styles = [formStyles, pageStyles];

  @property({ attribute: false }) profile?: StaffProfile;
  /** The last save's problems by field ('' for the rest). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property({ type: Boolean }) saved = false;
  @property({ type: Boolean }) busy = false;

  override render() {
    const p = this.profile;
    if (!p) return nothing;
    const label: Record<string, string> = {
      userName: strings.profileName,
      imageLink: strings.profilePicture,
      designation: strings.profileDesignation,
      contactNumber: strings.profileContactNumber,
      email: strings.profileEmail,
    };
    return html`<h2>${strings.pageProfile}</h2>
      <form class="fields" novalidate @submit=${this.#saveProfile}>
        ${FIELDS.map(([name, type, autocomplete]) =>
          field(name, label[name] ?? name, this.problems[name], { type, autocomplete, value: p[name] ?? '' }),
        )}
        <button type="submit" ?disabled=${this.busy}>${strings.save}</button>
      </form>
      <h3>${strings.profilePasswordTitle}</h3>
      <form class="fields" novalidate @submit=${this.#savePassword}>
        ${field('currentPassword', strings.profileCurrentPassword, this.problems['currentPassword'], {
          type: 'password',
          autocomplete: 'current-password',
        })}
        ${field('password', strings.profileNewPassword, this.problems['password'], {
          type: 'password',
          autocomplete: 'new-password',
        })}
        <button type="submit" ?disabled=${this.busy}>${strings.profileChangePassword}</button>
      </form>
      <p class="error" role="alert">${this.problems[''] ?? ''}</p>
      <p role="status">${this.saved ? strings.saved : ''}</p>`;
  }

  #saveProfile(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const patch: Record<string, string> = {};
    for (const [name] of FIELDS) {
      const value = String(data.get(name) ?? '').trim();
      if (value !== (this.profile?.[name] ?? '')) patch[name] = value;
    }
    this.#emit(patch);
  }

  #savePassword(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.#emit({
      currentPassword: String(data.get('currentPassword') ?? ''),
      password: String(data.get('password') ?? ''),
    });
  }

  #emit(patch: Record<string, string>) {
    this.dispatchEvent(new CustomEvent('pd-profile-save', { detail: patch, bubbles: true, composed: true }));
  }
}

customElements.define('pd-profile', PdProfile);
