/**
 * Webhooks with two processes on one PostgreSQL database and one Redis (test/plugins/multi-process.mjs;
 * excluded from the embedded-database pass like the other multi-process tests): each event is
 * delivered once, and each unread or undelivered message reported once, whichever process
 * claims or sweeps it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { call } from './platform-support.js';
import { createTestApp, newConversation, responseOf, visitorSession } from './support.js';
import {
  closeReceiver,
  createEndpoint,
  deliveries,
  fromAgent,
  hooks,
  receiver,
  received,
  reported,
} from './webhook-support.js';
import type { LogEntry } from './webhook-support.js';

describe('webhooks with several processes', function () {
  this.timeout(120000);

  it('delivers each event once when two processes share the database', async () => {
    const { urls, adminKey } = (await executeServerCommand('parley-cluster', {
      server: 'webhooks',
      env: { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' },
    })) as { urls: [string, string]; adminKey: string };
    try {
      const a = await createTestApp(undefined, { url: urls[0], adminKey });
      const b = { ...a, url: urls[1] };
      const r = await receiver();
      const endpoint = responseOf(
        await createEndpoint(a, { url: `http://127.0.0.1:${r.port}/`, events: ['conversation.created'] }),
      );
      const created: string[] = [];
      for (let i = 0; i < 20; i++) {
        const on = i % 2 === 0 ? a : b;
        created.push((await newConversation(on, await visitorSession(on))).groupId);
      }
      let log: LogEntry[] = [];
      await waitUntil(
        async () => {
          log = responseOf(await call<LogEntry[]>(b, `${hooks(b)}/${endpoint.id}/deliveries`));
          return log.length === 20 && log.every((d) => d.status === 'done');
        },
        'every delivery is done',
        { timeout: 30000, interval: 200 },
      );
      const got = await received(r.id);
      const ids = got.map((x) => x.headers['parley-webhook-id']);
      expect(ids.length).to.equal(20);
      expect(new Set(ids).size).to.equal(20);
      expect(
        deliveries(got)
          .map((d) => (d.data['conversation'] as { groupId: string }).groupId)
          .sort(),
      ).to.deep.equal([...created].sort());
      expect(log.every((d) => d.attempts === 1)).to.equal(true);
      await executeServerCommand('webhook-receiver-close', { id: r.id });
    } finally {
      await executeServerCommand('parley-cluster-stop', { server: 'webhooks' });
    }
  });

  it('reports each message once when two processes sweep the same database', async () => {
    const { urls, adminKey } = (await executeServerCommand('parley-cluster', {
      server: 'webhook-watch',
      env: { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' },
    })) as { urls: [string, string]; adminKey: string };
    try {
      const a = await createTestApp(undefined, { url: urls[0], adminKey });
      const b = { ...a, url: urls[1] };
      const conv = await newConversation(a, await visitorSession(a));
      const r = await receiver();
      responseOf(
        await createEndpoint(a, {
          url: `http://127.0.0.1:${r.port}/`,
          events: ['message.undelivered'],
          undeliveredAfterSeconds: 1,
        }),
      );
      const texts = Array.from({ length: 12 }, (_, i) => `missed ${i + 1}`);
      for (const [i, text] of texts.entries()) await fromAgent(i % 2 === 0 ? a : b, conv.groupId, text);
      await waitUntil(
        async () => (await reported(r.id, conv.groupId)).includes('message.undelivered: missed 12'),
        'the newest is reported',
        { timeout: 30000, interval: 200 },
      );
      expect(await reported(r.id, conv.groupId)).to.deep.equal(texts.map((t) => `message.undelivered: ${t}`));
      await closeReceiver(r.id);
    } finally {
      await executeServerCommand('parley-cluster-stop', { server: 'webhook-watch' });
    }
  });
});
