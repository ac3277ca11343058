/**
 * What several processes share besides socket.io (test/plugins/multi-process.mjs; issue 14):
 * rate-limit budgets in Redis, and uploads every process can read — in the database (the default
 * with PostgreSQL: each process here has a data folder of its own), or as files in one folder the
 * processes share, whose temporary files one process's start must leave to the others.
 */
import { expect } from '@open-wc/testing';
import type { ApiError, FileMeta, Session } from '../../src/core/protocol.js';
import { command, startCluster } from './postgres-support.js';
import {
  bearer,
  canvasPng,
  errorCode,
  eventually,
  newConversation,
  request,
  responseOf,
  uniqueKey,
  uploadFile,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

/** Messages per address, across the cluster. */
const MESSAGES_PER_IP = 4;

async function bytesOf(app: TestApp, path: string, session: Session): Promise<{ status: number; bytes: Uint8Array }> {
  const res = await fetch(`${app.url}${path}?token=${encodeURIComponent(session.token)}`, { cache: 'no-store' });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function sendRest(app: TestApp, session: Session, groupId: string) {
  return request(`${app.url}/widget/v1/messages`, {
    body: { groupId, message: 'counted', key: uniqueKey(), metadata: { skipBot: true } },
    headers: bearer(session),
  });
}

/** A 429 in the documented shape, with a `Retry-After` of 1 to 600 s. */
function expectTooMany(res: JsonResponse<unknown>): void {
  expect([res.status, errorCode(res)]).to.deep.equal([429, 'PL-L-01']);
  const body = res.body as ApiError;
  expect(body.status).to.equal('error');
  expect(body.errorResponse[0]!.description).to.match(/^too many requests: try again in \d+ s$/);
  expect(body.errorResponse[0]!.displayMessage).to.equal('unable to process');
  expect(Number(res.headers.get('retry-after'))).to.be.within(1, 600);
}

describe('several processes share rate limits and uploads (database store)', () => {
  let a: TestApp;
  let b: TestApp;

  before(async function () {
    this.timeout(240000);
    ({ a, b } = await startCluster('shared', {
      PARLEY_LIMIT_MESSAGES_PER_IP: `${MESSAGES_PER_IP}/10m`,
      PARLEY_STORAGE_QUOTA: '256KB',
    }));
  });
  after(() => command('parley-cluster-stop', { server: 'shared' }));

  it('one budget per address across processes: sends split over A and B are refused once the total is over', async () => {
    const [first, second] = [await visitorSession(a), await visitorSession(b)];
    const one = await newConversation(a, first);
    const two = await newConversation(b, second);
    // Two on each process: four in all, the address's budget.
    for (const [app, who, group] of [
      [a, first, one.groupId],
      [b, second, two.groupId],
      [a, first, one.groupId],
      [b, second, two.groupId],
    ] as const)
      responseOf(await sendRest(app, who, group));
    // Each process has counted two only, yet both refuse: the count is the cluster's.
    expectTooMany(await sendRest(a, first, one.groupId));
    expectTooMany(await sendRest(b, second, two.groupId));
  });

  it('a file uploaded through A is served byte for byte through B, its thumbnail too', async () => {
    const visitor = await visitorSession(a);
    const { groupId } = await newConversation(a, visitor);
    const png = await canvasPng();
    const meta = responseOf(await uploadFile(a, visitor, groupId, png, 'across.png'));
    expect(meta.thumbnailUrl).to.equal(`/files/${meta.blobKey}/thumbnail`);
    const viaB = await bytesOf(b, meta.url!, visitor);
    expect(viaB.status).to.equal(200);
    expect(viaB.bytes).to.deep.equal(new Uint8Array(await png.arrayBuffer()));
    const [thumbA, thumbB] = [
      await bytesOf(a, meta.thumbnailUrl!, visitor),
      await bytesOf(b, meta.thumbnailUrl!, visitor),
    ];
    expect([thumbA.status, thumbB.status]).to.deep.equal([200, 200]);
    expect(thumbB.bytes.length).to.be.greaterThan(0);
    expect(thumbB.bytes).to.deep.equal(thumbA.bytes);
  });

  it('the storage quota holds for uploads finishing together on both processes', async () => {
    const visitor = await visitorSession(a);
    const { groupId } = await newConversation(a, visitor);
    const file = () => new Blob(['z'.repeat(40_000)], { type: 'text/plain' });
    // 262,144 bytes hold six files of 40,000, not seven.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => uploadFile(i % 2 ? b : a, visitor, groupId, file(), `part-${i}.txt`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).to.have.length(6);
    expect(statuses.filter((s) => s === 507)).to.have.length(4);
  });

  it('a process cut off from Redis still answers limited requests, counting in its own memory', async () => {
    const visitor = await visitorSession(a);
    const { groupId } = await newConversation(a, visitor);
    await command('parley-cluster-cut-redis', { server: 'shared', index: 0 });
    // The address's budget is spent in Redis (first test): A now counts afresh, per process.
    const started = Date.now();
    for (let i = 0; i < MESSAGES_PER_IP; i++) responseOf(await sendRest(a, visitor, groupId));
    expect(Date.now() - started, 'no request waited for Redis').to.be.below(5000);
    expectTooMany(await sendRest(a, visitor, groupId));
    // B still counts in Redis, where the budget is spent.
    expectTooMany(await sendRest(b, visitor, groupId));
  });
});

describe('several processes share one folder of files', () => {
  let a: TestApp;
  let b: TestApp;

  before(async function () {
    this.timeout(240000);
    ({ a, b } = await startCluster('shared-folder', { PARLEY_UPLOAD_STORE: 'files' }, true));
  });
  after(() => command('parley-cluster-stop', { server: 'shared-folder' }));

  async function partial(app: TestApp): Promise<number> {
    const res = await request<Envelope<{ partial: number }>>(`${app.url}/admin/v1/storage`, {
      headers: { 'Api-Key': app.adminKey },
    });
    return responseOf(res).partial;
  }

  it('an upload under way on A survives B starting on the same folder, and B serves it', async function () {
    this.timeout(120000);
    const visitor = await visitorSession(a);
    const { groupId } = await newConversation(a, visitor);
    await command('parley-cluster-kill', { server: 'shared-folder', index: 1 });
    const text = Array.from({ length: 8000 }, (_, i) => `line ${i} of a long file\n`).join('');
    const body =
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="long.txt"\r\nContent-Type: text/plain\r\n\r\n' +
      `${text}\r\n--XYZ--\r\n`;
    const { id } = await command<{ id: string }>('parley-cluster-hold', {
      server: 'shared-folder',
      index: 0,
      path: `/widget/v1/uploads?groupId=${encodeURIComponent(groupId)}`,
      headers: { ...bearer(visitor), 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      body,
    });
    await eventually(async () => (await partial(a)) === 1, 'A is receiving the upload');
    await command('parley-cluster-start', { server: 'shared-folder', index: 1 });
    // B's start-up is over once it answers this (its storage is ready); A's file is still there.
    expect(await partial(b)).to.equal(1);
    const done = await command<JsonResponse<Envelope<FileMeta>>>('parley-cluster-release', { id });
    const meta = responseOf({ ...done, headers: new Headers() });
    expect(meta.size).to.equal(new TextEncoder().encode(text).length);
    const viaB = await bytesOf(b, meta.url!, visitor);
    expect([viaB.status, new TextDecoder().decode(viaB.bytes)]).to.deep.equal([200, text]);
    await eventually(async () => (await partial(b)) === 0, 'no temporary file is left');
  });

  it('a PNG uploaded through B is served through A, with its thumbnail', async () => {
    const visitor = await visitorSession(b);
    const { groupId } = await newConversation(b, visitor);
    const png = await canvasPng(200, 100);
    const meta = responseOf(await uploadFile(b, visitor, groupId, png, 'shared.png'));
    const viaA = await bytesOf(a, meta.url!, visitor);
    expect([viaA.status, viaA.bytes]).to.deep.equal([200, new Uint8Array(await png.arrayBuffer())]);
    expect((await bytesOf(a, meta.thumbnailUrl!, visitor)).status).to.equal(200);
  });
});
