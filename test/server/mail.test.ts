/**
 * E-mail as its recipients see it: chat transcripts sent on resolve and by hand through an SMTP
 * server the test starts (test/plugins/smtp-receiver.mjs), retries after the SMTP server refused,
 * one mail across a restart mid-retry, and `.eml` files when the server has no SMTP server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Session } from '../../src/core/protocol.js';
import { adminSession, bearerOf, call, patchQuery, setRules } from './platform-support.js';
import {
  bearer,
  createTestApp,
  errorCode,
  newConversation,
  ownServer,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

interface Mail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string | null;
  html: string | null;
}
interface OutboxEntry {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  file: string | null;
}

const received = async (id: string) => (await executeServerCommand('smtp-received', { id })) as Mail[];
const attempts = async (id: string) => (await executeServerCommand('smtp-attempts', { id })) as number;
const WAIT = { timeout: 20000, interval: 100 };

/** The mails `to` got so far. */
async function mailsTo(receiverId: string, to: string): Promise<Mail[]> {
  return (await received(receiverId)).filter((m) => m.to.includes(to));
}

async function outbox(app: TestApp, admin: Session): Promise<OutboxEntry[]> {
  return responseOf(await request<Envelope<OutboxEntry[]>>(`${app.url}/agent/v1/mail`, { headers: bearerOf(admin) }));
}

function sendTranscript(app: TestApp, by: Session, groupId: string, to: unknown) {
  return request<Envelope<{ to: string; result: string }[]>>(
    `${app.url}/agent/v1/conversations/${groupId}/transcript`,
    {
      body: { to },
      headers: bearerOf(by),
    },
  );
}

/** A visitor with a known e-mail (and `locale`), in a conversation with a few messages of each kind. */
async function chatWithMessages(app: TestApp, locale = 'en') {
  const email = `${uniqueKey('visitor')}@example.test`;
  const visitor = await visitorSession(app, { userId: uniqueKey('known'), userName: 'Vera Visitor', email, locale });
  const conv = await newConversation(app, visitor);
  responseOf(
    await request(`${app.url}/widget/v1/messages`, {
      body: { groupId: conv.groupId, message: 'Is <b>this</b> escaped? & so on', key: uniqueKey() },
      headers: bearer(visitor),
    }),
  );
  responseOf(
    await call(app, '/rest/ws/message/v2/send', {
      body: {
        groupId: conv.groupId,
        message: 'Do you want more updates?',
        fromUserName: app.agentId,
        metadata: {
          contentType: '300',
          templateId: '6',
          skipBot: true,
          payload: '[{"title":"Yes please","message":"yes"},{"title":"No thanks","message":"no"}]',
        },
      },
    }),
  );
  responseOf(
    await call(app, '/rest/ws/message/v2/send', {
      body: { groupId: conv.groupId, message: 'https://example.com/help', contentType: 6, fromUserName: app.agentId },
    }),
  );
  return { email, visitor, conv };
}

