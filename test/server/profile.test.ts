/**
 * A staff member's own Profile and Notification Preferences (`/agent/v1/me/profile`,
 * `/agent/v1/me/notifications`): what every role may change, every problem of a bad change in one
 * answer, the e-mail unique among the app's staff, a new password only with the current one, and
 * the profile's rate limit (a server of this file's own with a low one).
 */
import { expect } from '@open-wc/testing';
import type { ApiError, Session } from '../../src/core/protocol.js';
import { DEFAULT_NOTIFICATIONS, NOTIFICATION_SOUNDS } from '../../demo/server/src/people.js';
import { addTeammate } from './platform-support.js';
import {
  agentSession,
  bearer,
  createTestApp,
  errorCode,
  ownServer,
  request,
  responseOf,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

interface Profile {
  userId: string;
  userName: string;
  imageLink?: string;
  designation?: string;
  contactNumber?: string;
  email?: string;
  role: string;
}

function profile(app: TestApp, session: Session, body?: unknown): Promise<JsonResponse<Envelope<Profile>>> {
  return request<Envelope<Profile>>(`${app.url}/agent/v1/me/profile`, {
    headers: bearer(session),
    ...(body === undefined ? {} : { method: 'PATCH', body }),
  });
}

function notifications(app: TestApp, session: Session, body?: unknown) {
  return request<Envelope<typeof DEFAULT_NOTIFICATIONS>>(`${app.url}/agent/v1/me/notifications`, {
    headers: bearer(session),
    ...(body === undefined ? {} : { method: 'PUT', body }),
  });
}

/** The error items of a 400, as `[code, description]`. */
function problems(res: JsonResponse<unknown>): Array<[string, string]> {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  return (res.body as ApiError).errorResponse.map((e) => [e.errorCode, e.description]);
}

function signIn(app: TestApp, email: string, password: string) {
  return request<Envelope<Session>>(`${app.url}/agent/v1/session`, { body: { appId: app.appId, email, password } });
}

describe('server: my profile', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it('reads and changes every field for every role; "" clears the optional ones', async () => {
    for (const role of ['admin', 'agent', 'operator'] as const) {
      const me = await addTeammate(app, `Pat ${role}`, role);
      expect(responseOf(await profile(app, me.session))).to.deep.equal({
        userId: me.userId,
        userName: `Pat ${role}`,
        email: me.userId,
        role,
      });
      const email = `pat.${role}.${crypto.randomUUID().slice(0, 8)}@Example.test`;
      const changed = responseOf(
        await profile(app, me.session, {
          userName: ' Pat Renamed ',
          imageLink: 'https://img.example.test/pat.png',
          designation: 'Support lead',
          contactNumber: '+1 (555) 010-0100',
          email,
        }),
      );
      expect(changed).to.deep.equal({
        userId: me.userId,
        userName: 'Pat Renamed',
        imageLink: 'https://img.example.test/pat.png',
        designation: 'Support lead',
        contactNumber: '+1 (555) 010-0100',
        email,
        role,
      });
      // The new e-mail signs in; the profile reads back the same.
      responseOf(await signIn(app, email.toLowerCase(), me.password));
      expect(responseOf(await profile(app, me.session))).to.deep.equal(changed);
      const cleared = responseOf(await profile(app, me.session, { imageLink: '', designation: '', contactNumber: '' }));
      expect(cleared).to.deep.equal({ userId: me.userId, userName: 'Pat Renamed', email, role });
    }
    const owner = await agentSession(app);
    expect(responseOf(await profile(app, owner)).role).to.equal('superadmin');
  });

  it('answers every problem of a bad change at once, in the documented error shape, and changes nothing', async () => {
    const me = await addTeammate(app, 'Val Valid', 'agent');
    const bad = await profile(app, me.session, {
      userName: '   ',
      imageLink: 'javascript:alert(1)',
      designation: 'x'.repeat(101),
      contactNumber: 'call me',
      email: 'not-an-address',
      password: 'short',
      nickname: 'Val',
    });
    expect(problems(bad)).to.deep.equal([
      ['PL-R-04', 'nickname is not a profile field'],
      ['PL-R-03', 'userName must not be blank'],
      ['PL-R-03', 'imageLink must be an http(s) URL'],
      ['PL-R-03', 'designation must be at most 100 characters'],
      ['PL-R-03', 'contactNumber must be a phone number'],
      ['PL-R-03', 'email must be an e-mail address'],
      ['PL-R-03', 'password must have at least 8 characters'],
    ]);
    const body = bad.body as ApiError;
    expect(body.status).to.equal('error');
    expect(body.errorResponse.every((e) => e.displayMessage === 'unable to process')).to.equal(true);
    expect(problems(await profile(app, me.session, { imageLink: 'ftp://files.example.test/a.png' }))).to.deep.equal([
      ['PL-R-03', 'imageLink must be an http(s) URL'],
    ]);
    expect(problems(await profile(app, me.session, { userName: 42 }))).to.deep.equal([
      ['PL-R-03', 'userName must be a string'],
    ]);
    expect(responseOf(await profile(app, me.session)).userName).to.equal('Val Valid');
  });

  it("refuses another teammate's e-mail, in any letter case", async () => {
    const [a, b] = await Promise.all([addTeammate(app, 'Ann Same', 'agent'), addTeammate(app, 'Ben Same', 'operator')]);
    const taken = await profile(app, b.session, { email: a.userId.toUpperCase() });
    expect([taken.status, errorCode(taken)]).to.deep.equal([409, 'PL-R-03']);
    // One's own e-mail is not "taken".
    expect((await profile(app, a.session, { email: a.userId })).status).to.equal(200);
  });

  it('changes the password only with the current one, and ends my other sessions', async () => {
    const me = await addTeammate(app, 'Kim Keys', 'operator');
    const other = responseOf(await signIn(app, me.userId, me.password));
    const missing = await profile(app, me.session, { password: 'a-new-password' });
    expect(problems(missing)).to.deep.equal([['PL-R-02', 'currentPassword is required to change the password']]);
    const wrong = await profile(app, me.session, { password: 'a-new-password', currentPassword: 'not-my-password' });
    expect([wrong.status, errorCode(wrong)]).to.deep.equal([403, 'PL-S-03']);
    expect((await signIn(app, me.userId, me.password)).status).to.equal(200);
    const changed = await profile(app, me.session, { password: 'a-new-password', currentPassword: me.password });
    expect(changed.status).to.equal(200);
    expect((await signIn(app, me.userId, me.password)).status).to.equal(401);
    responseOf(await signIn(app, me.userId, 'a-new-password'));
    // The session it was changed with stays; the others end.
    expect((await profile(app, me.session)).status).to.equal(200);
    const ended = await profile(app, other);
    expect([ended.status, errorCode(ended)]).to.deep.equal([401, 'PL-S-01']);
  });

  it('is for staff: a visitor is refused, nobody signed in is asked to', async () => {
    const visitor = await visitorSession(app);
    const refused = await profile(app, visitor);
    expect([refused.status, errorCode(refused)]).to.deep.equal([403, 'PL-S-03']);
    const anonymous = await request(`${app.url}/agent/v1/me/profile`);
    expect([anonymous.status, errorCode(anonymous)]).to.deep.equal([401, 'PL-S-01']);
  });
});

