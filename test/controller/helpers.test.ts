import { expect } from '@open-wc/testing';
import { StateCell } from '../../src/controller/cell.js';
import { Emitter } from '../../src/controller/emitter.js';
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

class Pings extends Emitter<{ ping: [n: number, from: string]; done: [] }> {
  ping(n: number, from: string): void {
    this.emit('ping', n, from);
  }
  done(): void {
    this.emit('done');
  }
}

describe('Emitter', () => {
  it('calls listeners in order with the typed arguments; off() removes only its own', () => {
    const pings = new Pings();
    const calls: string[] = [];
    const offA = pings.on('ping', (n, from) => void calls.push(`a${n}${from}`));
    pings.on('ping', (n) => void calls.push(`b${n}`));
    pings.on('done', () => void calls.push('done'));
    pings.ping(1, 'x');
    offA();
    offA();
    pings.ping(2, 'y');
    pings.done();
    expect(calls).to.deep.equal(['a1x', 'b1', 'b2', 'done']);
  });

  it('a listener that unsubscribes while the event runs does not stop the others', () => {
    const pings = new Pings();
    const calls: string[] = [];
    const off = pings.on('done', () => (calls.push('first'), off()));
    pings.on('done', () => void calls.push('second'));
    pings.done();
    pings.done();
    expect(calls).to.deep.equal(['first', 'second', 'second']);
  });
});

describe('StateCell', () => {
  it('commits patches through applyPatch, tells after each, and commits nothing once aborted', () => {
    const abort = new AbortController();
    let changes = 0;
    const cell = new StateCell(abort.signal, () => void changes++);
    const first = cell.state;
    cell.set({ panelOpen: true });
    expect(cell.state).to.not.equal(first);
    expect(cell.state.panelOpen).to.equal(true);
    expect(Object.isFrozen(cell.state)).to.equal(true);
    expect(changes).to.equal(1);
    abort.abort();
    cell.set({ panelOpen: false });
    expect(cell.state.panelOpen).to.equal(true);
    expect(changes).to.equal(1);
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
