/**
 * The staff endpoints (`routes/console.ts`, agent session tokens): who am I, conversation lists
 * with filters, history, read receipts, typing relays and saved quick replies.
 */
import { expect } from '@open-wc/testing';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import {
  addTeammate,
  adminSession,
  agentSocket,
  bearerOf,
  createConversation,
  patchQuery,
} from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

interface QuickReply {
  id: number;
  shortcut: string;
  message: string;
}

describe('server: agent console endpoints', () => {
  let app: TestApp;
  let amy: Teammate;
  let olive: Teammate;
  const get = <T>(path: string, session: Session) =>
    request<Envelope<T>>(`${app.url}${path}`, { headers: bearerOf(session) });

  before(async () => {
    app = await createTestApp();
    amy = await addTeammate(app, 'Amy');
    olive = await addTeammate(app, 'Olive', 'operator');
  });
  afterEach(() => closeSockets());

  it('GET /agent/v1/me tells the console who is signed in and what their role allows', async () => {
    const admin = await adminSession(app);
    const me = responseOf(
      await get<{ user: { userId: string; role: string }; permissions: string[]; seesAll: boolean; routing: string }>(
        '/agent/v1/me',
        admin,
      ),
    );
    expect(me.user).to.include({ userId: app.agentId, role: 'superadmin' });
    expect(me.permissions).to.include.members(['changeSettings', 'changeRoles', 'assignOthers', 'createQuickReplies']);
    expect(me).to.include({ seesAll: true, routing: 'automatic' });
    const op = responseOf(await get<{ permissions: string[]; seesAll: boolean }>('/agent/v1/me', olive.session));
    expect(op.seesAll).to.equal(false);
    // The permission table's operator row: their own conversations, no settings, no visitors' details.
    expect(op.permissions).to.include.members(['useQuickReplies', 'assign', 'changeStatus', 'sendMessages']);
    expect(op.permissions).to.not.include.members(['createQuickReplies']);
    for (const denied of ['changeSettings', 'changeRoles', 'viewSettings', 'assignOthers', 'viewUsers', 'updateUsers'])
      expect(op.permissions).to.not.include(denied);
    const visitor = await visitorSession(app);
    const refused = await get('/agent/v1/me', visitor);
    expect([refused.status, errorCode(refused)]).to.deep.equal([403, 'PL-S-03']);
    const anonymous = await request(`${app.url}/agent/v1/me`);
    expect([anonymous.status, errorCode(anonymous)]).to.deep.equal([401, 'PL-S-01']);
  });

  it('lists conversations by status and assignee, most recent first', async () => {
    const mine = await createConversation(app, {
      groupName: 'Mine',
      groupMemberList: ['list-1', amy.userId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: amy.userId },
    });
    const unassigned = await createConversation(app, {
      groupName: 'Nobody',
      groupMemberList: ['list-2'],
      metadata: { SKIP_ROUTING: true },
    });
    const resolved = await createConversation(app, { groupName: 'Done', groupMemberList: ['list-3'] });
    responseOf(await patchQuery(app, '/rest/ws/group/status/change', { groupId: resolved.groupId, status: '2' }));
    const ids = async (query: string) =>
      responseOf(await get<Conversation[]>(`/agent/v1/conversations${query}`, amy.session)).map((c) => c.groupId);
    expect(await ids('?assigned=me')).to.deep.equal([mine.groupId]);
    expect(await ids('?assigned=unassigned'))
      .to.include(unassigned.groupId)
      .and.not.include(mine.groupId);
    const open = await ids('');
    expect(open).to.include.members([mine.groupId, unassigned.groupId]);
    expect(open).to.not.include(resolved.groupId);
    expect(open.indexOf(resolved.groupId)).to.equal(-1);
    expect(await ids('?status=resolved')).to.deep.equal([resolved.groupId]);
    expect(open.indexOf(unassigned.groupId)).to.be.lessThan(open.indexOf(mine.groupId));
    for (const bad of ['?status=closed', '?assigned=bob', '?limit=-1']) {
      const res = await get(`/agent/v1/conversations${bad}`, amy.session);
      expect([res.status, errorCode(res)], bad).to.deep.equal([400, 'PL-R-03']);
    }
  });

  it("reads a visitor's history; 404 AL-G-01 for an unknown conversation", async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const sent = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: c.groupId,
      message: 'hello there',
      metadata: { skipBot: 'true' },
    });
    const history = responseOf(await get<Message[]>(`/agent/v1/conversations/${c.groupId}/messages`, amy.session));
    expect(history.map((m) => m.message)).to.deep.equal(['hello there']);
    expect(sent.ok && history[0]!.id).to.equal(sent.ok && sent.data.id);
    const unknown = await get(`/agent/v1/conversations/77777777/messages`, amy.session);
    expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'AL-G-01']);
  });

  it('marks read for the assigned agent, and the visitor gets the receipt', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const socket = await connect(app, { token: visitor.token });
    const receipts = record(socket, 'read');
    const sent = await sendOverSocket(socket, {
      key: uniqueKey(),
      groupId: c.groupId,
      message: 'please read',
      metadata: { skipBot: 'true' },
    });
    if (!sent.ok) throw new Error('not sent');
    const read = (session: Session, body: unknown) =>
      request<Envelope<boolean>>(`${app.url}/agent/v1/conversations/${c.groupId}/read`, {
        body,
        headers: bearerOf(session),
      });
    expect(responseOf(await read(amy.session, { id: sent.data.id }))).to.equal(false);
    responseOf(await patchQuery(app, '/rest/ws/group/assignee/change', { groupId: c.groupId, assignee: amy.userId }));
    expect(responseOf(await read(amy.session, { id: sent.data.id }))).to.equal(true);
    await eventually(
      () => receipts.some((r) => r.userId === amy.userId && r.id >= sent.data.id),
      'the visitor sees it was read',
    );
    const missing = await read(amy.session, {});
    expect([missing.status, errorCode(missing)]).to.deep.equal([400, 'PL-R-02']);
    const wrong = await read(amy.session, { id: 'last' });
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([400, 'PL-R-03']);
  });

  it('relays typing both ways: visitor → agents (members or not), assigned agent → visitor', async () => {
    const visitor = await visitorSession(app);
    const c = await newConversation(app, visitor);
    const [vs, as] = await Promise.all([connect(app, { token: visitor.token }), agentSocket(app, amy.session)]);
    const toAgent = record(as, 'typing');
    const toVisitor = record(vs, 'typing');
    vs.emit('typing', { groupId: c.groupId, typing: true });
    await eventually(
      () => toAgent.some((t) => t.groupId === c.groupId && t.userId === visitor.userId && t.typing),
      'the agent sees the visitor typing',
    );
    responseOf(await patchQuery(app, '/rest/ws/group/assignee/change', { groupId: c.groupId, assignee: amy.userId }));
    as.emit('typing', { groupId: c.groupId, typing: true });
    await eventually(
      () => toVisitor.some((t) => t.userId === amy.userId && t.typing),
      'the visitor sees the agent typing',
    );
  });

  it('keeps saved quick replies: agents create and delete, operators only use them', async () => {
    const path = `${app.url}/agent/v1/quick-replies`;
    const created = responseOf(
      await request<Envelope<QuickReply>>(path, {
        body: { shortcut: '/refund', message: 'Refunds take 5 days.' },
        headers: bearerOf(amy.session),
      }),
    );
    expect(created).to.include({ shortcut: 'refund', message: 'Refunds take 5 days.' });
    const dup = await request(path, { body: { shortcut: 'REFUND', message: 'again' }, headers: bearerOf(amy.session) });
    expect([dup.status, errorCode(dup)]).to.deep.equal([409, 'PL-R-03']);
    for (const body of [
      { shortcut: 'has space', message: 'x' },
      { shortcut: 'ok' },
      { message: 'x' },
      { shortcut: 'ok', message: 5 },
    ]) {
      const res = await request(path, { body, headers: bearerOf(amy.session) });
      expect(res.status, JSON.stringify(body)).to.equal(400);
    }
    const listed = responseOf(await request<Envelope<QuickReply[]>>(path, { headers: bearerOf(olive.session) }));
    expect(listed.map((q) => q.shortcut)).to.include('refund');
    const opCreate = await request(path, { body: { shortcut: 'op', message: 'x' }, headers: bearerOf(olive.session) });
    expect([opCreate.status, errorCode(opCreate)]).to.deep.equal([403, 'PL-S-03']);
    const opDelete = await request(`${path}/${created.id}`, { method: 'DELETE', headers: bearerOf(olive.session) });
    expect([opDelete.status, errorCode(opDelete)]).to.deep.equal([403, 'PL-S-03']);
    expect(
      responseOf(
        await request<Envelope<boolean>>(`${path}/${created.id}`, { method: 'DELETE', headers: bearerOf(amy.session) }),
      ),
    ).to.equal(true);
    const gone = await request(`${path}/${created.id}`, { method: 'DELETE', headers: bearerOf(amy.session) });
    expect(gone.status).to.equal(404);
  });
});
