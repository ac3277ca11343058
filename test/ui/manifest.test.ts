/**
 * The custom-elements manifest (`dist/custom-elements.json`, written by `npm run build` from the
 * elements' JSDoc) describes every element the widget defines, for users' editors and frameworks.
 */
import { expect } from '@open-wc/testing';
import '../../src/ui/index.js';
import '../../src/ui/attachments/index.js';
import '../../src/ui/speech/index.js';
import '../../src/ui/extra-elements.js';
import '../../src/ui/content/message-content.js';
import '../../src/parley-chat.js';

interface Declaration {
  tagName?: string;
  summary?: string;
  description?: string;
  events?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
  attributes?: Array<{ name: string }>;
}

async function manifestElements(): Promise<Declaration[]> {
  const res = await fetch('/dist/custom-elements.json');
  expect(res.ok, 'dist/custom-elements.json exists (npm run build writes it)').to.equal(true);
  const manifest = (await res.json()) as { modules: Array<{ declarations?: Declaration[] }> };
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
}

describe('custom-elements manifest', () => {
  it('lists every element the widget defines, each with a summary', async () => {
    const elements = await manifestElements();
    const tags = elements.map((e) => e.tagName!);
    expect(tags.length).to.be.greaterThan(15);
    for (const tag of tags) expect(customElements.get(tag), `${tag} is defined`).to.not.equal(undefined);
    for (const tag of ['parley-chat', 'parley-launcher', 'parley-panel', 'parley-composer', 'parley-message-list']) {
      expect(tags).to.include(tag);
    }
    expect(elements.filter((e) => !e.summary?.trim()).map((e) => e.tagName)).to.deep.equal([]);
  });

  it("documents <parley-chat>'s public surface: events, parts, custom properties, attributes", async () => {
    const chat = (await manifestElements()).find((e) => e.tagName === 'parley-chat')!;
    expect(chat.events?.map((e) => e.name)).to.have.members([
      'parley-widget-open',
      'parley-widget-close',
      'parley-message-received',
      'parley-message-sent',
    ]);
    expect(chat.cssParts?.map((p) => p.name)).to.include.members([
      'launcher',
      'panel',
      'header',
      'message',
      'composer',
    ]);
    expect(chat.cssProperties?.map((p) => p.name)).to.include('--parley-primary-color');
    expect(chat.attributes?.map((a) => a.name)).to.include.members(['app-id', 'server']);
  });
});
