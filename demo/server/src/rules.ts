/**
 * Conversation rules and auto-resolve (the dashboard's "Conversation rules" and "Auto-resolve"
 * settings): their stored shape, defaults, validation of an admin's patch, and the small
 * decisions routing makes. Pure: no Node APIs, no database.
 *
 * Stored per app (table `app_rules`), answered by `GET/PATCH /admin/v1/apps/:appId/rules`:
 *
 * ```
 * { conversationRules: { routing: 'automatic' | 'notifyEverybody', botFirst, botId,
 *     defaultAgentId, reassignAfterMs, maxOpenPerAgent, channelBots: {channel: botId},
 *     teams: [{teamId, name, agentIds}], defaultTeamId },
 *   autoResolve: { mode: 'none' | 'bot' | 'human' | 'all', afterMs } }
 * ```
 */
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem, Metadata, UserRole } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import { errorItem } from './errors.js';

/** Human routing: round robin among available agents, or nobody assigned and everybody told. */
export const ROUTING_MODES = ['automatic', 'notifyEverybody'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Which conversations resolve themselves after `afterMs` without activity. */
export const AUTO_RESOLVE_MODES = ['none', 'bot', 'human', 'all'] as const;
export type AutoResolveMode = (typeof AUTO_RESOLVE_MODES)[number];

/** Roles of the people behind the console (the super admin is the app's owner, one per app). */
export const STAFF_ROLES = ['superadmin', 'admin', 'agent', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles a teammate can be given (there is one super admin: whoever created the app). */
export const ASSIGNABLE_ROLES = ['admin', 'agent', 'operator'] as const satisfies readonly StaffRole[];

export interface Team {
  teamId: string;
  name: string;
  /** Agents who take this team's conversations; empty = every agent. */
  agentIds: string[];
}

export interface ConversationRules {
  routing: RoutingMode;
  /** New conversations go to a bot first; it hands off to a human when it cannot answer. */
  botFirst: boolean;
  /** The bot that takes new conversations; '' = the app's bot. */
  botId: string;
  /** Who gets hand-offs under "notify everybody" (and when nobody is available); '' = the oldest admin. */
  defaultAgentId: string;
  /** Reassign conversations waiting for a reply when the assignee has been away this long; 0 = never. */
  reassignAfterMs: number;
  /** Open conversations an agent may hold; 0 = no limit. */
  maxOpenPerAgent: number;
  /** A bot per channel (`metadata.channel` of the conversation, `web` by default). */
  channelBots: Record<string, string>;
  teams: Team[];
  /** Team for conversations that name none (`metadata.teamId`); '' = every agent. */
  defaultTeamId: string;
}

export interface AutoResolveRules {
  mode: AutoResolveMode;
  /** Inactivity after which a conversation is resolved; 0 = never. */
  afterMs: number;
}

export interface Rules {
  conversationRules: ConversationRules;
  autoResolve: AutoResolveRules;
}

/** A validated patch: the keys to change. */
export interface RulesPatch {
  conversationRules?: Partial<ConversationRules>;
  autoResolve?: Partial<AutoResolveRules>;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_DELAY_MS = 30 * DAY_MS;
export const MAX_OPEN_LIMIT = 10_000;
export const MAX_TEAMS = 50;
export const MAX_ID = 191;

export function defaultRules(): Rules {
  return {
    conversationRules: {
      routing: 'automatic',
      botFirst: true,
      botId: '',
      defaultAgentId: '',
      reassignAfterMs: 0,
      maxOpenPerAgent: 0,
      channelBots: {},
      teams: [],
      defaultTeamId: '',
    },
    autoResolve: { mode: 'none', afterMs: 0 },
  };
}

/** A check returns the value to store, or records a problem and returns `undefined`. */
type Check<T> = (value: unknown, path: string, problems: ApiErrorItem[]) => T | undefined;

const invalid = (problems: ApiErrorItem[], path: string, expected: string): undefined => {
  problems.push(errorItem(ERROR_CODES.invalidField, `${path} must be ${expected}`));
  return undefined;
};

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, path, p) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : invalid(p, path, `one of ${values.join(', ')}`);

const boolean: Check<boolean> = (v, path, p) => (typeof v === 'boolean' ? v : invalid(p, path, 'a boolean'));

const integer =
  (max: number): Check<number> =>
  (v, path, p) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max
      ? v
      : invalid(p, path, `an integer from 0 to ${max}`);

const identifier: Check<string> = (v, path, p) =>
  typeof v === 'string' && v.length <= MAX_ID && v.trim() === v
    ? v
    : invalid(p, path, `a string of at most ${MAX_ID} characters`);

const channelBots: Check<Record<string, string>> = (v, path, p) => {
  if (!isRecord(v)) return invalid(p, path, 'an object of channel → bot id');
  const out: Record<string, string> = {};
  let ok = true;
  for (const [channel, bot] of Object.entries(v)) {
    if (!/^[a-z0-9_-]{1,40}$/i.test(channel))
      ok = invalid(p, `${path}.${channel}`, 'named with letters, digits, "_" or "-"') ?? false;
    else if (typeof bot !== 'string' || bot === '' || bot.length > MAX_ID)
      ok = invalid(p, `${path}.${channel}`, 'a bot id') ?? false;
    else out[channel.toLowerCase()] = bot;
  }
  return ok ? out : undefined;
};

const teams: Check<Team[]> = (v, path, p) => {
  if (!Array.isArray(v) || v.length > MAX_TEAMS) return invalid(p, path, `an array of at most ${MAX_TEAMS} teams`);
  const out: Team[] = [];
  const seen = new Set<string>();
  v.forEach((t, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(t)) return invalid(p, at, 'an object {teamId, name, agentIds}');
    const teamId = t['teamId'];
    const name = t['name'] ?? '';
    const agentIds = t['agentIds'] ?? [];
    if (typeof teamId !== 'string' || teamId === '' || teamId.length > MAX_ID)
      return invalid(p, `${at}.teamId`, 'a non-empty string');
    if (seen.has(teamId)) return invalid(p, `${at}.teamId`, 'unique');
    if (typeof name !== 'string' || name.length > 200) return invalid(p, `${at}.name`, 'a string');
    if (
      !Array.isArray(agentIds) ||
      !agentIds.every((a): a is string => typeof a === 'string' && a !== '' && a.length <= MAX_ID)
    ) {
      return invalid(p, `${at}.agentIds`, 'an array of agent ids');
    }
    for (const key of Object.keys(t)) {
      if (!['teamId', 'name', 'agentIds'].includes(key))
        p.push(errorItem(ERROR_CODES.unknownField, `${at}.${key} is not a known setting`));
    }
    seen.add(teamId);
    out.push({ teamId, name, agentIds: [...new Set(agentIds)] });
    return undefined;
  });
  return out.length === v.length ? out : undefined;
};

const CONVERSATION_CHECKS: { [K in keyof ConversationRules]: Check<ConversationRules[K]> } = {
  routing: oneOf(ROUTING_MODES),
  botFirst: boolean,
  botId: identifier,
  defaultAgentId: identifier,
  reassignAfterMs: integer(MAX_DELAY_MS),
  maxOpenPerAgent: integer(MAX_OPEN_LIMIT),
  channelBots,
  teams,
  defaultTeamId: identifier,
};

const AUTO_RESOLVE_CHECKS: { [K in keyof AutoResolveRules]: Check<AutoResolveRules[K]> } = {
  mode: oneOf(AUTO_RESOLVE_MODES),
  afterMs: integer(MAX_DELAY_MS),
};

function checkSection<T extends object>(
  value: unknown,
  path: string,
  checks: { [K in keyof T]: Check<T[K]> },
  problems: ApiErrorItem[],
): Partial<T> | undefined {
  if (!isRecord(value)) return invalid(problems, path, 'an object');
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!Object.prototype.hasOwnProperty.call(checks, key)) {
      problems.push(errorItem(ERROR_CODES.unknownField, `${path}.${key} is not a known setting`));
      continue;
    }
    const check = checks[key as keyof T];
    const result = check(v, `${path}.${key}`, problems);
    if (result !== undefined) out[key as keyof T] = result;
  }
  return out;
}

