/**
 * Blocking a visitor: staff (admins and agents) block and unblock; a blocked visitor's new
 * messages are refused over REST and the socket with PL-S-05 and nothing is stored, their history
 * stays readable; staff see `blocked` in the user detail and the conversation.
 */
import { expect } from '@open-wc/testing';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import { addTeammate, adminSession, bearerOf, call, messagesAsAgent, patchQuery } from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  history,
  newConversation,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

describe('server: block user', () => {
  let app: TestApp;
  let admin: Session;
  let amy: Teammate;
  let olive: Teammate;
  const block = (by: Session, userId: string, blocked: unknown) =>
    request<Envelope<{ userId: string; blocked: boolean }>>(
      `${app.url}/agent/v1/users/${encodeURIComponent(userId)}/block`,
      { method: 'PUT', body: { blocked }, headers: bearerOf(by) },
    );
  const sendRest = (visitor: Session, groupId: string, message: string) =>
    request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
      body: { groupId, message, key: uniqueKey() },
      headers: bearer(visitor),
    });

  before(async () => {
    app = await createTestApp();
    admin = await adminSession(app);
    amy = await addTeammate(app, 'Amy');
    olive = await addTeammate(app, 'Olive', 'operator');
  });
  afterEach(() => closeSockets());

  it('refuses a blocked visitor’s messages over REST and the socket, stores nothing, and allows them again once unblocked', async () => {
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    responseOf(await sendRest(visitor, conv.groupId, 'before'));
    const socket = await connect(app, { token: visitor.token });

    expect(responseOf(await block(amy.session, visitor.userId, true))).to.deep.equal({
      userId: visitor.userId,
      blocked: true,
    });
    const rest = await sendRest(visitor, conv.groupId, 'over REST');
    expect([rest.status, errorCode(rest)]).to.deep.equal([403, 'PL-S-05']);
    const ack = await sendOverSocket(socket, { groupId: conv.groupId, message: 'over the socket', key: uniqueKey() });
    expect(ack.ok).to.equal(false);
    if (!ack.ok) expect(ack.error.errorCode).to.equal('PL-S-05');

    // History stays readable; nothing of the refused messages was stored.
    const seen = (await history(app, visitor, conv.groupId)).map((m) => m.message);
    expect(seen).to.include('before');
    expect(seen).not.to.include.members(['over REST']);
    const staffSeen = (await messagesAsAgent(app, admin, conv.groupId)).map((m) => m.message);
    expect(staffSeen).not.to.include('over REST');
    expect(staffSeen).not.to.include('over the socket');

    // Staff see it: the conversation and the user detail.
    const asStaff = responseOf(
      await request<Envelope<Conversation & { blocked: boolean }>>(
        `${app.url}/agent/v1/conversations/${conv.groupId}`,
        {
          headers: bearerOf(admin),
        },
      ),
    );
    expect(asStaff.blocked).to.equal(true);
    const detail = responseOf(
      await call<Array<{ userId: string; blocked: boolean }>>(app, '/rest/ws/user/v2/detail', {
        body: { userIdList: [visitor.userId] },
      }),
    );
    expect(detail[0]?.blocked).to.equal(true);
    const mine = responseOf(
      await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${conv.groupId}`, {
        headers: bearer(visitor),
      }),
    );
    expect(mine).not.to.have.property('blocked');

    responseOf(await block(admin, visitor.userId, false));
    responseOf(await sendRest(visitor, conv.groupId, 'after'));
    const again = await sendOverSocket(socket, { groupId: conv.groupId, message: 'socket again', key: uniqueKey() });
    expect(again.ok).to.equal(true);
    const detailAfter = responseOf(
      await call<Array<{ blocked: boolean }>>(app, '/rest/ws/user/v2/detail', {
        body: { userIdList: [visitor.userId] },
      }),
    );
    expect(detailAfter[0]?.blocked).to.equal(false);
  });

  it('every role blocks (an operator, the visitors of conversations assigned to them); only visitors can be blocked; the body is checked', async () => {
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    const byOperator = await block(olive.session, visitor.userId, true);
    expect([byOperator.status, errorCode(byOperator)]).to.deep.equal([403, 'PL-S-03']);
    await patchQuery(app, '/rest/ws/group/assignee/change', { groupId: conv.groupId, assignee: olive.userId });
    expect(responseOf(await block(olive.session, visitor.userId, true))).to.deep.equal({
      userId: visitor.userId,
      blocked: true,
    });
    responseOf(await block(olive.session, visitor.userId, false));
    const byVisitor = await block(visitor, visitor.userId, true);
    expect(byVisitor.status).to.equal(403);
    const staff = await block(admin, amy.userId, true);
    expect([staff.status, errorCode(staff)]).to.deep.equal([404, 'AL-U-01']);
    const unknown = await block(admin, 'nobody-here', true);
    expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'AL-U-01']);
    const wrong = await block(admin, visitor.userId, 'yes');
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([400, 'PL-R-03']);
    const missing = await block(admin, visitor.userId, undefined);
    expect([missing.status, errorCode(missing)]).to.deep.equal([400, 'PL-R-02']);
  });
});