describe('mail', function () {
  // Starting a server of its own (and restarting it) can outlast a test's 20 s on a busy machine.
  this.timeout(90000);
  let receiver: { id: string; port: number };
  let server: { url: string; adminKey: string };

  before(async () => {
    receiver = (await executeServerCommand('smtp-receiver', {})) as { id: string; port: number };
    server = await ownServer('mail', {
      SMTP_URL: `smtp://parley:secret-pass@127.0.0.1:${receiver.port}`,
      PARLEY_MAIL_FROM: 'chat@support.test',
    });
  });

  after(async () => {
    await executeServerCommand('smtp-receiver-close', { id: receiver.id });
  });

  it('mails the transcript once to the visitor and the company when a conversation is resolved', async () => {
    const app = await createTestApp({ chatWidget: { title: 'Acme Support', primaryColor: '#112233' } }, server);
    const admin = await adminSession(app);
    const company = `${uniqueKey('company')}@acme.test`;
    await setRules(app, { chatTranscript: { toCompany: true, companyEmail: company, toVisitor: true } });
    const { email, conv } = await chatWithMessages(app, 'ar');

    responseOf(await patchQuery(app, '/rest/ws/group/status/change', { groupId: conv.groupId, status: '2' }));
    // Resolved again: the same transcript is not queued a second time.
    await patchQuery(app, '/rest/ws/group/status/change', { groupId: conv.groupId, status: '2' });

    await waitUntil(
      async () => (await mailsTo(receiver.id, email)).length > 0,
      'the visitor gets the transcript',
      WAIT,
    );
    await waitUntil(async () => (await mailsTo(receiver.id, company)).length > 0, 'the company gets it', WAIT);
    const [toVisitor] = await mailsTo(receiver.id, email);
    const [toCompany] = await mailsTo(receiver.id, company);

    // The visitor's mail is in their language (Arabic), the company's in English.
    expect(toVisitor!.subject).to.equal('نص محادثتك مع Acme Support');
    expect(toVisitor!.headers['from']).to.equal('Acme Support <chat@support.test>');
    expect(toVisitor!.text).to.include('Is <b>this</b> escaped? & so on');
    expect(toVisitor!.text).to.include('Yes please');
    expect(toVisitor!.text).to.include('https://example.com/help');
    expect(toVisitor!.html).to.include('Is &lt;b&gt;this&lt;/b&gt; escaped? &amp; so on');
    expect(toVisitor!.html).not.to.include('<b>this</b>');
    expect(toVisitor!.html).to.include('dir="rtl"');
    expect(toVisitor!.html).to.include('#112233');
    expect(toCompany!.subject).to.equal('Chat transcript: Vera Visitor with Acme Support');
    expect(toCompany!.text).to.include('Here is the transcript of the conversation with Acme Support.');
    expect(toCompany!.text).to.include('Vera Visitor:');

    const list = await outbox(app, admin);
    expect(list.map((m) => m.recipient).sort()).to.deep.equal([company, email].sort());
    expect(list.every((m) => m.status === 'sent' && m.kind === 'transcript')).to.equal(true);
    expect(await mailsTo(receiver.id, email)).to.have.length(1);
    expect(await mailsTo(receiver.id, company)).to.have.length(1);
  });

  it('sends a transcript by hand from the conversation, once per transcript', async () => {
    const app = await createTestApp({ chatWidget: { title: 'Acme Support' } }, server);
    const admin = await adminSession(app);
    const { email, conv } = await chatWithMessages(app);

    const first = responseOf(await sendTranscript(app, admin, conv.groupId, ['visitor', 'company']));
    expect(first).to.deep.equal([
      { to: 'visitor', result: 'queued' },
      { to: 'company', result: 'no-address' },
    ]);
    const again = responseOf(await sendTranscript(app, admin, conv.groupId, ['visitor']));
    expect(again).to.deep.equal([{ to: 'visitor', result: 'duplicate' }]);

    await waitUntil(async () => (await mailsTo(receiver.id, email)).length > 0, 'the transcript arrives', WAIT);
    const [mail] = await mailsTo(receiver.id, email);
    expect(mail!.subject).to.equal('Transcript of your conversation with Acme Support');
    expect(mail!.text).to.include('You:');
    expect(mail!.text).to.include('Do you want more updates?');
    expect(mail!.html).to.include('<a href="https://example.com/help">');

    const bad = await sendTranscript(app, admin, conv.groupId, ['nobody']);
    expect(bad.status).to.equal(400);
    expect(errorCode(bad)).to.equal('PL-R-03');
  });

  it('tries again after the SMTP server refused, and sends the mail once', async () => {
    const app = await createTestApp(undefined, server);
    const admin = await adminSession(app);
    const { email, conv } = await chatWithMessages(app);
    await executeServerCommand('smtp-fail-next', { id: receiver.id, count: 2 });
    const before = await attempts(receiver.id);

    responseOf(await sendTranscript(app, admin, conv.groupId, ['visitor']));
    await waitUntil(async () => (await mailsTo(receiver.id, email)).length > 0, 'the third attempt arrives', WAIT);
    expect(await attempts(receiver.id)).to.be.at.least(before + 3);
    const [entry] = await outbox(app, admin);
    expect(entry).to.include({ status: 'sent', attempts: 3, recipient: email });
    expect(await mailsTo(receiver.id, email)).to.have.length(1);
  });

  it('sends a mail once when the server restarts between two attempts', async () => {
    const app = await createTestApp(undefined, server);
    const admin = await adminSession(app);
    const { email, conv } = await chatWithMessages(app);
    await executeServerCommand('smtp-fail-next', { id: receiver.id, count: 1 });
    const before = await attempts(receiver.id);

    responseOf(await sendTranscript(app, admin, conv.groupId, ['visitor']));
    await waitUntil(async () => (await attempts(receiver.id)) > before, 'the first attempt is refused', WAIT);
    await executeServerCommand('parley-server-stop', { server: 'mail' });
    await executeServerCommand('parley-server-start', { server: 'mail' });
    await waitUntil(async () => (await mailsTo(receiver.id, email)).length > 0, 'the retry arrives', WAIT);

    const list = await outbox(app, await adminSession(app));
    expect(list).to.have.length(1);
    expect(list[0]).to.include({ status: 'sent', attempts: 2 });
    expect(await mailsTo(receiver.id, email)).to.have.length(1);
  });
});

describe('mail without an SMTP server', function () {
  this.timeout(90000);
  it('writes each mail as an .eml file the staff app lists', async () => {
    const app = await createTestApp({ chatWidget: { title: 'Files Inc' } }, await ownServer('mail-files'));
    const admin = await adminSession(app);
    const { email, conv } = await chatWithMessages(app);
    responseOf(await sendTranscript(app, admin, conv.groupId, ['visitor']));

    let entry: OutboxEntry | undefined;
    await waitUntil(
      async () => {
        [entry] = await outbox(app, admin);
        return entry?.status === 'sent';
      },
      'the mail is written',
      WAIT,
    );
    expect(entry).to.include({ recipient: email, subject: 'Transcript of your conversation with Files Inc' });
    expect(entry!.file).to.match(/^mail-\d+\.eml$/);

    const res = await fetch(`${app.url}/agent/v1/mail/${entry!.file}`, { headers: bearerOf(admin) });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('message/rfc822');
    const mail = (await executeServerCommand('mail-parse', { source: await res.text() })) as Mail;
    expect(mail.headers['to']).to.equal(email);
    expect(mail.subject).to.equal('Transcript of your conversation with Files Inc');
    expect(mail.text).to.include('Is <b>this</b> escaped? & so on');
    expect(mail.html).to.include('Files Inc');

    // Another app's staff cannot read it.
    const other = await createTestApp(undefined, await ownServer('mail-files'));
    const stranger = await fetch(`${app.url}/agent/v1/mail/${entry!.file}`, {
      headers: bearerOf(await adminSession(other)),
    });
    expect(stranger.status).to.equal(404);
  });
});
