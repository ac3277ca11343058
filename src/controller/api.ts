/**
 * The facade's public types (re-exported by chat-controller.ts): its options and its events.
 */
import type { Clock } from '../core/clock.js';
import type { InstallSettings } from '../core/config.js';
import type { Message } from '../core/protocol.js';
import type { RealtimeClient, RealtimeOptions } from '../net/realtime.js';
import type { FetchLike, RestClient, RestClientOptions } from '../net/rest.js';
import type { Uploader } from '../net/upload.js';
import type { ParleyStore } from '../store/store.js';
import type { TabChannel } from '../store/tabs.js';

export interface ChatControllerOptions {
  install: InstallSettings;
  /** Defaults to `createStore(install.appId)`. */
  store?: ParleyStore;
  restFactory?: (options: RestClientOptions) => RestClient;
  /** The fetch for the REST client (e.g. one that reuses the loader's early settings request). */
  fetch?: FetchLike;
  realtimeFactory?: (options: RealtimeOptions) => RealtimeClient;
  /** Uploads the files of outbox messages (defaults to `uploadFile`, loaded with the first one). */
  uploader?: Uploader;
  clock?: Clock;
  /** The page's host name for the domain check (defaults to `location.hostname`). */
  hostname?: string;
  /** How long to wait for the server to acknowledge a message, ms. */
  ackTimeoutMs?: number;
  /** Random numbers in [0, 1) for retry jitter. */
  random?: () => number;
  /** News to and from the site's other tabs (defaults to a BroadcastChannel for the app). */
  tabs?: TabChannel;
}

export type ChatMessageEvent = CustomEvent<{ message: Message }>;

export interface ChatControllerEventMap {
  change: Event;
  'message-received': ChatMessageEvent;
  'message-sent': ChatMessageEvent;
}
