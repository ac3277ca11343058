import { expect } from '@open-wc/testing';
import { botReply, detectIntent, GREETING_SUGGESTIONS } from '../../demo/server/src/bot-intents.js';
import {
  DEFAULT_LIMITS,
  Limiter,
  MemoryLimitStore,
  clientIp,
  limitEnvName,
  limitsFromEnv,
  parseLimit,
} from '../../demo/server/src/limits.js';
import { parseDuration, parseSize } from '../../demo/server/src/units.js';
import type { LimitStore } from '../../demo/server/src/limits.js';
import { isOriginAllowed } from '../../demo/server/src/origin.js';
import { pseudonymFor } from '../../demo/server/src/pseudonym.js';
import { DEFAULT_CHAT_WIDGET, mergeSettings, patchSettings } from '../../demo/server/src/settings.js';

describe('server: origin check', () => {
  it('allows every origin when the list is empty or missing', () => {
    expect(isOriginAllowed('https://anything.test', [])).to.equal(true);
    expect(isOriginAllowed('https://anything.test', undefined as unknown as string[])).to.equal(true);
  });

  it('allows listed domains and their subdomains, ignoring ports and case', () => {
    const list = ['Example.com', 'https://shop.test:8443/path'];
    expect(isOriginAllowed('https://example.com', list)).to.equal(true);
    expect(isOriginAllowed('http://WWW.example.COM:3000', list)).to.equal(true);
    expect(isOriginAllowed('https://shop.test', list)).to.equal(true);
    expect(isOriginAllowed('https://badexample.com', list)).to.equal(false);
    expect(isOriginAllowed('https://example.com.evil.test', list)).to.equal(false);
  });

  it('refuses the opaque origin and garbage when restricted, and lets origin-less requests through', () => {
    expect(isOriginAllowed('null', ['example.com'])).to.equal(false);
    expect(isOriginAllowed('not a url', ['example.com'])).to.equal(false);
    expect(isOriginAllowed(undefined, ['example.com'])).to.equal(true);
  });
});

describe('server: pseudonyms', () => {
  it('names a visitor "Adjective Animal", the same for the same id', () => {
    const name = pseudonymFor('v-0123456789abcdef');
    expect(name).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+( [A-Z][a-z]+)?$/);
    expect(pseudonymFor('v-0123456789abcdef')).to.equal(name);
  });
});

describe('server: bot intents', () => {
  it('recognises greeting, hours, pricing, hand-off and thanks', () => {
    expect(detectIntent('Hi there')).to.equal('greeting');
    expect(detectIntent('What are your opening hours?')).to.equal('hours');
    expect(detectIntent('How much does it cost?')).to.equal('pricing');
    expect(detectIntent('I would like to talk to a human.')).to.equal('human');
    expect(detectIntent('thanks!')).to.equal('thanks');
    expect(detectIntent('my flux capacitor broke')).to.equal('fallback');
    expect(detectIntent(undefined as unknown as string)).to.equal('fallback');
  });

  it('answers a greeting with template-6 suggested replies whose payload is a JSON string', () => {
    const reply = botReply('hello');
    expect(reply.metadata['contentType']).to.equal('300');
    expect(reply.metadata['templateId']).to.equal('6');
    const payload = JSON.parse(reply.metadata['payload']!) as Array<{ title: string; message: string }>;
    expect(payload.map((p) => p.title)).to.deep.equal(['Opening hours', 'Pricing', 'Talk to a human']);
    expect(payload).to.deep.equal([...GREETING_SUGGESTIONS]);
    // Each suggestion leads to the intent its title promises.
    expect(payload.map((p) => detectIntent(p.message))).to.deep.equal(['hours', 'pricing', 'human']);
  });

  it('hands off when asked for a human, and falls back politely otherwise', () => {
    expect(botReply('can I speak to an agent').handOff).to.equal(true);
    expect(botReply('qwerty').message).to.equal("I'm not sure about that — an agent will join shortly.");
  });
});

describe('server: widget settings', () => {
  it('fills every default for a new app', () => {
    const s = mergeSettings({});
    expect(s.chatWidget).to.deep.equal({ ...DEFAULT_CHAT_WIDGET });
    expect(s.chatWidget.primaryColor).to.equal('#5b5bd6');
    expect(s.collectFeedback).to.equal(false);
  });

  it('merges stored values over the defaults and drops wrong-typed ones', () => {
    const s = mergeSettings({
      chatWidget: { primaryColor: '#000000', position: 'middle', attachment: 'no', extra: 1 },
      collectFeedback: true,
    });
    expect(s.chatWidget.primaryColor).to.equal('#000000');
    expect(s.chatWidget.position).to.equal('right');
    expect(s.chatWidget.attachment).to.equal(true);
    expect((s.chatWidget as unknown as Record<string, unknown>)['extra']).to.equal(1);
    expect(s.collectFeedback).to.equal(true);
    expect(mergeSettings('garbage').chatWidget.position).to.equal('right');
  });

  it('patches chatWidget key by key', () => {
    const next = patchSettings(
      { chatWidget: { primaryColor: '#111111', popup: true } },
      { chatWidget: { popup: false } },
    );
    expect(next).to.deep.equal({ chatWidget: { primaryColor: '#111111', popup: false } });
  });
});

