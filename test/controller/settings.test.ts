// The settings slice (src/controller/settings.ts) on its own, with a stub REST client.
import { expect } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import { ERROR_CODES } from '../../src/core/protocol.js';
import { SettingsSlice } from '../../src/controller/settings.js';
import { ParleyApiError } from '../../src/net/errors.js';
import type { RestClient } from '../../src/net/rest.js';
import { createStore } from '../../src/store/store.js';
import { FakeClock } from '../helpers/fake-clock.js';

let n = 0;

function slice(getSettings: () => Promise<unknown>, hostname = 'shop.example.com') {
  const parsed = parseInstallSettings({ appId: `settings-${Date.now()}-${n++}`, server: 'https://chat.test' });
  if (!parsed.ok) throw new Error(parsed.error);
  const clock = new FakeClock();
  const logged: string[] = [];
  const rest = { getSettings } as unknown as RestClient;
  const settings = new SettingsSlice({
    install: parsed.value,
    rest,
    store: createStore(parsed.value.appId, { useIdb: false }),
    clock,
    hostname,
    random: () => 0.5,
    signal: new AbortController().signal,
    log: { error: (text) => void logged.push(text), warn: (text) => void logged.push(text) },
  });
  return { settings, clock, logged };
}

describe('SettingsSlice', () => {
  it('resolves the status: ready, disabled, or blocked for a foreign domain (logged once)', () => {
    const { settings, logged } = slice(async () => ({}));
    expect(settings.resolve({}, true).status).to.equal('ready');
    expect(settings.resolve({ chatWidget: { disableChatWidget: true } }, true).status).to.equal('disabled');
    const blocked = { chatWidget: { allowedDomains: ['other.example'] } };
    expect(settings.resolve(blocked, true).status).to.equal('blocked');
    expect(logged.some((t) => t.includes('shop.example.com'))).to.equal(true);
  });

  it('revalidate caches fresh settings, and tells a refusal from a failure', async () => {
    const ok = slice(async () => ({ chatWidget: {} }));
    expect(await ok.settings.revalidate()).to.deep.equal({ ok: true, raw: { chatWidget: {} } });
    const refused = slice(async () => {
      throw new ParleyApiError(403, ERROR_CODES.widgetDisabled, 'off');
    });
    expect(await refused.settings.revalidate()).to.include({ ok: false, refused: true });
    const down = slice(async () => {
      throw new Error('down');
    });
    expect(await down.settings.revalidate()).to.include({ ok: false, refused: false });
  });

  it('retries later with one timer at a time, and stop() leaves none', async () => {
    const { settings, clock } = slice(async () => ({}));
    let runs = 0;
    const retry = async () => (runs++, false);
    settings.retryLater(retry);
    settings.retryLater(retry);
    expect(clock.pending).to.equal(1);
    clock.advance(60000);
    expect(runs).to.equal(1);
    settings.retryLater(retry);
    settings.stop();
    expect(clock.pending).to.equal(0);
  });
});