/**
 * Validates an admin's patch (`{conversationRules?, autoResolve?}`, each partial). Every problem
 * is reported: PL-R-04 for an unknown key, PL-R-03 for a wrong value. Never throws.
 */
export function validateRulesPatch(
  body: unknown,
): { ok: true; value: RulesPatch } | { ok: false; errors: ApiErrorItem[] } {
  const problems: ApiErrorItem[] = [];
  if (!isRecord(body))
    return { ok: false, errors: [errorItem(ERROR_CODES.invalidField, 'body must be a JSON object')] };
  const value: RulesPatch = {};
  for (const [key, v] of Object.entries(body)) {
    if (key === 'conversationRules') {
      const section = checkSection<ConversationRules>(v, key, CONVERSATION_CHECKS, problems);
      if (section) value.conversationRules = section;
    } else if (key === 'autoResolve') {
      const section = checkSection<AutoResolveRules>(v, key, AUTO_RESOLVE_CHECKS, problems);
      if (section) value.autoResolve = section;
    } else {
      problems.push(errorItem(ERROR_CODES.unknownField, `${key} is not a known setting`));
    }
  }
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, value };
}

/** Stored rules (anything JSON) over the defaults; a bad stored value falls back to its default. */
export function readRules(stored: unknown): Rules {
  const rules = defaultRules();
  if (!isRecord(stored)) return rules;
  const ignored: ApiErrorItem[] = [];
  if (isRecord(stored['conversationRules'])) {
    const c = checkSection<ConversationRules>(
      stored['conversationRules'],
      'conversationRules',
      CONVERSATION_CHECKS,
      ignored,
    );
    Object.assign(rules.conversationRules, c);
  }
  if (isRecord(stored['autoResolve'])) {
    const a = checkSection<AutoResolveRules>(stored['autoResolve'], 'autoResolve', AUTO_RESOLVE_CHECKS, ignored);
    Object.assign(rules.autoResolve, a);
  }
  return rules;
}

