import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { en, formatTime, resolveStrings } from '../../src/core/locale.js';
import type { Conversation, Message, UserSummary } from '../../src/core/protocol.js';
import { ParleyConversationList, previewOf } from '../../src/ui/conversation-list/conversation-list.js';
import { ParleyOpenConversationEvent, ParleyStartConversationEvent } from '../../src/ui/events.js';
import { click, press, record, setUpUiSuite, shadow, shadowAll } from '../helpers/ui.js';

const NOW = new Date(2024, 4, 15, 15, 0).getTime();
const TODAY = new Date(2024, 4, 15, 9, 30).getTime();
const LAST_MONTH = new Date(2024, 3, 2, 11, 0).getTime();

const agent: UserSummary = { userId: 'agent-1', userName: 'Anna Berg', role: 'agent' };
const visitor: UserSummary = { userId: 'visitor-1', userName: 'Poised Salmon', role: 'user' };

function message(over: Partial<Message> = {}): Message {
  return {
    key: 'k1',
    id: 1,
    groupId: 'g1',
    message: 'Hello there',
    contentType: 0,
    type: 4,
    fromUserName: agent.userId,
    metadata: {},
    createdAtTime: TODAY,
    status: 3,
    ...over,
  };
}

function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    groupId: 'g1',
    groupName: 'Billing question',
    status: 0,
    assignee: agent.userId,
    members: [visitor, agent],
    metadata: {},
    createdAtTime: LAST_MONTH,
    updatedAtTime: TODAY,
    lastMessage: message(),
    unreadCount: 0,
    ...over,
  };
}

