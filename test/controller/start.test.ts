// The start slice (src/controller/start.ts): starting, the settings applied, opening the chat.
import { expect } from '@open-wc/testing';
import { slices } from './slice-kit.js';

function setup(install: Record<string, unknown> = {}) {
  const reports: string[] = [];
  const s = slices('start', { ...install, onInit: (result: string) => void reports.push(result) });
  return { ...s, reports };
}

describe('StartSlice', () => {
  it('starts once: ready, without a session nothing is created and no socket opens', async () => {
    const s = setup();
    await Promise.all([s.start.init(), s.start.init()]);
    expect(s.cell.state).to.include({ status: 'ready', session: undefined, connection: 'idle' });
    expect(s.fake.calls).to.deep.equal(['getSettings']);
    expect(s.fake.sockets).to.deep.equal([]);
    expect(s.reports).to.deep.equal(['success']);
    expect(await s.start.ready()).to.equal(true);
  });

  it('a disabled widget is not ready, and settings that disable it close the socket', async () => {
    const s = setup();
    s.fake.settings = { chatWidget: { disableChatWidget: true } };
    expect(await s.start.ready()).to.equal(false);
    expect(s.cell.state.status).to.equal('disabled');

    const live = setup();
    await live.start.open();
    expect(live.fake.sockets.length).to.equal(1);
    live.start.applySettings({ chatWidget: { disableChatWidget: true } }, true);
    expect(live.cell.state).to.include({ status: 'disabled', connection: 'idle' });
    expect(live.fake.socket?.disconnectCalls).to.equal(1);
  });

  it('opening makes a session and a conversation, connects, and remembers the open panel', async () => {
    const s = setup();
    await s.start.open();
    expect(s.cell.state.panelOpen).to.equal(true);
    expect(s.cell.state.session).to.not.equal(undefined);
    expect(s.cell.state.activeGroupId).to.equal(s.fake.conversations[0]?.groupId);
    expect(s.fake.sockets.length).to.equal(1);
    expect(s.session.prefs.panelOpen).to.equal(true);
    s.start.setPanelOpen(false);
    expect(s.session.prefs.panelOpen).to.equal(false);
  });

  it('without cached settings and no answer, waits in error and retries until the server answers', async () => {
    const s = setup();
    s.fake.offline = true;
    await s.start.init();
    expect(s.cell.state.status).to.equal('error');
    expect(s.reports).to.deep.equal(['error']);
    expect(s.clock.pending).to.equal(1);
    s.fake.offline = false;
    s.clock.advance(60000);
    await new Promise((resolve) => setTimeout(resolve));
    expect(s.cell.state).to.include({ status: 'ready', error: undefined });
  });
});
