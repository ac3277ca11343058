/**
 * News between the tabs of one site that share the widget's storage: "a visitor session was
 * saved" (the other tabs join it instead of starting their own) and "the visitor logged out"
 * (the other tabs forget theirs). Messages themselves need no channel: the server pushes them to
 * every socket of the visitor, so each tab hears them from the server.
 *
 * BroadcastChannel `parley:<appId>`; where it is missing (or throws) this is a silent no-op.
 */

export const TAB_NEWS_TYPES = ['session', 'logout'] as const;
export type TabNewsType = (typeof TAB_NEWS_TYPES)[number];

export type TabNews = { type: 'session'; userId: string } | { type: 'logout' };

export interface TabChannel {
  /** Tells the other tabs (never this one). */
  post(news: TabNews): void;
  /** Listens to the other tabs; returns the unsubscribe. */
  on(handler: (news: TabNews) => void): () => void;
  close(): void;
}

/** The news in `data`, or undefined for anything else. Never throws. */
export function parseTabNews(data: unknown): TabNews | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, userId } = data as { type?: unknown; userId?: unknown };
  if (type === 'logout') return { type };
  if (type === 'session' && typeof userId === 'string' && userId) return { type, userId };
  return undefined;
}

const silent: TabChannel = { post() {}, on: () => () => {}, close() {} };

export function createTabChannel(appId: string): TabChannel {
  let channel: BroadcastChannel;
  try {
    if (typeof BroadcastChannel !== 'function') return silent;
    channel = new BroadcastChannel(`parley:${appId}`);
  } catch {
    return silent;
  }
  const handlers = new Set<(news: TabNews) => void>();
  let closed = false;
  channel.onmessage = (event: MessageEvent) => {
    const news = parseTabNews(event.data);
    if (!news) return;
    for (const handler of [...handlers]) {
      try {
        handler(news);
      } catch (error) {
        console.error('[parley] a tab news handler failed', error);
      }
    }
  };
  return {
    post(news) {
      if (closed) return;
      try {
        channel.postMessage(news);
      } catch {
        /* best effort: the other tabs catch up on their next open */
      }
    },
    on(handler) {
      if (closed) return () => {};
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      channel.onmessage = null;
      channel.close();
    },
  };
}
