/**
 * The composer's unsent text, kept per conversation as the visitor types (the store's drafts,
 * writes coalesced), so that a reload or a closed tab at any moment leaves the text either in the
 * composer or in the conversation — never nowhere. A sent text's draft is forgotten only once the
 * message is in the outbox (`chat.send` has resolved), and only if nothing was typed since.
 * The key is the conversation's groupId, '' before the visitor's first conversation exists.
 */
export interface DraftStore {
  getDraft(groupId: string): Promise<string>;
  setDraft(groupId: string, text: string): Promise<void>;
}

interface Composer {
  restoreText(text: string): Promise<boolean>;
}

export class DraftKeeper {
  readonly #store: DraftStore;
  /** The newest text typed per conversation in this tab. */
  readonly #latest = new Map<string, string>();
  /** The composer empties itself after a send: that is not the visitor deleting their text. */
  #emptiedBySend = false;

  constructor(store: DraftStore) {
    this.#store = store;
  }

  /** The composer's text changed. */
  typed(key: string, value: string): void {
    if (value === '' && this.#emptiedBySend) {
      this.#emptiedBySend = false;
      return;
    }
    // Typed before the first conversation existed and on in it: the box's text is that one's now.
    if (key !== '' && this.#latest.delete('')) void this.#store.setDraft('', '');
    this.#latest.set(key, value);
    void this.#store.setDraft(key, value);
  }

  /** The text of `key` was sent; `queued` resolves (with the message) once it is in the outbox. */
  sent(key: string, queued: Promise<unknown>): void {
    this.#emptiedBySend = true;
    const text = this.#latest.get(key);
    void queued.then((message) => {
      if (!message || this.#latest.get(key) !== text) return;
      this.#latest.set(key, '');
      void this.#store.setDraft(key, '');
    });
  }

  /**
   * The draft of `key`; for a conversation without one, the text typed before the first
   * conversation existed (it was made meanwhile), which then becomes the conversation's.
   */
  async #draftOf(key: string): Promise<string> {
    const own = await this.#store.getDraft(key);
    if (own || key === '') return own;
    const first = await this.#store.getDraft('');
    if (first) {
      void this.#store.setDraft(key, first);
      void this.#store.setDraft('', '');
    }
    return first;
  }

  /** The composer last filled, and for which conversation. */
  #shown?: { key: string; composer: object };

  /**
   * After each render: a composer new to this conversation (or a new composer) gets the stored
   * draft, unless the visitor has typed into it already — or the draft is the visitor's newest
   * message (`lastSent`: the page went away between the outbox's write and the draft's), which
   * is then forgotten.
   */
  show(key: string, composer: Composer | null | undefined, lastSent: () => string | undefined): void {
    if (!composer || (this.#shown?.key === key && this.#shown.composer === composer)) return;
    this.#shown = { key, composer };
    void this.#draftOf(key).then((text) => {
      if (!text || this.#shown?.key !== key || this.#shown.composer !== composer) return;
      if (text.trim() === lastSent()) void this.#store.setDraft(key, '');
      else void composer.restoreText(text).then((put) => put && this.#latest.set(key, text));
    });
  }
}
