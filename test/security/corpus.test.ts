/**
 * Every XSS vector through every path of `<parley-message-content>`: the shared corpus
 * (../shared/security, or the folder PARLEY_SECURITY_CORPUS names) when it is there, otherwise
 * Parley's own smaller set (./fixtures.ts). See ../shared/security/README.md for the hit criteria.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { requireHarness } from '../helpers/engine.js';
import { waitForAsync } from '../helpers/e2e.js';
import { MARKUP_FIXTURES, URL_FIXTURES } from './fixtures.js';
import { SERVER, describeHits, guard, runBatch, type Hit, type Vector } from './harness.js';

interface Corpus {
  dir: string;
  /** Set when PARLEY_SECURITY_LIMIT cut the corpus short. */
  limit: number | null;
  xss: Array<{ id: number; source: string; vector: string; category?: string }> | null;
  urls: Array<{ id: number; url: string; dangerous: boolean; risk: string; kind?: string; source?: string }> | null;
}

const corpus = await executeServerCommand<Corpus, undefined>('security-corpus');
const full = !!corpus?.xss && !!corpus.urls;

const markup: Vector[] = full
  ? corpus.xss!.map((e) => ({ id: `xss#${e.id}`, value: e.vector, source: e.source, category: e.category }))
  : MARKUP_FIXTURES.map((e) => ({
      id: `own-xss#${e.id}`,
      value: e.vector,
      source: 'parley fixtures',
      category: e.category,
    }));
const urls: Vector[] = full
  ? corpus.urls!.map((e) => ({
      id: `url#${e.id}`,
      value: e.url,
      source: e.source,
      category: e.kind,
      dangerous: e.dangerous,
      risk: e.risk,
    }))
  : URL_FIXTURES.map((e) => ({
      id: `own-url#${e.id}`,
      value: e.url,
      source: 'parley fixtures',
      dangerous: e.dangerous,
      risk: e.risk,
    }));
const byId = new Map([...markup, ...urls].map((v) => [v.id, v]));

if (full && corpus.limit) console.log(`PARLEY_SECURITY_LIMIT=${corpus.limit}: ran part of the XSS corpus only`);
if (full) console.log(`XSS corpus: ${markup.length} vectors and ${urls.length} URLs from ${corpus.dir}`);
else
  console.log(
    `full XSS corpus not found — ran the built-in set only (${markup.length} vectors, ${urls.length} URLs; looked in ${corpus?.dir})`,
  );

const BATCH = 50;
const batches = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));

/** Requests the guard blocked (vectors pointing at outside hosts): reported, not a failure. */
const blockedHosts = new Set<string>();
/** A CSP report's blocked URI, by host (an engine may report less than a URL). */
const noteBlocked = (uri: string) => {
  try {
    blockedHosts.add(new URL(uri).host || uri);
  } catch {
    blockedHosts.add(uri);
  }
};

function expectNoHits(hits: Hit[]): void {
  expect(hits.length, `hits:\n${describeHits(hits, byId)}`).to.equal(0);
}

/**
 * A benign URL must still work: a link (or an image for http(s)) with its scheme and host kept.
 * Relative ones may resolve against the chat server or be dropped. Spoofing URLs must show
 * the host they go to and never pass as the server's own.
 */
function checkUrl(vector: Vector, path: string, root: ShadowRoot): string | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(vector.value);
  } catch {
    parsed = undefined;
  }
  const links = Array.from(root.querySelectorAll('a[href]')).map((a) => new URL(a.getAttribute('href')!));
  if (vector.dangerous === false && parsed && ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol)) {
    const same = (u: URL) => u.protocol === parsed!.protocol && u.host === parsed!.host;
    if (path === 'hyperlink' && !links.some(same)) return `benign ${parsed.protocol} URL is not a link`;
    if (path === 't11' && !links.some(same)) return `benign ${parsed.protocol} URL is not a link button`;
    const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    const images = Array.from(root.querySelectorAll('img[src]')).map((i) => new URL(i.getAttribute('src')!));
    if (web && (path === 'image-link' || path === 't9') && !images.some(same))
      return 'benign image URL is not an image';
    const players = Array.from(root.querySelectorAll('audio[src], video[src]')).map(
      (p) => new URL(p.getAttribute('src')!),
    );
    if (web && (path === 'audio' || path === 'video') && !players.some(same)) return 'benign media URL is not a player';
  }
  if (vector.risk === 'spoofing' && path === 'hyperlink') {
    for (const a of Array.from(root.querySelectorAll('a[href]'))) {
      const url = new URL(a.getAttribute('href')!);
      if (url.origin === SERVER && !/^\/(?![\\/])/.test(vector.value))
        return `spoofing URL passed as the server's own: ${url.href}`;
      if (url.host && !a.textContent?.includes(url.host)) return `link text hides its host ${url.host}`;
    }
  }
  return undefined;
}

describe(`XSS corpus through <parley-message-content> (${full ? 'full corpus' : 'built-in set only'})`, () => {
  before(() => guard());
  after(() => {
    if (blockedHosts.size) console.log(`blocked requests to: ${[...blockedHosts].sort().join(', ')}`);
  });

  for (const batch of batches(markup)) {
    it(`markup vectors ${batch[0]!.id} … ${batch[batch.length - 1]!.id}: no script, no handlers, no script URLs, no dangerous elements`, async function () {
      this.timeout(120000);
      const { hits, blocked } = await runBatch(batch);
      blocked.forEach(noteBlocked);
      expectNoHits(hits);
    });
  }

  for (const batch of batches(urls)) {
    it(`URL vectors ${batch[0]!.id} … ${batch[batch.length - 1]!.id}: dangerous ones dropped, benign ones still links`, async function () {
      this.timeout(120000);
      const { hits, blocked } = await runBatch(batch, checkUrl);
      blocked.forEach(noteBlocked);
      expectNoHits(hits);
    });
  }

  it('a native dialog in a nested frame reaches the report (where the driver reports dialogs)', async function () {
    // The harness itself again: a frame with its own, untripped alert(). WebDriver classic has no
    // dialog events (LIMITS.dialogs); there the tripwires and the DOM walk are the evidence.
    await requireHarness(this, 'dialogs');
    const frame = document.createElement('iframe');
    frame.srcdoc = '<script>alert("planted dialog")</' + 'script>';
    document.body.append(frame);
    try {
      const seen: string[] = [];
      await waitForAsync(async () => {
        const { dialogs } = await executeServerCommand<{ dialogs: string[] }, undefined>('security-report');
        seen.push(...dialogs);
        return seen.length > 0;
      }, 'the dialog is reported');
      expect(seen).to.deep.equal(['dialog alert: planted dialog']);
    } finally {
      frame.remove();
    }
  });

  it('the corpus run can fail: a planted handler and script URL are reported', async () => {
    // Guards the harness itself: an element that escaped sanitising must be seen.
    const { hits } = await runBatch([{ id: 'planted', value: 'x' }], (_v, path, root) => {
      if (path !== 'text') return undefined;
      const img = document.createElement('img');
      img.setAttribute('onerror', '');
      img.setAttribute('src', 'javascript:void 0');
      root.append(img);
      (root.ownerDocument.defaultView as unknown as { __parleyXss(): void }).__parleyXss();
      return undefined;
    });
    expect(hits.map((h) => h.criterion)).to.include.members([
      '2 on* attribute',
      '3 URL with a disallowed scheme',
      '1 script ran',
    ]);
  });
});
