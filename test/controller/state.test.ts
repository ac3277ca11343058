// The pure state transitions (src/controller/state.ts): values in, values out, no browser APIs.
import { expect } from '@open-wc/testing';
import { createLocalMessage, toLocalMessage } from '../../src/core/messages.js';
import {
  CONTENT_TYPES,
  CONVERSATION_STATUS,
  MESSAGE_STATUS,
  MESSAGE_TYPE,
  type Conversation,
  type Message,
} from '../../src/core/protocol.js';
import {
  applyPatch,
  deliveryFailed,
  deliveryRetried,
  forgotten,
  initialState,
  messageArrived,
  newestOpen,
  pendingDiscarded,
  sessionUpdated,
  typingChanged,
  unreadCleared,
  type ChatState,
} from '../../src/controller/state.js';

const session = { appId: 'a', userId: 'visitor', token: 't', userName: 'Visitor', anonymous: true };

function conversation(groupId: string, patch: Partial<Conversation> = {}): Conversation {
  return {
    groupId,
    groupName: groupId,
    status: CONVERSATION_STATUS.open,
    members: [],
    metadata: {},
    createdAtTime: 1,
    updatedAtTime: 1,
    unreadCount: 0,
    ...patch,
  };
}

function message(id: number, patch: Partial<Message> = {}): Message {
  return {
    key: `k${id}`,
    id,
    groupId: 'g1',
    message: `m${id}`,
    contentType: CONTENT_TYPES.text,
    type: MESSAGE_TYPE.toVisitor,
    fromUserName: 'agent',
    metadata: {},
    createdAtTime: 100 + id,
    status: MESSAGE_STATUS.sent,
    ...patch,
  };
}

function state(patch: Parameters<typeof applyPatch>[1] = {}): ChatState {
  return applyPatch(initialState(), {
    session,
    conversations: [conversation('g1', { lastMessage: message(1) })],
    activeGroupId: 'g1',
    messages: [toLocalMessage(message(1))],
    ...patch,
  });
}

