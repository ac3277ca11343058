import { expect } from '@open-wc/testing';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import {
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
import type { Envelope, TestApp } from './support.js';

describe('server: demo bot', () => {
  let app: TestApp;
  let visitor: Session;

  before(async () => {
    app = await createTestApp();
    visitor = await visitorSession(app);
  });
  afterEach(() => closeSockets());

  /** Sends as the visitor and waits for the bot's answer to that message. */
  async function ask(groupId: string, text: string, metadata: Record<string, string> = {}) {
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'message');
    const ack = await sendOverSocket(socket, { key: uniqueKey(), groupId, message: text, metadata });
    if (!ack.ok) throw new Error(ack.error.description);
    await eventually(
      () => pushed.some((m) => m.fromUserName === app.botId && m.id > ack.data.id),
      `the bot answers "${text}"`,
    );
    return { sent: ack.data, reply: pushed.find((m) => m.fromUserName === app.botId && m.id > ack.data.id)! };
  }

  it('greets with suggested replies (template 6)', async () => {
    const c = await newConversation(app, visitor);
    const { reply } = await ask(c.groupId, 'Hello!');
    expect(reply.type).to.equal(4);
    expect(reply.groupId).to.equal(c.groupId);
    expect(reply.metadata).to.include({ contentType: '300', templateId: '6' });
    const payload = JSON.parse(reply.metadata['payload']!) as Array<{ title: string; message: string }>;
    expect(payload.map((p) => p.title)).to.deep.equal(['Opening hours', 'Pricing', 'Talk to a human']);
  });

  it('answers opening hours, pricing and unknown questions', async () => {
    const c = await newConversation(app, visitor);
    expect((await ask(c.groupId, 'What are your opening hours?')).reply.message).to.match(/Monday to Friday/);
    expect((await ask(c.groupId, 'How much does it cost?')).reply.message).to.match(/\$19/);
    expect((await ask(c.groupId, 'my flux capacitor broke')).reply.message).to.equal(
      "I'm not sure about that — an agent will join shortly.",
    );
  });

  it('stays quiet for skipBot messages and for agents', async () => {
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const quiet = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: c.groupId,
      message: 'hello, no bot please',
      metadata: { skipBot: 'true' },
    });
    const agent = await request<Envelope<Message>>(`${app.url}/rest/ws/message/v2/send`, {
      body: { groupId: c.groupId, message: 'hello from an agent', fromUserName: app.agentId },
      headers: { 'Api-Key': app.apiKey },
    });
    const agentMessage = responseOf(agent);
    // Once the bot has answered a later message elsewhere, it has had its chance to answer these.
    const other = await newConversation(app, visitor);
    await ask(other.groupId, 'hi');
    const stored = await history(app, visitor, c.groupId);
    expect(quiet.ok).to.equal(true);
    expect(stored.map((m) => m.id)).to.deep.equal([(quiet as { ok: true; data: Message }).data.id, agentMessage.id]);
  });

  it('answers a repeated key only once', async () => {
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const message = { key: uniqueKey(), groupId: c.groupId, message: 'thanks' };
    await sendOverSocket(socket, message);
    await sendOverSocket(socket, message);
    await ask(c.groupId, 'hi');
    const replies = (await history(app, visitor, c.groupId)).filter((m) => m.fromUserName === app.botId);
    expect(replies.map((m) => m.message)).to.deep.equal([
      "You're welcome! Anything else I can help with?",
      replies[1]!.message,
    ]);
    expect(replies).to.have.length(2);
  });

  it('hands off to a human: says so, assigns the default agent, then stays quiet', async () => {
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const updates = record(socket, 'conversation');
    const { reply } = await ask(c.groupId, 'I would like to talk to a human.');
    expect(reply.message).to.match(/^I'm bringing in a human agent/);
    await eventually(
      () => updates.some((u) => u.groupId === c.groupId && u.assignee === app.agentId),
      'the agent is assigned',
    );
    const conv = responseOf(
      await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${c.groupId}`, {
        headers: bearer(visitor),
      }),
    );
    expect(conv.assignee).to.equal(app.agentId);
    expect(conv.members.map((m) => m.userId)).to.include(app.agentId);
    // The bot no longer answers once a human owns the conversation: the agent's reply is the last word.
    const after = await sendOverSocket(socket, { key: uniqueKey(), groupId: c.groupId, message: 'hello?' });
    const other = await newConversation(app, visitor);
    await ask(other.groupId, 'hi');
    const last = (await history(app, visitor, c.groupId)).at(-1)!;
    expect(after.ok && last.id).to.equal(after.ok && after.data.id);
  });
});
