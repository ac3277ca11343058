import { expect } from '@open-wc/testing';
import { botReply, detectIntent, GREETING_SUGGESTIONS } from '../../demo/server/src/bot-intents.js';
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
