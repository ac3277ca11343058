/**
 * `<pd-settings-form>`: one settings page's fields, drawn from the settings table by their paths
 * (a checkbox, a text, a number, a choice, a colour, an icon, a list one per line, a list of
 * objects: `<pd-settings-items>`), each with its label, hint and the server's problem next to it. Every change reports
 * `pd-settings-draft` with what changed so far (the preview redraws); Save reports
 * `pd-settings-save` with it. Nothing is sent until Save; a save that fails keeps the draft.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { LAUNCHER_ICON_PATHS } from '../../../src/core/launcher.js';
import { isMessageSetting } from '../../../src/core/settings-access.js';
import type { FieldSpec, ItemsSpec } from '../../../src/core/settings-schema.js';
import { pageStyles } from './page-styles.js';
import './settings-items.js';
import type { ItemField } from './settings-items.js';
import { specAt, valueAt, type AppSettings, type SpecOf } from './settings-paths.js';
import { strings } from './strings.js';
import { formStyles } from './styles.js';

/** One field of a page: its path in the settings, its label, and what helps to fill it in. */
export interface SettingField {
  path: string;
  label: string;
  hint?: string;
  /** Labels of a choice's values (else the value itself). */
  choices?: Readonly<Record<string, string>>;
  /** A number is shown in units of this many stored units (1000: milliseconds as seconds). */
  scale?: number;
  /** A map of names to values (`{web: "bot-1"}`), edited as lines `name: value`. */
  map?: boolean;
  /** A list of objects: how its items' fields show and what an item is called. */
  items?: { fields: Readonly<Record<string, ItemField>>; itemLabel: string; addLabel: string };
}

