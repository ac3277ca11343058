// @ts-check
/**
 * DOM builders for the console. Everything a visitor or an integration wrote goes into the page
 * as text (`textContent`, attribute values) — never as HTML — because it is untrusted input.
 */
import { richButtons } from './compose.js';
import { format, t } from './locale.js';
import { CONTENT_TYPES, CONVERSATION_STATUS } from './protocol.js';

/**
 * An element with attributes and children (strings become text nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | undefined>} [attrs]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** @param {number} ts */
export function formatTime(ts) {
  if (!Number.isFinite(ts)) return '';
  const d = new Date(ts);
  return d.toDateString() === new Date().toDateString() ? timeFormat.format(d) : dateFormat.format(d);
}

const STATUS_NAMES = new Map([
  [CONVERSATION_STATUS.open, t.statusOpen],
  [CONVERSATION_STATUS.inProgress, t.statusInProgress],
  [CONVERSATION_STATUS.resolved, t.statusResolved],
  [CONVERSATION_STATUS.spam, t.statusSpam],
  [CONVERSATION_STATUS.waiting, t.statusWaiting],
]);

/** A conversation status (the Platform API's number) for people; an unknown one as its number. @param {number} status */
export function statusName(status) {
  return STATUS_NAMES.get(status) ?? String(status);
}

const ROLE_NAMES = new Map([
  ['superadmin', t.roleSuperadmin],
  ['admin', t.roleAdmin],
  ['agent', t.roleAgent],
  ['operator', t.roleOperator],
]);

/** A staff role for people; an unknown one as it is. @param {string} role */
export function roleName(role) {
  return ROLE_NAMES.get(role) ?? role;
}

/**
 * @typedef {import('./api.js').Conversation} Conversation
 * @typedef {import('./api.js').Message} Message
 * @typedef {import('./api.js').UserSummary} UserSummary
 */

/** The visitor of a conversation (its first member with role `user`). @param {Conversation} c */
export function visitorOf(c) {
  return c.members.find((m) => m.role === 'user');
}

/** @param {Conversation} c @param {string} userId */
export function nameIn(c, userId) {
  return c.members.find((m) => m.userId === userId)?.userName ?? (userId === 'system' ? t.systemSender : userId);
}

/** One-line preview of a message. @param {Message | undefined} m */
export function preview(m) {
  if (!m) return t.previewNone;
  if (m.fileMeta) return format(t.previewAttachment, { name: m.fileMeta.name || t.fileUnnamed });
  const text = m.message.replace(/\s+/g, ' ').trim();
  return text === '' ? t.previewMessage : text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * A conversation in the list: a button that opens it.
 * @param {Conversation} c
 * @param {{ selected: boolean, meId: string }} o
 */
export function conversationItem(c, o) {
  const visitor = visitorOf(c);
  const assignee = c.assignee ? (c.assignee === o.meId ? t.listAssigneeYou : nameIn(c, c.assignee)) : t.listUnassigned;
  const unread =
    c.unreadCount > 0
      ? h('span', { class: 'badge', 'aria-label': format(t.unread, { count: c.unreadCount }) }, [String(c.unreadCount)])
      : null;
  const button = h(
    'button',
    {
      type: 'button',
      class: 'conversation-item',
      'data-group-id': c.groupId,
      'aria-current': o.selected ? 'true' : undefined,
    },
    [
      h('span', { class: 'row' }, [
        h('strong', { class: 'name' }, [visitor?.userName ?? c.groupName]),
        h('time', { datetime: new Date(c.updatedAtTime).toISOString() }, [formatTime(c.updatedAtTime)]),
      ]),
      h('span', { class: 'row' }, [h('span', { class: 'preview' }, [preview(c.lastMessage)]), unread]),
      h('span', { class: 'meta' }, [format(t.listMeta, { status: statusName(c.status), assignee })]),
    ],
  );
  return h('li', {}, [button]);
}

/**
 * A message in the conversation view.
 * @param {Message} m
 * @param {{ conversation: Conversation, meId: string, seen: boolean }} o
 */
export function messageItem(m, o) {
  const sender = o.conversation.members.find((u) => u.userId === m.fromUserName);
  if (m.contentType === CONTENT_TYPES.notification) {
    return h('li', { class: 'notice', 'data-id': String(m.id) }, [
      h('span', {}, [m.message]),
      ' ',
      h('time', { datetime: new Date(m.createdAtTime).toISOString() }, [formatTime(m.createdAtTime)]),
    ]);
  }
  const fromVisitor = sender ? sender.role === 'user' : m.type === 5;
  const mine = m.fromUserName === o.meId;
  const buttons = richButtons(m.metadata);
  return h(
    'li',
    { class: `message ${fromVisitor ? 'visitor' : 'staff'}${mine ? ' mine' : ''}`, 'data-id': String(m.id) },
    [
      h('div', { class: 'head' }, [
        h('strong', {}, [mine ? t.you : (sender?.userName ?? m.fromUserName)]),
        sender && sender.role === 'bot' ? h('span', { class: 'tag' }, [t.botTag]) : null,
        h('time', { datetime: new Date(m.createdAtTime).toISOString() }, [formatTime(m.createdAtTime)]),
      ]),
      m.message ? h('p', { class: 'text' }, [m.message]) : null,
      m.fileMeta
        ? h('p', { class: 'file' }, [
            format(t.fileLine, {
              name: m.fileMeta.name || t.fileUnnamed,
              size: Math.ceil((m.fileMeta.size || 0) / 1024),
            }),
          ])
        : null,
      buttons.length > 0
        ? h(
            'ul',
            { class: 'chips', 'aria-label': t.suggestedReplies },
            buttons.map((title) => h('li', { class: 'chip' }, [title])),
          )
        : null,
      !fromVisitor && mine ? h('span', { class: 'delivery' }, [o.seen ? t.deliverySeen : t.deliverySent]) : null,
    ],
  );
}
