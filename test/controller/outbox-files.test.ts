/**
 * Files in the outbox (issue "every documented behaviour"): a file the visitor sends is saved in
 * IndexedDB before its message shows, uploaded in its turn (after a reload too), sent once and in
 * order with the text around it; a refused file fails its message with Retry / Delete; a file the
 * storage refused (a full quota) stays in the tab, says so, and after a reload can only be deleted.
 * The in-memory server, a hand-driven uploader and the browser's real IndexedDB.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { parseInstallSettings } from '../../src/core/config.js';
import { ChatController } from '../../src/controller/index.js';
import type { FileMeta, OutgoingMessage } from '../../src/core/protocol.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import type { Uploader, UploadRequest } from '../../src/net/upload.js';
import { idbBackend, type KvBackend } from '../../src/store/backend.js';
import { createStore, type ParleyStore } from '../../src/store/store.js';
import { FakeChatServer } from '../helpers/fake-chat-server.js';
import { FakeClock } from '../helpers/fake-clock.js';

let counter = 0;
const controllers: ChatController[] = [];

interface Upload {
  request: UploadRequest;
  finish(): void;
  fail(error: unknown): void;
}

/** An uploader the test answers by hand; each call is listed. */
function uploads(): { uploader: Uploader; calls: Upload[] } {
  const calls: Upload[] = [];
  const uploader: Uploader = (request) =>
    new Promise<FileMeta>((resolve, reject) => {
      const name = request.name ?? 'file';
      request.signal?.addEventListener('abort', () => reject(new NetworkError('cancelled', { aborted: true })));
      calls.push({
        request,
        finish: () =>
          resolve({
            blobKey: `blob-${calls.length}-${name}`,
            name,
            size: request.file.size,
            contentType: request.file.type,
          }),
        fail: reject,
      });
    });
  return { uploader, calls };
}

function tab(server: FakeChatServer, uploader: Uploader, store: ParleyStore = createStore(server.appId)) {
  const parsed = parseInstallSettings({ appId: server.appId, server: 'https://chat.test' });
  if (!parsed.ok) throw new Error(parsed.error);
  const clock = new FakeClock();
  const chat = new ChatController({
    install: parsed.value,
    store,
    restFactory: server.restFactory,
    realtimeFactory: server.realtimeFactory,
    uploader,
    clock,
    hostname: 'shop.example.com',
    random: () => 0.5,
  });
  controllers.push(chat);
  return { chat, store, clock };
}

async function connected(server: FakeChatServer, chat: ChatController): Promise<void> {
  await chat.init();
  await chat.open();
  server.socket!.serverConnects();
  await waitUntil(() => chat.caughtUp, 'connected and caught up');
}

/** Acknowledges every message sent so far; what the server holds, in order. */
function ack(server: FakeChatServer): OutgoingMessage[] {
  server.ackAll();
  return server.messages.map((m) => ({ key: m.key, groupId: m.groupId, message: m.message, fileMeta: m.fileMeta }));
}

const photo = () => new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], 'photo.png', { type: 'image/png' });
const newServer = () => new FakeChatServer(`files-${Date.now()}-${counter++}`);
const shown = (chat: ChatController) =>
  chat.state.messages.map((m) => [m.message || m.fileMeta?.name, m.deliveryState]);