/** `#rgb` as `#rrggbb` (a colour input takes only the long form). */
const longHex = (c: string) => (/^#[0-9a-f]{3}$/i.test(c) ? `#${[...c.slice(1)].map((x) => x + x).join('')}` : c);

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export class PdSettingsForm extends LitElement {
  static override styles = [
    formStyles,
    pageStyles,
    css`
      label.check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .hint {
        color: var(--pd-muted);
        font-size: 0.85rem;
      }
      select,
      input[type='number'] {
        font: inherit;
        padding: 0.4rem;
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        background: var(--pd-bg);
        color: inherit;
        justify-self: start;
      }
      input[type='color'] {
        width: 4rem;
        height: 2.25rem;
        padding: 0.15rem;
      }
      fieldset {
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        display: grid;
        gap: 0.5rem;
      }
      .saved {
        color: var(--pd-muted);
      }
      .actions {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
    `,
  ];

  /** The page's name (its heading). */
  @property() heading = '';
  @property({ attribute: false }) fields: readonly SettingField[] = [];
  @property({ attribute: false }) settings?: AppSettings;
  /** Where the fields' kinds and limits come from (the widget settings' table unless told). */
  @property({ attribute: false }) specOf: SpecOf = specAt;
  /** The last save's problems by path ('' for the rest). */
  @property({ attribute: false }) problems: Record<string, string> = {};
  /** Which of them their role may change: all, the message settings only, or none (shown, not editable). */
  @property() scope: 'all' | 'messages' | 'none' = 'none';
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) saved = false;
  /** What changed since the settings were read, by path. */
  @state() private draft = new Map<string, unknown>();

  protected override willUpdate(changed: Map<string, unknown>): void {
    // New settings (read or saved): nothing is pending any more.
    if (changed.has('settings') || changed.has('fields')) this.draft = new Map();
  }

  #mayEdit(path: string): boolean {
    return this.scope === 'all' || (this.scope === 'messages' && isMessageSetting(path));
  }

  override render() {
    const heading = html`<h2>${this.heading}</h2>`;
    if (!this.settings) return html`${heading}<p role="status">${strings.settingsLoading}</p>`;
    const some = this.fields.some((f) => this.#mayEdit(f.path));
    return html`${heading}<form class="fields" novalidate @submit=${this.#save}>
      ${this.fields.every((f) => this.#mayEdit(f.path)) ? nothing : html`<p class="hint">${strings.settingsReadOnly}</p>`}
      ${this.fields.map((f) => this.#field(f))}
      <p class="error" role="alert">${this.problems[''] ?? ''}</p>
      ${
        some
          ? html`<div class="actions">
            <button type="submit" ?disabled=${this.busy || this.draft.size === 0}>${strings.save}</button>
            <button type="button" class="quiet" ?disabled=${this.draft.size === 0} @click=${this.#discard}>
              ${strings.settingsDiscard}
            </button>
            <span class="saved" role="status">${this.saved && this.draft.size === 0 ? strings.saved : ''}</span>
          </div>`
          : nothing
      }
    </form>`;
  }

  #value(path: string): unknown {
    return this.draft.has(path) ? this.draft.get(path) : valueAt(this.settings, path, this.specOf);
  }

  #set(path: string, value: unknown) {
    this.draft = new Map(this.draft).set(path, value);
    this.#emit('pd-settings-draft', this.draft);
  }

  #field(f: SettingField) {
    const spec = this.specOf(f.path);
    if (!spec) return nothing;
    const editable = this.#mayEdit(f.path);
    const problem = this.problems[f.path];
    const id = `problem-${f.path}`;
    const described = { invalid: problem ? 'true' : 'false', id };
    const after = html`${f.hint ? html`<span class="hint">${f.hint}</span>` : nothing}
      <span class="field-error" id=${id}>${problem ?? ''}</span>`;
    if (spec.kind === 'boolean')
      return html`<div>
        <label class="check"
          ><input
            type="checkbox"
            name=${f.path}
            .checked=${live(this.#value(f.path) === true)}
            ?disabled=${!editable}
            aria-invalid=${described.invalid}
            aria-describedby=${id}
            @change=${(e: Event) => this.#set(f.path, (e.target as HTMLInputElement).checked)}
          />${f.label}</label
        >${after}
      </div>`;
    if (spec.kind === 'items')
      return html`<fieldset>
        <legend>${f.label}</legend>
        ${this.#input(f, spec, described, editable)} ${after}
      </fieldset>`;
    return html`<label>${f.label} ${this.#input(f, spec, described, editable)} ${after}</label>`;
  }

  #input(f: SettingField, spec: FieldSpec | ItemsSpec, d: { invalid: string; id: string }, editable: boolean) {
    const value = this.#value(f.path);
    const common = { name: f.path, disabled: !editable };
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    if (spec.kind === 'text' && f.choices) {
      const values = Object.keys(f.choices);
      return html`<select
        name=${common.name}
        ?disabled=${common.disabled}
        aria-invalid=${d.invalid}
        aria-describedby=${d.id}
        @change=${(e: Event) => this.#set(f.path, values[(e.target as HTMLSelectElement).selectedIndex])}
      >
        ${values.map((v) => html`<option ?selected=${v === value}>${f.choices?.[v]}</option>`)}
      </select>`;
    }
    switch (spec.kind) {
      case 'text':
        return spec.maxLength > 300
          ? html`<textarea
              name=${common.name}
              rows="3"
              maxlength=${spec.maxLength}
              ?disabled=${common.disabled}
              .value=${live(String(value ?? ''))}
              aria-invalid=${d.invalid}
              aria-describedby=${d.id}
              @input=${(e: Event) => this.#set(f.path, text(e))}
            ></textarea>`
          : html`<input
              name=${common.name}
              maxlength=${spec.maxLength}
              ?disabled=${common.disabled}
              .value=${live(String(value ?? ''))}
              aria-invalid=${d.invalid}
              aria-describedby=${d.id}
              @input=${(e: Event) => this.#set(f.path, text(e))}
            />`;
      case 'number': {
        const scale = f.scale ?? 1;
        return html`<input
          type="number"
          name=${common.name}
          min="0"
          max=${spec.max ?? ''}
          step=${spec.integer && scale === 1 ? '1' : 'any'}
          ?disabled=${common.disabled}
          .value=${live(String(Number(value ?? 0) / scale))}
          aria-invalid=${d.invalid}
          aria-describedby=${d.id}
          @input=${(e: Event) => {
            const n = Number(text(e)) * scale;
            this.#set(f.path, spec.integer ? Math.round(n) : n);
          }}
        />`;
      }
      case 'oneOf':
      case 'icon': {
        const values: readonly (string | number)[] =
          spec.kind === 'oneOf' ? spec.values : [...LAUNCHER_ICON_PATHS.keys(), 'image'];
        return html`<select
          name=${common.name}
          ?disabled=${common.disabled}
          aria-invalid=${d.invalid}
          aria-describedby=${d.id}
          @change=${(e: Event) => {
            const picked = values[(e.target as HTMLSelectElement).selectedIndex];
            this.#set(f.path, picked);
          }}
        >
          ${values.map((v) => html`<option ?selected=${v === value}>${f.choices?.[String(v)] ?? String(v)}</option>`)}
        </select>`;
      }
      case 'color':
        return html`<input
          type="color"
          name=${common.name}
          ?disabled=${common.disabled}
          .value=${live(longHex(String(value ?? '#000000')))}
          aria-invalid=${d.invalid}
          aria-describedby=${d.id}
          @input=${(e: Event) => this.#set(f.path, text(e))}
        />`;
      case 'list': {
        const shown = f.map
          ? Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => `${k}: ${v}`)
          : ((value as string[] | undefined) ?? []);
        const read = (t: string) =>
          f.map
            ? Object.fromEntries(lines(t).map((l) => [l.split(':')[0]!.trim(), l.slice(l.indexOf(':') + 1).trim()]))
            : lines(t);
        return html`<textarea
          name=${common.name}
          rows="4"
          ?disabled=${common.disabled}
          .value=${live(shown.join('\n'))}
          aria-invalid=${d.invalid}
          aria-describedby=${d.id}
          @input=${(e: Event) => this.#set(f.path, read(text(e)))}
        ></textarea>`;
      }
      case 'items':
        return html`<pd-settings-items
          .path=${f.path}
          .items=${(value as Array<Record<string, unknown>> | undefined) ?? []}
          .spec=${spec}
          .fields=${f.items?.fields ?? {}}
          .itemLabel=${f.items?.itemLabel ?? '{n}'}
          .addLabel=${f.items?.addLabel ?? ''}
          ?editable=${editable}
          @pd-items=${(e: CustomEvent<unknown[]>) => this.#set(f.path, e.detail)}
        ></pd-settings-items>`;
    }
  }

  #discard() {
    this.draft = new Map();
    this.#emit('pd-settings-draft', this.draft);
  }

  #save(e: SubmitEvent) {
    e.preventDefault();
    if (this.draft.size > 0) this.#emit('pd-settings-save', this.draft);
  }

  #emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

customElements.define('pd-settings-form', PdSettingsForm);
