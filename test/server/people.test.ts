/**
 * People and roles (issue 18) against the real server, with every expectation drawn from the
 * permission table (`demo/server/src/permissions.ts`, `src/core/people-grants.ts`): a change to the table
 * changes what these tests expect. First the table against the documented rows, then each role
 * deleting and re-roling each other role; the super admin, whom nobody deletes or demotes; the
 * hand-over of ownership (deleting a teammate: people-delete.test.ts).
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/core/protocol.js';
import { GRANTS, PEOPLE_PERMISSIONS, mayChange, mayGive } from '../../demo/server/src/permissions.js';
import { addTeammate } from './platform-support.js';
import { addPerson, asCaller, roleOf, statusAndCode, teammatePath } from './people-support.js';
import {
  agentSession,
  bearer,
  closeSockets,
  createTestApp,
  liveServer,
  request,
  responseOf,
  uniqueKey,
} from './support.js';
import type { Envelope, TestApp } from './support.js';

const STAFF = ['superadmin', 'admin', 'agent', 'operator'] as const;
type Staff = (typeof STAFF)[number];
const GIVABLE = ['admin', 'agent', 'operator'] as const;

/**
 * The documented team settings rows (../shared/product/dashboard-settings.txt) and the permission
 * each is; the one documented exception Parley refuses ("an agent can upgrade an operator to the
 * admin role") is `makeAdmins`, which the table gives only the super admin and admins.
 */
const DOCUMENTED: Record<string, { permission: string; roles: readonly Staff[] }> = {
  Profile: { permission: 'editProfile', roles: STAFF },
  'Notification Preferences': { permission: 'editNotifications', roles: STAFF },
  'Teammates (VIEW)': { permission: 'viewTeammates', roles: ['superadmin', 'admin', 'agent'] },
  'Teammates (EDIT)': { permission: 'editTeammates', roles: ['superadmin', 'admin'] },
  'Delete Admin': { permission: 'deleteAdmins', roles: ['superadmin', 'admin'] },
  'Change Role': { permission: 'changeRoles', roles: ['superadmin', 'admin', 'agent'] },
  'Change Role (of an admin: not by an admin)': { permission: 'changeRolesOfAdmins', roles: ['superadmin'] },
  'Change Role (of an agent: not by an agent)': { permission: 'changeRolesOfAgents', roles: ['superadmin', 'admin'] },
  'Change Role (of an operator)': { permission: 'changeRolesOfOperators', roles: ['superadmin', 'admin', 'agent'] },
  'Delete Agent': { permission: 'deleteAgents', roles: ['superadmin', 'admin'] },
  'Change Agent Role': { permission: 'makeAgents', roles: ['superadmin', 'admin', 'agent'] },
  'Delete Operator': { permission: 'deleteOperators', roles: ['superadmin', 'admin', 'agent'] },
  'Change Operator Role': { permission: 'makeOperators', roles: ['superadmin', 'admin', 'agent'] },
  'Make an admin (the exception, refused for agents)': { permission: 'makeAdmins', roles: ['superadmin', 'admin'] },
  'Transfer ownership': { permission: 'transferOwnership', roles: ['superadmin'] },
};

/** An app with its owner and one signed-in teammate of every other role. */
async function team(): Promise<{ app: TestApp; sessions: Record<Staff, Session> }> {
  const app = await createTestApp();
  const [owner, admin, agent, operator] = await Promise.all([
    agentSession(app),
    addTeammate(app, 'Ada Admin', 'admin'),
    addTeammate(app, 'Gus Agent', 'agent'),
    addTeammate(app, 'Olive Operator', 'operator'),
  ]);
  return {
    app,
    sessions: { superadmin: owner, admin: admin.session, agent: agent.session, operator: operator.session },
  };
}

