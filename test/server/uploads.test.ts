import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FileMeta, Message, Session } from '../../src/core/protocol.js';
import { addTeammate, createConversation, patchQuery, setRules } from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  agentSession,
  bearer,
  canvasPng,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  history,
  newConversation,
  ownServer,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  uploadFile,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

interface Usage {
  blobs: number;
  bytes: number;
  partial: number;
}

async function usage(app: TestApp): Promise<Usage> {
  return responseOf(
    await request<Envelope<Usage>>(`${app.url}/admin/v1/storage`, { headers: { 'Api-Key': app.adminKey } }),
  );
}

const fileUrl = (app: TestApp, meta: FileMeta, token: string, kind: 'url' | 'thumbnailUrl' = 'url') =>
  `${app.url}${meta[kind]}?token=${encodeURIComponent(token)}`;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image did not load: ${src}`));
    img.src = src;
  });
}

describe('server: attachment uploads', () => {
  let app: TestApp;
  let visitor: Session;
  let groupId: string;

  before(async () => {
    app = await createTestApp({ chatWidget: { maxAttachmentSize: 100 } });
    visitor = await visitorSession(app);
    groupId = (await newConversation(app, visitor)).groupId;
  });
  afterEach(() => closeSockets());

  it('stores a PNG drawn in the browser, makes a thumbnail, and serves both to the visitor', async () => {
    const png = await canvasPng();
    const res = await uploadFile(app, visitor, groupId, png, 'drawing.png');
    const meta = responseOf(res);
    expect(meta.blobKey).to.match(/^[a-f0-9]{32}$/);
    expect(meta).to.include({
      name: 'drawing.png',
      size: png.size,
      contentType: 'image/png',
      url: `/files/${meta.blobKey}`,
    });
    expect(meta.thumbnailUrl).to.equal(`/files/${meta.blobKey}/thumbnail`);
    expect(meta.createdAtTime).to.be.a('number');

    const file = await fetch(fileUrl(app, meta, visitor.token));
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.equal('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(new Uint8Array(await png.arrayBuffer()));

    const thumb = await loadImage(fileUrl(app, meta, visitor.token, 'thumbnailUrl'));
    expect([thumb.naturalWidth, thumb.naturalHeight]).to.deep.equal([320, 240]);
    const full = await loadImage(fileUrl(app, meta, visitor.token));
    expect([full.naturalWidth, full.naturalHeight]).to.deep.equal([640, 480]);
  });

  it('judges the type by content: a renamed binary is refused, text named .png is text', async () => {
    const binary = new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])], { type: 'image/png' });
    const refused = await uploadFile(app, visitor, groupId, binary, 'cat.png');
    expect([refused.status, errorCode(refused)]).to.deep.equal([415, 'PL-U-02']);

    const text = responseOf(
      await uploadFile(app, visitor, groupId, new Blob(['just words, ünïcödé'], { type: 'image/png' }), 'words.png'),
    );
    expect(text.contentType).to.equal('text/plain');
    expect(text.thumbnailUrl).to.equal(undefined);
    const served = await fetch(fileUrl(app, text, visitor.token));
    expect(served.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    expect(served.headers.get('content-disposition')).to.match(/^attachment;/);
    expect(await served.text()).to.equal('just words, ünïcödé');
  });

  it('refuses a broken image, an empty file, and a request without a file part', async () => {
    const broken = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5])]);
    const a = await uploadFile(app, visitor, groupId, broken, 'broken.png');
    expect([a.status, errorCode(a)]).to.deep.equal([415, 'PL-U-02']);
    const b = await uploadFile(app, visitor, groupId, new Blob([]), 'empty.txt');
    expect([b.status, errorCode(b)]).to.deep.equal([400, 'PL-R-03']);
    const form = new FormData();
    form.append('note', 'no file here');
    const res = await fetch(`${app.url}/widget/v1/uploads?groupId=${groupId}`, {
      method: 'POST',
      headers: bearer(visitor),
      body: form,
    });
    expect([res.status, (await res.json()).errorResponse[0].errorCode]).to.deep.equal([400, 'PL-R-02']);
    expect((await usage(app)).partial).to.equal(0);
  });

  it('answers PL-U-03 for a cut-off multipart body and keeps nothing of it', async () => {
    const before = await usage(app);
    const body =
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a fi';
    const res = await fetch(`${app.url}/widget/v1/uploads?groupId=${groupId}`, {
      method: 'POST',
      headers: { ...bearer(visitor), 'Content-Type': 'multipart/form-data; boundary=XYZ' },
      body,
    });
    expect([res.status, (await res.json()).errorResponse[0].errorCode]).to.deep.equal([400, 'PL-U-03']);
    const after = await usage(app);
    expect(after.blobs).to.equal(before.blobs);
    expect(after.partial).to.equal(0);
  });

  it('removes the partial file when the visitor aborts an upload half-way', async () => {
    const before = await usage(app);
    const big = new Blob([new Uint8Array(64 * 1024 * 1024).fill(0x61)], { type: 'text/plain' });
    const form = new FormData();
    form.append('file', big, 'big.txt');
    const xhr = new XMLHttpRequest();
    const aborted = new Promise<number>((resolve) => {
      xhr.upload.onprogress = (e) => {
        if (e.loaded > 0 && e.loaded < e.total) {
          xhr.abort();
          resolve(e.loaded);
        }
      };
      xhr.onload = () => resolve(-1);
    });
    xhr.open('POST', `${app.url}/widget/v1/uploads?groupId=${groupId}`);
    xhr.setRequestHeader('Authorization', `Bearer ${visitor.token}`);
    xhr.send(form);
    expect(await aborted, 'the upload was cut off before it finished').to.be.greaterThan(0);
    await eventually(async () => (await usage(app)).partial === 0, 'the temp file is removed');
    expect((await usage(app)).blobs).to.equal(before.blobs);
  });

  it('refuses a file over maxAttachmentSize (413 PL-U-01) and a type the app does not accept (415 PL-U-02)', async () => {
    const small = await createTestApp({ chatWidget: { maxAttachmentSize: 0.05, allowedAttachmentTypes: ['image/*'] } });
    const v = await visitorSession(small);
    const g = (await newConversation(small, v)).groupId;
    const tooBig = await uploadFile(small, v, g, new Blob(['x'.repeat(60_000)], { type: 'text/plain' }), 'big.txt');
    expect([tooBig.status, errorCode(tooBig)]).to.deep.equal([413, 'PL-U-01']);
    const pdf = await uploadFile(
      small,
      v,
      g,
      new Blob(['%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n'], { type: 'application/pdf' }),
      'doc.pdf',
    );
    expect([pdf.status, errorCode(pdf)]).to.deep.equal([415, 'PL-U-02']);
    expect(responseOf(await uploadFile(small, v, g, await canvasPng(40, 30), 'ok.png')).contentType).to.equal(
      'image/png',
    );
    expect((await usage(small)).partial).to.equal(0);
  });

  it('refuses uploads when the app turned attachments off', async () => {
    const off = await createTestApp({ chatWidget: { attachment: false } });
    const v = await visitorSession(off);
    const g = (await newConversation(off, v)).groupId;
    const res = await uploadFile(off, v, g, new Blob(['hi']), 'a.txt');
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-S-03']);
  });

  describe('who may read a file', () => {
    let meta: FileMeta;
    before(async () => {
      meta = responseOf(await uploadFile(app, visitor, groupId, new Blob(['secret plans']), 'plans.txt'));
    });

    it('401 without credentials, 403 PL-S-02 for a visitor outside the conversation, 404 PL-U-04 for an unknown key', async () => {
      const anonymous = await request(`${app.url}${meta.url}`);
      expect([anonymous.status, errorCode(anonymous)]).to.deep.equal([401, 'PL-S-01']);
      const stranger = await visitorSession(app);
      const denied = await request(fileUrl(app, meta, stranger.token));
      expect([denied.status, errorCode(denied)]).to.deep.equal([403, 'PL-S-02']);
      const unknown = await request(`${app.url}/files/${'0'.repeat(32)}?token=${visitor.token}`);
      expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'PL-U-04']);
      const junk = await request(`${app.url}/files/..%2F..%2Fetc%2Fpasswd?token=${visitor.token}`);
      expect([junk.status, errorCode(junk)]).to.deep.equal([404, 'PL-U-04']);
      const noThumb = await request(
        fileUrl(app, { ...meta, thumbnailUrl: `${meta.url}/thumbnail` }, visitor.token, 'thumbnailUrl'),
      );
      expect([noThumb.status, errorCode(noThumb)]).to.deep.equal([404, 'PL-U-04']);
    });

    it('a key from another app gets nothing, even with a valid session there', async () => {
      const other = await createTestApp();
      const outsider = await visitorSession(other);
      const res = await request(fileUrl(app, meta, outsider.token));
      expect([res.status, errorCode(res)]).to.deep.equal([404, 'PL-U-04']);
    });

    it('serves the app’s Api-Key, a Bearer header and an agent session', async () => {
      const byKey = await fetch(`${app.url}${meta.url}`, { headers: { 'Api-Key': app.apiKey } });
      expect([byKey.status, await byKey.text()]).to.deep.equal([200, 'secret plans']);
      const byHeader = await fetch(`${app.url}${meta.url}`, { headers: bearer(visitor) });
      expect(byHeader.status).to.equal(200);
      const agent = await agentSession(app);
      expect((await fetch(fileUrl(app, meta, agent.token))).status).to.equal(200);
    });

    it('a visitor cannot upload into someone else’s conversation', async () => {
      const stranger = await visitorSession(app);
      const res = await uploadFile(app, stranger, groupId, new Blob(['hi']), 'a.txt');
      expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-S-02']);
    });
  });

  describe('attachment messages', () => {
    it('the visitor sends the uploaded file as contentType 1 and it is in the history', async () => {
      const meta = responseOf(await uploadFile(app, visitor, groupId, await canvasPng(50, 50), 'square.png'));
      const socket = await connect(app, { token: visitor.token });
      const ack = await sendOverSocket(socket, {
        key: uniqueKey('att'),
        groupId,
        message: '',
        contentType: 1,
        fileMeta: meta,
      });
      expect(ack.ok).to.equal(true);
      const stored = (await history(app, visitor, groupId)).find((m) => m.fileMeta?.blobKey === meta.blobKey);
      expect(stored).to.deep.include({ contentType: 1, type: 5 });
      expect(stored?.fileMeta).to.deep.equal(meta);
    });

    it('an agent uploads and sends through POST /rest/ws/message/send; the visitor gets it live and can open it', async () => {
      const agent = await agentSession(app);
      const meta = responseOf(await uploadFile(app, agent, groupId, new Blob(['Invoice #12']), 'invoice.txt'));
      const socket = await connect(app, { token: visitor.token });
      const pushed = record(socket, 'message');
      const key = uniqueKey('platform-att');
      const res = await request<Envelope<Message>>(`${app.url}/rest/ws/message/send`, {
        body: {
          type: 4,
          contentType: 1,
          message: 'Here is your invoice',
          groupId,
          metadata: { skipBot: true },
          key,
          fileMeta: meta,
        },
        headers: { 'Api-Key': app.apiKey, 'Of-User-Id': app.agentId },
      });
      expect(responseOf(res)).to.deep.include({ contentType: 1, key });
      await eventually(() => pushed.some((m) => m.key === key), 'the visitor receives the attachment message');
      const received = pushed.find((m) => m.key === key)!;
      expect(received.fileMeta).to.deep.equal(meta);
      const file = await fetch(fileUrl(app, received.fileMeta!, visitor.token));
      expect([file.status, await file.text()]).to.deep.equal([200, 'Invoice #12']);
    });
  });
});

describe('server: files and uploads follow who may see the conversation', () => {
  let app: TestApp;
  let amy: Teammate;
  let olive: Teammate;
  before(async () => {
    app = await createTestApp();
    amy = await addTeammate(app, 'Amy');
    olive = await addTeammate(app, 'Olive', 'operator');
  });

  /** A visitor's conversation assigned to Amy, and a photo the visitor uploaded into it. */
  async function amysConversationWithPhoto(): Promise<{ groupId: string; photo: FileMeta }> {
    const visitorId = `files-visitor-${uniqueKey()}`;
    const visitor = await visitorSession(app, { userId: visitorId });
    const { groupId } = await createConversation(app, {
      groupName: 'Amy’s',
      groupMemberList: [visitorId, amy.userId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: amy.userId },
    });
    return {
      groupId,
      photo: responseOf(await uploadFile(app, visitor, groupId, await canvasPng(40, 30), 'photo.png')),
    };
  }

  it('an operator reads and uploads files only in conversations assigned to them (or under "notify everybody")', async () => {
    const { groupId, photo } = await amysConversationWithPhoto();
    /** Status and error code of a file request (a file's body is not JSON). */
    const answer = async (res: Response) => [
      res.status,
      res.ok ? undefined : errorCode({ status: res.status, headers: res.headers, body: await res.json() }),
    ];
    for (const kind of ['url', 'thumbnailUrl'] as const) {
      expect(await answer(await fetch(fileUrl(app, photo, olive.session.token, kind))), kind).to.deep.equal([
        403,
        'PL-S-03',
      ]);
      expect((await fetch(fileUrl(app, photo, amy.session.token, kind))).status, kind).to.equal(200);
    }
    const byHeader = await fetch(`${app.url}${photo.url}`, { headers: bearer(olive.session) });
    expect(await answer(byHeader)).to.deep.equal([403, 'PL-S-03']);
    const before = await usage(app);
    const refused = await uploadFile(app, olive.session, groupId, new Blob(['not yours']), 'note.txt');
    expect([refused.status, errorCode(refused)]).to.deep.equal([403, 'PL-S-03']);
    expect(await usage(app)).to.deep.equal(before);

    // Once it is hers, she may.
    responseOf(await patchQuery(app, '/rest/ws/group/assignee/change', { groupId, assignee: olive.userId }));
    expect((await fetch(fileUrl(app, photo, olive.session.token))).status).to.equal(200);
    responseOf(await uploadFile(app, olive.session, groupId, new Blob(['mine now']), 'note.txt'));

    // Under "notify everybody" operators see every conversation, and so its files.
    const other = await amysConversationWithPhoto();
    await setRules(app, { conversationRules: { routing: 'notifyEverybody' } });
    try {
      expect((await fetch(fileUrl(app, other.photo, olive.session.token))).status).to.equal(200);
      responseOf(await uploadFile(app, olive.session, other.groupId, new Blob(['seen by all']), 'note.txt'));
    } finally {
      await setRules(app, { conversationRules: { routing: 'automatic' } });
    }
  });
});

describe('server: storage quota and unreferenced uploads', () => {
  // A server of this file's own: 64 KiB per app, unreferenced uploads removed after 4 s.
  let server: { url: string; adminKey: string };
  before(async () => {
    server = await ownServer('storage', { PARLEY_STORAGE_QUOTA: '64KB', PARLEY_UPLOAD_GRACE: '4s' });
  });
  after(async () => {
    await executeServerCommand('parley-server-stop', { server: 'storage' });
  });

  const text = (bytes: number) => new Blob(['q'.repeat(bytes)], { type: 'text/plain' });
  /** Asks the server, not the browser's cache (files are served with max-age). */
  const fresh = (url: string) => fetch(url, { cache: 'no-store' });

  /** Sends an uploaded file as a message (contentType 1): from then on a message refers to it. */
  async function send(app: TestApp, session: Session, groupId: string, meta: FileMeta): Promise<void> {
    responseOf(
      await request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
        body: { groupId, key: uniqueKey('file'), message: '', contentType: 1, fileMeta: meta },
        headers: bearer(session),
      }),
    );
  }

  async function visitorWithConversation(app: TestApp): Promise<{ visitor: Session; groupId: string }> {
    const visitor = await visitorSession(app);
    return { visitor, groupId: (await newConversation(app, visitor)).groupId };
  }

  it('refuses an upload that would take the app over its quota (507 PL-U-05) and keeps nothing of it', async () => {
    const app = await createTestApp(undefined, server);
    const { visitor, groupId } = await visitorWithConversation(app);
    await send(app, visitor, groupId, responseOf(await uploadFile(app, visitor, groupId, text(40_000), 'first.txt')));
    const before = await usage(app);
    const over = await uploadFile(app, visitor, groupId, text(30_000), 'second.txt');
    expect([over.status, errorCode(over)]).to.deep.equal([507, 'PL-U-05']);
    expect(over.body.status === 'error' && over.body.errorResponse[0]!.description).to.contain('65536 bytes');
    // A declared length that cannot fit is refused before it is read.
    const farOver = await uploadFile(app, visitor, groupId, text(300_000), 'huge.txt');
    expect([farOver.status, errorCode(farOver)]).to.deep.equal([507, 'PL-U-05']);
    expect(await usage(app)).to.deep.equal(before);
    // What fits is still taken, and another app's quota is its own.
    await send(app, visitor, groupId, responseOf(await uploadFile(app, visitor, groupId, text(20_000), 'fits.txt')));
    const other = await createTestApp(undefined, server);
    const elsewhere = await visitorWithConversation(other);
    responseOf(await uploadFile(other, elsewhere.visitor, elsewhere.groupId, text(40_000), 'theirs.txt'));
  });

  it('removes an upload no message refers to once its grace period is over, and keeps one that was sent', async () => {
    const app = await createTestApp(undefined, server);
    const { visitor, groupId } = await visitorWithConversation(app);
    const kept = responseOf(await uploadFile(app, visitor, groupId, await canvasPng(40, 30), 'kept.png'));
    await send(app, visitor, groupId, kept);
    const orphan = responseOf(await uploadFile(app, visitor, groupId, await canvasPng(40, 30), 'orphan.png'));
    // Within the grace period it stays: its message may still be on its way.
    expect((await fresh(fileUrl(app, orphan, visitor.token))).status).to.equal(200);
    await waitUntil(
      async () => (await fresh(fileUrl(app, orphan, visitor.token))).status === 404,
      'the unreferenced upload is removed',
      { timeout: 15000, interval: 250 },
    );
    expect((await fresh(fileUrl(app, orphan, visitor.token, 'thumbnailUrl'))).status).to.equal(404);
    for (const kind of ['url', 'thumbnailUrl'] as const)
      expect((await fresh(fileUrl(app, kept, visitor.token, kind))).status, kind).to.equal(200);
    expect((await usage(app)).partial).to.equal(0);
  });
});

describe('server: uploads kept in the database (PARLEY_UPLOAD_STORE=database)', () => {
  let server: { url: string; adminKey: string };
  before(async function () {
    this.timeout(180000);
    server = await ownServer('uploads-database', { PARLEY_UPLOAD_STORE: 'database' });
  });
  after(async () => {
    await executeServerCommand('parley-server-stop', { server: 'uploads-database' });
  });

  it('serves a PNG and its thumbnail, and a file of several parts, byte for byte', async () => {
    const app = await createTestApp({ chatWidget: { maxAttachmentSize: 10 } }, server);
    const visitor = await visitorSession(app);
    const { groupId } = await newConversation(app, visitor);
    const png = await canvasPng();
    const meta = responseOf(await uploadFile(app, visitor, groupId, png, 'in-db.png'));
    const file = await fetch(fileUrl(app, meta, visitor.token));
    expect([file.status, file.headers.get('content-length')]).to.deep.equal([200, String(png.size)]);
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(new Uint8Array(await png.arrayBuffer()));
    const thumb = await loadImage(fileUrl(app, meta, visitor.token, 'thumbnailUrl'));
    expect([thumb.naturalWidth, thumb.naturalHeight]).to.deep.equal([320, 240]);

    // 2.5 MiB of text: three parts of at most 1 MiB.
    const big = Array.from({ length: 2.5 * 1024 * 16 }, (_, i) => `${String(i).padStart(63, '.')}\n`).join('');
    const long = responseOf(await uploadFile(app, visitor, groupId, new Blob([big]), 'long.txt'));
    const served = await fetch(fileUrl(app, long, visitor.token));
    expect([served.status, (await served.text()) === big]).to.deep.equal([200, true]);
    expect((await usage(app)).partial).to.equal(0);
  });
});
