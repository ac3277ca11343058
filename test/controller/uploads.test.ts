import { expect } from '@open-wc/testing';
import type { FileMeta } from '../../src/core/protocol.js';
import { UploadQueue, UploadReadyEvent, conversationUploader, type UploadFn } from '../../src/controller/uploads.js';
import type { UploadRequest } from '../../src/net/upload.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';

interface Call {
  file: Blob;
  name: string;
  signal: AbortSignal;
  progress(loaded: number): void;
  resolve(meta?: Partial<FileMeta>): Promise<void>;
  reject(error: unknown): Promise<void>;
}

/** An upload function the test drives by hand. */
function fakeUploader(): { upload: UploadFn; calls: Call[] } {
  const calls: Call[] = [];
  const upload: UploadFn = (file, o) =>
    new Promise<FileMeta>((resolve, reject) => {
      o.signal.addEventListener('abort', () => reject(new NetworkError('cancelled', { aborted: true })));
      const settle = (fn: () => void) => {
        fn();
        // Let the queue's promise handlers run.
        return new Promise<void>((r) => queueMicrotask(() => queueMicrotask(r)));
      };
      calls.push({
        file,
        name: o.name,
        signal: o.signal,
        progress: (loaded) => o.onProgress(loaded, file.size),
        resolve: (meta = {}) =>
          settle(() =>
            resolve({ blobKey: `key-${o.name}`, name: o.name, size: file.size, contentType: file.type, ...meta }),
          ),
        reject: (error) => settle(() => reject(error)),
      });
    });
  return { upload, calls };
}

const limits = { maxMB: 1, allowedTypes: ['image/*', 'text/plain'] };
const text = (name: string, body = 'hello') => new File([body], name, { type: 'text/plain' });

function readyFiles(queue: UploadQueue): FileMeta[] {
  const seen: FileMeta[] = [];
  queue.addEventListener('ready', (e) => seen.push((e as UploadReadyEvent).detail.fileMeta));
  return seen;
}

function changes(queue: UploadQueue): { count: number } {
  const c = { count: 0 };
  queue.addEventListener('change', () => c.count++);
  return c;
}

