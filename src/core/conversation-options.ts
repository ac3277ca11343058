/**
 * Who a new conversation goes to, in the product's page-API names: `startConversation(params)`
 * (`conversationTitle`, `agentIds`, `botIds`, `assignee`, `teamId`, `clientGroupId`,
 * `skipRouting`, and Parley's `metadata`) and `updateSettings(settings)`, the defaults for the
 * next conversation (`defaultAgentIds`, `defaultBotIds`, `defaultAssignee`, `teamId`,
 * `skipRouting`, `conversationTitle`, `metadata`). Pure: parses what a page passes and says
 * what was wrong; the server checks the ids themselves.
 */
import type { ConversationOptions, Metadata } from './protocol.js';
import { isRecord, parseMetadata } from './wire.js';

export interface ParsedOptions {
  value: ConversationOptions;
  /** One line per value that was dropped, naming the parameter. */
  errors: string[];
  /** Parameters this API does not know (ignored). */
  unknown: string[];
}

type Field = 'groupName' | 'metadata' | 'agentIds' | 'botIds' | 'assignee' | 'teamId' | 'clientGroupId' | 'skipRouting';

const START_NAMES: Record<string, Field> = {
  conversationTitle: 'groupName',
  metadata: 'metadata',
  agentIds: 'agentIds',
  botIds: 'botIds',
  assignee: 'assignee',
  teamId: 'teamId',
  clientGroupId: 'clientGroupId',
  skipRouting: 'skipRouting',
};

const DEFAULT_NAMES: Record<string, Field> = {
  conversationTitle: 'groupName',
  metadata: 'metadata',
  defaultAgentIds: 'agentIds',
  defaultBotIds: 'botIds',
  defaultAssignee: 'assignee',
  teamId: 'teamId',
  skipRouting: 'skipRouting',
};

const id = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** One field's value, or a reason it cannot be used. */
function fieldValue(field: Field, v: unknown): { ok: ConversationOptions[Field] } | { why: string } {
  switch (field) {
    case 'groupName':
      return typeof v === 'string' ? { ok: v } : { why: 'must be a string' };
    case 'metadata':
      return isRecord(v) ? { ok: parseMetadata(v) } : { why: 'must be an object' };
    case 'agentIds':
    case 'botIds': {
      const list = Array.isArray(v) ? v.map(id) : [id(v)];
      return list.length > 0 && list.every((x) => x !== undefined)
        ? { ok: [...new Set(list as string[])] }
        : { why: 'must be a user id or a list of them' };
    }
    case 'assignee':
    case 'teamId':
    case 'clientGroupId': {
      const value = id(v);
      return value === undefined ? { why: 'must be a string' } : { ok: value };
    }
    case 'skipRouting':
      return typeof v === 'boolean' ? { ok: v } : { why: 'must be true or false' };
  }
}

function parse(raw: unknown, names: Record<string, Field>, api: string): ParsedOptions {
  const out: ParsedOptions = { value: {}, errors: [], unknown: [] };
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    out.errors.push(`${api}: expected an object of settings`);
    return out;
  }
  const value: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(raw)) {
    const field = Object.hasOwn(names, name) ? names[name] : undefined;
    if (!field) {
      out.unknown.push(name);
      continue;
    }
    if (v === undefined || v === null) continue;
    const result = fieldValue(field, v);
    if ('ok' in result) value[field] = result.ok;
    else out.errors.push(`${api}: ${name} ${result.why}; ignored`);
  }
  out.value = value as ConversationOptions;
  return out;
}

/** `startConversation(params)`. */
export function parseStartParams(raw: unknown): ParsedOptions {
  return parse(raw, START_NAMES, 'startConversation');
}

/** `updateSettings(settings)`: the defaults for the next conversation. */
export function parseConversationDefaults(raw: unknown): ParsedOptions {
  return parse(raw, DEFAULT_NAMES, 'updateSettings');
}

/** The metadata key of the page a conversation was started on (`pageAddress`). */
export const PAGE_URL_KEY = 'pageUrl';

/**
 * The page a conversation starts on, as staff and the visitor's e-mails link back to it: an
 * http(s) address without its query and fragment (either may carry a token), else undefined.
 */
export function pageAddress(href: string | undefined): string | undefined {
  try {
    const url = new URL(href ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a new conversation is created with: the page's explicit options over the defaults over
 * the install settings (metadata merged key by key), the page it starts on (`page`) under them all.
 */
export function conversationRequest(
  install: { conversationTitle?: string | undefined; metadata: Metadata },
  defaults: ConversationOptions,
  options: ConversationOptions = {},
  page?: string,
): ConversationOptions {
  const request: ConversationOptions = { ...defaults, ...options };
  const groupName = options.groupName ?? defaults.groupName ?? install.conversationTitle;
  if (groupName !== undefined) request.groupName = groupName;
  else delete request.groupName;
  const where: Metadata = page === undefined ? {} : { [PAGE_URL_KEY]: page };
  request.metadata = { ...where, ...install.metadata, ...defaults.metadata, ...options.metadata };
  return request;
}
