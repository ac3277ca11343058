/**
 * The documented roles: the app's owner is its super admin, whom nobody demotes or removes; an
 * admin changes agents' and operators' roles but not another admin's. And membership on every
 * visitor door: another visitor's conversation cannot be read, marked read, typed into or
 * caught up with, also while two visitors write at once.
 */
import { expect } from '@open-wc/testing';
import type { Message, Session } from '../../src/core/protocol.js';
import { addTeammate, call } from './platform-support.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

function patchTeammate(app: TestApp, userId: string, body: unknown, session?: Session) {
  return call(app, `/admin/v1/apps/${app.appId}/teammates/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body,
    ...(session ? { noKey: true, headers: bearer(session) } : {}),
  });
}

describe('server: roles', () => {
  it("makes the app's owner its super admin, whose role and place nobody takes away", async () => {
    const app = await createTestApp();
    const owner = await agentSession(app);
    const me = responseOf(
      await request<Envelope<{ user: { role: string } }>>(`${app.url}/agent/v1/me`, { headers: bearer(owner) }),
    );
    expect(me.user.role).to.equal('superadmin');
    const admin = await addTeammate(app, 'Ada Admin', 'admin');
    for (const [by, body] of [
      [admin.session, { role: 'agent' }],
      [admin.session, { deactivated: true }],
      [admin.session, { password: 'a-new-password' }],
      [undefined, { role: 'agent' }],
      [undefined, { deactivated: true }],
    ] as const) {
      const res = await patchTeammate(app, app.agentId, body, by);
      expect([res.status, errorCode(res)], JSON.stringify(body)).to.deep.equal([403, 'PL-S-03']);
    }
    // Nobody is made a second super admin.
    const agent = await addTeammate(app, 'Gus Agent', 'agent');
    const crowned = await patchTeammate(app, agent.userId, { role: 'superadmin' }, owner);
    expect([crowned.status, errorCode(crowned)]).to.deep.equal([400, 'PL-R-03']);
  });

  it("lets an admin change agents' and operators' roles but not another admin's; the super admin may", async () => {
    const app = await createTestApp();
    const owner = await agentSession(app);
    const ada = await addTeammate(app, 'Ada Admin', 'admin');
    const bea = await addTeammate(app, 'Bea Admin', 'admin');
    const olive = await addTeammate(app, 'Olive Operator', 'operator');
    expect((await patchTeammate(app, olive.userId, { role: 'agent' }, ada.session)).status).to.equal(200);
    const demote = await patchTeammate(app, bea.userId, { role: 'agent' }, ada.session);
    expect([demote.status, errorCode(demote)]).to.deep.equal([403, 'PL-S-03']);
    const password = await patchTeammate(app, bea.userId, { password: 'another-password' }, ada.session);
    expect([password.status, errorCode(password)]).to.deep.equal([403, 'PL-S-03']);
    expect((await patchTeammate(app, bea.userId, { role: 'agent' }, owner)).status).to.equal(200);
  });
});

describe('server: membership on every visitor door', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });
  afterEach(() => closeSockets());

  it("refuses another visitor's conversation: read it, mark it read, type into it", async () => {
    const ann = await visitorSession(app);
    const bob = await visitorSession(app);
    const c = await newConversation(app, ann);
    const read = await request(`${app.url}/widget/v1/conversations/${c.groupId}`, { headers: bearer(bob) });
    expect([read.status, errorCode(read)]).to.deep.equal([403, 'PL-S-02']);
    const marked = await request(`${app.url}/widget/v1/conversations/${c.groupId}/read`, {
      body: { id: 1 },
      headers: bearer(bob),
    });
    expect([marked.status, errorCode(marked)]).to.deep.equal([403, 'PL-S-02']);

    const annSocket = await connect(app, { token: ann.token });
    const typing = record(annSocket, 'typing');
    const bobSocket = await connect(app, { token: bob.token });
    bobSocket.emit('typing', { groupId: c.groupId, typing: true });
    // Bob's read of the same conversation is answered after his typing was handled (in order).
    const ack = await new Promise<{ ok: boolean; error?: { errorCode: string } }>((resolve) =>
      bobSocket.emit('read', { groupId: c.groupId, id: 1 }, resolve),
    );
    expect(ack.error?.errorCode).to.equal('PL-S-02');
    expect(typing).to.deep.equal([]);
  });

  it('catches each visitor up with their own messages only, while two write at once', async () => {
    const ann = await visitorSession(app);
    const bob = await visitorSession(app);
    const [ca, cb] = await Promise.all([newConversation(app, ann), newConversation(app, bob)]);
    const [sa, sb] = await Promise.all([connect(app, { token: ann.token }), connect(app, { token: bob.token })]);
    const burst = (socket: typeof sa, groupId: string, who: string) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          sendOverSocket(socket, { key: uniqueKey(), groupId, message: `${who} ${i}`, metadata: { skipBot: 'true' } }),
        ),
      );
    await Promise.all([burst(sa, ca.groupId, 'ann'), burst(sb, cb.groupId, 'bob')]);
    const catchUp = async (s: Session) =>
      responseOf(await request<Envelope<Message[]>>(`${app.url}/widget/v1/messages?after=0`, { headers: bearer(s) }));
    const [forAnn, forBob] = await Promise.all([catchUp(ann), catchUp(bob)]);
    expect(forAnn.every((m) => m.groupId === ca.groupId)).to.equal(true);
    expect(forBob.every((m) => m.groupId === cb.groupId)).to.equal(true);
    expect(forAnn.filter((m) => m.message.startsWith('ann ')).length).to.equal(20);
    expect(forBob.filter((m) => m.message.startsWith('bob ')).length).to.equal(20);
  });
});
