/**
 * The XSS corpus through the real data path: the Platform API stores each vector as messages
 * (HTML, rich templates, the text above them, a sender's display name), the reference server
 * pushes them to the installed widget (script tag, another origin), a visitor acts on them, and
 * the page reloads so that they render again from the IndexedDB cache. The component suite
 * (corpus.test.ts) covers every field of every template; this one proves the production path.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createApp, platform, server, signed, waitFor, type TestApp } from '../helpers/e2e.js';
import { MARKUP_FIXTURES, URL_FIXTURES } from './fixtures.js';
import { deepQueryAll, describeHits, guard, type Hit, type Vector } from './harness.js';
import { heldMessages, inspectEveryMessage, openHost } from './widget-host.js';

interface Corpus {
  dir: string;
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
  ? corpus.urls!.map((e) => ({ id: `url#${e.id}`, value: e.url, source: e.source, category: e.kind, risk: e.risk }))
  : URL_FIXTURES.map((e) => ({ id: `own-url#${e.id}`, value: e.url, source: 'parley fixtures', risk: e.risk }));
const byId = new Map([...markup, ...urls].map((v) => [v.id, v]));
if (!full) console.log('full XSS corpus not found — ran the built-in set only (through the widget)');

const BATCH = 100;
const json = JSON.stringify;
const rich = (templateId: string, payload: unknown) => ({ contentType: '300', templateId, payload: json(payload) });

/**
 * The messages one vector becomes (from the agent, except the last, which the participant named
 * with the vector sends when there is one). `markup`: the HTML body, the text above a template,
 * every text field of a card and of a suggested reply. `url`: a hyperlink, an auto-linked text
 * with a link button, a card image and a card link.
 */
function messagesOf(v: string, kind: 'markup' | 'url'): Array<Record<string, unknown>> {
  if (kind === 'url') {
    return [
      { message: v, contentType: 6 },
      { message: v, metadata: rich('11', [{ name: 'Open', action: { type: 'link', url: v } }]) },
      {
        message: 'card',
        metadata: rich('10', [
          { title: 't', header: { imgSrc: v }, buttons: [{ name: 'Go', action: { type: 'link', url: v } }] },
        ]),
      },
    ];
  }
  return [
    { message: v, contentType: 3 },
    {
      message: v,
      metadata: rich('10', [
        {
          title: v,
          subtitle: v,
          titleExt: v,
          description: v,
          header: { overlayText: v },
          buttons: [{ name: v, action: { type: 'quickReply', message: v } }],
        },
      ]),
    },
    { message: v, metadata: rich('6', [{ title: v, message: v }]) },
  ];
}

