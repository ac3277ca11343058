/**
 * `<pd-teammates>`: the team — each teammate's name, e-mail, role, status and open
 * conversations — with what the signed-in staff member's role allows them to do (the people rows
 * of the permission table, `src/core/people-grants.ts`; the server refuses the rest): change a
 * role, delete, hand the app over (the super admin to an admin), and add a teammate.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ROLE_GRANTS, TEAMMATE_RULES } from '../../../src/core/people-grants.js';
import type { UserRole } from '../../../src/core/protocol.js';
import type { Teammate } from '../../../src/core/staff-protocol.js';
import { roleName } from './names.js';
import { isolated } from './bidi.js';
import { format, formatNumber, strings } from './strings.js';
import { formStyles } from './styles.js';
import { field, pageStyles, tableStyles } from './page-styles.js';

/** The roles a teammate may have, in the order they are offered. */
const ROLES = ['admin', 'agent', 'operator'] as const satisfies readonly UserRole[];

export class PdTeammates extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    tableStyles,
    css`
      :host {
        max-width: 60rem;
      }
      td.actions {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
      }
    `,
  ];

  @property({ attribute: false }) team: readonly Teammate[] = [];
  /** The signed-in staff member's id and permissions. */
  @property() me = '';
  @property({ attribute: false }) permissions: readonly string[] = [];
  @property({ attribute: false }) problems: Record<string, string> = {};
  @property({ type: Boolean }) busy = false;

  /** A deletion or hand-over asked for and waiting for its confirmation. */
  @state() private asking?: { userId: string; event: 'pd-teammate-delete' | 'pd-teammate-owner' };

  #may(permission: string | undefined): boolean {
    return permission !== undefined && this.permissions.includes(permission);
  }

  /** The roles they may give (`ROLE_GRANTS`). */
  #givable(): UserRole[] {
    return ROLES.filter((r) => this.#may(ROLE_GRANTS[r]));
  }

  override render() {
    const people = this.team.filter((t) => t.role !== 'bot');
    return html`<h2>${strings.pageTeammates}</h2>
      <p class="lead">${strings.teammatesLead}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${strings.teammateName}</th>
            <th scope="col">${strings.teammateEmail}</th>
            <th scope="col">${strings.teammateRole}</th>
            <th scope="col">${strings.teammateStatus}</th>
            <th scope="col">${strings.teammateOpen}</th>
            <th scope="col">${strings.teammateActions}</th>
          </tr>
        </thead>
        <tbody>
          ${people.map((t) => this.#row(t))}
        </tbody>
      </table>
      <p class="error" role="alert">${this.problems[''] ?? ''}</p>
      ${this.#may('editTeammates') ? this.#addForm() : nothing}`;
  }

  #row(t: Teammate) {
    const self = t.userId === this.me;
    const changeRole = !self && !t.deactivated && this.#may(TEAMMATE_RULES.role[t.role]);
    const remove = !self && this.#may(TEAMMATE_RULES.delete[t.role]);
    const handOver = !self && t.role === 'admin' && !t.deactivated && this.#may('transferOwnership');
    const deactivate = !self && this.#may(TEAMMATE_RULES.deactivate[t.role]);
    const status = t.deactivated
      ? strings.teammateDeactivated
      : t.status === 'away'
        ? strings.teammateAway
        : t.connected
          ? strings.teammateOnline
          : strings.teammateOffline;
    const givable = this.#givable();
    return html`<tr data-user=${t.userId}>
      <td><bdi>${t.userName}</bdi>${self ? ` (${strings.you})` : ''}</td>
      <td><bdi>${t.email ?? ''}</bdi></td>
      <td>
        ${
          changeRole
            ? html`<select
              aria-label=${format(strings.teammateRoleOf, { name: t.userName })}
              @change=${(e: Event) => this.#emit('pd-teammate-role', { userId: t.userId, role: (e.target as HTMLSelectElement).value })}
            >
              ${[...new Set<UserRole>([t.role, ...givable])].map(
                (r) => html`<option value=${r} ?selected=${r === t.role}>${roleName(r)}</option>`,
              )}
            </select>`
            : roleName(t.role)
        }
      </td>
      <td>${status}</td>
      <td>${formatNumber(t.openConversations)}</td>
      <td class="actions">
        ${
          this.asking?.userId === t.userId
            ? this.#confirmation(t)
            : html`${
                handOver
                  ? html`<button
                  type="button"
                  class="quiet"
                  aria-label=${format(strings.teammateMakeOwnerLabel, { name: t.userName })}
                  @click=${() => (this.asking = { userId: t.userId, event: 'pd-teammate-owner' })}
                >
                  ${strings.teammateMakeOwner}
                </button>`
                  : nothing
              }
            ${
              deactivate
                ? html`<button
                  type="button"
                  class="quiet"
                  aria-label=${format(t.deactivated ? strings.teammateReactivateLabel : strings.teammateDeactivateLabel, { name: t.userName })}
                  @click=${() => this.#emit('pd-teammate-active', { userId: t.userId, deactivated: !t.deactivated })}
                >
                  ${t.deactivated ? strings.teammateReactivate : strings.teammateDeactivate}
                </button>`
                : nothing
            }
            ${
              remove
                ? html`<button
                  type="button"
                  class="quiet"
                  aria-label=${format(strings.teammateDeleteLabel, { name: t.userName })}
                  @click=${() => (this.asking = { userId: t.userId, event: 'pd-teammate-delete' })}
                >
                  ${strings.teammateDelete}
                </button>`
                : nothing
            }`
        }
      </td>
    </tr>`;
  }

  #addForm() {
    const p = this.problems;
    return html`<h3>${strings.teammateAddTitle}</h3>
      <form class="fields" novalidate @submit=${this.#add}>
        ${field('email', strings.teammateEmail, p['email'], { type: 'email', autocomplete: 'off' })}
        ${field('userName', strings.teammateName, p['userName'])}
        <label
          >${strings.teammateRole}
          <select name="role">
            ${this.#givable().map((r) => html`<option value=${r} ?selected=${r === 'agent'}>${roleName(r)}</option>`)}
          </select>
          <span class="field-error">${p['role'] ?? ''}</span></label
        >
        ${field('password', strings.teammatePassword, p['password'], { type: 'password', autocomplete: 'new-password' })}
        <button type="submit" ?disabled=${this.busy}>${strings.teammateAdd}</button>
      </form>`;
  }

  /** Empties the add form (the teammate was added). */
  reset(): void {
    this.renderRoot.querySelector('form')?.reset();
  }

  /** The question for the asked change, with the button that does it and one that does not. */
  #confirmation(t: Teammate) {
    const asking = this.asking!;
    const owner = asking.event === 'pd-teammate-owner';
    return html`<span role="alert">${isolated(owner ? strings.teammateMakeOwnerConfirm : strings.teammateDeleteConfirm, { name: t.userName })}</span>
      <button
        type="button"
        @click=${() => {
          this.asking = undefined;
          this.#emit(asking.event, { userId: t.userId });
        }}
      >
        ${owner ? strings.teammateMakeOwner : strings.teammateDelete}
      </button>
      <button type="button" class="quiet" @click=${() => (this.asking = undefined)}>${strings.cancel}</button>`;
  }

  #add(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    this.#emit('pd-teammate-add', {
      email: value('email'),
      userName: value('userName'),
      role: value('role'),
      password: String(data.get('password') ?? ''),
    });
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-teammates', PdTeammates);
