// The engine's one error convention and log helper (src/controller/failures.ts).
import { expect } from '@open-wc/testing';
import { CLIENT_ERROR_CODES } from '../../src/core/errors.js';
import { ERROR_CODES } from '../../src/core/protocol.js';
import { createLog } from '../../src/controller/failures.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import { slices } from './slice-kit.js';

function setup() {
  const s = slices('failures');
  s.cell.set({ status: 'ready' });
  return s;
}

describe('Failures', () => {
  it('guard never rejects: the failure is logged and its code goes to state.error', async () => {
    const { failures, cell, logged } = setup();
    const fail = () => Promise.reject(new ParleyApiError(500, 'PL-S-99', 'boom'));
    expect(await failures.guard('sending a message', fail)).to.equal(undefined);
    expect(cell.state.error).to.equal('PL-S-99');
    expect(logged).to.deep.equal(['sending a message failed (PL-S-99)']);
    expect(await failures.guard('counting', async () => 42)).to.equal(42);
  });

  it('anything else a task throws counts as a network failure', async () => {
    const { failures, cell } = setup();
    await failures.guard('parsing', () => Promise.reject(new TypeError('bad')));
    expect(cell.state.error).to.equal(CLIENT_ERROR_CODES.network);
  });

  it('shuts the page out when the server says it may not chat', async () => {
    const disabled = setup();
    disabled.failures.fail('opening', new ParleyApiError(403, ERROR_CODES.widgetDisabled, 'off'));
    expect(disabled.cell.state).to.include({ status: 'disabled', connection: 'idle', error: undefined });

    const blocked = setup();
    blocked.failures.fail('opening', new ParleyApiError(403, ERROR_CODES.originNotAllowed, 'no'));
    expect(blocked.cell.state.status).to.equal('blocked');
    expect(blocked.logged.some((t) => t.includes('shop.example.com'))).to.equal(true);
  });

  it('an aborted request, or any failure once destroyed, is no failure', () => {
    const s = setup();
    s.failures.fail('loading', new NetworkError('aborted', { aborted: true }));
    expect(s.cell.state.error).to.equal(undefined);
    s.abort.abort();
    s.failures.fail('loading', new NetworkError('down'));
    expect(s.logged).to.deep.equal([]);
  });
});

describe('createLog', () => {
  it('writes each text once, to the console of the moment, prefixed', () => {
    const calls: unknown[][] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (...args: unknown[]) => void calls.push(['error', ...args]);
    console.warn = (...args: unknown[]) => void calls.push(['warn', ...args]);
    try {
      const log = createLog();
      log.error('a');
      log.error('a', 'again');
      log.error('b', { why: 1 });
      log.warn('c');
      log.warn('c');
    } finally {
      Object.assign(console, original);
    }
    expect(calls).to.deep.equal([
      ['error', '[parley] a'],
      ['error', '[parley] b', { why: 1 }],
      ['warn', '[parley] c'],
    ]);
  });
});
