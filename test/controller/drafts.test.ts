/** The composer's drafts (`src/widget/drafts.ts`): kept as typed, forgotten only once sent and queued. */
import { expect } from '@open-wc/testing';
import { DraftKeeper, type DraftStore } from '../../src/widget/drafts.js';

function memoryDrafts(): DraftStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getDraft: async (g) => data.get(g) ?? '',
    setDraft: async (g, text) => void data.set(g, text),
  };
}

/** A composer stand-in: an empty text box that takes a draft. */
function box(value = '') {
  return {
    value,
    async restoreText(text: string) {
      if (this.value) return false;
      this.value = text;
      return true;
    },
  };
}

/** Resolves once every promise queued so far has run. */
const settled = () => new Promise((resolve) => setTimeout(resolve));

describe('drafts', () => {
  it('keeps each conversation’s text as typed, and an emptied box as empty', () => {
    const store = memoryDrafts();
    const keeper = new DraftKeeper(store);
    keeper.typed('7', 'Hel');
    keeper.typed('7', 'Hello');
    keeper.typed('', 'First');
    expect([...store.data]).to.deep.equal([
      ['7', 'Hello'],
      ['', 'First'],
    ]);
    keeper.typed('7', '');
    expect(store.data.get('7')).to.equal('');
  });

  it('a text begun before the first conversation existed and finished in it is that conversation’s alone', async () => {
    const store = memoryDrafts();
    const keeper = new DraftKeeper(store);
    keeper.typed('', 'A question about');
    keeper.typed('7', 'A question about decaf'); // the conversation was made while the visitor typed
    keeper.sent('7', Promise.resolve({ key: 'k1' }));
    keeper.typed('7', '');
    await settled();
    expect(store.data.get(''), 'nothing left for the next conversation').to.equal('');
    const next = box();
    keeper.show('8', next, () => 'A question about decaf');
    await settled();
    expect(next.value, 'a new conversation starts with an empty box').to.equal('');
  });

  it('forgets a sent text only once it is queued, and keeps it when sending failed', async () => {
    const store = memoryDrafts();
    const keeper = new DraftKeeper(store);
    keeper.typed('7', 'Order 7');
    let queued!: (m: unknown) => void;
    keeper.sent('7', new Promise((resolve) => (queued = resolve)));
    keeper.typed('7', ''); // the composer empties itself after a send
    expect(store.data.get('7'), 'kept until the outbox has it').to.equal('Order 7');
    queued({ key: 'k1' });
    await settled();
    expect(store.data.get('7')).to.equal('');

    keeper.typed('7', 'Order 8');
    keeper.sent('7', Promise.resolve(undefined));
    keeper.typed('7', '');
    await settled();
    expect(store.data.get('7'), 'not queued: still a draft').to.equal('Order 8');
  });

  it('keeps what was typed after pressing Send, before the outbox had the message', async () => {
    const store = memoryDrafts();
    const keeper = new DraftKeeper(store);
    keeper.typed('7', 'One');
    let queued!: (m: unknown) => void;
    keeper.sent('7', new Promise((resolve) => (queued = resolve)));
    keeper.typed('7', '');
    keeper.typed('7', 'Two');
    queued({ key: 'k1' });
    await settled();
    expect(store.data.get('7')).to.equal('Two');
  });

  it('puts a draft back in an empty box, not over typed text, and not when it is the newest message', async () => {
    const store = memoryDrafts();
    store.data.set('7', 'Half a thought');
    store.data.set('8', 'Sent already');
    const keeper = new DraftKeeper(store);
    const empty = box();
    keeper.show('7', empty, () => undefined);
    await settled();
    expect(empty.value).to.equal('Half a thought');

    const typed = box('New text');
    keeper.show('7', typed, () => undefined);
    await settled();
    expect(typed.value).to.equal('New text');

    const other = box();
    keeper.show('8', other, () => 'Sent already');
    await settled();
    expect(other.value).to.equal('');
    expect(store.data.get('8'), 'forgotten').to.equal('');
  });

  it('gives the first conversation the text typed before it existed', async () => {
    const store = memoryDrafts();
    store.data.set('', 'Do you roast decaf');
    const keeper = new DraftKeeper(store);
    const composer = box();
    keeper.show('9', composer, () => undefined);
    await settled();
    expect(composer.value).to.equal('Do you roast decaf');
    expect([store.data.get('9'), store.data.get('')]).to.deep.equal(['Do you roast decaf', '']);
  });
});