const items = (el: ParleyConversationList) => shadowAll<HTMLButtonElement>(el, 'button[part="conversation"]');
const startButton = (el: ParleyConversationList) => shadow<HTMLButtonElement>(el, '[part="start-button"]');
const textOf = (node: Element | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function list(conversations: Conversation[], extra: Partial<ParleyConversationList> = {}) {
  const el = await fixture<ParleyConversationList>(
    html`<parley-conversation-list
      .conversations=${conversations}
      .users=${new Map([[agent.userId, agent]])}
      self-id=${visitor.userId}
      .now=${NOW}
    ></parley-conversation-list>`,
  );
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

describe('<parley-conversation-list>', () => {
  setUpUiSuite();

  describe('defaults', () => {
    it('says there are no conversations, and offers no new one', async () => {
      const el = await fixture<ParleyConversationList>(html`<parley-conversation-list></parley-conversation-list>`);
      expect(textOf(shadow(el, '.empty'))).to.equal('No conversations yet.');
      expect(items(el)).to.have.length(0);
      expect(shadowAll(el, '[part="start-button"]')).to.have.length(0);
    });
  });

  describe('properties', () => {
    it('shows each conversation as a button with title, last message and time', async () => {
      const el = await list([conversation()]);
      const [item] = items(el);
      expect(item?.type).to.equal('button');
      expect(textOf(item?.querySelector('.title') ?? undefined)).to.equal('Billing question');
      expect(textOf(item?.querySelector('.preview') ?? undefined)).to.equal('Hello there');
      const time = item?.querySelector('time');
      expect(time?.textContent).to.equal(formatTime(TODAY, undefined, NOW));
      expect(time?.getAttribute('datetime')).to.equal(new Date(TODAY).toISOString());
      expect(shadow(el, 'ul').getAttribute('aria-label')).to.equal('Conversations');
    });

    it('lists the most recently active conversation first', async () => {
      const el = await list([
        conversation({ groupId: 'old', groupName: 'Old', lastMessage: message({ createdAtTime: LAST_MONTH }) }),
        conversation({ groupId: 'new', groupName: 'New', lastMessage: message({ createdAtTime: TODAY }) }),
        conversation({ groupId: 'quiet', groupName: 'Quiet', lastMessage: undefined, updatedAtTime: LAST_MONTH + 1 }),
      ]);
      expect(items(el).map((b) => textOf(b.querySelector('.title') ?? undefined))).to.deep.equal([
        'New',
        'Quiet',
        'Old',
      ]);
    });

    it('titles untitled conversations with the assignee, else "Conversation"', async () => {
      const el = await list([
        conversation({ groupId: 'a', groupName: '  ' }),
        conversation({ groupId: 'b', groupName: '', assignee: undefined, members: [visitor] }),
      ]);
      expect(items(el).map((b) => textOf(b.querySelector('.title') ?? undefined))).to.deep.equal([
        'Anna Berg',
        'Conversation',
      ]);
    });

    it('shows unread counts in a badge and in words, and 99+ for many', async () => {
      const el = await list([
        conversation({ groupId: 'one', unreadCount: 1, lastMessage: message({ createdAtTime: TODAY }) }),
        conversation({ groupId: 'many', unreadCount: 150, lastMessage: message({ createdAtTime: TODAY - 1 }) }),
        conversation({ groupId: 'none', unreadCount: 0, lastMessage: message({ createdAtTime: TODAY - 2 }) }),
      ]);
      const [one, many, none] = items(el);
      expect(textOf(one?.querySelector('[part="badge"]') ?? undefined)).to.equal('1');
      expect(textOf(one?.querySelector('.sr-only') ?? undefined)).to.equal('1 unread message');
      expect(textOf(many?.querySelector('[part="badge"]') ?? undefined)).to.equal('99+');
      expect(textOf(many?.querySelector('.sr-only') ?? undefined)).to.equal('150 unread messages');
      expect(none?.querySelector('[part="badge"]')).to.equal(null);
    });

    it('marks resolved conversations', async () => {
      const el = await list([conversation({ status: 2 })]);
      expect(textOf(shadow(el, '.tag'))).to.equal('Resolved');
      expect(items(el)[0]?.classList.contains('resolved')).to.equal(true);
    });

    it("prefixes the visitor's own last message with You:", async () => {
      const el = await list([conversation({ lastMessage: message({ type: 5, fromUserName: visitor.userId }) })]);
      expect(textOf(shadow(el, '.preview'))).to.equal('You: Hello there');
    });

    it('shows the assignee picture when it is http(s), initials otherwise', async () => {
      const withPicture = { ...agent, imageLink: 'https://cdn.example.com/anna.png' };
      const el = await list([conversation({ members: [visitor, withPicture] })], { users: new Map() });
      expect(shadow(el, 'img.avatar').getAttribute('src')).to.equal('https://cdn.example.com/anna.png');
      const bad = await list([conversation({ members: [visitor, { ...agent, imageLink: 'javascript:x' }] })], {
        users: new Map(),
      });
      expect(shadowAll(bad, 'img')).to.have.length(0);
      expect(textOf(shadow(bad, '.avatar'))).to.equal('AB');
    });

    it('keeps message text plain, even when it looks like markup', async () => {
      const el = await list([conversation({ lastMessage: message({ message: '<img src=x onerror=alert(1)>' }) })]);
      expect(shadowAll(el, '.preview img')).to.have.length(0);
      expect(textOf(shadow(el, '.preview'))).to.equal('<img src=x onerror=alert(1)>');
    });

    it('skips malformed entries and survives a non-map users value', async () => {
      const junk = [null, { groupName: 'no id' }, conversation()] as unknown as Conversation[];
      const el = await list(junk, { users: 'nope' as unknown as Map<string, UserSummary> });
      expect(items(el)).to.have.length(1);
    });

    it('offers a new conversation when canStartNew', async () => {
      const el = await list([conversation()], { canStartNew: true });
      expect(textOf(startButton(el))).to.equal('Start a new conversation');
    });

    it('takes its words from strings', async () => {
      const strings = resolveStrings({ conversationsEmpty: 'Keine Gespräche', conversationStart: 'Neues Gespräch' });
      const el = await list([], { strings, canStartNew: true });
      expect(textOf(shadow(el, '.empty'))).to.equal('Keine Gespräche');
      expect(textOf(startButton(el))).to.equal('Neues Gespräch');
    });
  });

  describe('previewOf', () => {
    it("words a system notice in the widget's strings", () => {
      const strings = resolveStrings({ noticeAssigned: 'Asignada a {name}' });
      const assigned = message({
        contentType: 10,
        message: 'Assigned to Ana',
        metadata: { notice: 'assigned', assignee: 'ana' },
      });
      expect(previewOf(assigned, strings, '', (id) => (id === 'ana' ? 'Ana' : undefined))).to.equal('Asignada a Ana');
      expect(previewOf(assigned, strings)).to.equal('Assigned to Ana');
    });

    it('labels content that is not text', () => {
      const image = { blobKey: 'b', name: 'a.png', size: 1, contentType: 'image/png' };
      const pdf = { ...image, name: 'a.pdf', contentType: 'application/pdf' };
      expect(previewOf(message({ contentType: 1, message: '', fileMeta: pdf }))).to.equal('Attachment');
      expect(previewOf(message({ contentType: 1, message: '', fileMeta: image }))).to.equal('Image');
      expect(previewOf(message({ contentType: 2, message: '{"lat":1,"lon":2}' }))).to.equal('Location');
      expect(previewOf(message({ contentType: 3, message: '<p>Hi</p>' }))).to.equal('Message');
      expect(previewOf(message({ message: '', metadata: { templateId: '6', payload: '[]' } }))).to.equal('Message');
      expect(previewOf(message({ message: 'Pick one', metadata: { templateId: '6', payload: '[]' } }))).to.equal(
        'Pick one',
      );
    });

    it('collapses whitespace, caps the length, and never throws', () => {
      expect(previewOf(message({ message: 'a\n\n  b' }))).to.equal('a b');
      expect(previewOf(message({ message: 'x'.repeat(1000) }))).to.have.length(200);
      expect(previewOf(undefined)).to.equal('');
      expect(previewOf('junk' as unknown as Message)).to.equal('');
      expect(previewOf(message({ message: 7 as unknown as string }), en)).to.equal('');
    });
  });

  describe('events', () => {
    it('fires parley-open-conversation with the groupId of the clicked conversation', async () => {
      const el = await list([
        conversation({ groupId: 'g1' }),
        conversation({ groupId: 'g2', lastMessage: message({ createdAtTime: LAST_MONTH }) }),
      ]);
      const opened = oneEvent(document, 'parley-open-conversation');
      await click(items(el)[1]!);
      const event = await opened;
      expect(event).to.be.instanceOf(ParleyOpenConversationEvent);
      expect(event.detail.groupId).to.equal('g2');
      expect(event.composed).to.equal(true);
    });

    it('fires parley-start-conversation from the start button', async () => {
      const el = await list([], { canStartNew: true });
      const started = oneEvent(document, 'parley-start-conversation');
      await click(startButton(el));
      expect(await started).to.be.instanceOf(ParleyStartConversationEvent);
    });
  });

  describe('keyboard', () => {
    it('moves between conversations with the arrow keys, Home and End, and opens with Enter', async () => {
      const el = await list(
        [0, 1, 2].map((i) => conversation({ groupId: `g${i}`, lastMessage: message({ createdAtTime: TODAY - i }) })),
        { canStartNew: true },
      );
      const opened = record<ParleyOpenConversationEvent>(document, 'parley-open-conversation');
      const focused = () => (el.shadowRoot?.activeElement as HTMLElement | null) ?? null;
      const [first, second, third] = items(el);
      await press('Tab');
      expect(focused()).to.equal(first);
      await press('ArrowDown');
      expect(focused()).to.equal(second);
      await press('End');
      expect(focused()).to.equal(third);
      await press('ArrowDown');
      expect(focused()).to.equal(third);
      await press('Home');
      expect(focused()).to.equal(first);
      await press('ArrowUp');
      expect(focused()).to.equal(first);
      await press('ArrowDown');
      await press('Enter');
      expect(opened.map((e) => e.detail.groupId)).to.deep.equal(['g1']);
    });

    it('reaches the start button with Tab after the conversations', async () => {
      const el = await list([conversation()], { canStartNew: true });
      await press('Tab');
      await press('Tab');
      expect(el.shadowRoot?.activeElement).to.equal(startButton(el));
    });
  });

  describe('accessibility', () => {
    it('is accessible empty and with conversations', async () => {
      await expect(await list([], { canStartNew: true })).to.be.accessible();
      await expect(
        await list(
          [conversation({ unreadCount: 2 }), conversation({ groupId: 'g2', status: 2, lastMessage: undefined })],
          { canStartNew: true },
        ),
      ).to.be.accessible();
    });
  });
});
