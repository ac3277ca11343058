/**
 * The fetched widget configuration, enforced (server side): the admin settings endpoint with its
 * validation, the live push to connected widgets, and the refusals for restricted origins and
 * disabled widgets on every widget route and on the socket. Runs against the live server; the
 * test page is http://localhost:<port>, the server http://127.0.0.1:<port> (another origin).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ApiError, Conversation, Session } from '../../src/core/protocol.js';
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
  uniqueKey,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, ParleySocket, TestApp } from './support.js';

interface SettingsBody {
  code: string;
  response: ResolvedSettings;
}

function settingsUrl(app: TestApp): string {
  return `${app.url}/admin/v1/apps/${app.appId}/settings`;
}

function patch(app: TestApp, body: unknown, key = app.apiKey): Promise<JsonResponse<Envelope<ResolvedSettings>>> {
  return request<Envelope<ResolvedSettings>>(settingsUrl(app), { method: 'PATCH', body, headers: { 'Api-Key': key } });
}

async function widgetSettings(app: TestApp, headers: Record<string, string> = {}): Promise<SettingsBody> {
  const res = await request<SettingsBody>(`${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`, { headers });
  expect(res.status).to.equal(200);
  return res.body;
}

function descriptions(res: JsonResponse<unknown>): string[] {
  return (res.body as ApiError).errorResponse.map((e) => `${e.errorCode} ${e.description}`);
}

/** Resolves when the socket is disconnected by the server. */
function serverDisconnect(socket: ParleySocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

async function refusal(app: TestApp, token: string): Promise<string | undefined> {
  try {
    await connect(app, { token });
    return 'connected';
  } catch (err) {
    return (err as Error & { data?: { errorCode: string } }).data?.errorCode;
  }
}

/**
 * The plugin starts the server on first use; on a busy machine that can take longer than one
 * command's time-out, so ask again (the plugin shares one start-up) before the suites begin.
 */
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

describe('server: admin settings endpoint', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it("reads the resolved settings with the admin key or the app's own Api-Key", async () => {
    for (const key of [app.adminKey, app.apiKey]) {
      const res = await request<Envelope<ResolvedSettings>>(settingsUrl(app), { headers: { 'Api-Key': key } });
      const settings = responseOf(res);
      expect(settings.chatWidget.position).to.equal('right');
      expect(settings).to.deep.include({ showWelcomeAwayMessage: true, officeHours: [], defaultTeamId: '' });
    }
  });

  it("refuses a missing key, a wrong key (401) and another app's key (403)", async () => {
    const other = await createTestApp();
    const none = await request(settingsUrl(app));
    expect([none.status, errorCode(none)]).to.deep.equal([401, 'PL-K-02']);
    const wrong = await patch(app, { collectFeedback: true }, 'nope');
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([401, 'PL-K-01']);
    const foreign = await patch(app, { collectFeedback: true }, other.apiKey);
    expect([foreign.status, errorCode(foreign)]).to.deep.equal([403, 'PL-S-03']);
    const unknownApp = await request(`${app.url}/admin/v1/apps/no-such-app/settings`, {
      headers: { 'Api-Key': app.adminKey },
    });
    expect([unknownApp.status, errorCode(unknownApp)]).to.deep.equal([404, 'PL-A-01']);
    expect((await widgetSettings(app)).response.collectFeedback).to.equal(false);
  });

  it("lets the app's signed-in admins change them and its agents read them (bearer)", async () => {
    const admin = await agentSession(app);
    const byAdmin = await request<Envelope<ResolvedSettings>>(settingsUrl(app), {
      method: 'PATCH',
      body: { chatWidget: { title: 'Set by the admin' } },
      headers: bearer(admin),
    });
    expect(responseOf(byAdmin).chatWidget.title).to.equal('Set by the admin');

    const email = `agent-${uniqueKey()}@example.com`;
    const password = `pw-${crypto.randomUUID()}`;
    const created = await request(`${app.url}/admin/v1/apps/${app.appId}/teammates`, {
      body: { email, userName: 'Ari Agent', role: 'agent', password },
      headers: { 'Api-Key': app.adminKey },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(200);
    const agent = responseOf(
      await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
        body: { appId: app.appId, email, password },
      }),
    );
    const read = await request<Envelope<ResolvedSettings>>(settingsUrl(app), { headers: bearer(agent) });
    expect(responseOf(read).chatWidget.title).to.equal('Set by the admin');
    const change = await request(settingsUrl(app), {
      method: 'PATCH',
      body: { chatWidget: { title: 'Nope' } },
      headers: bearer(agent),
    });
    expect([change.status, errorCode(change)]).to.deep.equal([403, 'PL-S-03']);
    const visitor = await request(settingsUrl(app), { headers: bearer(await visitorSession(app)) });
    expect([visitor.status, errorCode(visitor)]).to.deep.equal([403, 'PL-S-03']);
  });

  it('stores a valid patch, normalised, and the widget endpoint answers it', async () => {
    const res = await patch(app, {
      chatWidget: { primaryColor: '#ABCDEF', allowedDomains: ['https://LOCALHOST:9999'], csatRatingBase: 5 },
      welcomeMessage: { enabled: true, message: 'Hello there' },
      officeHours: [
        {
          teamId: 'support',
          teamName: 'Support',
          timezone: 'Europe/Paris',
          businessHourMap: { '1': '0900-1800' },
          message: '',
        },
      ],
    });
    const saved = responseOf(res);
    expect(saved.chatWidget).to.deep.include({
      primaryColor: '#abcdef',
      allowedDomains: ['localhost'],
      csatRatingBase: 5,
    });
    const widget = (await widgetSettings(app)).response;
    expect(widget.chatWidget.primaryColor).to.equal('#abcdef');
    expect(widget.welcomeMessage).to.deep.equal({ enabled: true, message: 'Hello there', collectEmail: false });
    expect(widget.officeHours[0]).to.deep.include({ teamId: 'support', timezone: 'Europe/Paris' });
    // A later patch of other keys keeps these; null puts a key back to its default.
    responseOf(await patch(app, { chatWidget: { position: 'left', csatRatingBase: null } }));
    const after = (await widgetSettings(app)).response.chatWidget;
    expect(after).to.deep.include({ position: 'left', primaryColor: '#abcdef', csatRatingBase: 3 });
  });

  it('answers every problem of a bad patch at once and stores nothing', async () => {
    const before = (await widgetSettings(app)).response;
    const res = await patch(app, {
      chatWidget: {
        primaryColor: 'blue',
        allowedDomains: ['not a domain'],
        position: 'top',
        maxAttachmentSize: -5,
        sparkles: true,
      },
      officeHours: [{ teamId: 't', timezone: 'Nowhere/Special', businessHourMap: { '2': '1700-0960' } }],
      collectLead: 'yes',
    });
    expect(res.status).to.equal(400);
    expect(descriptions(res)).to.deep.equal([
      'PL-R-03 chatWidget.primaryColor must be a colour like "#rrggbb" or "#rgb", got "blue"',
      'PL-R-03 chatWidget.allowedDomains[0] must be a domain name like "example.com" (optionally with "*.", a scheme or a port), got "not a domain"',
      'PL-R-03 chatWidget.position must be "left" or "right", got "top"',
      'PL-R-03 chatWidget.maxAttachmentSize must be a number ≥ 0, got number -5',
      'PL-R-04 chatWidget.sparkles is not a known setting',
      'PL-R-03 officeHours[0].timezone must be an IANA time zone like "Europe/Berlin", got "Nowhere/Special"',
      'PL-R-03 officeHours[0].businessHourMap.2 must be office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day), got "1700-0960"',
      'PL-R-03 collectLead must be a boolean, got "yes"',
    ]);
    expect((await widgetSettings(app)).response).to.deep.equal(before);
  });

  it('keeps every key of concurrent patches', async () => {
    const fresh = await createTestApp();
    await Promise.all([
      patch(fresh, { chatWidget: { title: 'Help desk' } }),
      patch(fresh, { chatWidget: { teamName: 'Crew' } }),
      patch(fresh, { chatWidget: { popup: true } }),
      patch(fresh, { welcomeMessage: { message: 'Ahoy' } }),
      patch(fresh, { welcomeMessage: { enabled: true } }),
    ]);
    const settings = (await widgetSettings(fresh)).response;
    expect(settings.chatWidget).to.deep.include({ title: 'Help desk', teamName: 'Crew', popup: true });
    expect(settings.welcomeMessage).to.deep.include({ message: 'Ahoy', enabled: true });
  });

  it('validates the settings of a new app too', async () => {
    const res = await request(`${app.url}/admin/v1/apps`, {
      body: { settings: { chatWidget: { secondaryColor: '#12' }, unknownThing: 1 } },
      headers: { 'Api-Key': app.adminKey },
    });
    expect(res.status).to.equal(400);
    expect(descriptions(res)).to.deep.equal([
      'PL-R-03 chatWidget.secondaryColor must be a colour like "#rrggbb" or "#rgb", got "#12"',
      'PL-R-04 unknownThing is not a known setting',
    ]);
  });
});

