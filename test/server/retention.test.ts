/**
 * History retention ("Secure your chat widget": `chatWidget.sessionTimeout`): a known visitor
 * (the site's `userId`) who comes back — here, on another device — after being away longer than
 * it starts fresh: no old conversation in their list, none readable by its groupId, nothing of
 * them in the catch-up, their files, or their pushes; their clientGroupIds are free again. The
 * staff and the Platform API keep the whole history. A visitor back within the timeout, or of an
 * app that keeps history forever (0), keeps theirs.
 *
 * "Away" is waited for by condition, never by time: the file's own server sweeps sessions often
 * (visitors' lifetime 3 s), so a socket opened with the visitor's token closes once the server
 * has ended that session for want of use — the moment the visitor counts as away.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { Conversation, FileMeta, Message, Session } from '../../src/core/protocol.js';
import { adminSession, bearerOf, conversationAsAgent, messagesAsAgent } from './platform-support.js';
import {
  bearer,
  canvasPng,
  closeSockets,
  connect,
  errorCode,
  eventually,
  history,
  newConversation,
  ownServer,
  platformCall,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  uploadFile,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

/** Visitors' sessions on this server end after 3 s without use, so the sweep runs every 300 ms. */
const OWN_SERVER = { server: 'retention', env: { PARLEY_VISITOR_SESSION_TTL: '3s' } };
/** A short retention, for the visitor who goes away. */
const SHORT_MS = 2000;
/** Waiting for a session to end: bounded, by condition. */
const SESSION_END = { timeout: 15000, interval: 50 };

/** A fresh app on this file's own server. */
async function ownApp(settings: unknown): Promise<TestApp> {
  const { url, adminKey } = await ownServer(OWN_SERVER.server, OWN_SERVER.env);
  const res = await request<Envelope<Omit<TestApp, 'url' | 'adminKey'>>>(`${url}/admin/v1/apps`, {
    body: { settings },
    headers: { 'Api-Key': adminKey },
  });
  return { url, adminKey, ...responseOf(res) };
}

/**
 * Resolves once the visitor is away: the server ended the session (for want of use) and closed the
 * socket opened with it. Opening a socket is a use, and one merely left open is not.
 */
async function goesAway(app: TestApp, session: Session): Promise<void> {
  const socket = await connect(app, { token: session.token });
  const closed: string[] = [];
  socket.on('disconnect', (reason) => closed.push(reason));
  await waitUntil(() => closed.length > 0, 'the idle session ends and its socket is closed', SESSION_END);
}

function sendAsVisitor(app: TestApp, session: Session, groupId: string, message: string) {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message, key: uniqueKey() },
    headers: bearer(session),
  });
}

function conversationsOf(app: TestApp, session: Session): Promise<Conversation[]> {
  return request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(session) }).then(
    responseOf,
  );
}

function catchUp(app: TestApp, session: Session): Promise<Message[]> {
  return request<Envelope<Message[]>>(`${app.url}/widget/v1/messages?after=0`, { headers: bearer(session) }).then(
    responseOf,
  );
}

/** [HTTP status, error code] of a widget GET with the session. */
async function widgetGet(app: TestApp, session: Session, path: string): Promise<[number, string | undefined]> {
  const res = await request(`${app.url}${path}`, { headers: bearer(session) });
  return [res.status, errorCode(res)];
}

/** A Platform API message from the app's agent. */
async function agentSends(app: TestApp, groupId: string, message: string): Promise<Message> {
  return responseOf(
    await platformCall<Message>(app, '/rest/ws/message/v2/send', { groupId, message, fromUserName: app.agentId }),
  );
}

/**
 * A known visitor of the app with one conversation holding one message of theirs (unrouted: no
 * bot answers in it).
 */
async function knownVisitorWithHistory(app: TestApp, body: Record<string, unknown> = {}) {
  const userId = `known-${uniqueKey()}`;
  const first = await visitorSession(app, { userId });
  const old = await newConversation(app, first, { skipRouting: true, ...body });
  responseOf(await sendAsVisitor(app, first, old.groupId, 'my old account number'));
  return { userId, first, old };
}

