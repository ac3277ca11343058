/**
 * The CSAT report (`GET /agent/v1/reports/csat`): the period's validation and the figures per
 * agent (the rated conversation's assignee) and per team (the conversation's `metadata.teamId`,
 * else the rules' `defaultTeamId`), from counts the database grouped (`repo/reports.ts`). Pure.
 */
import { fail } from './errors.js';
import type { CsatCountRow } from './repo/reports.js';
import type { CsatFigures, CsatReport } from '../../../src/core/staff-protocol.js';

export const MAX_REPORT_DAYS = 366;
const DAY = 24 * 60 * 60 * 1000;

export type { AgentCsat, CsatFigures, CsatReport, TeamCsat } from '../../../src/core/staff-protocol.js';

/** The period from the query: both required, ms since the epoch, `from` < `to`, at most 366 days. */
export function readPeriod(query: URLSearchParams): { from: number; to: number } {
  const read = (name: 'from' | 'to'): number => {
    const raw = query.get(name);
    if (raw === null || raw === '') throw fail.missingField(name);
    if (!/^\d{1,15}$/.test(raw)) throw fail.invalidField(name, 'must be a time in milliseconds since 1970');
    return Number(raw);
  };
  const from = read('from');
  const to = read('to');
  if (to <= from) throw fail.invalidField('to', 'must be after from');
  if (to - from > MAX_REPORT_DAYS * DAY)
    throw fail.invalidField('to', `must be at most ${MAX_REPORT_DAYS} days after from`);
  return { from, to };
}

function figures(rows: readonly CsatCountRow[]): CsatFigures {
  const distribution: Record<string, number> = {};
  let count = 0;
  let sum = 0;
  for (const r of rows) {
    distribution[String(r.value)] = (distribution[String(r.value)] ?? 0) + r.n;
    count += r.n;
    sum += r.value * r.n;
  }
  return { count, average: count === 0 ? null : Math.round((sum / count) * 100) / 100, distribution };
}

/** Groups the rows by `key`, skipping rows without one; sorted by key. */
function by(rows: readonly CsatCountRow[], key: (r: CsatCountRow) => string | null): Map<string, CsatCountRow[]> {
  const groups = new Map<string, CsatCountRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

export function csatReport(
  period: { from: number; to: number; teamId?: string | undefined },
  rows: readonly CsatCountRow[],
  names: { users: ReadonlyMap<string, string>; teams: ReadonlyMap<string, string> },
): CsatReport {
  const report: CsatReport = {
    from: period.from,
    to: period.to,
    total: figures(rows),
    agents: [...by(rows, (r) => r.assignee)].map(([userId, rs]) => ({
      userId,
      userName: names.users.get(userId) ?? userId,
      ...figures(rs),
    })),
    teams: [...by(rows, (r) => r.team_id)].map(([teamId, rs]) => ({
      teamId,
      name: names.teams.get(teamId) ?? teamId,
      ...figures(rs),
    })),
  };
  if (period.teamId !== undefined) report.teamId = period.teamId;
  return report;
}
