/**
 * Deleting a teammate (`DELETE /admin/v1/apps/:appId/teammates/:userId`, demo/server/README.md):
 * their sessions and sockets end, their open conversations are unassigned and routed again, their
 * past messages keep their name, the rules forget them, and their address can come back.
 */
import { expect } from '@open-wc/testing';
import type { Conversation } from '../../src/core/protocol.js';
import { addTeammate, agentSocket, call, conversationAsAgent, messagesAsAgent, setRules } from './platform-support.js';
import { addPerson, asCaller, roleOf, statusAndCode, teammatePath } from './people-support.js';
import {
  agentSession,
  bearer,
  closeSockets,
  createTestApp,
  eventually,
  newConversation,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

describe('server: deleting a teammate', function () {
  this.timeout(60000);
  afterEach(() => closeSockets());

  async function assignedChat(app: TestApp, agentId: string): Promise<Conversation> {
    const visitor = await visitorSession(app);
    return newConversation(app, visitor, { agentIds: [agentId], assignee: agentId });
  }

  it('ends their sessions and sockets, unassigns their open conversations and keeps their messages and name', async () => {
    const app = await createTestApp();
    await setRules(app, { conversationRules: { routing: 'notifyEverybody', botFirst: false } });
    const owner = await agentSession(app);
    const gus = await addTeammate(app, 'Gus Gone', 'agent');
    const socket = await agentSocket(app, gus.session);
    const closed: string[] = [];
    socket.on('disconnect', (reason) => closed.push(reason));
    const chat = await assignedChat(app, gus.userId);
    const sent = await sendOverSocket(socket, { key: uniqueKey(), groupId: chat.groupId, message: 'Hello from Gus' });
    expect(sent.ok).to.equal(true);

    responseOf(await asCaller(app, teammatePath(app, gus.userId), { method: 'DELETE' }, owner));
    await eventually(() => closed.includes('io server disconnect'), "Gus's socket is closed");
    const meRes = await request(`${app.url}/agent/v1/me`, { headers: bearer(gus.session) });
    expect(statusAndCode(meRes)).to.deep.equal([401, 'PL-S-01']);
    const signIn = await request(`${app.url}/agent/v1/session`, {
      body: { appId: app.appId, email: gus.userId, password: gus.password },
    });
    expect(statusAndCode(signIn)).to.deep.equal([401, 'PL-S-01']);
    const after = await conversationAsAgent(app, owner, chat.groupId);
    expect(after.assignee).to.equal(undefined);
    expect(after.members.find((m) => m.userId === gus.userId)?.userName).to.equal('Gus Gone');
    const messages = await messagesAsAgent(app, owner, chat.groupId);
    expect(messages.some((m) => m.fromUserName === gus.userId && m.message === 'Hello from Gus')).to.equal(true);
    expect(await roleOf(app, gus.userId)).to.equal(undefined);
    const again = await asCaller(app, teammatePath(app, gus.userId), { method: 'DELETE' }, owner);
    expect(statusAndCode(again)).to.deep.equal([404, 'AL-U-01']);
    // The same address can be added again, as that person.
    const back = await call(app, `/admin/v1/apps/${app.appId}/teammates`, {
      body: { email: gus.userId, userName: 'Gus Back', role: 'operator', password: 'a-long-password' },
    });
    expect(responseOf(back as JsonResponse<Envelope<{ role: string }>>).role).to.equal('operator');
  });

  it('hands their open conversations to the next available agent under automatic routing', async () => {
    const app = await createTestApp();
    await setRules(app, { conversationRules: { routing: 'automatic', botFirst: false } });
    const owner = await agentSession(app);
    const gus = await addTeammate(app, 'Gus Gone', 'agent');
    const amy = await addTeammate(app, 'Amy Available', 'agent');
    await agentSocket(app, amy.session);
    const chat = await assignedChat(app, gus.userId);
    responseOf(await asCaller(app, teammatePath(app, gus.userId), { method: 'DELETE' }, owner));
    const after = await conversationAsAgent(app, owner, chat.groupId);
    expect(after.assignee).to.equal(amy.userId);
    const notices = (await messagesAsAgent(app, owner, chat.groupId)).filter(
      (m) => m.metadata['notice'] === 'assigned',
    );
    expect(notices.at(-1)?.metadata['assignee']).to.equal(amy.userId);
  });

  it('takes them out of the rules (teams, default agent) so that the rules stay valid', async () => {
    const app = await createTestApp();
    const gus = await addPerson(app, 'agent');
    const amy = await addPerson(app, 'agent');
    await setRules(app, {
      conversationRules: { defaultAgentId: gus, teams: [{ teamId: 't1', name: 'One', agentIds: [gus, amy] }] },
    });
    responseOf(await call(app, teammatePath(app, gus), { method: 'DELETE' }));
    const rules = responseOf(
      await call<{ conversationRules: { defaultAgentId: string; teams: Array<{ agentIds: string[] }> } }>(
        app,
        `/admin/v1/apps/${app.appId}/rules`,
      ),
    );
    expect(rules.conversationRules.defaultAgentId).to.equal('');
    expect(rules.conversationRules.teams[0]!.agentIds).to.deep.equal([amy]);
    await setRules(app, { conversationRules: { maxOpenPerAgent: 3 } });
  });
});
