/**
 * The mail outbox with two processes on one PostgreSQL database (test/plugins/multi-process.mjs):
 * both run a worker, and each mail is claimed by one of them and arrives once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Session } from '../../src/core/protocol.js';
import { adminSession, bearerOf } from './platform-support.js';
import { command, startCluster } from './postgres-support.js';
import { newConversation, request, responseOf, uniqueKey, visitorSession } from './support.js';
import type { Envelope, TestApp } from './support.js';

interface Mail {
  to: string[];
  subject: string;
}

describe('mail with several processes', function () {
  this.timeout(120000);
  let receiver: { id: string; port: number };
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    receiver = (await executeServerCommand('smtp-receiver', {})) as { id: string; port: number };
    ({ a, b } = await startCluster('mail', { SMTP_URL: `smtp://127.0.0.1:${receiver.port}` }));
  });
  after(async () => {
    await command('parley-cluster-stop', { server: 'mail' });
    await executeServerCommand('smtp-receiver-close', { id: receiver.id });
  });

  it('sends each queued mail once, whichever process claims it', async () => {
    const staff: [TestApp, Session][] = [
      [a, await adminSession(a)],
      [b, await adminSession(b)],
    ];
    const recipients: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [on, admin] = staff[i % 2]!;
      const email = `${uniqueKey('many')}@example.test`;
      recipients.push(email);
      const visitor = await visitorSession(on, { userId: uniqueKey('known'), email });
      const conv = await newConversation(on, visitor);
      responseOf(
        await request<Envelope<unknown>>(`${on.url}/agent/v1/conversations/${conv.groupId}/transcript`, {
          body: { to: ['visitor'] },
          headers: bearerOf(admin),
        }),
      );
    }
    let got: Mail[] = [];
    await waitUntil(
      async () => {
        got = ((await executeServerCommand('smtp-received', { id: receiver.id })) as Mail[]).filter((m) =>
          recipients.includes(m.to[0] ?? ''),
        );
        return got.length >= recipients.length;
      },
      'every transcript arrives',
      { timeout: 30000, interval: 200 },
    );
    expect(got.map((m) => m.to[0]).sort()).to.deep.equal([...recipients].sort());
    const outbox = responseOf(
      await request<Envelope<{ status: string; attempts: number }[]>>(`${b.url}/agent/v1/mail`, {
        headers: bearerOf(staff[1]![1]),
      }),
    );
    expect(outbox).to.have.length(12);
    expect(outbox.every((m) => m.status === 'sent' && m.attempts === 1)).to.equal(true);
  });
});
