/**
 * The agent console's strings come from its locale table (demo/agent/locale.js), not from its
 * markup: every key the page asks for (`data-i18n`, `data-i18n-attr`) is in the table, and once
 * the console has run — signed in, a conversation open — every such element has its text and no
 * `{placeholder}` is left showing. Against the live reference server, like console.test.ts.
 */
import { expect } from '@open-wc/testing';
import { createApp, server, visitorSession } from '../helpers/e2e.js';
import type { TestApp } from '../helpers/e2e.js';
import { call, closeConsoles, openConsole, signInAs, type ConsolePage } from '../helpers/console-page.js';

interface LocaleModule {
  en: Readonly<Record<string, string>>;
  format: (template: string, values?: Readonly<Record<string, string | number>>) => string;
  pickLanguage: (search: string, languages: readonly string[]) => string;
  stringsFor: (tag: string) => Readonly<Record<string, string>>;
}

/** The console's table, read directly (a plain JS module of the demo, so imported by URL). */
const localeUrl = '/demo/agent/locale.js';
const loadLocale = () => import(/* @vite-ignore */ localeUrl) as Promise<LocaleModule>;

const PLACEHOLDER = /\{\w+\}/;

/** The keys a document asks for: each `data-i18n`, and each `attribute:key` of `data-i18n-attr`. */
function keysIn(doc: Document): string[] {
  const keys = [...doc.querySelectorAll('[data-i18n]')].map((el) => el.getAttribute('data-i18n') ?? '');
  for (const el of doc.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (el.getAttribute('data-i18n-attr') ?? '').split(';'))
      keys.push(pair.split(':')[1]?.trim() ?? '');
  }
  return keys;
}

/**
 * What the page shows that still looks like a placeholder: texts, attribute values, the title.
 * Text inside `skip` (what a visitor wrote) is not the console's own.
 */
function placeholdersShown(doc: Document, skip = ''): string[] {
  const found: string[] = [];
  if (PLACEHOLDER.test(doc.title)) found.push(`title: ${doc.title}`);
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (skip && node.parentElement?.closest(skip)) continue;
    if (PLACEHOLDER.test(node.textContent ?? '')) found.push(`text: ${node.textContent}`);
  }
  for (const el of doc.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(name);
      if (value && PLACEHOLDER.test(value)) found.push(`${name}: ${value}`);
    }
  }
  return found;
}

/** Every `data-i18n` element without text, and every `data-i18n-attr` attribute left empty. */
function untranslated(doc: Document): string[] {
  const empty = [...doc.querySelectorAll('[data-i18n]')]
    .filter((el) => (el.textContent ?? '').trim() === '')
    .map((el) => `text of ${el.getAttribute('data-i18n')}`);
  for (const el of doc.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (el.getAttribute('data-i18n-attr') ?? '').split(';')) {
      const name = pair.split(':')[0]?.trim() ?? '';
      if (!el.getAttribute(name)) empty.push(`${name} of ${pair}`);
    }
  }
  return empty;
}

