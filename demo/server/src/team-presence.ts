/**
 * Agents online per team, for the widget's welcome/away decision: the `presence` push and
 * `GET /widget/v1/presence` answer `{agentsOnline, teams?}` — `agentsOnline` every available agent
 * of the app (as before), `teams` (only when the rules have teams) each team's available agents by
 * `teamId` (a team without agents counts everybody), and under `''` the default team's (for a
 * conversation that names no team) — and `/awaymessage?teamId=` counts the team's.
 */
import type { Db } from './db.js';
import type { Presence } from './presence.js';
import { findRules } from './repo/routing.js';
import { readRules } from './rules.js';
import type { ConversationRules } from './rules.js';
import type { Team } from './team-rules.js';
import { teamFor } from './team-rules.js';

export interface PresenceFigures {
  agentsOnline: number;
  teams?: Record<string, number>;
}

/** Available agents of `team` (no team, or one without agents: the app's). */
export function teamAgentsOnline(presence: Presence, appId: string, team: Team | undefined): number {
  if (!team || team.agentIds.length === 0) return presence.agentsOnline(appId);
  return team.agentIds.filter((id) => presence.isAvailable(appId, id)).length;
}

/** The figures for `rules` (pure over the presence). */
export function figuresOf(presence: Presence, appId: string, rules: ConversationRules): PresenceFigures {
  const figures: PresenceFigures = { agentsOnline: presence.agentsOnline(appId) };
  if (rules.teams.length === 0) return figures;
  const teams = Object.fromEntries(rules.teams.map((t) => [t.teamId, teamAgentsOnline(presence, appId, t)]));
  // '' = a conversation that names no team (or an unknown one): the default team's.
  const fallback = teamFor(rules, undefined);
  if (fallback) teams[''] = teams[fallback.teamId]!;
  figures.teams = teams;
  return figures;
}

export async function presenceFigures(db: Db, presence: Presence, appId: string): Promise<PresenceFigures> {
  return figuresOf(presence, appId, readRules(await findRules(db, appId)).conversationRules);
}

/** Agents online for a visitor of team `teamId` (else the rules' default team, else everybody). */
export async function agentsOnlineFor(db: Db, presence: Presence, appId: string, teamId?: string): Promise<number> {
  const rules = readRules(await findRules(db, appId)).conversationRules;
  return teamAgentsOnline(presence, appId, teamFor(rules, teamId ? { teamId } : undefined));
}
