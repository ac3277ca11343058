/**
 * `<pd-csat-report>`: how satisfied visitors were, over the last 7, 30 or 90 days — in all, per
 * agent (the rated conversation's assignee) and per team: how many ratings, their average and how
 * many of each value. Reports `pd-period` with the days chosen; the app reads the report.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { CsatFigures, CsatReport } from '../../../src/core/staff-protocol.js';
import { format, formatNumber, plural, strings } from './strings.js';
import { formStyles } from './styles.js';
import { pageStyles, tableStyles } from './page-styles.js';

export const REPORT_PERIODS = [7, 30, 90] as const;

export class PdCsatReport extends LitElement {
  static override styles = [formStyles, pageStyles, tableStyles];

  @property({ attribute: false }) report?: CsatReport;
  @property({ type: Number }) days = 30;
  @property() error = '';

  override render() {
    const r = this.report;
    return html`<h2>${strings.reportCsatTitle}</h2>
      <label
        >${strings.reportPeriod}
        <select
          @change=${(e: Event) =>
            this.dispatchEvent(
              new CustomEvent('pd-period', {
                detail: Number((e.target as HTMLSelectElement).value),
                bubbles: true,
                composed: true,
              }),
            )}
        >
          ${REPORT_PERIODS.map((d) => html`<option value=${d} ?selected=${d === this.days}>${plural(strings.reportLastDays, d, { days: d })}</option>`)}
        </select></label
      >
      <p class="error" role="alert">${this.error}</p>
      ${
        r
          ? html`<p class="lead" role="status">${this.#summary(r.total)}</p>
            ${this.#table(
              strings.reportAgents,
              r.agents.map((a) => [a.userName, a] as const),
            )}
            ${this.#table(
              strings.reportTeams,
              r.teams.map((t) => [t.name, t] as const),
            )}`
          : nothing
      }`;
  }

  #summary(f: CsatFigures): string {
    return f.count === 0
      ? strings.reportNone
      : plural(strings.reportTotal, f.count, { count: f.count, average: f.average ?? '' });
  }

  #table(caption: string, rows: ReadonlyArray<readonly [string, CsatFigures]>) {
    if (rows.length === 0) return nothing;
    return html`<table>
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${strings.reportWho}</th>
          <th scope="col">${strings.reportCount}</th>
          <th scope="col">${strings.reportAverage}</th>
          <th scope="col">${strings.reportDistribution}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([name, f]) => html`<tr>
            <th scope="row"><bdi>${name}</bdi></th>
            <td>${formatNumber(f.count)}</td>
            <td>${f.average === null ? '' : formatNumber(f.average)}</td>
            <td>${Object.entries(f.distribution)
              .map(([value, n]) => format(strings.reportValueCount, { value: Number(value), count: n }))
              .join(strings.listSeparator)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('pd-csat-report', PdCsatReport);
