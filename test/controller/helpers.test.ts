import { expect } from '@open-wc/testing';
import { ChatController } from '../../src/controller/index.js';
import { singleFlight } from '../../src/controller/single-flight.js';
import { Timers } from '../../src/controller/timers.js';
import { parseInstallSettings } from '../../src/core/config.js';
import { createStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

describe('singleFlight', () => {
  it('shares one pending run between callers', async () => {
    let runs = 0;
    let release!: (v: number) => void;
    const next = singleFlight(() => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    });
    const a = next();
    const b = next();
    expect(a).to.equal(b);
    release(7);
    expect(await a).to.equal(7);
    expect(runs).to.equal(1);
  });

  it('starts a new run once the last one settled, also after a rejection', async () => {
    let runs = 0;
    const next = singleFlight(async () => {
      runs++;
      if (runs === 1) throw new Error('first fails');
      return runs;
    });
    let error: unknown;
    await next().catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('first fails');
    expect(await next()).to.equal(2);
    expect(runs).to.equal(2);
  });
});

describe('Timers', () => {
  it('runs a timer once, and setting a key again replaces it', () => {
    const clock = new FakeClock();
    const timers = new Timers(clock);
    const calls: string[] = [];
    timers.set('a', () => calls.push('first'), 100);
    timers.set('a', () => calls.push('second'), 200);
    expect(clock.pending).to.equal(1);
    clock.advance(150);
    expect(calls).to.deep.equal([]);
    expect(timers.has('a')).to.equal(true);
    clock.advance(100);
    expect(calls).to.deep.equal(['second']);
    expect(timers.has('a')).to.equal(false);
  });

  it('clear and clearAll leave no timer behind', () => {
    const clock = new FakeClock();
    const timers = new Timers(clock);
    let ran = 0;
    timers.set('a', () => ran++, 10);
    timers.set('b', () => ran++, 10);
    timers.set('c', () => ran++, 10);
    timers.clear('a');
    expect(clock.pending).to.equal(2);
    timers.clearAll();
    expect(clock.pending).to.equal(0);
    clock.advance(100);
    expect(ran).to.equal(0);
  });
});

describe('ChatController.on', () => {
  it('returns its own unsubscribe', () => {
    const appId = `on-${Date.now()}`;
    const parsed = parseInstallSettings({ appId, server: 'https://chat.test' });
    if (!parsed.ok) throw new Error(parsed.error);
    const server = new FakeChatServer(appId);
    const chat = new ChatController({
      install: parsed.value,
      store: createStore(appId, { useIdb: false }),
      restFactory: server.restFactory,
      realtimeFactory: server.realtimeFactory,
      clock: new FakeClock(),
      hostname: 'shop.example.com',
    });
    let changes = 0;
    const off = chat.on('change', () => changes++);
    chat.setPanelOpen(true);
    expect(changes).to.equal(1);
    off();
    chat.setPanelOpen(false);
    expect(changes).to.equal(1);
    chat.destroy();
  });
});
