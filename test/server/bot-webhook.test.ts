/**
 * Bots behind a URL, as an integrator sees them: a bot's webhook set and cleared through the
 * admin API; signed MESSAGE_RECEIVED posts to a local bot (test/plugins/bot-endpoint.mjs) whose
 * answers the test sets; the answer sent as the bot once per visitor message; hand-offs to a
 * human (asked for, to a team, after an error, a wrong answer or the time-out); 202 and a later
 * post through the Platform API; and the reply rule for bots after assignment.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import { addTeammate, agentSocket, call, conversationAsAgent, setRules } from './platform-support.js';
import {
  agentSession,
  bearer,
  createTestApp,
  errorCode,
  history,
  newConversation,
  ownServer,
  request,
  responseOf,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

interface BotRequest {
  headers: Record<string, string>;
  body: string;
}
interface Answer {
  status?: number;
  json?: unknown;
  body?: string;
  hang?: boolean;
}
interface BotView {
  botId: string;
  webhook: { url: string; timeoutMs: number; secret?: string; secretHint?: string } | null;
}

async function botEndpoint(answers: Record<string, Answer> = {}): Promise<{ id: string; port: number }> {
  return (await executeServerCommand('bot-endpoint', { answers })) as { id: string; port: number };
}
const requests = async (id: string) => (await executeServerCommand('bot-endpoint-requests', { id })) as BotRequest[];
const hookOf = (app: TestApp, botId = app.botId) => `/admin/v1/apps/${app.appId}/bots/${botId}/webhook`;
const setHook = (app: TestApp, body: Record<string, unknown>, botId = app.botId) =>
  call<BotView>(app, hookOf(app, botId), { method: 'PUT', body });

async function hmacHex(secret: string, text: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function say(app: TestApp, visitor: Session, groupId: string, message: string, key = uniqueKey()) {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message, key },
    headers: bearer(visitor),
  });
}

async function until<T>(fn: () => Promise<T | undefined | false>, what: string, timeout = 15000): Promise<T> {
  let found: T | undefined | false;
  await waitUntil(async () => Boolean((found = await fn())), what, { timeout, interval: 50 });
  return found as T;
}

const SUGGESTIONS = JSON.stringify([
  { title: 'Track my order', message: 'Where is my order?' },
  { title: 'Talk to a human', message: 'A human, please' },
]);

describe('server: bots behind a URL', function () {
  this.timeout(60000);
  let server: { url: string; adminKey: string };
  let app: TestApp;
  let visitor: Session;

  before(async () => {
    server = await ownServer('bot-webhook', { PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1' });
    app = await createTestApp(undefined, server);
    visitor = await visitorSession(app);
  });

  describe('managing a bot’s URL', () => {
    it('sets it with a secret made once, shows it in the bot’s detail without the secret, keeps the secret, clears it', async () => {
      const made = responseOf(await setHook(app, { url: 'https://bots.example.com/parley' }));
      expect(made.webhook!.secret).to.match(/^botsec_.{20,}/);
      expect(made.webhook!.timeoutMs).to.equal(10000);
      const detail = responseOf(await call<BotView>(app, `/admin/v1/apps/${app.appId}/bots/${app.botId}`));
      expect(detail.webhook!.url).to.equal('https://bots.example.com/parley');
      expect(detail.webhook).not.to.have.property('secret');
      expect(made.webhook!.secret!.startsWith(detail.webhook!.secretHint!.replace('…', ''))).to.equal(true);
      const listed = responseOf(await call<BotView[]>(app, `/admin/v1/apps/${app.appId}/bots`));
      expect(listed.map((b) => b.botId)).to.deep.equal([app.botId]);
      expect(JSON.stringify(listed)).not.to.contain(made.webhook!.secret);
      const changed = responseOf(await setHook(app, { url: 'https://bots.example.com/v2', timeoutMs: 2500 }));
      expect(changed.webhook).not.to.have.property('secret');
      expect(changed.webhook!.secretHint).to.equal(detail.webhook!.secretHint);
      expect(changed.webhook!.timeoutMs).to.equal(2500);
      expect(responseOf(await call(app, hookOf(app), { method: 'DELETE' }))).to.equal(true);
      expect((await call(app, hookOf(app), { method: 'DELETE' })).status).to.equal(404);
      const cleared = responseOf(await call<BotView>(app, `/admin/v1/apps/${app.appId}/bots/${app.botId}`));
      expect(cleared.webhook).to.equal(null);
    });

    it('refuses bad input, non-bots and callers without the permission in the documented error shape', async () => {
      for (const [body, code] of [
        [{}, 'PL-R-02'],
        [{ url: 'ftp://bots.example.com/' }, 'PL-R-03'],
        [{ url: 'http://10.0.0.8/bot' }, 'PL-R-03'],
        [{ url: 'https://bots.example.com/', secret: 'short' }, 'PL-R-03'],
        [{ url: 'https://bots.example.com/', timeoutMs: 999 }, 'PL-R-03'],
        [{ url: 'https://bots.example.com/', timeoutMs: 30001 }, 'PL-R-03'],
        [{ url: 'https://bots.example.com/', timeoutMs: '5000' }, 'PL-R-03'],
        [{ url: 'https://bots.example.com/', events: [] }, 'PL-R-04'],
      ] as const) {
        const res = await setHook(app, body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(errorCode(res), JSON.stringify(body)).to.equal(code);
      }
      expect(errorCode(await setHook(app, { url: 'https://bots.example.com/' }, app.agentId))).to.equal('AL-U-01');
      expect((await setHook(app, { url: 'https://bots.example.com/' }, 'ghost-bot')).status).to.equal(404);
      expect((await call(app, hookOf(app), { method: 'PUT', noKey: true, body: {} })).status).to.equal(401);
      // "Bot Integrations": EDIT for agents and up, no access for operators.
      const asRole = async (role: 'agent' | 'operator') =>
        call<BotView>(app, hookOf(app), {
          method: 'PUT',
          noKey: true,
          headers: bearer((await addTeammate(app, `Bo ${role}`, role)).session),
          body: { url: 'https://bots.example.com/by-staff' },
        });
      expect(responseOf(await asRole('agent')).webhook!.url).to.equal('https://bots.example.com/by-staff');
      const asOperator = await asRole('operator');
      expect(asOperator.status).to.equal(403);
      expect(errorCode(asOperator)).to.equal('PL-S-03');
      responseOf(await call(app, hookOf(app), { method: 'DELETE' }));
    });
  });

  describe('answering visitors', () => {
    let bot: { id: string; port: number };
    let secret: string;
    const use = (answers: Record<string, Answer>) => executeServerCommand('bot-endpoint-set', { id: bot.id, answers });
    const answersIn = async (groupId: string, n: number) =>
      until(async () => {
        const list = (await history(app, visitor, groupId)).filter((m) => m.fromUserName === app.botId);
        return list.length >= n && list;
      }, `${n} bot messages`);
    const assignedToHuman = (groupId: string) =>
      until(async () => {
        const c = responseOf(
          await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${groupId}`, {
            headers: bearer(visitor),
          }),
        );
        return c.assignee !== app.botId && c.assignee !== null && c;
      }, 'a human takes over');

    before(async () => {
      bot = await botEndpoint();
      secret = responseOf(await setHook(app, { url: `http://127.0.0.1:${bot.port}/bot`, timeoutMs: 1000 })).webhook!
        .secret!;
    });

    it('posts the visitor’s message signed, and sends the answer as the bot once, suggested replies included', async () => {
      await use({
        '*': {
          json: {
            messages: [
              { message: 'Hi! I am the order bot.' },
              { message: 'Pick one:', metadata: { contentType: '300', templateId: '6', payload: SUGGESTIONS } },
            ],
          },
        },
      });
      const conv = await newConversation(app, visitor, { metadata: { plan: 'gold' } });
      const key = uniqueKey();
      const sent = responseOf(await say(app, visitor, conv.groupId, 'hello bot', key));
      const [first, second] = await answersIn(conv.groupId, 2);
      expect(first!.message).to.equal('Hi! I am the order bot.');
      expect(first!.key).to.equal(`${app.botId}:reply:${sent.id}`);
      expect(second!.metadata).to.include({ contentType: '300', templateId: '6', payload: SUGGESTIONS });
      const [req] = (await requests(bot.id)).filter((r) => r.body.includes(key));
      const body = JSON.parse(req!.body);
      expect(body).to.deep.include({ eventName: 'MESSAGE_RECEIVED', appId: app.appId, botId: app.botId });
      expect(body.conversation).to.include({ groupId: conv.groupId, status: 0, assignee: app.botId });
      expect(body.conversation.metadata).to.include({ plan: 'gold' });
      expect(body.message).to.include({ key, message: 'hello bot', contentType: 0, fromUserName: visitor.userId });
      expect(body.message.createdAtTime).to.equal(sent.createdAtTime);
      expect(body.user).to.include({ userId: visitor.userId });
      expect(Object.keys(body.user)).to.have.members(['userId', 'userName', 'email', 'locale']);
      expect(req!.headers['parley-webhook-id']).to.equal(`${app.botId}:reply:${sent.id}`);
      const timestamp = req!.headers['parley-webhook-timestamp']!;
      expect(req!.headers['parley-signature']).to.equal(`v1=${await hmacHex(secret, `${timestamp}.${req!.body}`)}`);
      // A repeat of the visitor's message is the same message: no second call, no second answer.
      expect(responseOf(await say(app, visitor, conv.groupId, 'hello bot', key)).id).to.equal(sent.id);
      responseOf(await say(app, visitor, conv.groupId, 'and another thing'));
      await answersIn(conv.groupId, 4);
      expect((await requests(bot.id)).filter((r) => r.body.includes(key))).to.have.length(1);
      expect((await history(app, visitor, conv.groupId)).filter((m) => m.fromUserName === app.botId)).to.have.length(4);
    });

    it('hands over to a human when the bot says so, with a notice the visitor sees', async () => {
      await use({ '*': { json: { messages: [{ message: 'Let me get someone.' }], handoff: true } } });
      const conv = await newConversation(app, visitor);
      responseOf(await say(app, visitor, conv.groupId, 'I need help'));
      const c = await assignedToHuman(conv.groupId);
      expect(c.assignee).to.equal(app.agentId);
      const all = await until(async () => {
        const list = await history(app, visitor, conv.groupId);
        return list.some((m) => m.contentType === 10) && list;
      }, 'the notice');
      expect(all.map((m) => m.message)).to.include('Let me get someone.');
    });

    it('hands over to the team the bot names', async () => {
      const ann = await addTeammate(app, 'Ann');
      const bea = await addTeammate(app, 'Bea');
      const sockets = [await agentSocket(app, ann.session), await agentSocket(app, bea.session)];
      await setRules(app, {
        conversationRules: { teams: [{ teamId: 'billing', name: 'Billing', agentIds: [bea.userId] }] },
      });
      await use({ '*': { json: { messages: [], handoff: { teamId: 'billing' } } } });
      const conv = await newConversation(app, visitor);
      responseOf(await say(app, visitor, conv.groupId, 'a question about my invoice'));
      const c = await assignedToHuman(conv.groupId);
      expect(c.assignee).to.equal(bea.userId);
      const staff = await conversationAsAgent(app, await agentSession(app), conv.groupId);
      expect(staff.metadata).to.include({ teamId: 'billing' });
      sockets.forEach((s) => s.close());
      await setRules(app, { conversationRules: { teams: [] } });
    });

    for (const [name, answer] of [
      ['an error (500)', { status: 500, json: { error: 'down' } }],
      ['a body that is not JSON', { body: 'hello there' }],
      ['an answer of the wrong shape', { json: { messages: [{ text: 'hi' }] } }],
      ['no answer within the bot’s time-out', { hang: true }],
    ] as const) {
      it(`hands over to a human after ${name}, without a bot message`, async () => {
        await use({ '*': answer });
        const conv = await newConversation(app, visitor);
        responseOf(await say(app, visitor, conv.groupId, `testing ${name}`));
        await assignedToHuman(conv.groupId);
        const list = await history(app, visitor, conv.groupId);
        expect(list.filter((m) => m.fromUserName === app.botId)).to.deep.equal([]);
      });
    }

    it('answers 202 and posts later through the Platform API as the bot (Api-Key, fromUserName)', async () => {
      await use({ '*': { status: 202 } });
      const conv = await newConversation(app, visitor);
      const sent = responseOf(await say(app, visitor, conv.groupId, 'take your time'));
      const req = await until(
        async () => (await requests(bot.id)).find((r) => r.body.includes('take your time')),
        'the bot is asked',
      );
      const id = req.headers['parley-webhook-id']!;
      const later = await call<Message>(app, '/rest/ws/message/v2/send', {
        body: { groupId: conv.groupId, message: 'Here you go.', fromUserName: app.botId, key: id },
      });
      expect(responseOf(later).fromUserName).to.equal(app.botId);
      expect(id).to.equal(`${app.botId}:reply:${sent.id}`);
      const list = await answersIn(conv.groupId, 1);
      expect(list.map((m) => m.message)).to.deep.equal(['Here you go.']);
      const c = responseOf(
        await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${conv.groupId}`, {
          headers: bearer(visitor),
        }),
      );
      expect(c.assignee, 'no hand-off').to.equal(app.botId);
    });

    it('answers after assignment only with the reply rule on', async () => {
      await use({ '*': { json: { messages: [{ message: 'Bot still here.' }] } } });
      const conv = await newConversation(app, visitor);
      const agent = await addTeammate(app, 'Cy');
      responseOf(
        await call(app, `/rest/ws/group/assignee/change?groupId=${conv.groupId}&assignee=${agent.userId}`, {
          method: 'PATCH',
        }),
      );
      responseOf(await say(app, visitor, conv.groupId, 'first, rule off'));
      const bad = await call(app, `/admin/v1/apps/${app.appId}/rules`, {
        method: 'PATCH',
        body: { conversationRules: { botsReplyAfterAssignment: 'yes' } },
      });
      expect(errorCode(bad)).to.equal('PL-R-03');
      await setRules(app, { conversationRules: { botsReplyAfterAssignment: true } });
      responseOf(await say(app, visitor, conv.groupId, 'second, rule on'));
      const [answer] = await answersIn(conv.groupId, 1);
      expect(answer!.message).to.equal('Bot still here.');
      const asked = (await requests(bot.id)).map((r) => JSON.parse(r.body).message.message);
      expect(asked).to.include('second, rule on').and.not.include('first, rule off');
      const c = await conversationAsAgent(app, agent.session, conv.groupId);
      expect(c.assignee).to.equal(agent.userId);
      await setRules(app, { conversationRules: { botsReplyAfterAssignment: false } });
    });

    it('leaves bots without a URL to the demo bot', async () => {
      responseOf(await call(app, hookOf(app), { method: 'DELETE' }));
      const conv = await newConversation(app, visitor);
      responseOf(await say(app, visitor, conv.groupId, 'hello'));
      const [reply] = await answersIn(conv.groupId, 1);
      expect(reply!.message).to.contain("I'm Parley Bot");
    });
  });
});