describe('server: my notification preferences', () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });

  it('starts at the defaults, stores a whole set per staff member, for every role', async () => {
    const [ann, olive] = await Promise.all([addTeammate(app, 'Ann', 'agent'), addTeammate(app, 'Olive', 'operator')]);
    expect(responseOf(await notifications(app, ann.session))).to.deep.equal(DEFAULT_NOTIFICATIONS);
    const mine = { browser: false, volume: 35, sound: NOTIFICATION_SOUNDS[1], onlyWhenHidden: true, email: false };
    expect(responseOf(await notifications(app, olive.session, mine))).to.deep.equal(mine);
    expect(responseOf(await notifications(app, olive.session))).to.deep.equal(mine);
    expect(responseOf(await notifications(app, ann.session))).to.deep.equal(DEFAULT_NOTIFICATIONS);
    const quiet = { ...mine, volume: 0, sound: NOTIFICATION_SOUNDS[0] };
    expect(responseOf(await notifications(app, olive.session, quiet))).to.deep.equal(quiet);
    const visitor = await visitorSession(app);
    expect((await notifications(app, visitor)).status).to.equal(403);
  });

  it('answers every problem of a bad set at once and keeps the stored one', async () => {
    const me = await addTeammate(app, 'Noa', 'agent');
    const bad = await notifications(app, me.session, {
      browser: 'yes',
      volume: 101,
      sound: 'foghorn',
      onlyWhenHidden: true,
      desktop: true,
    });
    expect(problems(bad)).to.deep.equal([
      ['PL-R-04', 'desktop is not a known preference'],
      ['PL-R-03', 'browser must be true or false'],
      ['PL-R-02', 'email is required'],
      ['PL-R-03', 'volume must be a whole number from 0 to 100'],
      ['PL-R-03', `sound must be one of ${NOTIFICATION_SOUNDS.join(', ')}`],
    ]);
    expect(problems(await notifications(app, me.session, { ...DEFAULT_NOTIFICATIONS, volume: 12.5 }))).to.deep.equal([
      ['PL-R-03', 'volume must be a whole number from 0 to 100'],
    ]);
    expect(problems(await notifications(app, me.session, []))).to.deep.equal([
      ['PL-R-03', 'body must be a JSON object'],
    ]);
    expect(responseOf(await notifications(app, me.session))).to.deep.equal(DEFAULT_NOTIFICATIONS);
  });
});

describe('server: the profile and people changes are rate-limited per session', () => {
  it('refuses changes over the budget with 429 PL-L-01', async () => {
    const server = await ownServer('people-limits', {
      PARLEY_LIMIT_PROFILE_CHANGES_PER_TOKEN: '2/10m',
      PARLEY_LIMIT_PEOPLE_CHANGES_PER_TOKEN: '2/10m',
    });
    const app = await createTestApp(undefined, server);
    const me = await agentSession(app);
    for (let i = 0; i < 2; i++) expect((await profile(app, me, { designation: `d${i}` })).status).to.equal(200);
    const over = await profile(app, me, { designation: 'one too many' });
    expect([over.status, errorCode(over)]).to.deep.equal([429, 'PL-L-01']);
    for (let i = 0; i < 2; i++) expect((await notifications(app, me, DEFAULT_NOTIFICATIONS)).status).to.equal(200);
    const tooMany = await notifications(app, me, DEFAULT_NOTIFICATIONS);
    expect([tooMany.status, errorCode(tooMany)]).to.deep.equal([429, 'PL-L-01']);
    // Reads are not limited.
    expect((await profile(app, me)).status).to.equal(200);
  });
});