async function visitor(app: TestApp, userId: string, userName?: string) {
  const { url } = await server();
  const res = await fetch(`${url}/widget/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: json(await signed(app, { appId: app.appId, userId, ...(userName === undefined ? {} : { userName }) })),
  });
  const body = await res.json();
  const auth = { Authorization: `Bearer ${body.response?.token}` };
  return {
    ok: body.status === 'success',
    conversations: async () =>
      ((await fetch(`${url}/widget/v1/conversations`, { headers: auth }).then((r) => r.json())).response ??
        []) as Array<{ groupId: string }>,
  };
}

/** Sends `bodies` through the Platform API, 25 at a time; returns how many the server stored. */
async function sendAll(app: TestApp, bodies: Array<Record<string, unknown>>): Promise<number> {
  let stored = 0;
  for (let i = 0; i < bodies.length; i += 25) {
    const results = await Promise.all(
      bodies.slice(i, i + 25).map((body) => platform(app, '/rest/ws/message/v2/send', { body })),
    );
    stored += results.filter((r) => r.body.status === 'success').length;
  }
  return stored;
}

async function runThroughWidget(vectors: Vector[], kind: 'markup' | 'url'): Promise<Hit[]> {
  const app = await createApp();
  const userId = `xss-${Math.random().toString(36).slice(2)}`;
  const ids = `${vectors[0]!.id} … ${vectors[vectors.length - 1]!.id}`;
  const api = await visitor(app, userId);
  // Sender display names (and the conversation title): participants named with the vectors
  // (the server takes names up to 200 characters) in a conversation made by the Platform API.
  const senders: Array<{ id: string; name: string }> = [];
  if (kind === 'markup') {
    for (const [i, v] of vectors.entries()) {
      const id = `sender-${i}-${userId}`;
      if ((await visitor(app, id, v.value)).ok) senders.push({ id, name: v.value });
    }
  }
  const title =
    kind === 'markup' && vectors[0]!.value.length <= 200 && vectors[0]!.value.trim() ? vectors[0]!.value : 'XSS corpus';
  const created = await platform(app, '/rest/ws/group/conversation', {
    body: {
      groupName: title,
      groupMemberList: [userId, app.agentId, ...senders.map((s) => s.id)],
      metadata: { SKIP_ROUTING: 'true' },
    },
  });
  expect(created.body.status, json(created.body)).to.equal('success');
  const groupId: string = created.body.response.groupId;

  const host = await openHost(app, userId);
  try {
    const launcher = await waitFor(
      () => host.widgetRoot() && deepQueryAll(host.widgetRoot()!, '[part~="launcher"]')[0],
      'launcher',
      20000,
    );
    launcher.click();
    expect((await api.conversations()).map((c) => c.groupId)).to.deep.equal([groupId]);
    const bodies = vectors.flatMap((v) =>
      messagesOf(v.value, kind).map((m, i, all) => ({
        groupId,
        fromUserName: (i === all.length - 1 && senders.find((s) => s.name === v.value)?.id) || app.agentId,
        ...m,
      })),
    );
    const stored = await sendAll(app, bodies);

    expect(stored, 'the server stores most messages').to.be.greaterThan(bodies.length / 2);

    // Every message reaches the widget; then every one is drawn, acted on and inspected, a window
    // of the list at a time.
    const shown = () => heldMessages(host) >= stored;
    await waitFor(shown, `all ${stored} messages received live`, 60000);
    const names = new Set<string | null>();
    const hits = await inspectEveryMessage(host, ids, 'live', names);

    // The names went through as plain text, exactly as given (less U+0000, which the server
    // drops: PostgreSQL cannot store it and HTML would not show it).
    const expected = (name: string) => name.replaceAll('\u0000', '');
    expect(
      senders.filter((s) => !names.has(expected(s.name))).map((s) => s.name),
      'sender names shown as text',
    ).to.deep.equal([]);

    await host.reload();
    // The widget's own launcher (not the loader's first stage, drawn before the widget restores).
    const ownLauncher = () =>
      host.widgetRoot() &&
      deepQueryAll<HTMLElement>(host.widgetRoot()!, 'parley-launcher')[0]?.shadowRoot?.querySelector<HTMLElement>(
        '[part~="launcher"]',
      );
    await waitFor(ownLauncher, 'launcher after reload', 20000);
    // Open again if the widget did not re-open itself (its panel may still be loading: the
    // launcher says whether it is open), then the cached render.
    const relaunched = ownLauncher()!;
    if (relaunched.getAttribute('aria-expanded') !== 'true') relaunched.click();
    await waitFor(shown, 'all messages restored after the reload', 60000).catch((error: Error) => {
      const root = host.widgetRoot();
      const launcher = root && deepQueryAll(root, '[part~="launcher"]')[0];
      throw new Error(
        `${error.message} (${heldMessages(host)} of ${stored} held; launcher expanded: ${launcher?.getAttribute('aria-expanded')})`,
      );
    });
    hits.push(...(await inspectEveryMessage(host, ids, 'after reload', new Set())));
    return hits;
  } finally {
    host.frame.remove();
  }
}

const chunks = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));

describe(`XSS corpus through the installed widget (${full ? 'full corpus' : 'built-in set only'})`, function () {
  this.timeout(300000);
  before(() => guard());

  for (const batch of chunks(markup)) {
    it(`markup ${batch[0]!.id} … ${batch[batch.length - 1]!.id}: Platform API → widget → reload`, async () => {
      const hits = await runThroughWidget(batch, 'markup');
      expect(hits.length, `hits:\n${describeHits(hits, byId)}`).to.equal(0);
    });
  }

  for (const batch of chunks(urls)) {
    it(`URLs ${batch[0]!.id} … ${batch[batch.length - 1]!.id}: Platform API → widget → reload`, async () => {
      const hits = await runThroughWidget(batch, 'url');
      expect(hits.length, `hits:\n${describeHits(hits, byId)}`).to.equal(0);
    });
  }
});
