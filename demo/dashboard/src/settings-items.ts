/**
 * `<pd-settings-items>`: a list of objects of the settings (greeting bubbles, office hours per
 * team, lead form fields), each item a group of its fields drawn by the item table's kinds — lines,
 * a number (in the unit its label names), a text, a switch, a choice, a list one per line, a time
 * zone, a week of opening hours — with a button to remove it and one to add another. Each change
 * reports `pd-items` with the whole new list.
 */
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { WEEKDAY_KEYS } from '../../../src/core/protocol-enums.js';
import { defaultsOf, type ItemFieldSpec, type ItemsSpec } from '../../../src/core/settings-schema.js';
import { format, lang, strings } from './strings.js';
import { formStyles } from './styles.js';

type Item = Record<string, unknown>;

/** How one field of the items is shown. */
export interface ItemField {
  label: string;
  /** A number shown in units of this many stored units (1000: milliseconds as seconds). */
  scale?: number;
  /** A choice's values and their labels (a text field becomes a choice). */
  choices?: ReadonlyArray<readonly [string | number, string]>;
  /** The field may be left out (the app's value applies): the label of that first choice. */
  inherit?: string;
  /** A map of names to values, edited as lines `name: value`. */
  map?: boolean;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const DAY_NAMES = WEEKDAY_KEYS.map((day) =>
  new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + Number(day))),
  ),
);
const TIME_ZONES: readonly string[] =
  (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** `"0900-1730"` ⇄ the two times `"09:00"`, `"17:30"` of a day. */
const timesOf = (range: unknown): [string, string] => {
  const m = /^(\d{2})(\d{2})-(\d{2})(\d{2})$/.exec(String(range ?? ''));
  return m ? [`${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`] : ['', ''];
};
const rangeOf = (from: string, until: string) =>
  from && until ? `${from.replace(':', '')}-${until.replace(':', '')}` : undefined;

export class PdSettingsItems extends LitElement {
  static override styles = [
    formStyles,
    css`
      fieldset {
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        display: grid;
        gap: 0.5rem;
        margin: 0 0 0.75rem;
      }
      label.check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      .week {
        display: grid;
        grid-template-columns: auto auto auto;
        gap: 0.25rem 0.5rem;
        align-items: center;
        justify-content: start;
      }
      select,
      input[type='number'],
      input[type='time'] {
        font: inherit;
        padding: 0.35rem;
        border: 1px solid var(--pd-line);
        border-radius: 6px;
        background: var(--pd-bg);
        color: inherit;
        justify-self: start;
      }
      button {
        justify-self: start;
      }
    `,
  ];

  @property() path = '';
  @property({ attribute: false }) items: readonly Item[] = [];
  @property({ attribute: false }) spec?: ItemsSpec;
  /** How each field shows, by field name (a field not named here is not shown). */
  @property({ attribute: false }) fields: Readonly<Record<string, ItemField>> = {};
  /** Names one item: `{n}` is its number. */
  @property() itemLabel = '{n}';
  @property() addLabel = '';
  @property({ type: Boolean }) editable = false;

  override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    return html`${this.items.map((item, i) => this.#item(item, i, spec))}
      <datalist id="zones">${TIME_ZONES.map((z) => html`<option value=${z}></option>`)}</datalist>
      ${
        this.editable && this.items.length < spec.maxItems
          ? html`<button type="button" class="quiet" @click=${() => this.#put([...this.items, defaultsOf<Item>(spec.item.fields)])}>
            ${this.addLabel}
          </button>`
          : nothing
      }`;
  }

  #item(item: Item, i: number, spec: ItemsSpec) {
    const name = format(this.itemLabel, { n: i + 1 });
    return html`<fieldset>
      <legend>${name}</legend>
      ${Object.entries(this.fields).map(([field, shown]) => {
        const fieldSpec = spec.item.fields[field];
        return fieldSpec ? this.#field(item, i, field, fieldSpec, shown) : nothing;
      })}
      ${
        this.editable
          ? html`<button type="button" class="quiet" @click=${() => this.#put(this.items.filter((_, j) => j !== i))}>
            ${format(strings.itemRemove, { name })}
          </button>`
          : nothing
      }
    </fieldset>`;
  }

  #field(item: Item, i: number, field: string, spec: ItemFieldSpec, shown: ItemField) {
    const set = (value: unknown) =>
      this.#put(
        this.items.map((x, j) => {
          if (j !== i) return x;
          const { [field]: _old, ...rest } = x;
          return value === undefined ? rest : { ...rest, [field]: value };
        }),
      );
    const value = item[field] ?? (shown.inherit === undefined ? spec.default : undefined);
    const inherit = shown.inherit;
    // A rule a team may leave to the app: a choice whose first option is "the app's".
    if (inherit !== undefined && (spec.kind === 'oneOf' || spec.kind === 'boolean' || shown.choices)) {
      const yesNo: ReadonlyArray<readonly [unknown, string]> = [
        [true, strings.yes],
        [false, strings.no],
      ];
      const values = spec.kind === 'oneOf' ? spec.values.map((v) => [v, String(v)] as const) : yesNo;
      const options: ReadonlyArray<readonly [unknown, string]> = [[undefined, inherit], ...(shown.choices ?? values)];
      return html`<label
        >${shown.label}
        <select ?disabled=${!this.editable} @change=${(e: Event) => set(options[(e.target as HTMLSelectElement).selectedIndex]?.[0])}>
          ${options.map(([v, label]) => html`<option ?selected=${v === value}>${label}</option>`)}
        </select></label
      >`;
    }
    const off = !this.editable;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    if (shown.choices)
      return html`<label
        >${shown.label}
        <select ?disabled=${off} @change=${(e: Event) => set(shown.choices![(e.target as HTMLSelectElement).selectedIndex]?.[0])}>
          ${shown.choices.map(([v, label]) => html`<option ?selected=${v === value}>${label}</option>`)}
        </select></label
      >`;
    switch (spec.kind) {
      case 'boolean':
        return html`<label class="check"
          ><input type="checkbox" ?disabled=${off} .checked=${live(value === true)} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />${shown.label}</label
        >`;
      case 'number': {
        const scale = shown.scale ?? 1;
        return html`<label
          >${shown.label}
          <input
            type="number"
            min="0"
            step="any"
            ?disabled=${off}
            placeholder=${inherit ?? nothing}
            .value=${live(value === undefined ? '' : String(Number(value) / scale))}
            @input=${(e: Event) =>
              set(text(e) === '' && inherit !== undefined ? undefined : Math.round(Number(text(e)) * scale))}
        /></label>`;
      }
      case 'lines':
      case 'list': {
        // A map (`{web: "bot-1"}`) as lines `name: value`; empty: left out (the app's value).
        const shownText = shown.map
          ? Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`)
          : ([] as unknown[]).concat(value ?? []);
        const read = (t: string) => {
          if (!shown.map) return lines(t);
          const pairs = lines(t).map((l) => [l.split(':')[0]!.trim(), l.slice(l.indexOf(':') + 1).trim()]);
          return pairs.length === 0 && inherit !== undefined ? undefined : Object.fromEntries(pairs);
        };
        return html`<label
          >${shown.label}
          <textarea rows="2" ?disabled=${off} .value=${live(shownText.join('\n'))} @input=${(e: Event) => set(read(text(e)))}></textarea
        ></label>`;
      }
      case 'oneOf':
        return html`<label
          >${shown.label}
          <select ?disabled=${off} @change=${(e: Event) => set(spec.values[(e.target as HTMLSelectElement).selectedIndex])}>
            ${spec.values.map((v) => html`<option ?selected=${v === value}>${String(v)}</option>`)}
          </select></label
        >`;
      case 'weekHours':
        return this.#week(shown.label, (value ?? {}) as Record<string, string>, set, off);
      default:
        return html`<label
          >${shown.label}
          <input
            list=${spec.kind === 'timeZone' ? 'zones' : nothing}
            ?disabled=${off}
            .value=${live(String(value ?? ''))}
            @input=${(e: Event) => set(text(e))}
        /></label>`;
    }
  }

  /** A week of opening hours: each day from and until (both empty: closed). */
  #week(label: string, week: Record<string, string>, set: (v: unknown) => void, off: boolean) {
    const day = (key: string, from: string, until: string) => {
      const next = { ...week };
      const range = rangeOf(from, until);
      if (range) next[key] = range;
      else delete next[key];
      set(next);
    };
    return html`<div role="group" aria-label=${label}>
      <span>${label}</span>
      <div class="week">
        ${WEEKDAY_KEYS.map((key, d) => {
          const [from, until] = timesOf(week[key]);
          const name = DAY_NAMES[d] ?? key;
          return html`<span>${name}</span>
            <input
              type="time"
              aria-label=${format(strings.hoursFrom, { day: name })}
              ?disabled=${off}
              .value=${live(from)}
              @change=${(e: Event) => day(key, (e.target as HTMLInputElement).value, until || '17:00')}
            />
            <input
              type="time"
              aria-label=${format(strings.hoursUntil, { day: name })}
              ?disabled=${off}
              .value=${live(until)}
              @change=${(e: Event) => day(key, from || '09:00', (e.target as HTMLInputElement).value)}
            />`;
        })}
      </div>
      <span class="hint">${strings.hoursHint}</span>
    </div>`;
  }

  #put(items: Item[]) {
    this.dispatchEvent(new CustomEvent('pd-items', { detail: items, bubbles: true, composed: true }));
  }
}

customElements.define('pd-settings-items', PdSettingsItems);