describe('UploadQueue', () => {
  it('checks each file: rejected ones keep their error and are never uploaded, the others start at once', () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const changed = changes(queue);
    const items = queue.add([
      text('ok.txt'),
      new File(['x'.repeat(1024 * 1024 + 1)], 'big.txt', { type: 'text/plain' }),
      new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
      new File([], 'empty.txt', { type: 'text/plain' }),
    ]);
    expect(items.map((i) => [i.name, i.state, i.error])).to.deep.equal([
      ['ok.txt', 'uploading', undefined],
      ['big.txt', 'rejected', 'too-large'],
      ['tool.exe', 'rejected', 'type-not-allowed'],
      ['empty.txt', 'rejected', 'empty'],
    ]);
    expect(calls.map((c) => c.name)).to.deep.equal(['ok.txt']);
    expect(queue.busy).to.equal(true);
    expect(changed.count).to.equal(1);
    expect(new Set(items.map((i) => i.id)).size).to.equal(4);
  });

  it('reports progress, and sends a file only after Send and after its upload finished', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    const [item] = queue.add([text('a.txt', 'abcdefghij')]);
    calls[0]!.progress(4);
    expect(queue.items[0]).to.include({ state: 'uploading', loaded: 4, total: 10 });

    await calls[0]!.resolve();
    expect(queue.items[0]).to.include({ state: 'done', loaded: 10 });
    expect(ready, 'nothing is sent before the visitor presses Send').to.deep.equal([]);

    expect(queue.submit()).to.equal(1);
    expect(ready.map((m) => m.blobKey)).to.deep.equal(['key-a.txt']);
    expect(queue.items).to.deep.equal([]);
    expect(item!.state).to.equal('uploading', 'items are immutable snapshots');
  });

  it('after Send, a file still uploading is sent when it finishes; rejected ones are dismissed', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    queue.add([text('slow.txt'), new File(['MZ'], 'x.exe', { type: 'application/x-msdownload' })]);
    expect(queue.submit()).to.equal(1);
    expect(queue.items.map((i) => i.name)).to.deep.equal(['slow.txt']);
    expect(ready).to.deep.equal([]);
    await calls[0]!.resolve();
    expect(ready.map((m) => m.name)).to.deep.equal(['slow.txt']);
    expect(queue.items).to.deep.equal([]);
    expect(queue.busy).to.equal(false);
  });

  it('files added after Send wait for the next Send', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    queue.add([text('first.txt')]);
    queue.submit();
    queue.add([text('second.txt')]);
    await calls[1]!.resolve();
    await calls[0]!.resolve();
    expect(ready.map((m) => m.name)).to.deep.equal(['first.txt']);
    expect(queue.items.map((i) => [i.name, i.state])).to.deep.equal([['second.txt', 'done']]);
  });

  it('cancels an upload (its request is aborted) and retries it', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    const [item] = queue.add([text('c.txt')]);
    queue.cancel(item!.id);
    expect(calls[0]!.signal.aborted).to.equal(true);
    expect(queue.items[0]).to.include({ state: 'cancelled' });
    await calls[0]!.reject(new Error('late'));
    expect(queue.items[0]).to.include({ state: 'cancelled' }, 'the late rejection does not turn it into "failed"');

    queue.retry(item!.id);
    expect(calls).to.have.length(2);
    expect(queue.items[0]).to.include({ state: 'uploading', loaded: 0 });
    queue.submit();
    await calls[1]!.resolve();
    expect(ready.map((m) => m.name)).to.deep.equal(['c.txt']);
  });

  it('a failed upload keeps the error code until retried; a submitted one is sent once the retry succeeds', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    const [item] = queue.add([text('f.txt')]);
    queue.submit();
    await calls[0]!.reject(new ParleyApiError(415, 'PL-U-02', 'type'));
    expect(queue.items[0]).to.include({ state: 'failed', error: 'PL-U-02' });
    expect(ready).to.deep.equal([]);

    queue.retry(item!.id);
    expect(queue.items[0]!.error).to.equal(undefined);
    await calls[1]!.reject(new NetworkError('down'));
    expect(queue.items[0]).to.include({ state: 'failed', error: 'PL-N-02' });

    queue.retry(item!.id);
    await calls[2]!.resolve();
    expect(ready.map((m) => m.name)).to.deep.equal(['f.txt']);
  });

  it('remove() stops the upload and forgets the item; a late result changes nothing', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const ready = readyFiles(queue);
    const [a, b] = queue.add([text('a.txt'), text('b.txt')]);
    queue.submit();
    queue.remove(a!.id);
    expect(calls[0]!.signal.aborted).to.equal(true);
    expect(queue.items.map((i) => i.name)).to.deep.equal(['b.txt']);
    await calls[0]!.resolve();
    expect(ready).to.deep.equal([]);
    queue.clear();
    expect(calls[1]!.signal.aborted).to.equal(true);
    expect(queue.items).to.deep.equal([]);
    expect(b!.name).to.equal('b.txt');
  });

  it('uses limits set later, and ignores things that are not files', () => {
    const { upload } = fakeUploader();
    const queue = new UploadQueue({ upload });
    expect(queue.add([new File(['x'.repeat(2000)], 'any.bin')])[0]!.state).to.equal('uploading');
    queue.limits = { maxMB: 0.001, allowedTypes: [] };
    expect(queue.add([new File(['x'.repeat(2000)], 'any.bin')])[0]!.error).to.equal('too-large');
    expect(queue.add(['not a file' as unknown as Blob, null as unknown as Blob])).to.deep.equal([]);
    queue.retry('nope');
    queue.cancel('nope');
    queue.remove('nope');
  });

  describe('conversationUploader', () => {
    const meta: FileMeta = { blobKey: 'k', name: 'a.txt', size: 5, contentType: 'text/plain' };

    it("uploads into the visitor's conversation on the server, with the queue's options", async () => {
      const seen: UploadRequest[] = [];
      const target = { ensureConversation: async () => ({ groupId: 'g1', token: 'tok' }) };
      const upload = conversationUploader(target, 'https://chat.example.com', async (request) => {
        seen.push(request);
        return meta;
      });
      const signal = new AbortController().signal;
      const onProgress = () => {};
      const file = text('a.txt');
      expect(await upload(file, { name: 'a.txt', signal, onProgress })).to.equal(meta);
      expect(seen).to.deep.equal([
        { server: 'https://chat.example.com', token: 'tok', groupId: 'g1', file, name: 'a.txt', signal, onProgress },
      ]);
    });

    it('fails as a network error (PL-N-02 in the queue) when no conversation can be had', async () => {
      const upload = conversationUploader({ ensureConversation: async () => undefined }, '', async () => meta);
      const queue = new UploadQueue({ upload, limits });
      const [item] = queue.add([text('a.txt')]);
      await new Promise((r) => setTimeout(r));
      expect(queue.items[0]).to.include({ id: item!.id, state: 'failed', error: 'PL-N-02' });
    });
  });
});
