import { html, nothing, type SVGTemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { en, format, type Strings } from '../../core/locale.js';
import type { CsatRating } from '../../core/protocol.js';
import { ParleyElement, hostStyles } from '../base.js';
import { ParleyCsatSubmitEvent } from '../events.js';
import { controlStyles } from '../shared/controls.styles.js';
import { faceIcons, starIcon } from '../shared/icons.js';
import { csatStyles } from './csat.styles.js';
import { localeContext, stringsContext } from '../context.js';

interface CsatOption {
  value: number;
  label: string;
  icon: SVGTemplateResult;
}

/** The product's values of the three faces: poor, average, great. */
export const FACE_VALUES = [1, 5, 10] as const;

/** The choices of a scale: three faces (base 3, values 1/5/10) or five stars (base 5, values 1..5). */
function optionsFor(base: number, s: Strings, locale: string): CsatOption[] {
  if (base === 5) {
    return [1, 2, 3, 4, 5].map((count) => ({
      value: count,
      label: format(s.csatStars, { count }, locale),
      icon: starIcon,
    }));
  }
  const labels = [s.csatPoor, s.csatAverage, s.csatGreat];
  return FACE_VALUES.map((value, i) => ({ value, label: labels[i] ?? '', icon: faceIcons[i] ?? starIcon }));
}

/** The choice a stored rating stands for on a scale: the nearest face, or stars rounded into 1..5. */
function optionOf(rating: number, options: CsatOption[]): CsatOption | undefined {
  const r = Number(rating);
  if (!Number.isFinite(r)) return undefined;
  if (options.length === 5) return options[Math.min(5, Math.max(1, Math.round(r))) - 1];
  return options[r < 5 ? 0 : r < 10 ? 1 : 2];
}

/**
 * @summary The satisfaction survey after a resolved conversation: three faces (poor, average,
 * great) or five stars as a radio group, an optional comment and a submit button. With `rating`
 * set it shows the visitor's rating instead, read-only.
 * @tag parley-csat
 *
 * @event parley-csat-submit - `{rating, comment}`: 1/5/10 (faces) or 1..5 (stars); comment trimmed.
 *
 * @csspart csat - The card (form or rating).
 * @csspart submit-button - The submit button.
 *
 * @cssprop [--parley-primary-color=#5b5bd6] - Chosen face, the submit button.
 */
export class ParleyCsat extends ParleyElement {
  static override styles = [hostStyles, controlStyles, csatStyles];

  /** 3 (three faces; default) or 5 (stars): the settings' `csatRatingBase`. */
  @property({ type: Number }) base: 3 | 5 = 3;

  /** The conversation's rating, if given: shown read-only instead of the form. */
  @property({ attribute: false }) rating?: Pick<CsatRating, 'rating' | 'comment'> | undefined;

  /** Being sent: submits are ignored. */
  @property({ type: Boolean, reflect: true }) busy = false;

  @consume({ context: stringsContext, subscribe: true })
  @property({ attribute: false })
  strings: Strings = en;

  @consume({ context: localeContext, subscribe: true })
  @property()
  locale = '';

  @state() private choice = 0;
  @state() private comment = '';
  @state() private missing = false;

  private focusRated = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('base')) this.choice = 0;
    // The form turns into the rating card: keep the focus on it when it was in the form.
    this.focusRated = changed.has('rating') && !!this.rating && !!this.shadowRoot?.activeElement;
  }

  protected override updated(): void {
    if (this.focusRated) this.renderRoot.querySelector<HTMLElement>('.rated')?.focus();
  }

  private renderRated(rating: Pick<CsatRating, 'rating' | 'comment'>, options: CsatOption[]) {
    const option = optionOf(rating.rating, options);
    if (!option) return nothing;
    const stars = options.length === 5;
    const comment = typeof rating.comment === 'string' ? rating.comment.trim() : '';
    return html`<div class="card rated" part="csat" tabindex="-1">
      <span class=${stars ? 'stars' : ''} aria-hidden="true">
        ${stars ? options.slice(0, option.value).map(() => starIcon) : option.icon}
      </span>
      <p>${format(this.strings.csatRated, { rating: option.label })}</p>
      ${comment ? html`<p class="comment">${comment}</p>` : nothing}
    </div>`;
  }

  override render() {
    const options = optionsFor(this.base, this.strings, this.locale);
    if (this.rating) return this.renderRated(this.rating, options);
    const stars = options.length === 5;
    return html`<form class="card" part="csat" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
      <fieldset aria-describedby=${this.missing ? 'csat-error' : nothing}>
        <legend>${this.strings.csatQuestion}</legend>
        <div class=${stars ? 'options stars' : 'options faces'}>
          ${options.map(
            (o) => html`<input
                class="sr-only"
                type="radio"
                name="rating"
                id=${`csat-${o.value}`}
                .value=${String(o.value)}
                .checked=${this.choice === o.value}
                @change=${() => this.handleChoice(o.value)}
              />
              <label class=${stars && o.value <= this.choice ? 'option filled' : 'option'} for=${`csat-${o.value}`}>
                ${o.icon}<span class=${stars ? 'sr-only' : ''}>${o.label}</span>
              </label>`,
          )}
        </div>
        ${this.missing ? html`<p class="error" id="csat-error">${this.strings.csatChoose}</p>` : nothing}
      </fieldset>
      <div class="field">
        <label for="csat-comment">${this.strings.csatComment}</label>
        <textarea
          id="csat-comment"
          rows="2"
          maxlength="1000"
          .value=${this.comment}
          @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>
      <button class="btn" part="submit-button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
        ${this.strings.csatSubmit}
      </button>
    </form>`;
  }

  private handleChoice(value: number): void {
    this.choice = value;
    this.missing = false;
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    if (!this.choice) {
      this.missing = true;
      this.renderRoot.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    this.emit(new ParleyCsatSubmitEvent({ rating: this.choice, comment: this.comment.trim() }));
  }
}

ParleyCsat.define('parley-csat');

declare global {
  interface HTMLElementTagNameMap {
    'parley-csat': ParleyCsat;
  }
}
