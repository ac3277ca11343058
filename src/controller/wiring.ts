/**
 * The slices of one `ChatController`, built and wired as the facade uses them: what they share
 * (`base`), each slice with the ones below it, and the subscriptions that carry what one reports
 * to the one that acts on it. The facade (chat-controller.ts) turns commands into calls on these.
 */
import { systemClock } from '../core/clock.js';
import type { Message } from '../core/protocol.js';
import { createRealtimeClient } from '../net/realtime.js';
import { createRestClient } from '../net/rest.js';
import { createStore } from '../store/store.js';
import { createTabChannel } from '../store/tabs.js';
import type { ChatControllerOptions } from './api.js';
import type { StateCell } from './cell.js';
import { ConversationsSlice } from './conversations.js';
import { DeliverySlice } from './delivery.js';
import { Failures, createLog } from './failures.js';
import { IntakeSlice } from './intake.js';
import { ReceiptsSlice } from './receipts.js';
import { SendingSlice } from './sending.js';
import { SessionSlice } from './session.js';
import { SettingsSlice } from './settings.js';
import { StartSlice } from './start.js';
import { ChatSync } from './sync.js';
import { VisitorSlice } from './visitor.js';

/** Every slice of a controller, with what they share. */
export function buildSlices(options: ChatControllerOptions, cell: StateCell, signal: AbortSignal) {
  const { install } = options;
  const { server, appId } = install;
  const store = options.store ?? createStore(appId);
  const rest = (options.restFactory ?? createRestClient)({
    server,
    appId,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const tabs = options.tabs ?? createTabChannel(appId);
  // What the slices share; each takes the part it names in its options.
  const base = {
    ...{ install, server, appId, signal, store, rest, cell, log: createLog(), tabs, random: options.random },
    clock: options.clock ?? systemClock,
    hostname: options.hostname ?? globalThis.location?.hostname ?? '',
    realtimeFactory: options.realtimeFactory ?? createRealtimeClient,
    ackTimeoutMs: options.ackTimeoutMs ?? 10000,
  };
  const settings = new SettingsSlice(base);
  const session = new SessionSlice(base);
  const token = () => cell.state.session?.token;
  const delivery = new DeliverySlice({ ...base, token, uploader: options.uploader });
  const sync = new ChatSync({ ...base, upload: (item) => delivery.upload(item) });
  const receipts = new ReceiptsSlice({ ...base, sync });
  const conversations = new ConversationsSlice(install, rest, signal);
  const failures = new Failures({ ...base, sync, settings });
  const slices = { ...base, settings, session, receipts, conversations, sync, failures, delivery };
  const intake = new IntakeSlice(slices);
  const visitor = new VisitorSlice({ ...slices, intake });
  const start = new StartSlice({ ...slices, intake, visitor });
  const sending = new SendingSlice({ ...slices, visitor });
  return { ...slices, intake, visitor, start, sending, tabsInjected: options.tabs !== undefined };
}

export type Slices = ReturnType<typeof buildSlices>;

/**
 * Carries what each slice reports to the one that acts on it; `emit` tells the page of a message
 * received or sent. Returns the unsubscribe of the other tabs' news.
 */
export function wireSlices(
  s: Slices,
  emit: (type: 'message-received' | 'message-sent', m: Message) => void,
): () => void {
  const { cell, failures, intake, settings, start, sync, visitor } = s;
  visitor.on(
    'joined',
    () =>
      void failures.guard('joining the chat of another tab', async () => {
        if (await start.ready()) await visitor.join();
      }),
  );
  intake.on('received', (m) => emit('message-received', m));
  intake.on('sent', (m) => emit('message-sent', m));
  sync.on('connection', (connection) => cell.set({ connection }));
  sync.on('refused', (code) => visitor.refused(code));
  sync.on('message', (m, how) => intake.receive(m, how));
  sync.on('sent', (m) => intake.receive(m, 'ack'));
  sync.on('rejected', (key, code) => visitor.rejected(key, code));
  sync.on('conversation', (c) => intake.upsert(c));
  sync.on('user', (u) => intake.user(u));
  sync.on('typing', (e) => intake.typing(e));
  sync.on('read', (e, state) => intake.read(e, state));
  sync.on('settings', (raw) => {
    settings.save(raw);
    start.applySettings(raw, true);
  });
  sync.on('presence', (e) => cell.set({ agentsOnline: e.agentsOnline, agentsByTeam: e.teams }));
  sync.on('caughtUp', () => void failures.guard('catching up', () => intake.caughtUp()));
  sync.on('failed', (what, error) => failures.fail(what, error));
  return s.tabs.on((news) => visitor.news(news));
}