describe('server: settings reach connected widgets', () => {
  it('pushes the full settings, as the endpoint answers them, within a second', async () => {
    const app = await createTestApp();
    const visitor = await visitorSession(app);
    const socket = await connect(app, { token: visitor.token });
    const pushed = record(socket, 'settings');
    const started = performance.now();
    const saved = responseOf(
      await patch(app, { chatWidget: { primaryColor: '#010203' }, awayMessage: { anonymous: 'Away!' } }),
    );
    await eventually(() => pushed.length > 0, 'the settings arrive');
    expect(performance.now() - started).to.be.below(1000);
    expect(pushed[0]).to.deep.equal(saved);
    expect(pushed[0]).to.deep.equal((await widgetSettings(app)).response);
  });

  it('disconnects visitors when the widget is disabled, and refuses them afterwards; agents stay', async () => {
    const app = await createTestApp();
    const visitor = await visitorSession(app);
    const socket = await connect(app, { token: visitor.token });
    const agentSocket = await connect(app, { token: (await agentSession(app)).token });
    const pushed = record(socket, 'settings');
    const gone = serverDisconnect(socket);
    responseOf(await patch(app, { chatWidget: { disableChatWidget: true } }));
    expect(await gone).to.equal('io server disconnect');
    expect(pushed.at(-1)?.chatWidget?.disableChatWidget).to.equal(true);
    expect(agentSocket.connected).to.equal(true);

    expect(await refusal(app, visitor.token)).to.equal('PL-W-01');
    const session = await request(`${app.url}/widget/v1/session`, { body: { appId: app.appId } });
    expect([session.status, errorCode(session)]).to.deep.equal([403, 'PL-W-01']);
    const list = await request(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) });
    expect([list.status, errorCode(list)]).to.deep.equal([403, 'PL-W-01']);
    // The widget still learns that it is disabled, so that it stays out of the page.
    expect((await widgetSettings(app)).response.chatWidget.disableChatWidget).to.equal(true);
  });
});