/** The rules after a patch: each section merges key by key; `channelBots` and `teams` replace. */
export function applyRulesPatch(current: Rules, patch: RulesPatch): Rules {
  return {
    conversationRules: { ...current.conversationRules, ...patch.conversationRules },
    autoResolve: { ...current.autoResolve, ...patch.autoResolve },
  };
}

/** The channel of a conversation (`metadata.channel`, lower case), `web` when it names none. */
export function channelOf(metadata: Metadata | undefined): string {
  const c = metadata?.['channel'];
  return typeof c === 'string' && /^[a-z0-9_-]{1,40}$/i.test(c) ? c.toLowerCase() : 'web';
}

/** The team that takes a conversation: `metadata.teamId` when it names a team, else the default team. */
export function teamFor(rules: ConversationRules, metadata: Metadata | undefined): Team | undefined {
  const asked = metadata?.['teamId'] ?? metadata?.['KM_TEAM_ID'];
  return rules.teams.find((t) => t.teamId === asked) ?? rules.teams.find((t) => t.teamId === rules.defaultTeamId);
}

/**
 * The next agent in round-robin order: the first id (sorted) after `last`, wrapping around.
 * Undefined when there are no candidates.
 */
export function nextRoundRobin(candidates: readonly string[], last: string | undefined): string | undefined {
  const sorted = [...candidates].sort();
  if (sorted.length === 0) return undefined;
  return (last === undefined ? undefined : sorted.find((id) => id > last)) ?? sorted[0];
}

/** Whether auto-resolve applies to a conversation assigned to someone of `assigneeRole` (null: nobody). */
export function autoResolveApplies(mode: AutoResolveMode, assigneeRole: UserRole | null): boolean {
  switch (mode) {
    case 'all':
      return true;
    case 'bot':
      return assigneeRole === 'bot';
    case 'human':
      return assigneeRole !== null && isHumanStaff(assigneeRole);
    default:
      return false;
  }
}

export function isHumanStaff(role: UserRole): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}
