import { expect } from '@open-wc/testing';
import type { FileMeta } from '../../src/core/protocol.js';
import { UploadQueue, conversationUploader, type UploadFn } from '../../src/controller/uploads.js';
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

  it('reports progress, and hands a file over only on Send, with its fileMeta once uploaded', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const [item] = queue.add([text('a.txt', 'abcdefghij')]);
    calls[0]!.progress(4);
    expect(queue.items[0]).to.include({ state: 'uploading', loaded: 4, total: 10 });

    await calls[0]!.resolve();
    expect(queue.items[0]).to.include({ state: 'done', loaded: 10 });

    const going = queue.takeForSending();
    expect(going.map((g) => [g.item.fileMeta?.blobKey, g.upload])).to.deep.equal([['key-a.txt', undefined]]);
    expect(queue.items).to.deep.equal([]);
    expect(item!.state).to.equal('uploading', 'items are immutable snapshots');
  });

  it('on Send, a file still uploading goes with its upload (not stopped); rejected ones are dismissed, cancelled ones stay', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const [, , stopped] = queue.add([
      text('slow.txt'),
      new File(['MZ'], 'x.exe', { type: 'application/x-msdownload' }),
      text('stopped.txt'),
    ]);
    queue.cancel(stopped!.id);
    const going = queue.takeForSending();
    expect(going.map((g) => g.item.name)).to.deep.equal(['slow.txt']);
    expect(queue.items.map((i) => [i.name, i.state])).to.deep.equal([['stopped.txt', 'cancelled']]);
    expect(calls[0]!.signal.aborted, 'the upload carries on').to.equal(false);
    await calls[0]!.resolve();
    expect((await going[0]!.upload)?.blobKey).to.equal('key-slow.txt');
  });

  it('files added after Send wait for the next Send', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    queue.add([text('first.txt')]);
    expect(queue.takeForSending().map((g) => g.item.name)).to.deep.equal(['first.txt']);
    queue.add([text('second.txt')]);
    await calls[1]!.resolve();
    await calls[0]!.resolve();
    expect(queue.items.map((i) => [i.name, i.state])).to.deep.equal([['second.txt', 'done']]);
  });

  it('cancels an upload (its request is aborted) and retries it', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const [item] = queue.add([text('c.txt')]);
    queue.cancel(item!.id);
    expect(calls[0]!.signal.aborted).to.equal(true);
    expect(queue.items[0]).to.include({ state: 'cancelled' });
    await calls[0]!.reject(new Error('late'));
    expect(queue.items[0]).to.include({ state: 'cancelled' }, 'the late rejection does not turn it into "failed"');

    queue.retry(item!.id);
    expect(calls).to.have.length(2);
    expect(queue.items[0]).to.include({ state: 'uploading', loaded: 0 });
    const [going] = queue.takeForSending();
    await calls[1]!.resolve();
    expect((await going!.upload)?.name).to.equal('c.txt');
  });

  it('a failed upload keeps the error code until retried; on Send it goes without an upload (the outbox uploads it)', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const [item] = queue.add([text('f.txt')]);
    await calls[0]!.reject(new ParleyApiError(415, 'PL-U-02', 'type'));
    expect(queue.items[0]).to.include({ state: 'failed', error: 'PL-U-02' });

    queue.retry(item!.id);
    expect(queue.items[0]!.error).to.equal(undefined);
    await calls[1]!.reject(new NetworkError('down'));
    expect(queue.items[0]).to.include({ state: 'failed', error: 'PL-N-02' });

    const going = queue.takeForSending();
    expect(going.map((g) => [g.item.name, g.item.file.size, g.upload])).to.deep.equal([['f.txt', 5, undefined]]);
    expect(calls).to.have.length(2);
  });

  it('remove() stops the upload and forgets the item; a late result changes nothing', async () => {
    const { upload, calls } = fakeUploader();
    const queue = new UploadQueue({ upload, limits });
    const [a, b] = queue.add([text('a.txt'), text('b.txt')]);
    queue.remove(a!.id);
    expect(calls[0]!.signal.aborted).to.equal(true);
    expect(queue.items.map((i) => i.name)).to.deep.equal(['b.txt']);
    await calls[0]!.resolve();
    expect(queue.items.map((i) => i.name)).to.deep.equal(['b.txt']);
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
