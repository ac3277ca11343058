/**
 * Teams and their own rules ("You can establish rules for each of the Teams"), and the waiting
 * queue's setting. A team is a pool of agents (`agentIds`, empty = every agent) that may also set
 * any of `routing`, `botFirst`, `botId`, `maxOpenPerAgent`, `reassignAfterMs` and `channelBots`
 * for its own conversations; what a team leaves out is the app's value (`channelBots`: the
 * team's channels over the app's, channel by channel). A conversation's team is its
 * `metadata.teamId` when that names a team, else `defaultTeamId`. Pure.
 */
import type { ApiErrorItem, Metadata } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import type { ConversationRules } from './rules.js';
import {
  boolean,
  channelBots,
  checkSection,
  identifier,
  integer,
  invalid,
  MAX_DELAY_MS,
  MAX_ID,
  MAX_OPEN_LIMIT,
  MAX_TEAMS,
  oneOf,
  ROUTING_MODES,
} from './rules-checks.js';
import type { Check, Checks } from './rules-checks.js';

/** The rules a team may set for itself; each falls back to the app's. */
export const TEAM_RULE_KEYS = [
  'routing',
  'botFirst',
  'botId',
  'maxOpenPerAgent',
  'reassignAfterMs',
  'channelBots',
] as const;
export type TeamRuleKey = (typeof TEAM_RULE_KEYS)[number];
export type TeamRules = Partial<Pick<ConversationRules, TeamRuleKey>>;

export interface Team extends TeamRules {
  teamId: string;
  name: string;
  /** Agents who take this team's conversations; empty = every agent. */
  agentIds: string[];
}

/** The waiting queue (automatic routing with nobody free: status 7, oldest first, per team). */
export interface QueueRules {
  enabled: boolean;
  /** The visitor's "waiting" line says their place in the queue. */
  showPosition: boolean;
}

const TEAM_CHECKS: Checks<TeamRules> = {
  routing: oneOf(ROUTING_MODES),
  botFirst: boolean,
  botId: identifier,
  maxOpenPerAgent: integer(MAX_OPEN_LIMIT),
  reassignAfterMs: integer(MAX_DELAY_MS),
  channelBots,
};

/** `queue`: an object of booleans; a key left out is false. */
export const queue: Check<QueueRules> = (v, path, p) => {
  const section = checkSection<QueueRules>(v, path, { enabled: boolean, showPosition: boolean }, p);
  return section && { enabled: section.enabled ?? false, showPosition: section.showPosition ?? false };
};

const checkTeam = (t: unknown, at: string, seen: Set<string>, p: ApiErrorItem[]): Team | undefined => {
  if (!isRecord(t)) return invalid(p, at, 'an object {teamId, name, agentIds}');
  const { teamId, name = '', agentIds = [], ...rest } = t;
  if (typeof teamId !== 'string' || teamId === '' || teamId.length > MAX_ID)
    return invalid(p, `${at}.teamId`, 'a non-empty string');
  if (seen.has(teamId)) return invalid(p, `${at}.teamId`, 'unique');
  if (typeof name !== 'string' || name.length > 200) return invalid(p, `${at}.name`, 'a string');
  if (!Array.isArray(agentIds) || !agentIds.every((a) => typeof a === 'string' && a !== '' && a.length <= MAX_ID))
    return invalid(p, `${at}.agentIds`, 'an array of agent ids');
  seen.add(teamId);
  const before = p.length;
  const own = checkSection<TeamRules>(rest, at, TEAM_CHECKS, p);
  if (p.length > before) return undefined;
  return { teamId, name, agentIds: [...new Set(agentIds as string[])], ...own };
};

export const teams: Check<Team[]> = (v, path, p) => {
  if (!Array.isArray(v) || v.length > MAX_TEAMS) return invalid(p, path, `an array of at most ${MAX_TEAMS} teams`);
  const seen = new Set<string>();
  const out = v.map((t, i) => checkTeam(t, `${path}[${i}]`, seen, p));
  return out.every((t) => t !== undefined) ? (out as Team[]) : undefined;
};

/** The team that takes a conversation: `metadata.teamId` when it names a team, else the default team. */
export function teamFor(rules: ConversationRules, metadata: Metadata | undefined): Team | undefined {
  const asked = metadata?.['teamId'] ?? metadata?.['KM_TEAM_ID'];
  return rules.teams.find((t) => t.teamId === asked) ?? rules.teams.find((t) => t.teamId === rules.defaultTeamId);
}

/** The rules for a conversation of `team`: the team's own over the app's. */
export function rulesOfTeam(rules: ConversationRules, team: Team | undefined): ConversationRules {
  if (!team) return rules;
  const own = Object.fromEntries(TEAM_RULE_KEYS.filter((k) => team[k] !== undefined).map((k) => [k, team[k]]));
  return { ...rules, ...own, channelBots: { ...rules.channelBots, ...team.channelBots } };
}

/** The rules for a conversation (by its metadata's team). */
export function rulesFor(rules: ConversationRules, metadata: Metadata | undefined): ConversationRules {
  return rulesOfTeam(rules, teamFor(rules, metadata));
}

/** Whether `agentId` takes conversations of `team` (no team, or a team without agents: everybody). */
export function serves(team: Team | undefined, agentId: string): boolean {
  return !team || team.agentIds.length === 0 || team.agentIds.includes(agentId);
}