describe('files in the outbox', () => {
  afterEach(() => {
    for (const c of controllers.splice(0)) c.destroy();
  });

  it('saves the file before it shows, uploads it in its turn, and sends it once, in order with the text around it', async () => {
    const server = newServer();
    const { uploader, calls } = uploads();
    const { chat, store } = tab(server, uploader);
    await connected(server, chat);

    void chat.send('Here it is:');
    const file = chat.send('', { file: { file: photo(), name: 'photo.png' } });
    void chat.send('Did it arrive?');
    const local = await file;
    expect((await store.getFile(local!.key))?.size, 'the file is in IndexedDB').to.equal(7);
    expect(chat.pendingFile(local!.key)?.size, 'the preview has the visitor’s own copy').to.equal(7);
    await waitUntil(() => shown(chat).length === 3, 'all three shown');
    expect(shown(chat)).to.deep.equal([
      ['Here it is:', 'sending'],
      ['photo.png', 'sending'],
      ['Did it arrive?', 'sending'],
    ]);

    await waitUntil(() => server.socket!.acks.length === 1, 'the text before it goes');
    ack(server);
    await waitUntil(() => calls.length === 1, 'then the file uploads');
    expect(calls[0]!.request.groupId).to.equal(chat.state.activeGroupId);
    expect(
      server.socket!.acks.filter((a) => a.event === 'message:send'),
      'the text after it waits',
    ).to.have.length(0);
    calls[0]!.finish();
    await waitUntil(() => server.socket!.acks.length > 0, 'the file message goes');
    ack(server);
    await waitUntil(() => server.socket!.acks.length > 0, 'then the text after it');
    const stored = ack(server);
    expect(stored.map((m) => m.message || m.fileMeta?.blobKey)).to.deep.equal([
      'Here it is:',
      'blob-1-photo.png',
      'Did it arrive?',
    ]);
    await waitUntil(() => shown(chat).every(([, state]) => state === 'sent'), 'all three sent');
    expect(calls).to.have.length(1);
    expect(await store.listOutbox()).to.deep.equal([]);
    expect(await store.getFile(local!.key), 'the saved copy is gone once sent').to.equal(undefined);
  });

  it('after a reload mid-upload, shows the file from the saved copy and uploads it once', async () => {
    const server = newServer();
    const first = uploads();
    const before = tab(server, first.uploader);
    await connected(server, before.chat);
    const local = await before.chat.send('', { file: { file: photo(), name: 'photo.png' } });
    await waitUntil(() => first.calls.length === 1, 'the upload started');
    before.chat.destroy(); // the tab reloads before the upload finished

    const second = uploads();
    const after = tab(server, second.uploader);
    await after.chat.init();
    await waitUntil(() => shown(after.chat).length === 1, 'the file shows again');
    expect(shown(after.chat)).to.deep.equal([['photo.png', 'sending']]);
    expect(after.chat.pendingFile(local!.key)?.size).to.equal(7);
    server.socket!.serverConnects();
    await waitUntil(() => second.calls.length === 1, 'uploaded again');
    second.calls[0]!.finish();
    await waitUntil(() => server.socket!.acks.length === 1, 'sent');
    expect(ack(server).map((m) => [m.key, m.fileMeta?.blobKey])).to.deep.equal([[local!.key, 'blob-1-photo.png']]);
    await waitUntil(() => shown(after.chat)[0]?.[1] === 'sent', 'shown as sent');
    expect(server.messages).to.have.length(1);
  });

  it('an upload without an answer is tried again later, the message still sending', async () => {
    const server = newServer();
    const { uploader, calls } = uploads();
    const { chat, clock } = tab(server, uploader);
    await connected(server, chat);
    await chat.send('', { file: { file: photo(), name: 'photo.png' } });
    await waitUntil(() => calls.length === 1, 'uploading');
    calls[0]!.fail(new NetworkError('no answer'));
    await waitUntil(() => clock.pending > 0, 'a retry is scheduled');
    expect(shown(chat)).to.deep.equal([['photo.png', 'sending']]);
    clock.advance(60_000);
    await waitUntil(() => calls.length === 2, 'uploaded again');
    calls[1]!.finish();
    await waitUntil(() => server.socket!.acks.length === 1, 'sent');
    expect(ack(server).map((m) => m.fileMeta?.blobKey)).to.deep.equal(['blob-2-photo.png']);
  });

  it('a file the server refuses fails its message; Retry uploads again, Delete removes it and its saved copy', async () => {
    const server = newServer();
    const { uploader, calls } = uploads();
    const { chat, store } = tab(server, uploader);
    await connected(server, chat);
    const local = await chat.send('', { file: { file: photo(), name: 'photo.png' } });
    await waitUntil(() => calls.length === 1, 'uploading');
    calls[0]!.fail(new ParleyApiError(413, 'PL-U-01', 'too large'));
    await waitUntil(() => chat.state.messages[0]?.deliveryState === 'failed', 'failed');
    expect(chat.state.messages[0]).to.include({ errorCode: 'PL-U-01' });

    await chat.retry(local!.key);
    await waitUntil(() => calls.length === 2, 'uploaded again');
    calls[1]!.fail(new ParleyApiError(413, 'PL-U-01', 'too large'));
    await waitUntil(() => chat.state.messages[0]?.deliveryState === 'failed', 'failed again');
    await chat.discard(local!.key);
    expect(chat.state.messages).to.deep.equal([]);
    expect(await store.listOutbox()).to.deep.equal([]);
    expect(await store.getFile(local!.key)).to.equal(undefined);
    expect(server.messages).to.deep.equal([]);
  });

  it('a file the storage refuses (quota) stays in the tab and says so; after a reload it can only be deleted', async () => {
    const server = newServer();
    const idb = idbBackend();
    const full: KvBackend = {
      ...idb,
      set: async (key, value) => {
        if (key.includes(':outbox-file:')) throw new DOMException('full', 'QuotaExceededError');
        await idb.set(key, value);
      },
    };
    const { uploader, calls } = uploads();
    const { chat } = tab(server, uploader, createStore(server.appId, { backend: full }));
    await chat.init();
    await chat.open();
    const local = await chat.send('', { file: { file: photo(), name: 'photo.png' } });
    expect(chat.state.messages[0]).to.include({ deliveryState: 'sending', fileInTab: true });
    expect(chat.pendingFile(local!.key)?.size, 'kept in memory').to.equal(7);
    expect(calls, 'not connected yet').to.have.length(0);
    chat.destroy(); // the tab closes before the file went

    const after = tab(server, uploads().uploader, createStore(server.appId, { backend: full }));
    await after.chat.init();
    await waitUntil(() => after.chat.state.messages.length === 1, 'the message shows');
    expect(after.chat.state.messages[0]).to.include({ deliveryState: 'failed', errorCode: 'PL-F-01' });
    await after.chat.discard(local!.key);
    expect(after.chat.state.messages).to.deep.equal([]);
    expect(server.messages).to.deep.equal([]);
  });
});