describe('agent console strings', function () {
  this.timeout(60000);

  describe('the table', () => {
    it('has every key the markup asks for, and a slot for each of their placeholders', async () => {
      const { en } = await loadLocale();
      const html = await fetch('/demo/agent.html').then((r) => r.text());
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const keys = keysIn(doc);
      expect(keys.length).to.be.greaterThan(30);
      expect(keys.filter((key) => typeof en[key] !== 'string' || en[key] === '')).to.deep.equal([]);
      // A placeholder in a markup string is filled by the element's `data-i18n-slot` child.
      for (const el of doc.querySelectorAll('[data-i18n]')) {
        const slots = [...el.querySelectorAll(':scope > [data-i18n-slot]')].map((s) =>
          s.getAttribute('data-i18n-slot'),
        );
        const names = [...(en[el.getAttribute('data-i18n') ?? ''] ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(names, `placeholders of ${el.getAttribute('data-i18n')}`).to.have.members(slots);
      }
    });

    it('leaves no text in the markup itself', async () => {
      const html = await fetch('/demo/agent.html').then((r) => r.text());
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
      const texts: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.textContent ?? '').trim() !== '') texts.push(node.textContent!.trim());
      }
      expect(texts).to.deep.equal([]);
      const labelled = [...doc.querySelectorAll('[aria-label], [placeholder], [title]')].map((el) => el.outerHTML);
      expect(labelled).to.deep.equal([]);
    });

    it('falls back to English for an unknown language and for keys a table lacks', async () => {
      const { en, format, pickLanguage, stringsFor } = await loadLocale();
      expect(pickLanguage('?lang=en-GB', ['de-DE'])).to.equal('en-GB');
      expect(pickLanguage('?lang=xx', ['xx-YY', 'en-US'])).to.equal('en-US');
      expect(pickLanguage('', ['xx'])).to.equal('en');
      expect(stringsFor('xx')).to.deep.equal(en);
      expect(stringsFor('EN-au')).to.deep.equal(en);
      expect(format('{names} is typing…', { names: 'Ann' })).to.equal('Ann is typing…');
      expect(format('{status} · {assignee}', { status: 'Open' })).to.equal('Open · {assignee}');
    });
  });

  describe('the page', () => {
    let url: string;
    let app: TestApp;
    let page: ConsolePage;

    before(async () => {
      ({ url } = await server());
      app = await createApp();
    });

    // Both tests read the same console tab: signed out, then signed in.
    after(() => closeConsoles());

    it('gives every element its text at start-up, with no placeholder left', async () => {
      const { en } = await loadLocale();
      page = await openConsole({ appId: app.appId });
      await page.waitFor("document.querySelector('#login-view:not([hidden])') !== null", 'the sign-in view');
      // The markup as it stands once the console has run (texts, attributes, the title).
      const doc = await page.snapshot();
      expect(doc.documentElement.lang).to.match(/^en\b/);
      expect(doc.title).to.equal(en['documentTitle']);
      expect(untranslated(doc)).to.deep.equal([]);
      expect(placeholdersShown(doc)).to.deep.equal([]);
      expect(doc.querySelector('#login-view .hint')!.textContent).to.equal(
        'Your sign-in was printed once, when the server first started. Lost it? Run npm run reset-password with the server stopped.',
      );
      expect(doc.querySelector('#login-view .hint code')!.textContent).to.equal('npm run reset-password');
    });

    it('shows no placeholder once signed in with a conversation open', async () => {
      // A visitor writes first, so the console has a conversation to open.
      const visitor = await visitorSession(app, { userId: 'lena', userName: 'Lena Locale' });
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${visitor.token}` };
      const created = await fetch(`${url}/widget/v1/conversations`, { method: 'POST', headers, body: '{}' }).then((r) =>
        r.json(),
      );
      const groupId = created.response.groupId as string;
      await fetch(`${url}/widget/v1/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ key: 'locale-1', groupId, message: 'Hello {not a placeholder}' }),
      });

      await signInAs(page, app.agentId, app.agentPassword);
      // Whoever took it (agent or bot), an admin finds it under "All open".
      await page.click('[data-tab="open"]');
      const item = '.conversation-item:has-text("Lena Locale")';
      await page.waitFor(
        call(
          (name: string) =>
            [...document.querySelectorAll('.conversation-item')].some((b) => b.textContent?.includes(name)),
          'Lena Locale',
        ),
        'the conversation is listed',
      );
      await page.click(item);
      await page.waitFor(
        "document.querySelector('#messages').textContent.includes('Hello {not a placeholder}')",
        'the conversation opens',
      );
      await page.waitFor("document.querySelector('#visitor dt') !== null", 'the visitor details');
      await page.waitFor("document.querySelector('#team li') !== null", 'the team');

      const doc = await page.snapshot();
      expect(untranslated(doc)).to.deep.equal([]);
      // The visitor's own text may hold braces; nothing else may.
      expect(placeholdersShown(doc, '#messages .text, .conversation-item .preview')).to.deep.equal([]);
    });
  });
});
