// The conversations slice (src/controller/conversations.ts) on its own, with a recording REST stub.
import { expect } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import type { Conversation, ConversationOptions, Message } from '../../src/core/protocol.js';
import { ConversationsSlice } from '../../src/controller/conversations.js';
import type { RestClient } from '../../src/net/rest.js';

const conversation = { groupId: 'g1' } as Conversation;

function setup(messages: Message[] = []) {
  const parsed = parseInstallSettings({
    appId: 'conversations',
    server: 'https://chat.test',
    conversationTitle: 'Support',
    metadata: { plan: 'pro' },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const created: ConversationOptions[] = [];
  const pages: Array<{ after?: number; before?: number; limit?: number }> = [];
  const rated: unknown[] = [];
  const rest = {
    createConversation: async (_token: string, body: ConversationOptions) => (created.push(body), conversation),
    listMessages: async (
      _token: string,
      _groupId: string,
      page: { after?: number; before?: number; limit?: number },
    ) => {
      pages.push(page);
      if (page.after !== undefined) return messages.filter((m) => m.id > page.after!).slice(0, page.limit);
      return messages.filter((m) => m.id < (page.before ?? Infinity)).slice(-(page.limit ?? 100));
    },
    rateConversation: async (_token: string, _groupId: string, body: unknown) => (rated.push(body), conversation),
  } as unknown as RestClient;
  const slice = new ConversationsSlice(parsed.value, rest, new AbortController().signal);
  return { slice, created, pages, rated };
}

const numbered = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1 }) as Message);

describe('ConversationsSlice', () => {
  it("creates with the request's options over the page's defaults over the install settings", async () => {
    const { slice, created } = setup();
    await slice.create('t');
    slice.setDefaults({ groupName: 'Sales', metadata: { page: 'pricing' } });
    slice.setDefaults({ metadata: { campaign: 'x' } });
    await slice.create('t', { metadata: { page: 'checkout' } });
    await slice.create('t', { groupName: 'Billing' });
    // The page it starts on, without its query (the test runner's session id), under the rest.
    const pageUrl = `${location.origin}${location.pathname}`;
    expect(location.search).not.to.equal('');
    expect(created[0]).to.deep.equal({ groupName: 'Support', metadata: { pageUrl, plan: 'pro' } });
    expect(created[1]).to.deep.equal({
      groupName: 'Sales',
      metadata: { pageUrl, plan: 'pro', page: 'checkout', campaign: 'x' },
    });
    expect(created[2]?.groupName).to.equal('Billing');
    await slice.create('t', { metadata: { pageUrl: 'https://shop.example/chosen-by-the-site' } });
    expect(created[3]?.metadata?.['pageUrl']).to.equal('https://shop.example/chosen-by-the-site');
  });

  it('reads history in pages of 200 after the last id, stopping at a short page', async () => {
    const { slice, pages } = setup(numbered(450));
    const batches: number[] = [];
    for await (const batch of slice.history('t', 'g1', 40)) batches.push(batch.length);
    expect(batches).to.deep.equal([200, 200, 10]);
    expect(pages.map((p) => p.after)).to.deep.equal([40, 240, 440]);
  });

  it('with nothing held, reads the latest page only', async () => {
    const { slice, pages } = setup(numbered(450));
    const batches: number[][] = [];
    for await (const batch of slice.history('t', 'g1', 0)) batches.push(batch.map((m) => m.id));
    expect(batches).to.deep.equal([Array.from({ length: 200 }, (_, i) => 251 + i)]);
    expect(pages).to.deep.equal([{ after: undefined, limit: 200 }]);
  });

  it('reads the 100 messages before the oldest held when asked for older ones', async () => {
    const { slice, pages } = setup(numbered(450));
    const older = await slice.older('t', 'g1', 251);
    expect(older.map((m) => m.id)).to.deep.equal(Array.from({ length: 100 }, (_, i) => 151 + i));
    expect(pages).to.deep.equal([{ before: 251, limit: 100 }]);
  });

  it('reads at most 10 pages of history', async () => {
    const { slice } = setup(numbered(2500));
    let count = 0;
    for await (const _batch of slice.history('t', 'g1', 1)) count++;
    expect(count).to.equal(10);
  });

  it('rates with a comment only when there is one', async () => {
    const { slice, rated } = setup();
    await slice.rate('t', 'g1', 5);
    await slice.rate('t', 'g1', 3, 'slow');
    expect(rated).to.deep.equal([{ rating: 5 }, { rating: 3, comment: 'slow' }]);
  });
});