describe('server: people and roles as the documented table', function () {
  this.timeout(120000);
  afterEach(() => closeSockets());

  it('has the documented rows in its table, the server answers with that table, and /me lists them', async () => {
    for (const [row, { permission, roles }] of Object.entries(DOCUMENTED)) {
      const holders = STAFF.filter((r) => (GRANTS[r] as readonly string[]).includes(permission));
      expect(holders, row).to.deep.equal([...roles]);
    }
    const { url, adminKey } = await liveServer();
    const served = responseOf(
      await request<Envelope<{ grants: Record<string, string[]> }>>(`${url}/admin/v1/permissions`, {
        headers: { 'Api-Key': adminKey },
      }),
    );
    expect(served.grants).to.deep.equal(JSON.parse(JSON.stringify(GRANTS)));
    const { app, sessions } = await team();
    for (const role of STAFF) {
      const me = responseOf(
        await request<Envelope<{ permissions: string[] }>>(`${app.url}/agent/v1/me`, {
          headers: bearer(sessions[role]),
        }),
      );
      const people = (PEOPLE_PERMISSIONS as readonly string[]).filter((p) =>
        (GRANTS[role] as readonly string[]).includes(p),
      );
      expect(
        me.permissions.filter((p) => (PEOPLE_PERMISSIONS as readonly string[]).includes(p)),
        role,
      ).to.deep.equal(people);
    }
  });

  it('lets each role delete exactly the roles the table says; nobody deletes the super admin or themselves', async () => {
    const { app, sessions } = await team();
    const wrong: string[] = [];
    for (const actor of STAFF) {
      for (const target of [...GIVABLE, 'superadmin'] as const) {
        const userId = target === 'superadmin' ? app.agentId : await addPerson(app, target);
        const res = await asCaller(app, teammatePath(app, userId), { method: 'DELETE' }, sessions[actor]);
        const allowed = mayChange(actor, 'delete', target) && userId !== sessions[actor].userId;
        const want = allowed ? [200, undefined] : [403, 'PL-S-03'];
        if (JSON.stringify(statusAndCode(res)) !== JSON.stringify(want))
          wrong.push(`${actor} deleting ${target}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(wrong).to.deep.equal([]);
    expect(await roleOf(app, app.agentId)).to.equal('superadmin');
  });

  it('lets each role change exactly the roles the table says, to the roles it may give; nobody demotes the super admin', async () => {
    const { app, sessions } = await team();
    const wrong: string[] = [];
    for (const actor of STAFF) {
      for (const target of [...GIVABLE, 'superadmin'] as const) {
        for (const next of GIVABLE.filter((r) => r !== target)) {
          const userId = target === 'superadmin' ? app.agentId : await addPerson(app, target);
          const res = await asCaller(
            app,
            teammatePath(app, userId),
            { method: 'PATCH', body: { role: next } },
            sessions[actor],
          );
          const allowed = target !== 'superadmin' && mayChange(actor, 'role', target) && mayGive(actor, next);
          const want = allowed ? [200, undefined] : [403, 'PL-S-03'];
          if (JSON.stringify(statusAndCode(res)) !== JSON.stringify(want))
            wrong.push(`${actor} making ${target} ${next}: ${res.status} ${JSON.stringify(res.body)}`);
          const now = await roleOf(app, userId);
          if (now !== (allowed ? next : target)) wrong.push(`${actor} making ${target} ${next}: now ${now}`);
        }
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('refuses an agent making an admin (the documented exception), by a role change or a new teammate', async () => {
    const { app, sessions } = await team();
    const olive = await addPerson(app, 'operator');
    const promoted = await asCaller(
      app,
      teammatePath(app, olive),
      { method: 'PATCH', body: { role: 'admin' } },
      sessions.agent,
    );
    expect(statusAndCode(promoted)).to.deep.equal([403, 'PL-S-03']);
    expect(await roleOf(app, olive)).to.equal('operator');
    const added = await asCaller(
      app,
      `/admin/v1/apps/${app.appId}/teammates`,
      {
        method: 'POST',
        body: { email: `new.${uniqueKey()}@people.test`, userName: 'New', role: 'admin', password: 'long-password' },
      },
      sessions.agent,
    );
    expect(statusAndCode(added)).to.deep.equal([403, 'PL-S-03']);
    // What the table gives agents: an operator made an agent.
    const agented = await asCaller(
      app,
      teammatePath(app, olive),
      { method: 'PATCH', body: { role: 'agent' } },
      sessions.agent,
    );
    expect(agented.status).to.equal(200);
    expect(mayGive('agent', 'admin')).to.equal(false);
  });

  it('never deletes or demotes the super admin: not their admins, not the keys, not themselves', async () => {
    const { app, sessions } = await team();
    const { adminKey } = await liveServer();
    const byAdminKey = (init: { method: string; body?: unknown }) =>
      request(`${app.url}${teammatePath(app, app.agentId)}`, { ...init, headers: { 'Api-Key': adminKey } });
    for (const res of [
      await asCaller(app, teammatePath(app, app.agentId), { method: 'DELETE' }, sessions.admin),
      await asCaller(app, teammatePath(app, app.agentId), { method: 'DELETE' }),
      await asCaller(app, teammatePath(app, app.agentId), { method: 'DELETE' }, sessions.superadmin),
      await byAdminKey({ method: 'DELETE' }),
      await asCaller(app, teammatePath(app, app.agentId), { method: 'PATCH', body: { role: 'admin' } }, sessions.admin),
      await asCaller(app, teammatePath(app, app.agentId), { method: 'PATCH', body: { role: 'agent' } }),
      await byAdminKey({ method: 'PATCH', body: { role: 'admin' } }),
      await asCaller(
        app,
        teammatePath(app, app.agentId),
        { method: 'PATCH', body: { role: 'admin' } },
        sessions.superadmin,
      ),
    ])
      expect(statusAndCode(res), JSON.stringify(res.body)).to.deep.equal([403, 'PL-S-03']);
    expect(await roleOf(app, app.agentId)).to.equal('superadmin');
  });

  it('hands ownership from the super admin to an admin, and only that way', async () => {
    const { app, sessions } = await team();
    const owner = `/admin/v1/apps/${app.appId}/owner`;
    const ada = sessions.admin.userId;
    const gus = sessions.agent.userId;
    for (const [by, userId, want] of [
      [sessions.admin, ada, [403, 'PL-S-03']],
      [undefined, ada, [403, 'PL-S-03']],
      [sessions.superadmin, gus, [400, 'PL-R-03']],
      [sessions.superadmin, app.agentId, [400, 'PL-R-03']],
      [sessions.superadmin, 'nobody@people.test', [404, 'AL-U-01']],
    ] as const) {
      const res = await asCaller(app, owner, { method: 'POST', body: { userId } }, by);
      expect(statusAndCode(res), `${userId}: ${JSON.stringify(res.body)}`).to.deep.equal(want);
    }
    const handed = responseOf(
      await asCaller<{ owner: { userId: string; role: string }; previousOwner: { userId: string; role: string } }>(
        app,
        owner,
        { method: 'POST', body: { userId: ada } },
        sessions.superadmin,
      ),
    );
    expect([handed.owner.userId, handed.owner.role]).to.deep.equal([ada, 'superadmin']);
    expect([handed.previousOwner.userId, handed.previousOwner.role]).to.deep.equal([app.agentId, 'admin']);
    // Both keep their sessions, with their new roles' grants.
    const me = async (s: Session) =>
      responseOf(
        await request<Envelope<{ user: { role: string }; permissions: string[] }>>(`${app.url}/agent/v1/me`, {
          headers: bearer(s),
        }),
      );
    expect((await me(sessions.admin)).permissions).to.include('transferOwnership');
    expect((await me(sessions.superadmin)).user.role).to.equal('admin');
    const back = await asCaller(app, owner, { method: 'POST', body: { userId: app.agentId } }, sessions.superadmin);
    expect(statusAndCode(back)).to.deep.equal([403, 'PL-S-03']);
    const demote = await asCaller(
      app,
      teammatePath(app, ada),
      { method: 'PATCH', body: { role: 'agent' } },
      sessions.superadmin,
    );
    expect(statusAndCode(demote)).to.deep.equal([403, 'PL-S-03']);
    // The new owner may demote the old one, an admin now.
    const demoted = await asCaller(
      app,
      teammatePath(app, app.agentId),
      { method: 'PATCH', body: { role: 'agent' } },
      sessions.admin,
    );
    expect(demoted.status).to.equal(200);
  });
});
