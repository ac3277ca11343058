// The visitor slice (src/controller/visitor.ts): the visitor's session in this tab and the news
// from the site's other tabs.
import { expect } from '@open-wc/testing';
import { CONVERSATION_STATUS, ERROR_CODES } from '../../src/core/protocol.js';
import { signedIn, slices } from './slice-kit.js';

function setup() {
  const s = slices('visitor');
  s.cell.set({ status: 'ready' });
  return s;
}

describe('VisitorSlice', () => {
  it('creates one session for concurrent callers, and tells the other tabs', async () => {
    const s = setup();
    const [a, b] = await Promise.all([s.visitor.ensureSession(), s.visitor.ensureSession()]);
    expect(a).to.equal(b);
    expect(s.fake.sessions.length).to.equal(1);
    expect(s.cell.state.session).to.equal(a);
    expect(s.posted).to.deep.equal([{ type: 'session', userId: a.userId }]);
    expect(await s.visitor.ensureSession()).to.equal(a);
  });

  it('joins a session another tab stored instead of creating one', async () => {
    const s = setup();
    const stored = await s.session.create();
    expect(await s.visitor.ensureSession()).to.deep.equal(stored);
    expect(s.fake.sessions.length).to.equal(1);
    expect(s.posted).to.deep.equal([]);
  });

  it('a session another tab stored, joined while the visitor opens the chat, stays one visitor', async () => {
    const s = setup();
    const stored = await s.session.create();
    // The news of another tab's session starts a restore; the visitor clicks before it has finished.
    const joining = s.visitor.join();
    const opened = s.visitor.ensureSession();
    await joining;
    expect(await opened).to.deep.equal(stored);
    expect(s.fake.sessions.length).to.equal(1);
    expect(s.cell.state.session).to.deep.equal(stored);
    expect(s.posted).to.deep.equal([]);
  });

  it('a logout in another tab during a restore is not undone when the restore finishes', async () => {
    const s = setup();
    const stored = await s.session.create();
    const restoring = s.visitor.restore(stored);
    s.visitor.news({ type: 'logout' });
    await restoring;
    expect(s.cell.state.session).to.equal(undefined);
    expect(s.visitor.restored).to.equal(false);
  });

  it('shows the newest open conversation, or starts one; never two at once', async () => {
    const reuse = setup();
    reuse.fake.addConversation({ status: CONVERSATION_STATUS.resolved, updatedAtTime: 9 });
    const open = reuse.fake.addConversation({ updatedAtTime: 5 });
    await reuse.visitor.ensureConversation();
    expect(reuse.cell.state.activeGroupId).to.equal(open.groupId);

    const fresh = setup();
    await Promise.all([fresh.visitor.ensureConversation(), fresh.visitor.ensureConversation()]);
    expect(fresh.fake.conversations.length).to.equal(1);
    expect(fresh.cell.state.activeGroupId).to.equal(fresh.fake.conversations[0]?.groupId);
  });

  it('restores the stored conversations with the one the visitor last looked at', async () => {
    const s = setup();
    const session = await s.session.create();
    const [a, b] = [s.fake.addConversation({ updatedAtTime: 1 }), s.fake.addConversation({ updatedAtTime: 2 })];
    await s.store.setConversations([a, b]);
    s.session.savePrefs({ activeGroupId: a.groupId });
    await s.visitor.restore(session);
    expect(s.visitor.restored).to.equal(true);
    expect(s.cell.state.session).to.deep.equal(session);
    expect(s.cell.state.conversations.map((c) => c.groupId)).to.deep.equal([b.groupId, a.groupId]);
    expect(s.cell.state.activeGroupId).to.equal(a.groupId);
  });

  it("follows the other tabs: a logout forgets, another visitor's session is reported", async () => {
    const s = setup();
    const session = await signedIn(s);
    let joined = 0;
    s.visitor.on('joined', () => joined++);
    s.visitor.news({ type: 'session', userId: session.userId }); // the same visitor: nothing to do
    s.visitor.news({ type: 'session', userId: 'someone-else' });
    expect(joined).to.equal(1);
    s.visitor.news({ type: 'logout' });
    expect(s.cell.state.session).to.equal(undefined);
    expect(await s.store.getSession()).to.deep.equal(session); // what is stored is the other tab's to clear
  });

  it('drops the session on a refused token; shuts out a disabled widget; keeps other codes', async () => {
    const s = setup();
    await signedIn(s);
    s.visitor.refused(ERROR_CODES.invalidToken);
    await new Promise((resolve) => setTimeout(resolve));
    expect(s.cell.state.session).to.equal(undefined);
    expect(await s.store.getSession()).to.equal(undefined);
    s.visitor.refused('PL-X-99');
    expect(s.cell.state.error).to.equal('PL-X-99');
    s.visitor.refused(ERROR_CODES.widgetDisabled);
    expect(s.cell.state).to.include({ status: 'disabled', connection: 'idle' });
  });

  it('logs out: ends the session on the server, clears what is stored, tells the other tabs', async () => {
    const s = setup();
    const session = await signedIn(s);
    await s.visitor.logout();
    expect(s.fake.ended).to.deep.equal([session.token]);
    expect(await s.store.getSession()).to.equal(undefined);
    expect(s.cell.state.session).to.equal(undefined);
    expect(s.posted).to.deep.equal([{ type: 'logout' }]);
  });
});
