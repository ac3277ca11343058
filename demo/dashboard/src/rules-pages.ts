/**
 * The Conversation rules, Waiting queue and Auto-resolve pages (`GET/PATCH
 * /admin/v1/apps/:appId/rules`): each rule by path, its kind and limits in one table here (the
 * server checks them again), and its choices — bots, teammates, teams — from the app's people and
 * rules. A team may set its own rules; what it leaves out is the app's.
 */
import type { FieldSpec, ItemsSpec } from '../../../src/core/settings-schema.js';
import type { SettingField } from './settings-form.js';
import type { ItemField } from './settings-items.js';
import { strings } from './strings.js';

export const RULES_PAGES = ['rules', 'queue', 'auto-resolve'] as const;
export type RulesPage = (typeof RULES_PAGES)[number];
export const isRulesPage = (page: string): page is RulesPage => (RULES_PAGES as readonly string[]).includes(page);

const ROUTING = ['automatic', 'notifyEverybody'] as const;
const MAX_OPEN = 10_000;
const MAX_DELAY_MS = 30 * 24 * 60 * 60 * 1000;
const id = { kind: 'text', default: '', maxLength: 191 } as const;
const bool = (value: boolean) => ({ kind: 'boolean', default: value }) as const;

const TEAM: ItemsSpec = {
  kind: 'items',
  default: [],
  maxItems: 50,
  unique: 'teamId',
  item: {
    fields: {
      teamId: { ...id, nonEmpty: true },
      name: { kind: 'text', default: '', maxLength: 200 },
      agentIds: { kind: 'list', default: [], item: 'text' },
      routing: { kind: 'oneOf', default: 'automatic', values: ROUTING, optional: true },
      botFirst: { kind: 'boolean', default: true, optional: true },
      botId: { ...id, optional: true },
      maxOpenPerAgent: { kind: 'number', default: 0, max: MAX_OPEN, integer: true, optional: true },
      reassignAfterMs: { kind: 'number', default: 0, max: MAX_DELAY_MS, integer: true, optional: true },
      channelBots: { kind: 'list', default: [], item: 'text', optional: true },
    },
    required: ['teamId'],
  },
};

const SPECS: Readonly<Record<string, FieldSpec | ItemsSpec>> = {
  'conversationRules.routing': { kind: 'oneOf', default: 'automatic', values: ROUTING },
  'conversationRules.botFirst': bool(true),
  'conversationRules.botId': id,
  'conversationRules.defaultAgentId': id,
  'conversationRules.reassignAfterMs': { kind: 'number', default: 0, max: MAX_DELAY_MS, integer: true },
  'conversationRules.maxOpenPerAgent': { kind: 'number', default: 0, max: MAX_OPEN, integer: true },
  'conversationRules.channelBots': { kind: 'list', default: [], item: 'text' },
  'conversationRules.defaultTeamId': id,
  'conversationRules.teams': TEAM,
  'conversationRules.botsReplyAfterAssignment': bool(false),
  'conversationRules.queue.enabled': bool(false),
  'conversationRules.queue.showPosition': bool(false),
  'autoResolve.mode': { kind: 'oneOf', default: 'none', values: ['none', 'bot', 'human', 'all'] },
  'autoResolve.afterMs': { kind: 'number', default: 0, max: MAX_DELAY_MS, integer: true },
};

/** The rules table's entry for a path. */
export const rulesSpecOf = (path: string) => SPECS[path];

const ROUTING_NAMES = { automatic: strings.routingAutomatic, notifyEverybody: strings.routingEverybody };

/** Who the rules can name. */
export interface RulesChoices {
  bots: ReadonlyArray<{ userId: string; userName: string }>;
  agents: ReadonlyArray<{ userId: string; userName: string }>;
  teams: ReadonlyArray<{ teamId: string; name: string }>;
}

const named = (none: string, people: RulesChoices['bots']): Record<string, string> =>
  Object.fromEntries([['', none], ...people.map((p) => [p.userId, p.userName || p.userId])]);

/** A page's fields, with the app's bots, teammates and teams to choose from. */
export function rulesFields(page: RulesPage, c: RulesChoices): SettingField[] {
  if (page === 'queue')
    return [
      { path: 'conversationRules.queue.enabled', label: strings.queueEnabled, hint: strings.queueEnabledHint },
      { path: 'conversationRules.queue.showPosition', label: strings.queueShowPosition },
    ];
  if (page === 'auto-resolve')
    return [
      {
        path: 'autoResolve.mode',
        label: strings.autoResolveMode,
        choices: {
          none: strings.autoResolveNone,
          bot: strings.autoResolveBot,
          human: strings.autoResolveHuman,
          all: strings.autoResolveAll,
        },
      },
      { path: 'autoResolve.afterMs', label: strings.autoResolveAfter, scale: 60_000 },
    ];
  const bots = named(strings.rulesAppBot, c.bots);
  const teamFields: Record<string, ItemField> = {
    teamId: { label: strings.teamId },
    name: { label: strings.teamName },
    agentIds: { label: strings.teamAgents },
    routing: { label: strings.rulesRouting, inherit: strings.teamAppRule, choices: Object.entries(ROUTING_NAMES) },
    botFirst: { label: strings.rulesBotFirst, inherit: strings.teamAppRule },
    botId: { label: strings.rulesBot, inherit: strings.teamAppRule, choices: Object.entries(bots).slice(1) },
    maxOpenPerAgent: { label: strings.rulesMaxOpen, inherit: strings.teamAppRule },
    reassignAfterMs: { label: strings.rulesReassign, inherit: strings.teamAppRule, scale: 60_000 },
    channelBots: { label: strings.teamChannelBots, inherit: strings.teamAppRule, map: true },
  };
  return [
    { path: 'conversationRules.routing', label: strings.rulesRouting, choices: ROUTING_NAMES },
    { path: 'conversationRules.botFirst', label: strings.rulesBotFirst, hint: strings.rulesBotFirstHint },
    { path: 'conversationRules.botId', label: strings.rulesBot, choices: bots },
    {
      path: 'conversationRules.botsReplyAfterAssignment',
      label: strings.rulesBotsReply,
      hint: strings.rulesBotsReplyHint,
    },
    {
      path: 'conversationRules.defaultAgentId',
      label: strings.rulesDefaultAgent,
      choices: named(strings.rulesOldestAdmin, c.agents),
    },
    { path: 'conversationRules.maxOpenPerAgent', label: strings.rulesMaxOpen, hint: strings.rulesMaxOpenHint },
    {
      path: 'conversationRules.reassignAfterMs',
      label: strings.rulesReassign,
      hint: strings.rulesReassignHint,
      scale: 60_000,
    },
    {
      path: 'conversationRules.channelBots',
      label: strings.rulesChannelBots,
      hint: strings.rulesChannelBotsHint,
      map: true,
    },
    {
      path: 'conversationRules.defaultTeamId',
      label: strings.rulesDefaultTeam,
      choices: Object.fromEntries([
        ['', strings.rulesEveryAgent],
        ...c.teams.map((t) => [t.teamId, t.name || t.teamId]),
      ]),
    },
    {
      path: 'conversationRules.teams',
      label: strings.rulesTeams,
      hint: strings.rulesTeamsHint,
      items: { fields: teamFields, itemLabel: strings.teamNumber, addLabel: strings.teamAdd },
    },
  ];
}
