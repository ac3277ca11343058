// The session slice (src/controller/session.ts) on its own, over the fake server and a memory store.
import { expect } from '@open-wc/testing';
import { SessionSlice } from '../../src/controller/session.js';
import { kit } from './slice-kit.js';

function setup(install: Record<string, unknown> = {}) {
  const k = kit('session', install);
  return { ...k, sessions: new SessionSlice(k) };
}

describe('SessionSlice', () => {
  it('creates a stored session, and updates the visitor keeping the token', async () => {
    const { sessions, store } = setup();
    const session = await sessions.create();
    expect(await store.getSession()).to.deep.equal(session);
    const next = await sessions.update(session, { email: 'v@example.com' });
    expect(next).to.include({ email: 'v@example.com', token: session.token });
    expect(await store.getSession()).to.deep.equal(next);
  });

  it('uses a stored session only for the same app and visitor, else drops everything stored', async () => {
    const own = setup();
    const session = await own.sessions.create();
    expect(await own.sessions.usable(session)).to.equal(session);
    expect(await own.sessions.usable({ ...session, appId: 'another-app' })).to.equal(undefined);
    expect(await own.store.getSession()).to.equal(undefined);

    const named = setup({ userId: 'alice' });
    await named.store.setPrefs({ panelOpen: true });
    expect(await named.sessions.usable({ ...session, appId: named.appId, userId: 'bob' })).to.equal(undefined);
    expect(await named.store.getPrefs()).to.deep.equal({});
  });

  it('expires after the retention counted from the last activity, dropping what is stored', async () => {
    const { sessions, store, clock } = setup();
    await sessions.create();
    expect(await sessions.expired(60000)).to.equal(false); // never active: nothing to count from
    sessions.touch();
    clock.advance(30000);
    expect(await sessions.expired(60000)).to.equal(false);
    expect(await sessions.expired(0)).to.equal(false); // 0: kept for ever
    clock.advance(30001);
    expect(await sessions.expired(60000)).to.equal(true);
    expect(await store.getSession()).to.equal(undefined);
    expect(sessions.prefs).to.deep.equal({});
  });

  it('keeps preferences in the tab and the store; forget() clears only the tab', async () => {
    const { sessions, store } = setup();
    sessions.savePrefs({ panelOpen: true });
    sessions.savePrefs({ activeGroupId: 'g1' });
    expect(sessions.prefs).to.deep.equal({ panelOpen: true, activeGroupId: 'g1' });
    await sessions.load();
    expect(sessions.prefs).to.deep.equal({ panelOpen: true, activeGroupId: 'g1' });
    sessions.forget();
    expect(sessions.prefs).to.deep.equal({});
    expect(await sessions.prefsStore.getPrefs()).to.deep.equal({ panelOpen: true, activeGroupId: 'g1' });
    expect(await store.getPrefs()).to.deep.equal({ panelOpen: true, activeGroupId: 'g1' });
  });
});
