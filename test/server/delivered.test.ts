/**
 * The delivered receipt (issue 22): a client acknowledges the highest message of a batch with the
 * socket event `delivered`; the other members hear of it, and the messages' `status` says 4
 * (delivered) until a read marker makes it 5 — in the widget's history and the staff app's.
 */
import { expect } from '@open-wc/testing';
import { MESSAGE_STATUS, type Ack, type Conversation, type Message, type Session } from '../../src/core/protocol.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  eventually,
  history,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, ParleySocket, TestApp } from './support.js';

function mark(socket: ParleySocket, receipt: 'read' | 'delivered', payload: unknown): Promise<Ack<true>> {
  return new Promise((resolve) => socket.emit(receipt, payload as never, resolve));
}

/** The conversation's messages as the staff app reads them. */
async function staffHistory(app: TestApp, agent: Session, groupId: string): Promise<Message[]> {
  return responseOf(
    await request<Envelope<Message[]>>(`${app.url}/agent/v1/conversations/${groupId}/messages`, {
      headers: bearer(agent),
    }),
  );
}

describe('server: delivered receipts', () => {
  let app: TestApp;
  let visitor: Session;
  let agent: Session;
  let conversation: Conversation;
  /** The agent's message to the visitor (the agent is a member from then on). */
  let reply: Message;

  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
    agent = await agentSession(app);
    conversation = await newConversation(app, visitor);
    await request(`${app.url}/rest/ws/message/v2/send`, {
      body: {
        groupId: conversation.groupId,
        message: 'How can I help?',
        fromUserName: app.agentId,
        metadata: { skipBot: true },
      },
      headers: { 'Api-Key': app.apiKey },
    });
    reply = (await history(app, visitor, conversation.groupId)).find((m) => m.message === 'How can I help?')!;
  });

  afterEach(() => closeSockets());

  it('a staff message is sent, then delivered once the visitor’s client says so, then read', async () => {
    expect((await staffHistory(app, agent, conversation.groupId)).find((m) => m.key === reply.key)?.status).to.equal(
      MESSAGE_STATUS.sent,
    );
    const agentSocket = await connect(app, { token: agent.token });
    const visitorSocket = await connect(app, { token: visitor.token });
    const toAgent = record(agentSocket, 'delivered');
    const toVisitor = record(visitorSocket, 'delivered');
    expect(await mark(visitorSocket, 'delivered', { groupId: conversation.groupId, id: reply.id })).to.deep.equal({
      ok: true,
      data: true,
    });
    await eventually(() => toAgent.length > 0, 'the agent hears of it');
    expect(toAgent[0]).to.deep.equal({ groupId: conversation.groupId, userId: visitor.userId, id: reply.id });
    // Both the staff app's list and the widget's say "delivered"; a marker never moves back.
    await mark(visitorSocket, 'delivered', { groupId: conversation.groupId, id: 1 });
    expect((await staffHistory(app, agent, conversation.groupId)).find((m) => m.key === reply.key)?.status).to.equal(
      MESSAGE_STATUS.delivered,
    );
    expect((await history(app, visitor, conversation.groupId)).find((m) => m.key === reply.key)?.status).to.equal(
      MESSAGE_STATUS.delivered,
    );
    await mark(visitorSocket, 'read', { groupId: conversation.groupId, id: reply.id });
    expect((await staffHistory(app, agent, conversation.groupId)).find((m) => m.key === reply.key)?.status).to.equal(
      MESSAGE_STATUS.read,
    );
    // The visitor's own sockets never hear of their own delivered marker.
    expect(toVisitor).to.deep.equal([]);
  });

  it('a visitor message is delivered once a staff member’s app says so; read implies delivered', async () => {
    const agentSocket = await connect(app, { token: agent.token });
    const visitorSocket = await connect(app, { token: visitor.token });
    const toVisitor = record(visitorSocket, 'delivered');
    const first = await sendOverSocket(visitorSocket, {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'one',
      metadata: { skipBot: 'true' },
    });
    const second = await sendOverSocket(visitorSocket, {
      key: uniqueKey(),
      groupId: conversation.groupId,
      message: 'two',
      metadata: { skipBot: 'true' },
    });
    if (!first.ok || !second.ok) throw new Error('not sent');
    const status = async (m: Message) =>
      (await history(app, visitor, conversation.groupId)).find((x) => x.key === m.key)?.status;
    expect(await status(first.data)).to.equal(MESSAGE_STATUS.sent);
    // (A reply, the bot's or an agent's, would read it: their own sends move their read marker.)
    // The visitor's own marker does not count for their own messages.
    await mark(visitorSocket, 'delivered', { groupId: conversation.groupId, id: second.data.id });
    expect(await status(first.data)).to.equal(MESSAGE_STATUS.sent);

    expect((await mark(agentSocket, 'delivered', { groupId: conversation.groupId, id: first.data.id })).ok).to.equal(
      true,
    );
    await eventually(() => toVisitor.length > 0, 'the visitor hears of it');
    expect(toVisitor[0]).to.deep.equal({ groupId: conversation.groupId, userId: agent.userId, id: first.data.id });
    expect([await status(first.data), await status(second.data)]).to.deep.equal([
      MESSAGE_STATUS.delivered,
      MESSAGE_STATUS.sent,
    ]);
    await mark(agentSocket, 'read', { groupId: conversation.groupId, id: second.data.id });
    expect([await status(first.data), await status(second.data)]).to.deep.equal([
      MESSAGE_STATUS.read,
      MESSAGE_STATUS.read,
    ]);
    // The conversation's last message says so too.
    const list = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) }),
    );
    expect(list.find((c) => c.groupId === conversation.groupId)?.lastMessage?.status).to.equal(MESSAGE_STATUS.read);
  });

  it('refuses a malformed marker, and one for a conversation the user is not in', async () => {
    const visitorSocket = await connect(app, { token: visitor.token });
    expect((await mark(visitorSocket, 'delivered', 'nope')).ok).to.equal(false);
    const bad = await mark(visitorSocket, 'delivered', { groupId: conversation.groupId, id: -1 });
    expect(!bad.ok && bad.error.errorCode).to.equal('PL-R-03');
    const stranger = await visitorSession(app);
    const strangerSocket = await connect(app, { token: stranger.token });
    const refused = await mark(strangerSocket, 'delivered', { groupId: conversation.groupId, id: reply.id });
    expect(!refused.ok && refused.error.errorCode).to.equal('PL-S-02');
  });
});
