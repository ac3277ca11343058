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
 *     teams: [{teamId, name, agentIds, ...team rules}], defaultTeamId,
 *     queue: {enabled, showPosition}, botsReplyAfterAssignment },
 *   autoResolve: { mode: 'none' | 'bot' | 'human' | 'all', afterMs },
 *   chatTranscript: { toCompany, companyEmail, toVisitor } }
 * ```
 *
 * A team's own rules (any of routing, botFirst, botId, maxOpenPerAgent, reassignAfterMs,
 * channelBots) apply to its conversations over the app's: `team-rules.ts`. The checks: `rules-checks.ts`.
 */
import { ERROR_CODES } from '../../../src/core/protocol.js';
import type { ApiErrorItem, Metadata, UserRole } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import { errorItem } from './errors.js';
import {
  boolean,
  channelBots,
  checkSection,
  emailOrEmpty,
  identifier,
  integer,
  MAX_DELAY_MS,
  MAX_OPEN_LIMIT,
  oneOf,
  ROUTING_MODES,
} from './rules-checks.js';
import type { Checks, RoutingMode } from './rules-checks.js';
import { queue, teams } from './team-rules.js';
import type { QueueRules, Team } from './team-rules.js';

export { DAY_MS, MAX_DELAY_MS, MAX_ID, MAX_OPEN_LIMIT, MAX_TEAMS, ROUTING_MODES } from './rules-checks.js';
export type { RoutingMode } from './rules-checks.js';
export { rulesFor, teamFor } from './team-rules.js';
export type { QueueRules, Team } from './team-rules.js';

/** Which conversations resolve themselves after `afterMs` without activity. */
export const AUTO_RESOLVE_MODES = ['none', 'bot', 'human', 'all'] as const;
export type AutoResolveMode = (typeof AUTO_RESOLVE_MODES)[number];

/** Roles of the people behind the console (the super admin is the app's owner, one per app). */
export const STAFF_ROLES = ['superadmin', 'admin', 'agent', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles a teammate can be given (there is one super admin: whoever created the app). */
export const ASSIGNABLE_ROLES = ['admin', 'agent', 'operator'] as const satisfies readonly StaffRole[];

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
  /** The waiting queue: off by default (nobody free → unassigned, status 0, as before). */
  queue: QueueRules;
  /**
   * "Reply rules for unassigned bots": every bot that is a member answers visitors, even after the
   * conversation is assigned to another bot or an agent. Off: only the assigned bot (the app's bot
   * while nobody is assigned) answers.
   */
  botsReplyAfterAssignment: boolean;
}

export interface AutoResolveRules {
  mode: AutoResolveMode;
  /** Inactivity after which a conversation is resolved; 0 = never. */
  afterMs: number;
}

/** The dashboard's "Chat Transcript": who gets a conversation's transcript when it is resolved (`transcript.ts`). */
export interface TranscriptRules {
  /** To the company's address, `companyEmail` (nothing is sent while it is ''). */
  toCompany: boolean;
  companyEmail: string;
  /** To the visitor, when their e-mail is known. */
  toVisitor: boolean;
}

export interface Rules {
  conversationRules: ConversationRules;
  autoResolve: AutoResolveRules;
  chatTranscript: TranscriptRules;
}

/** A validated patch: the keys to change. */
export interface RulesPatch {
  conversationRules?: Partial<ConversationRules>;
  autoResolve?: Partial<AutoResolveRules>;
  chatTranscript?: Partial<TranscriptRules>;
}

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
      queue: { enabled: false, showPosition: false },
      botsReplyAfterAssignment: false,
    },
    autoResolve: { mode: 'none', afterMs: 0 },
    chatTranscript: { toCompany: false, companyEmail: '', toVisitor: false },
  };
}

const CONVERSATION_CHECKS: Checks<ConversationRules> = {
  routing: oneOf(ROUTING_MODES),
  botFirst: boolean,
  botId: identifier,
  defaultAgentId: identifier,
  reassignAfterMs: integer(MAX_DELAY_MS),
  maxOpenPerAgent: integer(MAX_OPEN_LIMIT),
  channelBots,
  teams,
  defaultTeamId: identifier,
  queue,
  botsReplyAfterAssignment: boolean,
};

const AUTO_RESOLVE_CHECKS: Checks<AutoResolveRules> = {
  mode: oneOf(AUTO_RESOLVE_MODES),
  afterMs: integer(MAX_DELAY_MS),
};

const TRANSCRIPT_CHECKS: Checks<TranscriptRules> = {
  toCompany: boolean,
  companyEmail: emailOrEmpty,
  toVisitor: boolean,
};

/**
 * Validates an admin's patch (`{conversationRules?, autoResolve?, chatTranscript?}`, each partial). Every problem
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
    } else if (key === 'chatTranscript') {
      const section = checkSection<TranscriptRules>(v, key, TRANSCRIPT_CHECKS, problems);
      if (section) value.chatTranscript = section;
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
  if (isRecord(stored['chatTranscript'])) {
    const c = checkSection<TranscriptRules>(stored['chatTranscript'], 'chatTranscript', TRANSCRIPT_CHECKS, ignored);
    Object.assign(rules.chatTranscript, c);
  }
  return rules;
}

/** The rules after a patch: each section merges key by key; `channelBots` and `teams` replace. */
export function applyRulesPatch(current: Rules, patch: RulesPatch): Rules {
  return {
    conversationRules: { ...current.conversationRules, ...patch.conversationRules },
    autoResolve: { ...current.autoResolve, ...patch.autoResolve },
    chatTranscript: { ...current.chatTranscript, ...patch.chatTranscript },
  };
}

/** The channel of a conversation (`metadata.channel`, lower case), `web` when it names none. */
export function channelOf(metadata: Metadata | undefined): string {
  const c = metadata?.['channel'];
  return typeof c === 'string' && /^[a-z0-9_-]{1,40}$/i.test(c) ? c.toLowerCase() : 'web';
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

/**
 * The bots that answer a visitor's message among the conversation's `members`: the assigned bot,
 * or the app's bot (`appBotId`) while nobody is assigned — when it is a member; with
 * `botsReplyAfterAssignment`, every other bot member too, whoever is assigned. Deactivated bots
 * never answer. The first is the one that answered before the rule existed.
 */
export function answeringBots<T extends { user_id: string; role: UserRole; deactivated: boolean }>(
  members: readonly T[],
  assignee: string | null,
  appBotId: string | undefined,
  botsReplyAfterAssignment: boolean,
): T[] {
  const bots = members.filter((m) => m.role === 'bot' && !m.deactivated);
  const first = assignee ?? appBotId;
  const primary = bots.filter((b) => b.user_id === first);
  return botsReplyAfterAssignment ? [...primary, ...bots.filter((b) => b.user_id !== first)] : primary;
}

export function isHumanStaff(role: UserRole): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}
