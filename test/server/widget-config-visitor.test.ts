/**
 * What the fetched configuration means for one visitor, against the live server: the pseudonym
 * in the settings, the welcome/away message endpoint (anonymous vs known visitors, agents online,
 * office hours), the CSAT rating, the visitor's own details, and single-threaded conversations.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AwayMessageResponse, Conversation, Session } from '../../src/core/protocol.js';
import type { ResolvedSettings } from '../../demo/server/src/settings.js';
import {
  agentSession,
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  liveServer,
  newConversation,
  record,
  request,
  responseOf,
  sendOverSocket,
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

before(async function () {
  this.timeout(120000);
  for (let attempt = 1; ; attempt++) {
    try {
      await executeServerCommand('parley-server');
      break;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
  await liveServer();
});

afterEach(() => closeSockets());

async function settingsFor(app: TestApp, session?: Session): Promise<ResolvedSettings> {
  const res = await request<{ code: string; response: ResolvedSettings }>(
    `${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`,
    { headers: session ? bearer(session) : {} },
  );
  expect(res.status).to.equal(200);
  return res.body.response;
}

function away(app: TestApp, session?: Session, query = ''): Promise<JsonResponse<AwayMessageResponse>> {
  return request<AwayMessageResponse>(`${app.url}/applications/${app.appId}/awaymessage${query}`, {
    headers: session ? bearer(session) : {},
  });
}

/** Resolves (status 2) a conversation through the Platform API, as an agent's integration would. */
async function resolve(app: TestApp, groupId: string): Promise<void> {
  const res = await request(`${app.url}/rest/ws/group/status/change?groupId=${groupId}&status=2`, {
    method: 'PATCH',
    headers: { 'Api-Key': app.apiKey },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

function rate(
  app: TestApp,
  session: Session,
  groupId: string,
  body: unknown,
): Promise<JsonResponse<Envelope<Conversation>>> {
  return request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${groupId}/rating`, {
    body,
    headers: bearer(session),
  });
}

function updateUser(app: TestApp, session: Session, body: unknown): Promise<JsonResponse<Envelope<Session>>> {
  return request<Envelope<Session>>(`${app.url}/widget/v1/user`, { body, headers: bearer(session) });
}

describe('server: settings for the asking visitor', () => {
  it("carries an anonymous visitor's pseudonym in userName when the token is given", async () => {
    const app = await createTestApp();
    const anonymous = await visitorSession(app);
    expect((await settingsFor(app, anonymous)).userName).to.equal(anonymous.userName);
    expect(anonymous.userName).to.match(/^[A-Z][a-z]+ [A-Z][a-z]+/);
    expect((await settingsFor(app)).userName).to.equal(undefined);
    const known = await visitorSession(app, { userId: 'known-1', userName: 'Grace' });
    expect((await settingsFor(app, known)).userName).to.equal(undefined);
    // A stale token is no reason to withhold the settings.
    const stale = await request(`${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`, {
      headers: { Authorization: 'Bearer stale' },
    });
    expect(stale.status).to.equal(200);
  });

  it('gives no pseudonym when pseudonyms are off', async () => {
    const app = await createTestApp({ chatWidget: { pseudonymsEnabled: false } });
    const anonymous = await visitorSession(app);
    expect(anonymous.userName).to.equal(anonymous.userId);
    expect((await settingsFor(app, anonymous)).userName).to.equal(undefined);
  });
});

describe('server: welcome and away message endpoint', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp({
      welcomeMessage: { enabled: true, message: 'Hi, how can we help?', collectEmail: true },
      awayMessage: {
        anonymous: 'We are away. Leave your e-mail?',
        known: 'We are away; we will e-mail you.',
        collectEmail: true,
      },
    });
  });

  it('is away (SUCCESS) with the anonymous message when no agent is online and no token is given', async () => {
    const res = await away(app);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      code: 'SUCCESS',
      data: {
        messageList: [{ message: 'We are away. Leave your e-mail?', eventId: 1 }],
        collectEmailOnAwayMessage: true,
        collectEmailOnWelcomeMessage: true,
        welcomeMessageEnabled: true,
        anonymousUser: true,
      },
    });
  });

  it("answers the known visitors' message (eventId 2) for a site-identified visitor", async () => {
    const known = await visitorSession(app, { userId: 'customer-7' });
    const res = await away(app, known);
    expect(res.body.data.messageList).to.deep.equal([{ message: 'We are away; we will e-mail you.', eventId: 2 }]);
    expect(res.body.data.anonymousUser).to.equal(false);
  });

  it('treats an anonymous visitor who gave an e-mail as known', async () => {
    const visitor = await visitorSession(app);
    expect((await away(app, visitor)).body.data.anonymousUser).to.equal(true);
    responseOf(await updateUser(app, visitor, { email: 'sea@example.com' }));
    const res = await away(app, visitor);
    expect(res.body.data).to.deep.include({ anonymousUser: false });
    expect(res.body.data.messageList[0]!.eventId).to.equal(2);
  });

  it('answers AGENTS_ONLINE with the welcome message while an agent is connected, away again when they leave', async () => {
    const agentSocket = await connect(app, { token: (await agentSession(app)).token });
    const online = await away(app);
    expect(online.body.code).to.equal('AGENTS_ONLINE');
    expect(online.body.data.messageList).to.deep.equal([{ message: 'Hi, how can we help?', eventId: 3 }]);
    agentSocket.close();
    await eventually(async () => (await away(app)).body.code === 'SUCCESS', 'away once the agent has gone');
  });

  it("is away outside office hours even with an agent online, with the team's message", async () => {
    // A team with no open day is always closed.
    const closedApp = await createTestApp({
      awayMessage: { anonymous: 'App away message' },
      officeHours: [
        {
          teamId: 'closed',
          teamName: 'Closed',
          timezone: 'UTC',
          businessHourMap: {},
          message: 'Closed for the holidays.',
        },
        {
          teamId: 'always',
          teamName: 'Always',
          timezone: 'Asia/Kolkata',
          businessHourMap: {
            0: '0000-0000',
            1: '0000-0000',
            2: '0000-0000',
            3: '0000-0000',
            4: '0000-0000',
            5: '0000-0000',
            6: '0000-0000',
          },
          message: '',
        },
      ],
    });
    await connect(closedApp, { token: (await agentSession(closedApp)).token });
    const closed = await away(closedApp);
    expect(closed.body.code).to.equal('SUCCESS');
    expect(closed.body.data.messageList).to.deep.equal([{ message: 'Closed for the holidays.', eventId: 1 }]);
    expect((await away(closedApp, undefined, '?teamId=always')).body.code).to.equal('AGENTS_ONLINE');
    // The settings carry the office hours, so the widget needs no second fetch for them.
    expect((await settingsFor(closedApp)).officeHours.map((t) => t.teamId)).to.deep.equal(['closed', 'always']);
  });

  it('refuses a bad token (401 PL-S-01), an unknown app (404) and a disabled widget (403 PL-W-01)', async () => {
    const bad = await request(`${app.url}/applications/${app.appId}/awaymessage`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect([bad.status, errorCode(bad)]).to.deep.equal([401, 'PL-S-01']);
    const unknown = await request(`${app.url}/applications/no-such-app/awaymessage`);
    expect([unknown.status, errorCode(unknown)]).to.deep.equal([404, 'PL-A-01']);
    const disabled = await createTestApp({ chatWidget: { disableChatWidget: true } });
    const res = await request(`${app.url}/applications/${disabled.appId}/awaymessage`);
    expect([res.status, errorCode(res)]).to.deep.equal([403, 'PL-W-01']);
  });
});

describe('server: CSAT rating', () => {
  let app: TestApp;
  let visitor: Session;
  before(async () => {
    app = await createTestApp({ collectFeedback: true });
    visitor = await visitorSession(app);
  });

  it('rates a resolved conversation once (1/5/10), pushes it, and refuses a second rating', async () => {
    const conversation = await newConversation(app, visitor);
    const early = await rate(app, visitor, conversation.groupId, { rating: 10 });
    expect([early.status, errorCode(early)]).to.deep.equal([409, 'PL-C-03']);

    await resolve(app, conversation.groupId);
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'conversation');
    const wrong = await rate(app, visitor, conversation.groupId, { rating: 4 });
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([400, 'PL-R-03']);

    const rated = responseOf(
      await rate(app, visitor, conversation.groupId, { rating: 5, comment: '  Quick and kind.  ' }),
    );
    expect(rated.rating).to.deep.include({ rating: 5, comment: 'Quick and kind.' });
    expect(rated.status).to.equal(2);
    await eventually(
      () => pushed.some((c) => c.groupId === conversation.groupId && c.rating?.rating === 5),
      'the rated conversation is pushed',
    );

    const again = await rate(app, visitor, conversation.groupId, { rating: 10 });
    expect([again.status, errorCode(again)]).to.deep.equal([409, 'PL-C-02']);
    const list = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) }),
    );
    expect(list.find((c) => c.groupId === conversation.groupId)?.rating?.rating).to.equal(5);
  });

  it('takes 1–5 stars when csatRatingBase is 5', async () => {
    const stars = await createTestApp({ collectFeedback: true, chatWidget: { csatRatingBase: 5 } });
    const v = await visitorSession(stars);
    const c = await newConversation(stars, v);
    await resolve(stars, c.groupId);
    const ten = await rate(stars, v, c.groupId, { rating: 10 });
    expect([ten.status, errorCode(ten)]).to.deep.equal([400, 'PL-R-03']);
    expect(responseOf(await rate(stars, v, c.groupId, { rating: 4 })).rating?.rating).to.equal(4);
  });

  it('refuses strangers, missing ratings, agents, and apps that do not collect feedback', async () => {
    const conversation = await newConversation(app, visitor);
    await resolve(app, conversation.groupId);
    const stranger = await visitorSession(app);
    const notMine = await rate(app, stranger, conversation.groupId, { rating: 1 });
    expect([notMine.status, errorCode(notMine)]).to.deep.equal([403, 'PL-S-02']);
    const missing = await rate(app, visitor, conversation.groupId, {});
    expect([missing.status, errorCode(missing)]).to.deep.equal([400, 'PL-R-02']);
    const agent = await rate(app, await agentSession(app), conversation.groupId, { rating: 1 });
    expect([agent.status, errorCode(agent)]).to.deep.equal([403, 'PL-S-03']);

    const quiet = await createTestApp();
    const v = await visitorSession(quiet);
    const c = await newConversation(quiet, v);
    await resolve(quiet, c.groupId);
    const off = await rate(quiet, v, c.groupId, { rating: 10 });
    expect([off.status, errorCode(off)]).to.deep.equal([403, 'PL-S-03']);
  });
});

describe('server: visitor details from the widget', () => {
  it('stores a valid e-mail, name, phone and metadata and answers the session', async () => {
    const app = await createTestApp();
    const visitor = await visitorSession(app);
    const socket = await connect(app, { token: visitor.token });
    const users = record(socket, 'user');
    const updated = responseOf(
      await updateUser(app, visitor, {
        email: ' lead@example.com ',
        displayName: 'Lena',
        contactNumber: '+49 30 1234567',
        metadata: { plan: 'Pro' },
      }),
    );
    expect(updated).to.deep.include({
      userId: visitor.userId,
      token: visitor.token,
      email: 'lead@example.com',
      userName: 'Lena',
      anonymous: true,
    });
    await eventually(
      () => users.some((u) => u.userId === visitor.userId && u.userName === 'Lena'),
      'the new name is pushed',
    );
    // The session resumes with the new details.
    expect(await visitorSession(app, { token: visitor.token })).to.deep.include({
      email: 'lead@example.com',
      userName: 'Lena',
    });
  });

  it('refuses a malformed e-mail or phone number with PL-R-03, and agents', async () => {
    const app = await createTestApp();
    const visitor = await visitorSession(app);
    for (const body of [{ email: 'not-an-email' }, { email: 'a@b' }, { email: 42 }, { contactNumber: 'call me' }]) {
      const res = await updateUser(app, visitor, body);
      expect([res.status, errorCode(res)], JSON.stringify(body)).to.deep.equal([400, 'PL-R-03']);
    }
    const agent = await updateUser(app, await agentSession(app), { email: 'x@example.com' });
    expect([agent.status, errorCode(agent)]).to.deep.equal([403, 'PL-S-03']);
  });
});

describe('server: single-threaded conversations', () => {
  it('gives the open conversation back; a visitor writing to a resolved one reopens it', async () => {
    const app = await createTestApp({ chatWidget: { isSingleThreaded: true } });
    const visitor = await visitorSession(app);
    const first = await newConversation(app, visitor);
    expect((await newConversation(app, visitor)).groupId).to.equal(first.groupId);

    await resolve(app, first.groupId);
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'conversation');
    const ack = await sendOverSocket(socket, { key: uniqueKey(), groupId: first.groupId, message: 'One more thing…' });
    expect(ack.ok).to.equal(true);
    await eventually(
      () => pushed.some((c) => c.groupId === first.groupId && c.status === 0),
      'the conversation reopens',
    );
    expect((await newConversation(app, visitor)).groupId).to.equal(first.groupId);
  });

  it('starts a new conversation once the only one is resolved', async () => {
    const app = await createTestApp({ chatWidget: { isSingleThreaded: true } });
    const visitor = await visitorSession(app);
    const first = await newConversation(app, visitor);
    await resolve(app, first.groupId);
    const next = await newConversation(app, visitor);
    expect(next.groupId).to.not.equal(first.groupId);
    expect((await newConversation(app, visitor)).groupId).to.equal(next.groupId);
  });

  it('lets multi-threaded visitors open several conversations', async () => {
    const app = await createTestApp();
    const visitor = await visitorSession(app);
    const a = await newConversation(app, visitor);
    const b = await newConversation(app, visitor);
    expect(a.groupId).to.not.equal(b.groupId);
  });
});
