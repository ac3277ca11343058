// What the slice tests share: an install, the fake server's REST client and sockets, a memory
// store, a fake clock, a state cell and a log that records, wired like the facade wires them.
import { parseInstallSettings } from '../../src/core/config.js';
import type { Session } from '../../src/core/protocol.js';
import { StateCell } from '../../src/controller/cell.js';
import { ConversationsSlice } from '../../src/controller/conversations.js';
import { DeliverySlice } from '../../src/controller/delivery.js';
import { Failures } from '../../src/controller/failures.js';
import { IntakeSlice } from '../../src/controller/intake.js';
import { ReceiptsSlice } from '../../src/controller/receipts.js';
import { SendingSlice } from '../../src/controller/sending.js';
import { SessionSlice } from '../../src/controller/session.js';
import { SettingsSlice } from '../../src/controller/settings.js';
import { StartSlice } from '../../src/controller/start.js';
import { ChatSync } from '../../src/controller/sync.js';
import { VisitorSlice } from '../../src/controller/visitor.js';
import type { TabChannel, TabNews } from '../../src/store/tabs.js';
import { createStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

let n = 0;

/** The leaf parts, for slices tested on their own. */
export function kit(name: string, install: Record<string, unknown> = {}) {
  const appId = `${name}-${Date.now()}-${n++}`;
  const parsed = parseInstallSettings({ appId, server: 'https://chat.test', ...install });
  if (!parsed.ok) throw new Error(parsed.error);
  const server = new FakeChatServer(appId);
  const abort = new AbortController();
  const signal = abort.signal;
  let changes = 0;
  const logged: string[] = [];
  const posted: TabNews[] = [];
  const tabs: TabChannel = { post: (news) => void posted.push(news), on: () => () => {}, close() {} };
  return {
    ...{ appId, server, abort, signal, logged, posted, tabs },
    install: parsed.value,
    rest: server.restFactory(),
    store: createStore(appId, { useIdb: false }),
    clock: new FakeClock(),
    cell: new StateCell(signal, () => void changes++),
    log: { error: (text: string) => void logged.push(text), warn: (text: string) => void logged.push(text) },
    changes: () => changes,
  };
}

/** Every slice, wired as the facade wires them (without the facade's subscriptions). */
export function slices(name: string, install: Record<string, unknown> = {}) {
  const k = kit(name, install);
  const base = {
    ...k,
    hostname: 'shop.example.com',
    random: () => 0.5,
    realtimeFactory: k.server.realtimeFactory,
    ackTimeoutMs: 1000,
    server: 'https://chat.test',
  };
  const settings = new SettingsSlice(base);
  const session = new SessionSlice(base);
  const delivery = new DeliverySlice({ ...base, token: () => base.cell.state.session?.token });
  const sync = new ChatSync({ ...base, upload: (item) => delivery.upload(item) });
  const receipts = new ReceiptsSlice({ ...base, sync });
  const conversations = new ConversationsSlice(k.install, k.rest, k.signal);
  const failures = new Failures({ ...base, sync, settings });
  const all = { ...base, settings, session, receipts, conversations, sync, failures, delivery };
  const intake = new IntakeSlice(all);
  const visitor = new VisitorSlice({ ...all, intake });
  const sending = new SendingSlice({ ...all, visitor });
  const start = new StartSlice({ ...all, intake, visitor });
  return { ...all, fake: k.server, intake, visitor, sending, start };
}

/** A session the fake server knows, put in the state (as a restore would). */
export async function signedIn(s: ReturnType<typeof slices>): Promise<Session> {
  const session = await s.session.create();
  s.cell.set({ session, status: 'ready' });
  return session;
}