describe('server: domain restriction on every widget route', () => {
  let app: TestApp;
  let visitor: Session;
  let conversation: Conversation;

  /** Every widget request the visitor can make, with a label. */
  function widgetRequests(): Array<[string, () => Promise<JsonResponse<unknown>>]> {
    const auth = bearer(visitor);
    const g = conversation.groupId;
    return [
      ['settings', () => request(`${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`)],
      ['session', () => request(`${app.url}/widget/v1/session`, { body: { appId: app.appId, token: visitor.token } })],
      ['away message', () => request(`${app.url}/applications/${app.appId}/awaymessage`, { headers: auth })],
      ['conversation list', () => request(`${app.url}/widget/v1/conversations`, { headers: auth })],
      ['new conversation', () => request(`${app.url}/widget/v1/conversations`, { body: {}, headers: auth })],
      ['conversation', () => request(`${app.url}/widget/v1/conversations/${g}`, { headers: auth })],
      ['history', () => request(`${app.url}/widget/v1/conversations/${g}/messages`, { headers: auth })],
      ['catch-up', () => request(`${app.url}/widget/v1/messages?after=0`, { headers: auth })],
      [
        'send',
        () =>
          request(`${app.url}/widget/v1/messages`, {
            body: { key: uniqueKey(), groupId: g, message: 'hi' },
            headers: auth,
          }),
      ],
      ['read', () => request(`${app.url}/widget/v1/conversations/${g}/read`, { body: { id: 0 }, headers: auth })],
      ['presence', () => request(`${app.url}/widget/v1/presence`, { headers: auth })],
      ['user', () => request(`${app.url}/widget/v1/user`, { body: { email: 'who@example.com' }, headers: auth })],
      [
        'rating',
        () => request(`${app.url}/widget/v1/conversations/${g}/rating`, { body: { rating: 10 }, headers: auth }),
      ],
    ];
  }

  before(async () => {
    app = await createTestApp({ chatWidget: { allowedDomains: ['localhost'] }, collectFeedback: true });
    visitor = await visitorSession(app);
    conversation = await newConversation(app, visitor);
  });

  it('serves the page origin when its host is listed: every route and the socket', async () => {
    // The page is another origin: fetch hands over the body only when CORS allowed this origin.
    for (const [label, send] of widgetRequests()) {
      const res = await send();
      // The rating is refused for a reason of its own (the conversation is still open).
      if (label === 'rating') expect([res.status, errorCode(res)], label).to.deep.equal([409, 'PL-C-03']);
      else expect(res.status, `${label}: ${JSON.stringify(res.body)}`).to.equal(200);
    }
    expect(await refusal(app, visitor.token)).to.equal('connected');
  });

  it('refuses it, readably, once the host is no longer listed: every route 403 PL-O-01, and the socket', async () => {
    const socket = await connect(app, { token: visitor.token });
    const gone = serverDisconnect(socket);
    responseOf(await patch(app, { chatWidget: { allowedDomains: ['example.com', '*.example.org'] } }));
    expect(await gone).to.equal('io server disconnect');
    for (const [label, send] of widgetRequests()) {
      const res = await send();
      // Reading the status and the body at all proves the CORS headers are there.
      expect([res.status, errorCode(res)], label).to.deep.equal([403, 'PL-O-01']);
    }
    expect(await refusal(app, visitor.token)).to.equal('PL-O-01');
  });
});
