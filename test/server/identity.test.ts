/**
 * Identity verification: once an app has an identity secret, a widget session for a site-named
 * userId needs the accessToken the site's server computes (hex HMAC-SHA256 of the userId), so
 * nobody reads another visitor's conversations by naming their id.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { accessTokenFor } from '../helpers/access-token.js';
import { createTestApp, errorCode, request, responseOf, visitorSession } from './support.js';
import type { Envelope, TestApp } from './support.js';

interface Identity {
  identityVerification: boolean;
  secret?: string;
}

function identity(app: TestApp, method = 'GET') {
  return request<Envelope<Identity>>(`${app.url}/admin/v1/apps/${app.appId}/identity`, {
    method,
    headers: { 'Api-Key': app.apiKey },
  });
}

function session(app: TestApp, body: Record<string, unknown>) {
  return request<Envelope<Session>>(`${app.url}/widget/v1/session`, { body: { appId: app.appId, ...body } });
}

describe('server: identity verification of known visitors', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });

  it('is on for a new app, whose secret comes once with the app: a userId alone is refused', async () => {
    expect(app.identitySecret).to.match(/^[0-9a-f]{64}$/);
    expect(responseOf(await identity(app))).to.deep.equal({ identityVerification: true });
    const alone = await session(app, { userId: 'ann' });
    expect([alone.status, errorCode(alone)]).to.deep.equal([401, 'PL-S-04']);
    const signed = await session(app, { userId: 'ann', accessToken: await accessTokenFor(app.identitySecret, 'ann') });
    expect(signed.status).to.equal(200);
    // The settings answer says so, for the widget to warn a page that passes userId without it.
    const settings = await request<{ response: { identityVerification: boolean } }>(
      `${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`,
    );
    expect(settings.body.response.identityVerification).to.equal(true);
    responseOf(await identity(app, 'DELETE'));
    const off = await request<{ response: { identityVerification: boolean } }>(
      `${app.url}/users/v3/chat/plugin/settings?appId=${app.appId}`,
    );
    expect(off.body.response.identityVerification).to.equal(false);
    expect((await session(app, { userId: 'ann' })).status).to.equal(200);
  });

  it('once on, a userId needs its accessToken (401 PL-S-04 without or with a wrong one)', async () => {
    const { secret } = responseOf(await identity(app, 'POST'));
    expect(secret).to.match(/^[0-9a-f]{64}$/);
    // The secret is shown once: reading the state never gives it again.
    expect(responseOf(await identity(app))).to.deep.equal({ identityVerification: true });

    for (const body of [
      { userId: 'ann' },
      { userId: 'ann', accessToken: 'forged' },
      { userId: 'ann', accessToken: 42 },
    ]) {
      const res = await session(app, body);
      expect([res.status, errorCode(res)], JSON.stringify(body)).to.deep.equal(
        typeof body.accessToken === 'number' ? [400, 'PL-R-03'] : [401, 'PL-S-04'],
      );
    }
    // Ann's token does not open Bob's account.
    const forBob = await session(app, { userId: 'bob', accessToken: await accessTokenFor(secret!, 'ann') });
    expect([forBob.status, errorCode(forBob)]).to.deep.equal([401, 'PL-S-04']);

    const ann = responseOf(await session(app, { userId: 'ann', accessToken: await accessTokenFor(secret!, 'ann') }));
    expect(ann.userId).to.equal('ann');
    // Anonymous visitors are not affected.
    expect((await visitorSession(app)).anonymous).to.equal(true);
  });

  it('a new secret retires the old tokens; turning it off accepts a userId alone again', async () => {
    const first = responseOf(await identity(app, 'POST')).secret!;
    const second = responseOf(await identity(app, 'POST')).secret!;
    expect(second).to.not.equal(first);
    const old = await session(app, { userId: 'ann', accessToken: await accessTokenFor(first, 'ann') });
    expect(errorCode(old)).to.equal('PL-S-04');
    expect((await session(app, { userId: 'ann', accessToken: await accessTokenFor(second, 'ann') })).status).to.equal(
      200,
    );
    expect(responseOf(await identity(app, 'DELETE'))).to.deep.equal({ identityVerification: false });
    expect((await session(app, { userId: 'ann' })).status).to.equal(200);
  });

  it("needs the app's Api-Key to change it", async () => {
    const res = await request(`${app.url}/admin/v1/apps/${app.appId}/identity`, { method: 'POST' });
    expect(res.status).to.equal(401);
    const other = await createTestApp();
    const foreign = await request(`${app.url}/admin/v1/apps/${app.appId}/identity`, {
      method: 'POST',
      headers: { 'Api-Key': other.apiKey },
    });
    expect(foreign.status).to.be.oneOf([401, 403]);
  });
});
