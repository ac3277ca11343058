/**
 * The window of a long conversation: which of its items are in the DOM. It starts with the newest
 * WINDOW_FIRST, grows by WINDOW_STEP at an edge the visitor scrolls or tabs near, and drops the
 * far side beyond WINDOW_MAX. A change above the viewport keeps what the visitor reads where it
 * was: the first item in view is measured before the update and the scroll moved by what it
 * moved after (by hand, with CSS scroll anchoring off: WebKit has none, and one rule for every
 * engine is one rule to test).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Items drawn when a conversation opens (from the newest). */
export const WINDOW_FIRST = 50;
/** Items added at an edge at a time. */
export const WINDOW_STEP = 30;
/** Most items in the DOM at once; the side away from the visitor is dropped beyond it. */
export const WINDOW_MAX = 150;

interface Keyed {
  readonly message: { readonly key: string };
}

interface Anchor {
  key: string;
  /** Its top in the viewport, and the scroll position then. */
  top: number;
  scroll: number;
}

export interface WindowView {
  /** The scrolling area. */
  scroller(): HTMLElement | undefined;
  /** The element that holds one child per drawn item, in order. */
  rows(): HTMLElement | undefined;
}

export class ListWindow implements ReactiveController {
  start = 0;
  end = 0;
  #items: readonly Keyed[] = [];
  #anchor: Anchor | undefined;
  /** Measured before an update, to be put back in the next frame. */
  #pending: Anchor | undefined;
  /** The last update changed the window while the visitor reads: settle it in the next frame. */
  #settle = false;
  #framed = false;
  /** The keys drawn by the last render, in order (the DOM children's items). */
  #drawnKeys: string[] = [];
  #measure = false;
  readonly #host: ReactiveControllerHost;
  readonly #view: WindowView;

  constructor(host: ReactiveControllerHost, view: WindowView) {
    this.#host = host;
    this.#view = view;
    host.addController(this);
  }

  /** Whether items are left out above the window. */
  get clippedAbove(): boolean {
    return this.start > 0;
  }

  /** Whether items are left out below the window. */
  get clippedBelow(): boolean {
    return this.end < this.#items.length;
  }

  /**
   * New items (the list's messages changed). `follow`: the visitor follows the end, which stays
   * drawn; `reset`: another conversation (the newest WINDOW_FIRST). Otherwise the window keeps the
   * items it held, and grows to new ones at its end when it reached the end.
   */
  setItems(items: readonly Keyed[], follow: boolean, reset: boolean): void {
    const old = this.#items;
    const { start, end } = this;
    this.#items = items;
    const n = items.length;
    if (reset || old.length === 0) return this.#set(Math.max(0, n - WINDOW_FIRST), n);
    if (follow) {
      // Grows with new messages up to WINDOW_MAX, then drops the oldest drawn (far above the end).
      const size = Math.min(WINDOW_MAX, Math.max(WINDOW_FIRST, end - start + Math.max(0, n - old.length)));
      return this.#set(Math.max(0, n - size), n);
    }
    this.#measure = true;
    const first = indexOfKey(items, old[start]?.message.key, start);
    const last = end >= old.length ? n - 1 : indexOfKey(items, old[end - 1]?.message.key, end - 1);
    // Older history came in at the top while the visitor was there: its newest part shows.
    const s = first < 0 ? Math.min(start, n) : start === 0 ? Math.max(0, first - WINDOW_STEP) : first;
    const e = last < 0 ? Math.min(Math.max(end, s), n) : last + 1;
    // Reading above: what arrives past WINDOW_MAX waits below until the visitor scrolls down.
    this.#set(s, Math.min(e, s + WINDOW_MAX));
  }

  /** The visitor scrolled: grows the window at an edge within a screen. True at the top of all. */
  scrolled(): boolean {
    const s = this.#view.scroller();
    return s !== undefined && this.#growAtEdge(s);
  }

