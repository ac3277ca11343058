import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { NetworkError, ParleyApiError } from '../../src/net/errors.js';
import { uploadFile } from '../../src/net/upload.js';
import { createTestApp, newConversation, visitorSession, type TestApp } from '../server/support.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('net/upload (live server)', () => {
  let app: TestApp;
  let visitor: Session;
  let groupId: string;

  before(async () => {
    app = await createTestApp({ chatWidget: { maxAttachmentSize: 1 } });
    visitor = await visitorSession(app);
    groupId = (await newConversation(app, visitor)).groupId;
  });

  it('uploads a file, reporting progress up to its full size, and resolves with the FileMeta', async () => {
    const file = new File(['a'.repeat(300_000)], 'notes.txt', { type: 'text/plain' });
    const progress: Array<[number, number]> = [];
    const meta = await uploadFile({
      server: `${app.url}/`,
      token: visitor.token,
      groupId,
      file,
      onProgress: (l, t) => progress.push([l, t]),
    });
    expect(meta).to.include({ name: 'notes.txt', size: 300_000, contentType: 'text/plain' });
    expect(progress.at(-1)).to.deep.equal([300_000, 300_000]);
    expect(progress.every(([l, t], i) => l <= t && (i === 0 || l >= progress[i - 1]![0]))).to.equal(true);
  });

  it('stores the given name instead of the file’s own', async () => {
    const meta = await uploadFile({
      server: app.url,
      token: visitor.token,
      groupId,
      file: new Blob(['x']),
      name: 'pasted.txt',
    });
    expect(meta.name).to.equal('pasted.txt');
  });

  it('rejects with the server’s code when it refuses the file', async () => {
    const tooBig = await rejection(
      uploadFile({
        server: app.url,
        token: visitor.token,
        groupId,
        file: new File(['x'.repeat(1024 * 1024 + 1)], 'big.txt'),
      }),
    );
    expect(tooBig).to.be.instanceOf(ParleyApiError);
    expect(tooBig).to.include({ status: 413, code: 'PL-U-01' });
    const badToken = await rejection(uploadFile({ server: app.url, token: 'nope', groupId, file: new Blob(['x']) }));
    expect(badToken).to.include({ status: 401, code: 'PL-S-01' });
  });

  it('is cancelled through its AbortSignal, before or during the upload', async () => {
    const early = new AbortController();
    early.abort();
    const before = await rejection(
      uploadFile({ server: app.url, token: visitor.token, groupId, file: new Blob(['x']), signal: early.signal }),
    );
    expect(before).to.be.instanceOf(NetworkError);
    expect(before).to.include({ aborted: true, code: 'PL-N-04' });

    const during = new AbortController();
    const error = await rejection(
      uploadFile({
        server: app.url,
        token: visitor.token,
        groupId,
        file: new Blob(['x'.repeat(900_000)]),
        signal: during.signal,
        onProgress: () => during.abort(),
      }),
    );
    expect(error).to.include({ aborted: true });
  });

  it('rejects with a NetworkError when nothing answers', async () => {
    const error = await rejection(
      uploadFile({ server: 'http://127.0.0.1:9', token: 't', groupId: 'g', file: new Blob(['x']) }),
    );
    expect(error).to.be.instanceOf(NetworkError);
    expect(error).to.include({ aborted: false, code: 'PL-N-02' });
  });
});
