/**
 * The Platform API's `source` (the channel a message came from): stored with the message and
 * answered in every message payload — the send's answer, the push, the visitor's history and
 * the staff app's — as the documented "Send Attachments" example carries it.
 */
import { expect } from '@open-wc/testing';
import type { Message } from '../../src/core/protocol.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  history,
  newConversation,
  platformCall,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

describe('server: a message source (Platform API)', () => {
  let app: TestApp;
  const api = <T = unknown>(path: string, body: unknown, headers: Record<string, string> = {}) =>
    platformCall<T>(app, path, body, headers);

  before(async () => {
    app = await createTestApp();
  });
  afterEach(() => closeSockets());

  it('the documented attachment example keeps "source": 1 in the answer, the push and both histories', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'message');
    const body = {
      type: 5,
      contentType: 1,
      message: 'This is an image description',
      groupId: c.groupId,
      metadata: { skipBot: true },
      key: uniqueKey('m4jgfy'),
      fileMeta: { blobKey: 'abc_Screenshot.png', name: 'ABX.png', size: 182025, contentType: 'image/png' },
      source: 1,
    };
    const sent = responseOf(await api<Message>('/rest/ws/message/send', body, { 'Of-User-Id': app.agentId }));
    expect(sent.source).to.equal(1);
    await eventually(() => pushed.some((m) => m.key === body.key && m.source === 1), 'the push carries the source');
    const mine = (await history(app, visitor, c.groupId)).find((m) => m.key === body.key);
    expect(mine?.source).to.equal(1);
    const agent = await agentSession(app);
    const staff = responseOf(
      await request<Envelope<Message[]>>(`${app.url}/agent/v1/conversations/${c.groupId}/messages`, {
        headers: bearer(agent),
      }),
    );
    expect(staff.find((m) => m.key === body.key)?.source).to.equal(1);
    // A repeat of the key answers the stored message, source and all.
    const again = responseOf(await api<Message>('/rest/ws/message/send', body, { 'Of-User-Id': app.agentId }));
    expect(again).to.deep.equal(sent);
  });

  it('v2/send stores it too (a numeric string as well); without one the payload has none', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const withSource = responseOf(
      await api<Message>('/rest/ws/message/v2/send', {
        groupId: c.groupId,
        message: 'from the phone app',
        fromUserName: app.agentId,
        source: '3',
      }),
    );
    expect(withSource.source).to.equal(3);
    const without = responseOf(
      await api<Message>('/rest/ws/message/v2/send', {
        groupId: c.groupId,
        message: 'plain',
        fromUserName: app.agentId,
      }),
    );
    expect(without).to.not.have.property('source');
    const stored = await history(app, visitor, c.groupId);
    expect(stored.find((m) => m.id === withSource.id)?.source).to.equal(3);
    expect(stored.find((m) => m.id === without.id)).to.not.have.property('source');
  });

  it('400 PL-R-03 for a source that is not a whole number from 0 to 32767', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    for (const source of [-1, 1.5, 40000, 'web', true, { a: 1 }]) {
      const res = await api('/rest/ws/message/v2/send', {
        groupId: c.groupId,
        message: 'x',
        fromUserName: app.agentId,
        source,
      });
      expect(res.status, JSON.stringify(source)).to.equal(400);
      expect(errorCode(res)).to.equal('PL-R-03');
    }
  });

  it("is the Platform API's: a visitor's socket message cannot claim one", async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const ack = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: c.groupId,
      message: 'hello',
      source: 1,
    } as Parameters<typeof sendOverSocket>[1]);
    expect(ack.ok).to.equal(true);
    expect(ack.ok && ack.data).to.not.have.property('source');
  });
});
