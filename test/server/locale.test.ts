/**
 * The visitor's locale (a BCP 47 tag, stored canonical): given with the widget's session, changed
 * by the visitor's own update, by a returning visitor and by the Platform API's user update, and
 * answered by the Platform API's user detail. A malformed tag is PL-R-03 saying what is wrong.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { call } from './platform-support.js';
import { bearer, createTestApp, errorCode, request, responseOf, sessionBody, visitorSession } from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

const DETAIL = '/rest/ws/user/v2/detail';

/** The Platform API's detail of one user. */
async function detail(app: TestApp, userId: string): Promise<Record<string, unknown>> {
  const [d] = responseOf(await call<Array<Record<string, unknown>>>(app, DETAIL, { body: { userIdList: [userId] } }));
  if (!d) throw new Error(`no detail for ${userId}`);
  return d;
}

function startSession(app: TestApp, body: Record<string, unknown>): Promise<JsonResponse<Envelope<Session>>> {
  return request<Envelope<Session>>(`${app.url}/widget/v1/session`, { body });
}

function updateOwn(app: TestApp, session: Session, body: unknown): Promise<JsonResponse<Envelope<Session>>> {
  return request<Envelope<Session>>(`${app.url}/widget/v1/user`, { body, headers: bearer(session) });
}

/** The error's code and description. */
function failure(res: JsonResponse<unknown>): [number, string | undefined, string | undefined] {
  const body = res.body as { errorResponse?: Array<{ description?: string }> };
  return [res.status, errorCode(res), body.errorResponse?.[0]?.description];
}

describe('server: the visitor locale', () => {
  let app: TestApp;

  before(async () => {
    app = await createTestApp();
  });

  it('is stored canonical from the session request, and the user detail answers it', async () => {
    const visitor = await visitorSession(app, { locale: 'de-at' });
    expect(visitor.locale).to.equal('de-AT');
    expect(await detail(app, visitor.userId)).to.include({ locale: 'de-AT' });
    const known = await visitorSession(app, { userId: 'locale-known', locale: 'zh-hans-cn' });
    expect(known.locale).to.equal('zh-Hans-CN');
    expect(await detail(app, 'locale-known')).to.include({ locale: 'zh-Hans-CN' });
  });

  it('is absent while unknown', async () => {
    const visitor = await visitorSession(app);
    expect(visitor).to.not.have.property('locale');
    expect(await detail(app, visitor.userId)).to.not.have.property('locale');
    // Blank or null: not given.
    expect(await visitorSession(app, { locale: ' ' })).to.not.have.property('locale');
    expect(await visitorSession(app, { locale: null })).to.not.have.property('locale');
  });

  it('changes with the visitor’s own update, and a returning visitor’s new one is stored', async () => {
    const visitor = await visitorSession(app, { locale: 'en-GB' });
    const updated = responseOf(await updateOwn(app, visitor, { locale: 'fr-ca' }));
    expect(updated).to.include({ locale: 'fr-CA', token: visitor.token });
    expect(await detail(app, visitor.userId)).to.include({ locale: 'fr-CA' });
    // Other details leave it alone.
    responseOf(await updateOwn(app, visitor, { email: 'v@example.com' }));
    expect(await detail(app, visitor.userId)).to.include({ locale: 'fr-CA' });

    const resumed = responseOf(await startSession(app, { appId: app.appId, token: visitor.token, locale: 'it' }));
    expect(resumed).to.include({ userId: visitor.userId, locale: 'it' });
    const known = await visitorSession(app, { userId: 'locale-returning', locale: 'nl' });
    expect(known.locale).to.equal('nl');
    expect((await visitorSession(app, { userId: 'locale-returning', locale: 'nl-BE' })).locale).to.equal('nl-BE');
    expect(await detail(app, 'locale-returning')).to.include({ locale: 'nl-BE' });
  });

  it('is changed by the Platform API user update', async () => {
    const visitor = await visitorSession(app, { locale: 'en' });
    const res = await call<string>(app, '/rest/ws/user/update', {
      body: { locale: 'pt-br' },
      headers: { 'Of-User-Id': visitor.userId },
    });
    expect(responseOf(res)).to.equal('success');
    expect(await detail(app, visitor.userId)).to.include({ locale: 'pt-BR' });
  });

  it('refuses a malformed tag everywhere, saying what is wrong, and stores nothing', async () => {
    const visitor = await visitorSession(app, { locale: 'ja' });
    const wrong = 'locale must be a BCP 47 language tag, such as de-AT';
    for (const bad of ['de_AT', 'en--us', 'not a tag', 'x-private']) {
      expect(failure(await startSession(app, await sessionBody(app, { locale: bad }))), bad).to.deep.equal([
        400,
        'PL-R-03',
        wrong,
      ]);
      expect(failure(await updateOwn(app, visitor, { locale: bad })), bad).to.deep.equal([400, 'PL-R-03', wrong]);
      const platform = await call(app, '/rest/ws/user/update', {
        body: { locale: bad },
        headers: { 'Of-User-Id': visitor.userId },
      });
      expect(failure(platform), bad).to.deep.equal([400, 'PL-R-03', wrong]);
    }
    expect(failure(await updateOwn(app, visitor, { locale: 42 }))).to.deep.equal([
      400,
      'PL-R-03',
      'locale must be a string',
    ]);
    expect(failure(await updateOwn(app, visitor, { locale: `en-${'a'.repeat(8)}-`.repeat(4) }))).to.deep.equal([
      400,
      'PL-R-03',
      'locale must be at most 35 characters',
    ]);
    expect(await detail(app, visitor.userId)).to.include({ locale: 'ja' });
  });

  it('is not changed by a session that only named an existing visitor (identity verification off)', async () => {
    const open = await createTestApp();
    responseOf(await call(open, `/admin/v1/apps/${open.appId}/identity`, { method: 'DELETE' }));
    const first = responseOf(await startSession(open, { appId: open.appId, userId: 'locale-named', locale: 'sv' }));
    expect(first.locale).to.equal('sv');
    const other = responseOf(await startSession(open, { appId: open.appId, userId: 'locale-named', locale: 'fi' }));
    expect(other.locale).to.equal('sv');
    const resumed = responseOf(await startSession(open, { appId: open.appId, token: other.token, locale: 'fi' }));
    expect(resumed.locale).to.equal('sv');
    expect(await detail(open, 'locale-named')).to.include({ locale: 'sv' });
  });
});
