/**
 * A conversation for the message list's tests: messages from the visitor, an agent and a bot,
 * the list as a fixture, and what a user sees of it.
 */
import { fixture, html } from '@open-wc/testing';
import { resolveStrings } from '../../src/core/locale.js';
import type { LocalMessage } from '../../src/core/messages.js';
import type { Message, UserSummary } from '../../src/core/protocol.js';
import type { ParleyMessageList } from '../../src/ui/message-list/message-list.js';
import type { ParleyMessage } from '../../src/ui/message/message.js';
import { shadow, shadowAll } from './ui.js';

export const ME = 'visitor-1';
export const AGENT = 'agent-ana';
export const BOT = 'bot-bob';
export const T0 = Date.now() - 60 * 60 * 1000;

export const users = new Map<string, UserSummary>([
  [ME, { userId: ME, userName: 'Poised Salmon', role: 'user' }],
  [AGENT, { userId: AGENT, userName: 'Ana Lopez', role: 'agent', imageLink: 'https://cdn.example.com/ana.png' }],
  [BOT, { userId: BOT, userName: 'Bob', role: 'bot', imageLink: 'javascript:alert(1)' }],
]);

let seq = 0;
export function msg(from: string, text: string, extra: Partial<Message> = {}): Message {
  seq += 1;
  return {
    key: `k${seq}`,
    id: seq,
    groupId: 'g1',
    message: text,
    contentType: 0,
    type: from === ME ? 5 : 4,
    fromUserName: from,
    metadata: {},
    createdAtTime: T0 + seq * 1000,
    status: 3,
    ...extra,
  };
}

export function pending(text: string, deliveryState: LocalMessage['deliveryState']): LocalMessage {
  const { id: _id, ...rest } = msg(ME, text);
  return { ...rest, deliveryState };
}

export async function list(messages: Array<Message | LocalMessage>, more: Partial<ParleyMessageList> = {}) {
  const el = await fixture<ParleyMessageList>(html`<parley-message-list
    style="height: 300px"
    self-id=${ME}
    .users=${users}
    .messages=${messages}
    .typing=${more.typing ?? []}
    .strings=${more.strings ?? resolveStrings()}
  ></parley-message-list>`);
  await settle(el);
  return el;
}

export const items = (el: ParleyMessageList) => shadowAll<ParleyMessage>(el, 'parley-message');
/** The text a user sees in a message, through nested shadow roots. */
export function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  const root = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
  return Array.from(root.childNodes, deepText).join(' ');
}
export const textOf = (m: ParleyMessage) => deepText(m).replace(/\s+/g, ' ').trim();
export const inMessage = (m: ParleyMessage, selector: string) =>
  m.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
export const liveRegion = (el: ParleyMessageList) => shadow(el, '[aria-live="polite"]');
export const log = (el: ParleyMessageList) => shadow(el, '[role="log"]');

export async function settle(el: ParleyMessageList): Promise<void> {
  await el.updateComplete;
  await Promise.all(items(el).map((m) => m.updateComplete));
}

export async function setMessages(el: ParleyMessageList, messages: Array<Message | LocalMessage>) {
  el.messages = messages;
  await settle(el);
}

export const atBottom = (s: HTMLElement) => s.scrollHeight - s.scrollTop - s.clientHeight <= 2;