describe('server: history retention (sessionTimeout)', function () {
  this.timeout(40000);

  before(async function () {
    // The file's own server starts cold (a new database): not part of any test's time.
    this.timeout(180000);
    await ownServer(OWN_SERVER.server, OWN_SERVER.env);
  });

  afterEach(() => closeSockets());

  it('a known visitor back after sessionTimeout starts fresh: no old conversation, message, file or push; staff keep it all', async () => {
    const app = await ownApp({ chatWidget: { sessionTimeout: SHORT_MS } });
    const { userId, first, old } = await knownVisitorWithHistory(app, { clientGroupId: 'support' });
    const file = responseOf(await uploadFile(app, first, old.groupId, await canvasPng(64, 64), 'old.png')) as FileMeta;
    await goesAway(app, first);

    // Back, on another device: the same userId, a new session.
    const fresh = await visitorSession(app, { userId });
    expect(fresh.userId).to.equal(userId);
    expect(await conversationsOf(app, fresh)).to.deep.equal([]);
    expect(await catchUp(app, fresh)).to.deep.equal([]);
    expect(await widgetGet(app, fresh, `/widget/v1/conversations/${old.groupId}`)).to.deep.equal([403, 'PL-S-02']);
    expect(await widgetGet(app, fresh, `/widget/v1/conversations/${old.groupId}/messages`)).to.deep.equal([
      403,
      'PL-S-02',
    ]);
    expect(await widgetGet(app, fresh, `/files/${file.blobKey}?token=${fresh.token}`)).to.deep.equal([403, 'PL-S-02']);
    const write = await sendAsVisitor(app, fresh, old.groupId, 'into the old one');
    expect([write.status, errorCode(write)]).to.deep.equal([403, 'PL-S-02']);

    // Their clientGroupId names a new conversation now.
    const again = await newConversation(app, fresh, { clientGroupId: 'support', skipRouting: true });
    expect(again.groupId).not.to.equal(old.groupId);
    expect(again.clientGroupId).to.equal('support');
    expect((await conversationsOf(app, fresh)).map((c) => c.groupId)).to.deep.equal([again.groupId]);

    // An agent writing in the old conversation reaches the staff, not the visitor's new session.
    const socket = await connect(app, { token: fresh.token });
    const pushed = record(socket, 'message');
    const overSocket = await sendOverSocket(socket, { groupId: old.groupId, message: 'again', key: uniqueKey() });
    expect(overSocket.ok ? 'sent' : overSocket.error.errorCode).to.equal('PL-S-02');
    await agentSends(app, old.groupId, 'a late answer');
    const reply = await agentSends(app, again.groupId, 'welcome back');
    await eventually(() => pushed.some((m) => m.id === reply.id), 'the new conversation’s message is pushed');
    expect(pushed.map((m) => m.groupId)).to.deep.equal([again.groupId]);
    expect((await catchUp(app, fresh)).map((m) => m.message)).to.deep.equal(['welcome back']);
    expect((await history(app, fresh, again.groupId)).map((m) => m.message)).to.deep.equal(['welcome back']);

    // The staff keep the whole history, the visitor still among the old conversation's members.
    const admin = await adminSession(app);
    const listed = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/agent/v1/conversations?status=all`, {
        headers: bearerOf(admin),
      }),
    );
    expect(listed.map((c) => c.groupId)).to.include.members([old.groupId, again.groupId]);
    expect((await messagesAsAgent(app, admin, old.groupId)).map((m) => m.message)).to.include.members([
      'my old account number',
      'a late answer',
    ]);
    expect((await conversationAsAgent(app, admin, old.groupId)).members.map((m) => m.userId)).to.include(userId);
    const staffFile = await fetch(`${app.url}/files/${file.blobKey}?token=${admin.token}`);
    expect([staffFile.status, staffFile.headers.get('content-type')]).to.deep.equal([200, 'image/png']);
  });

  it('a single-threaded app gives the returning visitor a new conversation, not the old open one', async () => {
    const app = await ownApp({ chatWidget: { sessionTimeout: SHORT_MS, isSingleThreaded: true } });
    const { userId, first, old } = await knownVisitorWithHistory(app);
    // Within the session, the open conversation is handed back.
    expect((await newConversation(app, first, { skipRouting: true })).groupId).to.equal(old.groupId);
    await goesAway(app, first);

    const fresh = await visitorSession(app, { userId });
    const thread = await newConversation(app, fresh, { skipRouting: true });
    expect(thread.groupId).not.to.equal(old.groupId);
    expect(await history(app, fresh, thread.groupId)).to.deep.equal([]);
    expect((await conversationsOf(app, fresh)).map((c) => c.groupId)).to.deep.equal([thread.groupId]);
  });

  it('a visitor back within sessionTimeout (here on a second device) keeps the history', async () => {
    const app = await ownApp({ chatWidget: { sessionTimeout: 60 * 60 * 1000 } });
    const { userId, old } = await knownVisitorWithHistory(app);
    const second = await visitorSession(app, { userId });
    expect((await conversationsOf(app, second)).map((c) => c.groupId)).to.deep.equal([old.groupId]);
    expect((await history(app, second, old.groupId)).map((m) => m.message)).to.deep.equal(['my old account number']);
  });

  it('keeps the history when sessionTimeout is 0 (keep forever), even after the visitor’s sessions ended', async () => {
    const app = await ownApp({ chatWidget: { sessionTimeout: 0 } });
    const { userId, first, old } = await knownVisitorWithHistory(app);
    await goesAway(app, first);
    const back = await visitorSession(app, { userId });
    expect((await conversationsOf(app, back)).map((c) => c.groupId)).to.deep.equal([old.groupId]);
    expect((await catchUp(app, back)).map((m) => m.message)).to.deep.equal(['my old account number']);
  });
});