describe('state transitions', () => {
  it('applyPatch builds a frozen state, sorts conversations and sums unread counts', () => {
    const before = initialState();
    const after = applyPatch(before, {
      conversations: [
        conversation('old', { updatedAtTime: 1, unreadCount: 2 }),
        conversation('new', { updatedAtTime: 9, unreadCount: 3 }),
      ],
      typing: ['agent'],
    });
    expect(after).to.not.equal(before);
    expect(before.conversations).to.deep.equal([]);
    expect(after.conversations.map((c) => c.groupId)).to.deep.equal(['new', 'old']);
    expect(after.unreadCount).to.equal(5);
    expect(Object.isFrozen(after)).to.equal(true);
    expect(Object.isFrozen(after.conversations)).to.equal(true);
    expect(Object.isFrozen(after.typing)).to.equal(true);
  });

  it('a live message from an agent in a closed panel counts as unread and clears their typing', () => {
    const s = state({ typing: ['agent'] });
    const arrived = messageArrived(s, message(2), true);
    expect(arrived).to.include({ own: false, active: true, seen: false, unknown: false });
    const next = applyPatch(s, arrived.patch);
    expect(next.unreadCount).to.equal(1);
    expect(next.conversations[0]!.lastMessage!.id).to.equal(2);
    expect(next.messages.map((m) => m.id)).to.deep.equal([1, 2]);
    expect(next.typing).to.deep.equal([]);
  });

  it('does not count notices, fetched messages, the open panel or messages already held', () => {
    const s = state();
    const notice = messageArrived(s, message(2, { contentType: CONTENT_TYPES.notification }), true);
    expect(applyPatch(s, notice.patch).unreadCount).to.equal(0);
    expect(applyPatch(s, messageArrived(s, message(2), false).patch).unreadCount).to.equal(0);
    const open = state({ panelOpen: true });
    expect(applyPatch(open, messageArrived(open, message(2), true).patch).unreadCount).to.equal(0);
    const again = messageArrived(s, message(1), true);
    expect(again.seen).to.equal(true);
    expect(applyPatch(s, again.patch).unreadCount).to.equal(0);
  });

  it("the visitor's own message is own, and one for an unknown conversation asks for the list", () => {
    const s = state();
    expect(messageArrived(s, message(2, { type: MESSAGE_TYPE.fromVisitor }), true).own).to.equal(true);
    expect(messageArrived(s, message(3, { fromUserName: 'visitor' }), true).own).to.equal(true);
    const elsewhere = messageArrived(s, message(4, { groupId: 'g2' }), true);
    expect(elsewhere).to.include({ unknown: true, active: false });
    expect(elsewhere.patch).to.deep.equal({});
    expect(messageArrived(s, message(4, { groupId: 'g2' }), false).unknown).to.equal(false);
  });

  it('typing: starts, stops, and a stop for someone not typing changes nothing', () => {
    const s = state();
    const started = applyPatch(s, typingChanged(s, 'agent', true)!);
    expect(started.typing).to.deep.equal(['agent']);
    expect(typingChanged(started, 'agent', false)).to.deep.equal({ typing: [] });
    expect(typingChanged(s, 'agent', false)).to.equal(undefined);
  });

  it('delivery: a pending message fails, is sent again, or is discarded; stored ones stay', () => {
    const pending = createLocalMessage({ groupId: 'g1', text: 'hi', fromUserName: 'visitor', now: 5, key: 'p' });
    const s = state({ messages: [toLocalMessage(message(1, { key: 'p' })), pending] });
    const failed = applyPatch(s, deliveryFailed(s, 'p', 'E1'));
    expect(failed.messages.map((m) => m.deliveryState)).to.deep.equal(['sent', 'failed']);
    expect(failed.messages[1]!.errorCode).to.equal('E1');
    const retried = applyPatch(failed, deliveryRetried(failed, 'p'));
    expect(retried.messages[1]!.deliveryState).to.equal('sending');
    expect(retried.messages[1]).to.not.have.property('errorCode');
    const discarded = applyPatch(retried, pendingDiscarded(retried, 'p'));
    expect(discarded.messages.map((m) => m.id)).to.deep.equal([1]);
  });

  it('unreadCleared zeroes one conversation; forgotten keeps settings and the panel', () => {
    const s = state({
      conversations: [conversation('g1', { unreadCount: 4 }), conversation('g2', { unreadCount: 1 })],
    });
    expect(applyPatch(s, unreadCleared(s, 'g1')).unreadCount).to.equal(1);
    const open = applyPatch(s, { panelOpen: true });
    const gone = applyPatch(open, forgotten());
    expect(gone).to.include({ session: undefined, activeGroupId: undefined, panelOpen: true, connection: 'idle' });
    expect(gone.settings).to.equal(open.settings);
    expect(gone.conversations).to.deep.equal([]);
  });

  it("sessionUpdated: the visitor's new record, and their entry among the users follows", () => {
    const s = state({ users: new Map([['agent', { userId: 'agent', userName: 'Alice', role: 'agent' as const }]]) });
    const next = applyPatch(s, sessionUpdated(s, { ...session, userName: 'Sam', imageLink: 'https://x.test/a.png' }));
    expect(next.session?.userName).to.equal('Sam');
    expect(next.users.get('visitor')).to.deep.equal({
      userId: 'visitor',
      userName: 'Sam',
      role: 'user',
      imageLink: 'https://x.test/a.png',
    });
    expect(next.users.get('agent')?.userName).to.equal('Alice');
    expect(s.users.has('visitor')).to.equal(false);
  });

  it('newestOpen skips resolved and spam conversations', () => {
    const list = [
      conversation('resolved', { status: CONVERSATION_STATUS.resolved, updatedAtTime: 9 }),
      conversation('spam', { status: CONVERSATION_STATUS.spam, updatedAtTime: 8 }),
      conversation('open', { updatedAtTime: 2 }),
    ];
    expect(newestOpen(list)?.groupId).to.equal('open');
  });
});