describe('server: rate limits', () => {
  const MINUTE = 60_000;
  const limits = { messagesPerToken: { max: 3, windowMs: MINUTE } };

  it('shares one budget between two limiters over one store (as two processes would)', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const shared = new MemoryLimitStore();
    const first = new Limiter(shared, limits, clock);
    const second = new Limiter(shared, limits, clock);
    expect(await first.take('messagesPerToken', 'token-a')).to.equal(undefined);
    expect(await second.take('messagesPerToken', 'token-a')).to.equal(undefined);
    expect(await first.take('messagesPerToken', 'token-a')).to.equal(undefined);
    // The fourth request is over the budget whichever limiter sees it.
    expect(await second.take('messagesPerToken', 'token-a')).to.equal(60);
    now += 15_000;
    expect(await first.take('messagesPerToken', 'token-a')).to.equal(45);
    // Another subject has a budget of its own; a limiter over another store knows nothing of these.
    expect(await second.take('messagesPerToken', 'token-b')).to.equal(undefined);
    const elsewhere = new Limiter(new MemoryLimitStore(), limits, clock);
    expect(await elsewhere.take('messagesPerToken', 'token-a')).to.equal(undefined);
    // The budget comes back when the window ends, for both.
    now += 45_000;
    expect(await second.take('messagesPerToken', 'token-a')).to.equal(undefined);
    expect(await first.take('messagesPerToken', 'token-a')).to.equal(undefined);
  });

  it('counts through the store interface only, with one key per limit and subject', async () => {
    const calls: Array<[string, number, number]> = [];
    const store: LimitStore = {
      hit: (key, windowMs, now) => {
        calls.push([key, windowMs, now]);
        return Promise.resolve({ count: 11, resetAt: now + 1500 });
      },
    };
    const limiter = new Limiter(store, {}, () => 42);
    expect(await limiter.take('signInPerAccount', 'x')).to.equal(2);
    expect(calls).to.deep.equal([['signInPerAccount:x', DEFAULT_LIMITS.signInPerAccount.windowMs, 42]]);
  });

  it('answers Retry-After in whole seconds, at least 1, and never counts a limit that is off', async () => {
    let now = 0;
    const limiter = new Limiter(
      new MemoryLimitStore(),
      { typingPerToken: { max: 1, windowMs: 2500 }, typingPerIp: { max: 0, windowMs: MINUTE } },
      () => now,
    );
    await limiter.take('typingPerToken', 't');
    expect(await limiter.take('typingPerToken', 't')).to.equal(3);
    now = 2499;
    expect(await limiter.take('typingPerToken', 't')).to.equal(1);
    for (let i = 0; i < 1000; i++) expect(await limiter.take('typingPerIp', '127.0.0.1')).to.equal(undefined);
  });

  it('keeps its memory bounded: ended windows are dropped, and past the cap the oldest', async () => {
    const store = new MemoryLimitStore(100);
    for (let i = 0; i < 1000; i++) await store.hit(`k${i}`, MINUTE, 0);
    expect(store.size).to.equal(100);
    // The newest keys are the ones kept.
    expect((await store.hit('k999', MINUTE, 1)).count).to.equal(2);
    await store.hit('late', 10, MINUTE + 5000);
    expect(store.size).to.equal(1);
  });

  it('reads limits, durations and sizes from the environment', () => {
    expect(limitEnvName('signInPerAccount')).to.equal('PARLEY_LIMIT_SIGN_IN_PER_ACCOUNT');
    expect(parseLimit('10/15m')).to.deep.equal({ max: 10, windowMs: 15 * MINUTE });
    expect(parseLimit(' 5 / 30s ')).to.deep.equal({ max: 5, windowMs: 30_000 });
    expect(parseLimit('off')?.max).to.equal(0);
    expect(parseLimit('10')).to.equal(undefined);
    expect(parseLimit('ten/1m')).to.equal(undefined);
    expect(parseDuration('1500ms')).to.equal(1500);
    expect(parseDuration('90')).to.equal(90_000);
    expect(parseDuration('1d')).to.equal(86_400_000);
    expect(parseDuration('soon')).to.equal(undefined);
    expect(parseSize('1GB')).to.equal(1024 ** 3);
    expect(parseSize('64kb')).to.equal(65_536);
    expect(parseSize('0')).to.equal(0);
    expect(parseSize('lots')).to.equal(undefined);
    const read = limitsFromEnv({ PARLEY_LIMIT_SOCKETS_PER_IP: '30/1m', PARLEY_LIMIT_TYPING_PER_IP: 'fast' });
    expect(read.limits).to.deep.equal({ socketsPerIp: { max: 30, windowMs: MINUTE } });
    expect(read.errors).to.have.length(1);
    expect(read.errors[0]).to.contain('PARLEY_LIMIT_TYPING_PER_IP');
  });

  it("counts a client's address: the peer's unless a proxy is trusted, IPv6 by its /64", () => {
    expect(clientIp('::ffff:127.0.0.1', undefined, false)).to.equal('127.0.0.1');
    expect(clientIp('203.0.113.9', '198.51.100.1', false)).to.equal('203.0.113.9');
    expect(clientIp('10.0.0.2', '198.51.100.1, 192.0.2.7', true)).to.equal('192.0.2.7');
    expect(clientIp('10.0.0.2', undefined, true)).to.equal('10.0.0.2');
    expect(clientIp('2001:db8:0a:b::1', undefined, false)).to.equal('2001:db8:a:b::/64');
    expect(clientIp('2001:db8:a:b:1:2:3:4', undefined, false)).to.equal('2001:db8:a:b::/64');
    expect(clientIp('2001:db8::7', undefined, false)).to.equal('2001:db8:0:0::/64');
    expect(clientIp('::1', undefined, false)).to.equal('0:0:0:0::/64');
  });
});
