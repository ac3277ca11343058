/**
 * The staff app's delivered markers: a visitor's message reached this staff member's app, so the
 * visitor sees "Delivered". The highest id of each conversation goes once per task (a burst or a
 * fetched history is one marker, never one per message), and again with the next one when the
 * server did not confirm it (offline, refused).
 */
export class DeliveredAcks {
  readonly #got = new Map<string, number>();
  readonly #sent = new Map<string, number>();
  #queued = false;

  /** `send` answers whether the server confirmed the marker. */
  constructor(private readonly send: (groupId: string, id: number) => Promise<boolean>) {}

  /** A visitor's message `id` of `groupId` reached this app. */
  note(groupId: string, id: number): void {
    if (id > (this.#got.get(groupId) ?? 0)) this.#got.set(groupId, id);
    if (this.#queued) return;
    this.#queued = true;
    setTimeout(() => {
      this.#queued = false;
      this.#flush();
    }, 0);
  }

  #flush(): void {
    for (const [groupId, id] of this.#got) {
      if (id <= (this.#sent.get(groupId) ?? 0)) continue;
      this.#sent.set(groupId, id);
      void this.send(groupId, id).then((ok) => ok || this.#sent.delete(groupId));
    }
  }
}
