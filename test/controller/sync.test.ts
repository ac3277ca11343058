// The sync (src/controller/sync.ts) on its own: it reports through typed events and knows nobody
// above it; the catch-up cursor never hides a gap.
import { expect } from '@open-wc/testing';
import { ERROR_CODES, type Message } from '../../src/core/protocol.js';
import { LIVE_SETTLE_MS } from '../../src/controller/cursor.js';
import type { Arrival } from '../../src/controller/sync.js';
import { slices } from './slice-kit.js';

async function setup() {
  const s = slices('sync');
  const session = await s.rest.createSession({});
  const g1 = s.fake.addConversation();
  const events: string[] = [];
  const arrived: Array<[number, Arrival]> = [];
  s.sync.on('connection', (state) => void events.push(`connection:${state}`));
  s.sync.on('refused', (code) => void events.push(`refused:${code}`));
  s.sync.on('caughtUp', () => void events.push('caughtUp'));
  s.sync.on('message', (m: Message, how) => void arrived.push([m.id, how]));
  return { ...s, token: session.token, groupId: g1.groupId, events, arrived };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('ChatSync', () => {
  it('reports the connection, catches up on what was missed, then says it is caught up', async () => {
    const s = await setup();
    s.sync.restoreCursor(1);
    s.fake.agentSays(s.groupId, 'held already');
    const missed = s.fake.agentSays(s.groupId, 'missed');
    s.sync.connect(s.token);
    s.fake.socket!.serverConnects();
    await settle();
    expect(s.events).to.deep.equal(['connection:connecting', 'connection:connected', 'caughtUp']);
    expect(s.arrived).to.deep.equal([[missed.id, 'fetched']]);
    expect(s.sync.caughtUp).to.equal(true);
    const live = s.fake.agentSays(s.groupId, 'live');
    s.fake.push('message', live);
    expect(s.arrived.at(-1)).to.deep.equal([live.id, 'live']);
  });

  it('a message pushed before the catch-up has finished does not move the cursor', async () => {
    const s = await setup();
    s.sync.connect(s.token);
    s.sync.note(9, 'live'); // before caught up: could be newer than what was missed
    s.fake.socket!.serverConnects();
    await settle();
    expect(s.fake.calls).to.include('getMessagesAfter:0');
    expect(await s.store.getCursor()).to.equal(0);
    s.clock.advance(LIVE_SETTLE_MS); // once caught up and settled, it counts
    await settle();
    expect(await s.store.getCursor()).to.equal(9);
  });

  it('a message pushed out of order by another server process is caught up after a drop, once', async () => {
    const s = await setup();
    s.sync.on('message', (m, how) => s.sync.note(m.id, how)); // as the intake does
    s.sync.connect(s.token);
    s.fake.socket!.serverConnects();
    await settle();
    const ten = s.fake.agentSays(s.groupId, 'pushed by process A, still on its way');
    const eleven = s.fake.agentSays(s.groupId, 'pushed by process B, here first');
    s.fake.push('message', eleven);
    s.clock.advance(LIVE_SETTLE_MS - 1);
    s.fake.socket!.connectionLost(); // before ten arrived
    await settle();
    expect(await s.store.getCursor()).to.equal(0);
    s.clock.advance(LIVE_SETTLE_MS);
    s.fake.socket!.serverConnects();
    await settle();
    // The catch-up after the drop starts where the first one did: eleven did not vouch for ten.
    expect(s.fake.calls.filter((c) => c === 'getMessagesAfter:0')).to.have.length(2);
    expect(s.arrived.filter(([, how]) => how === 'fetched').map(([id]) => id)).to.deep.equal([ten.id, eleven.id]);
  });

  it('a pushed message vouches for older ones only after the connection stayed up past the settle time', async () => {
    const s = await setup();
    s.sync.on('message', (m, how) => s.sync.note(m.id, how));
    s.sync.connect(s.token);
    s.fake.socket!.serverConnects();
    await settle();
    const first = s.fake.agentSays(s.groupId, 'one');
    s.fake.push('message', first);
    s.clock.advance(LIVE_SETTLE_MS);
    await settle();
    expect(await s.store.getCursor()).to.equal(first.id);
    expect(s.clock.pending).to.equal(0);
  });

  it('reports a refusal, and retries later unless the refusal is final', async () => {
    const s = await setup();
    s.sync.connect(s.token);
    s.fake.socket!.serverRefuses({ errorCode: 'PL-S-50' });
    expect(s.events.at(-1)).to.equal('refused:PL-S-50');
    expect(s.clock.pending).to.equal(1);
    s.sync.disconnect();
    expect(s.clock.pending).to.equal(0);

    s.sync.connect(s.token);
    s.fake.socket!.serverRefuses({ errorCode: ERROR_CODES.invalidToken }); // final
    expect(s.events.at(-1)).to.equal(`refused:${ERROR_CODES.invalidToken}`);
    expect(s.clock.pending).to.equal(0);
  });

  it('stop() closes the socket and removes its listeners for good', async () => {
    const s = await setup();
    s.sync.connect(s.token);
    const socket = s.fake.socket!;
    s.sync.stop();
    expect(socket.listenerCount()).to.equal(0);
    expect(s.sync.connection).to.equal('idle');
    s.sync.connect(s.token);
    expect(s.fake.sockets.length).to.equal(1);
  });
});
