// The intake slice (src/controller/intake.ts): what the server says, merged into the state.
import { expect, waitUntil } from '@open-wc/testing';
import { CONVERSATION_STATUS, MESSAGE_STATUS, type Message } from '../../src/core/protocol.js';
import { OLDER_RETRY_MS, UNREAD_SETTLE_MS } from '../../src/controller/intake.js';
import { TYPING_EXPIRY_MS } from '../../src/controller/receipts.js';
import { signedIn, slices } from './slice-kit.js';

/** A visitor with two conversations from the server, g1 shown. */
async function setup() {
  const s = slices('intake');
  const session = await signedIn(s);
  const g1 = s.fake.addConversation();
  const g2 = s.fake.addConversation();
  await s.intake.refresh();
  await s.intake.activate(g1.groupId);
  const received: Message[] = [];
  const sent: Message[] = [];
  s.intake.on('received', (m) => void received.push(m));
  s.intake.on('sent', (m) => void sent.push(m));
  return { ...s, session, g1: g1.groupId, g2: g2.groupId, received, sent };
}

const unread = (
  s: { cell: { state: { conversations: readonly { groupId: string; unreadCount: number }[] } } },
  id: string,
) => s.cell.state.conversations.find((c) => c.groupId === id)?.unreadCount;

describe('IntakeSlice', () => {
  it('merges a live message: shown when active, counted unread elsewhere, reported once', async () => {
    const s = await setup();
    const shown = s.fake.agentSays(s.g1, 'in the open conversation');
    const away = s.fake.agentSays(s.g2, 'in another one');
    s.intake.receive(shown, 'live');
    s.intake.receive(away, 'live');
    s.intake.receive(away, 'live'); // a duplicate push
    expect(s.cell.state.messages.map((m) => m.message)).to.deep.equal(['in the open conversation']);
    expect(unread(s, s.g2)).to.equal(1);
    expect(s.received.map((m) => m.message)).to.deep.equal(['in the open conversation', 'in another one']);
    // Stored after the draw (in a later task), not dropped.
    await waitUntil(async () => (await s.store.getMessages(s.g1)).length === 1, 'the shown message cached');
    expect((await s.store.getMessages(s.g1)).map((m) => m.id)).to.deep.equal([shown.id]);
  });

  it('shows a pushed message first and stores it after, in a later task; a teardown in between still stores it', async () => {
    const s = await setup();
    const writes: string[] = [];
    const setMessages = s.store.setMessages.bind(s.store);
    s.store.setMessages = (groupId, messages) => {
      writes.push(messages.map((m) => m.message).join(','));
      return setMessages(groupId, messages);
    };
    s.intake.receive(s.fake.agentSays(s.g1, 'first'), 'live');
    s.intake.receive(s.fake.agentSays(s.g1, 'second'), 'live');
    expect(
      s.cell.state.messages.map((m) => m.message),
      'shown at once',
    ).to.deep.equal(['first', 'second']);
    expect(writes, 'no cache write in the task that showed them').to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(writes, 'one write for both, in the next task').to.deep.equal(['first,second']);

    s.intake.receive(s.fake.agentSays(s.g1, 'third'), 'live');
    s.abort.abort();
    expect(writes.at(-1), 'written when the engine goes').to.equal('first,second,third');
    await waitUntil(async () => (await s.store.getMessages(s.g1)).length === 3, 'all three cached');
  });

  it("ends on the server's unread count once the pushes settle, whatever order they crossed in", async () => {
    const s = await setup();
    const message = s.fake.agentSays(s.g2, 'one new message');
    s.fake.conversations.find((c) => c.groupId === s.g2)!.unreadCount = 1;
    // The conversation's push carries a count made before a read marker reached the server, and
    // the message's push comes after it (seen: not counted again).
    s.intake.upsert({
      ...s.cell.state.conversations.find((c) => c.groupId === s.g2)!,
      lastMessage: message,
      unreadCount: 2,
    });
    s.intake.receive(message, 'live');
    expect(unread(s, s.g2)).to.equal(2);
    const asked = s.fake.calls.filter((c) => c === 'listConversations').length;
    s.clock.advance(UNREAD_SETTLE_MS - 1);
    expect(s.fake.calls.filter((c) => c === 'listConversations').length).to.equal(asked);
    s.clock.advance(1);
    await waitUntil(() => unread(s, s.g2) === 1, 'the server count');
    expect(s.fake.calls.filter((c) => c === 'listConversations').length).to.equal(asked + 1);
  });

  it('keeps what a push said over a list fetched while it arrived (a resolve stays resolved)', async () => {
    const s = await setup();
    const held = s.cell.state.conversations.find((c) => c.groupId === s.g1)!;
    // The list is asked for; before its answer comes, the server pushes the resolve.
    const refreshing = s.intake.refresh();
    s.intake.upsert({ ...held, status: CONVERSATION_STATUS.resolved });
    await refreshing;
    expect(s.cell.state.conversations.find((c) => c.groupId === s.g1)?.status).to.equal(CONVERSATION_STATUS.resolved);
    // A list asked for after the push is the newer view again.
    await s.intake.refresh();
    expect(s.cell.state.conversations.find((c) => c.groupId === s.g1)?.status).to.equal(CONVERSATION_STATUS.open);
  });

  it("reports the visitor's own message as sent only when this page sent it", async () => {
    const s = await setup();
    const local = { key: 'k-own', groupId: s.g1, message: 'hi' };
    s.delivery.sending('k-own');
    s.intake.receive(s.fake.store(local, s.session.userId, 5), 'ack');
    s.intake.receive(s.fake.store({ ...local, key: 'k-other-tab' }, s.session.userId, 5), 'live');
    expect(s.sent.map((m) => m.key)).to.deep.equal(['k-own']);
    expect(s.received).to.deep.equal([]);
  });

  it('fetches the list when a live message names a conversation it does not hold', async () => {
    const s = await setup();
    const g3 = s.fake.addConversation({ unreadCount: 1 });
    s.intake.receive(s.fake.agentSays(g3.groupId, 'an agent started this'), 'live');
    await new Promise((resolve) => setTimeout(resolve));
    expect(s.cell.state.conversations.map((c) => c.groupId)).to.include(g3.groupId);
  });

  it('shows who is typing in the conversation shown until they stop or it expires', async () => {
    const s = await setup();
    s.intake.typing({ groupId: s.g1, userId: 'agent-1', typing: true });
    s.intake.typing({ groupId: s.g2, userId: 'agent-2', typing: true }); // not shown
    s.intake.typing({ groupId: s.g1, userId: s.session.userId, typing: true }); // the visitor
    expect(s.cell.state.typing).to.deep.equal(['agent-1']);
    s.clock.advance(TYPING_EXPIRY_MS);
    expect(s.cell.state.typing).to.deep.equal([]);
  });

  it('clears the unread count when the visitor read to the end in another tab; marks messages read by others', async () => {
    const s = await setup();
    const away = s.fake.agentSays(s.g2, 'unread');
    s.intake.receive(away, 'live');
    s.intake.read({ groupId: s.g2, userId: s.session.userId, id: away.id });
    expect(unread(s, s.g2)).to.equal(0);
    expect(s.receipts.readUpTo(s.g2)).to.equal(away.id);

    const mine = s.fake.store({ key: 'k1', groupId: s.g1, message: 'mine' }, s.session.userId, 5);
    s.intake.receive(mine, 'ack');
    s.intake.read({ groupId: s.g1, userId: 'agent-1', id: mine.id });
    expect(s.cell.state.messages.find((m) => m.key === 'k1')?.deliveryState).to.equal('read');
    expect((await s.store.getMessages(s.g1))[0]?.status).to.equal(MESSAGE_STATUS.read);
  });

  it("follows a name change, the visitor's own included (stored with the session)", async () => {
    const s = await setup();
    s.intake.user({ userId: 'agent-1', userName: 'Alicia', role: 'agent' });
    s.intake.user({ userId: s.session.userId, userName: 'Sam', role: 'user' });
    expect(s.cell.state.users.get('agent-1')?.userName).to.equal('Alicia');
    expect(s.cell.state.session?.userName).to.equal('Sam');
    expect((await s.store.getSession())?.userName).to.equal('Sam');
  });

  it('marks the open conversation read: count to 0 at once, one marker to the server', async () => {
    const s = await setup();
    s.intake.receive(s.fake.agentSays(s.g1, 'one'), 'live');
    const last = s.fake.agentSays(s.g1, 'two');
    s.intake.receive(last, 'live');
    expect(unread(s, s.g1)).to.equal(2);
    await s.intake.markRead();
    expect(unread(s, s.g1)).to.equal(0);
    expect(s.fake.reads).to.deep.equal([{ groupId: s.g1, id: last.id }]);
  });

  it("shows a conversation's cached messages and its pending sends when activated", async () => {
    const s = await setup();
    const cached = s.fake.agentSays(s.g2, 'cached');
    await s.store.setMessages(s.g2, [cached]);
    await s.store.putOutbox({
      key: 'k-wait',
      groupId: s.g2,
      message: { key: 'k-wait', groupId: s.g2, message: 'waiting' },
      createdAtTime: 1,
    });
    await s.intake.activate(s.g2);
    expect(s.cell.state.activeGroupId).to.equal(s.g2);
    expect(s.cell.state.messages.map((m) => m.message)).to.deep.equal(['cached', 'waiting']);
    expect(s.cell.state.messages[1]?.deliveryState).to.equal('sending');
  });

  it('pages older history in before the oldest message held, one page at a time, until the server has no more', async () => {
    const s = await setup();
    const all = Array.from({ length: 250 }, (_, i) => s.fake.agentSays(s.g1, `m${i + 1}`));
    await s.intake.loadHistory(s.g1);
    const ids = () => s.cell.state.messages.map((m) => m.message);
    expect(ids(), 'the latest page first').to.deep.equal(all.slice(-200).map((m) => m.message));
    const asked = s.intake.loadOlder();
    expect(s.cell.state.loadingOlder, 'loading shows').to.equal(true);
    void s.intake.loadOlder(); // while one is on its way: nothing more
    await asked;
    expect(s.cell.state.loadingOlder).to.equal(false);
    expect(ids()).to.deep.equal(all.map((m) => m.message));
    await waitUntil(async () => (await s.store.getMessages(s.g1)).length === 250, 'what was seen is cached');
    const calls = s.fake.calls.filter((c) => c.startsWith('listMessages:')).length;
    await s.intake.loadOlder(); // the server had fewer than a page: that was the first message
    expect(
      s.fake.calls.filter((c) => c.startsWith('listMessages:')).length,
      'no request after the first message',
    ).to.equal(calls);
  });

  it('asks again for older history only OLDER_RETRY_MS after a failure, with no loading line meanwhile', async () => {
    const s = await setup();
    for (let i = 0; i < 250; i++) s.fake.agentSays(s.g1, `m${i + 1}`);
    await s.intake.loadHistory(s.g1);
    const asked = () => s.fake.calls.filter((c) => c.startsWith('listMessages:')).length;
    const before = asked();
    s.fake.offline = true;
    let failure: unknown;
    await s.intake.loadOlder().catch((e: unknown) => (failure = e));
    expect(failure, 'the failure reaches the caller (the facade reports it)').to.be.instanceOf(Error);
    expect(s.cell.state.loadingOlder).to.equal(false);
    s.fake.offline = false;
    await s.intake.loadOlder();
    expect(asked(), 'not at once again').to.equal(before + 1);
    s.clock.advance(OLDER_RETRY_MS);
    await s.intake.loadOlder();
    expect(asked()).to.equal(before + 2);
    expect(s.cell.state.messages).to.have.length(250);
  });
});
