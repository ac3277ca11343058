/** SQL for staff reports: CSAT ratings of conversations over a period. */
import type { Sql } from '../db.js';

/** How many ratings of `value` conversations of `team_id` assigned to `assignee` got. */
export interface CsatCountRow {
  assignee: string | null;
  team_id: string | null;
  value: number;
  n: number;
}

export interface CsatQuery {
  /** Ratings given at or after this time (ms)… */
  from: number;
  /** …and before this one (ms). */
  to: number;
  /** A conversation without `metadata.teamId` belongs to this team ('' = none). */
  defaultTeamId: string;
  /** Only conversations of this team. */
  teamId?: string | undefined;
}

/** Ratings given in the period, counted by assignee, team and value. */
export function csatCounts(sql: Sql, appId: string, q: CsatQuery): Promise<CsatCountRow[]> {
  const team = `COALESCE(NULLIF(c.metadata->>'teamId', ''), NULLIF($4, ''))`;
  const params: unknown[] = [appId, q.from, q.to, q.defaultTeamId];
  let only = '';
  if (q.teamId !== undefined) {
    params.push(q.teamId);
    only = `AND ${team} = $5`;
  }
  return sql.rows<CsatCountRow>(
    `SELECT c.assignee, ${team} AS team_id, (c.rating->>'rating')::int AS value, count(*)::int AS n
     FROM conversations c
     WHERE c.app_id = $1 AND c.rating IS NOT NULL
       AND (c.rating->>'createdAtTime')::bigint >= $2 AND (c.rating->>'createdAtTime')::bigint < $3 ${only}
     GROUP BY 1, 2, 3`,
    params,
  );
}