  /** Grows the window at an edge within a screen of the view; true at the top of all items. */
  #growAtEdge(s: HTMLElement): boolean {
    const edge = Math.max(s.clientHeight, 200);
    const below = s.scrollHeight - s.scrollTop - s.clientHeight;
    if (s.scrollTop < edge) {
      if (this.start === 0) return true;
      this.grow(-1);
    } else if (below < edge && this.clippedBelow) {
      this.grow(1);
    }
    return false;
  }

  /** The focus moved to `target`: near an edge, the window grows there (keyboard reading order). */
  focused(target: EventTarget | null): void {
    const rows = this.#view.rows();
    if (!rows || !(target instanceof Element)) return;
    const i = Array.prototype.indexOf.call(rows.children, target) as number;
    if (i < 0) return;
    const third = Math.floor((this.end - this.start) / 3);
    if (i < third && this.clippedAbove) this.grow(-1);
    else if (i >= this.end - this.start - third && this.clippedBelow) this.grow(1);
  }

  /** Adds WINDOW_STEP items above (`-1`) or below (`1`), dropping the other side past WINDOW_MAX. */
  grow(side: -1 | 1): void {
    let { start, end } = this;
    if (side < 0) {
      start = Math.max(0, start - WINDOW_STEP);
      end = Math.min(end, start + WINDOW_MAX);
    } else {
      end = Math.min(this.#items.length, end + WINDOW_STEP);
      start = Math.max(start, end - WINDOW_MAX);
    }
    if (start === this.start && end === this.end) return;
    this.#measure = true;
    this.#set(start, end);
    this.#host.requestUpdate();
  }

  /** The newest items (jump to the latest). */
  toEnd(): void {
    const n = this.#items.length;
    if (this.end === n && n - this.start <= WINDOW_MAX) return;
    this.#set(Math.max(0, n - WINDOW_FIRST), n);
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    // Before the DOM changes: the first item in view and where it is (or, when the last update's
    // anchor is still to be put back, that one: the view between the two is not what was read).
    this.#settle = this.#measure;
    this.#anchor = this.#measure ? (this.#pending ?? this.#firstInView()) : undefined;
    this.#measure = false;
  }

  hostUpdated(): void {
    // The new items draw their content in their own updates, after this one: the anchor is put
    // back in the next frame, before it is painted, when they have all drawn.
    if (!this.#settle) return;
    if (this.#anchor) this.#pending = this.#anchor;
    this.#anchor = undefined;
    if (this.#framed) return;
    this.#framed = true;
    requestAnimationFrame(() => {
      this.#framed = false;
      this.#restore();
      // Still within a screen of an edge (no scroll event will come when the view sits at the
      // very top): the window grows on until it is not.
      const s = this.#view.scroller();
      if (s) this.#growAtEdge(s);
    });
  }

  #restore(): void {
    const anchor = this.#pending;
    this.#pending = undefined;
    const s = this.#view.scroller();
    const i = anchor ? indexOfKey(this.#items, anchor.key, this.start) : -1;
    const el = this.#view.rows()?.children[i - this.start];
    if (!s || !anchor || i < 0 || !el) return;
    // What the change moved it by, not what the visitor scrolled since (that stays theirs).
    const moved = el.getBoundingClientRect().top + s.scrollTop - (anchor.top + anchor.scroll);
    if (moved) s.scrollTop += moved;
  }

  #set(start: number, end: number): void {
    this.start = start;
    this.end = Math.max(start, end);
  }

  #firstInView(): Anchor | undefined {
    const s = this.#view.scroller();
    const rows = this.#view.rows();
    if (!s || !rows) return undefined;
    const top = s.getBoundingClientRect().top;
    const children = rows.children;
    for (let i = 0; i < children.length; i++) {
      const rect = children[i]!.getBoundingClientRect();
      if (rect.bottom <= top) continue;
      const key = this.#drawnKeys[i];
      return key === undefined ? undefined : { key, top: rect.top, scroll: s.scrollTop };
    }
    return undefined;
  }

  /** The items to draw now; remembered as the drawn ones. */
  slice<T extends Keyed>(items: readonly T[]): T[] {
    const part = items.slice(this.start, this.end);
    this.#drawnKeys = part.map((x) => x.message.key);
    return part;
  }
}

/** Where `key` is in `items`, looked for from `hint` outwards; -1 when absent. */
function indexOfKey(items: readonly Keyed[], key: string | undefined, hint: number): number {
  if (key === undefined) return -1;
  if (items[hint]?.message.key === key) return hint;
  return items.findIndex((x) => x.message.key === key);
}
