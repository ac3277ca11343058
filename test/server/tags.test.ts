/**
 * Tags: the app's tags (create, list, delete), a conversation's tags (set, shown to staff, pushed
 * to staff, never to visitors), the inbox filter by tag, and who may do what.
 */
import { expect } from '@open-wc/testing';
import type { Conversation, Session } from '../../src/core/protocol.js';
import { addTeammate, adminSession, agentSocket, bearerOf, patchQuery } from './platform-support.js';
import type { Teammate } from './platform-support.js';
import {
  bearer,
  closeSockets,
  connect,
  createTestApp,
  errorCode,
  eventually,
  newConversation,
  record,
  request,
  responseOf,
  visitorSession,
} from './support.js';
import type { Envelope, JsonResponse, TestApp } from './support.js';

interface Tag {
  id: number;
  name: string;
  colour: string;
}
type StaffConversation = Conversation & { tags: Tag[]; blocked: boolean };

describe('server: tags', () => {
  let app: TestApp;
  let admin: Session;
  let amy: Teammate;
  let olive: Teammate;
  const send = <T>(session: Session, path: string, init: { method?: string; body?: unknown } = {}) =>
    request<Envelope<T>>(`${app.url}${path}`, { ...init, headers: bearerOf(session) });
  const createTag = async (session: Session, name: string, colour?: string) =>
    responseOf(await send<Tag>(session, '/agent/v1/tags', { body: colour ? { name, colour } : { name } }));
  const setTags = (session: Session, groupId: string, tagIds: unknown) =>
    send<StaffConversation>(session, `/agent/v1/conversations/${groupId}/tags`, { method: 'PUT', body: { tagIds } });
  const code = (res: JsonResponse<unknown>) => [res.status, errorCode(res)];

  before(async () => {
    app = await createTestApp();
    admin = await adminSession(app);
    amy = await addTeammate(app, 'Amy');
    olive = await addTeammate(app, 'Olive', 'operator');
  });
  afterEach(() => closeSockets());

  it('creates, lists and deletes tags; names are unique case-insensitively; colours from the list', async () => {
    const vip = await createTag(amy.session, '  VIP  customer ', 'red');
    expect(vip).to.include({ name: 'VIP customer', colour: 'red' });
    expect((await createTag(admin, 'billing')).colour).to.equal('grey');
    expect(code(await send(admin, '/agent/v1/tags', { body: { name: 'vip CUSTOMER' } }))).to.deep.equal([
      409,
      'PL-R-03',
    ]);
    expect(code(await send(admin, '/agent/v1/tags', { body: { name: 'x', colour: '#ff0000' } }))).to.deep.equal([
      400,
      'PL-R-03',
    ]);
    expect(code(await send(admin, '/agent/v1/tags', { body: { name: 'x'.repeat(41) } }))).to.deep.equal([
      400,
      'PL-R-03',
    ]);
    expect(code(await send(admin, '/agent/v1/tags', { body: {} }))).to.deep.equal([400, 'PL-R-02']);
    const list = responseOf(await send<Tag[]>(olive.session, '/agent/v1/tags'));
    expect(list.map((t) => t.name)).to.include.members(['billing', 'VIP customer']);

    const temp = await createTag(admin, 'temporary');
    responseOf(await send(amy.session, `/agent/v1/tags/${temp.id}`, { method: 'DELETE' }));
    expect(code(await send(amy.session, `/agent/v1/tags/${temp.id}`, { method: 'DELETE' }))).to.deep.equal([
      404,
      'PL-R-05',
    ]);
    const after = responseOf(await send<Tag[]>(admin, '/agent/v1/tags'));
    expect(after.map((t) => t.id)).not.to.include(temp.id);
  });

  it('operators may not create or delete tags', async () => {
    const tag = await createTag(admin, 'ops-proof');
    expect(code(await send(olive.session, '/agent/v1/tags', { body: { name: 'nope' } }))).to.deep.equal([
      403,
      'PL-S-03',
    ]);
    expect(code(await send(olive.session, `/agent/v1/tags/${tag.id}`, { method: 'DELETE' }))).to.deep.equal([
      403,
      'PL-S-03',
    ]);
    const visitor = await visitorSession(app);
    const res = await request(`${app.url}/agent/v1/tags`, { headers: bearer(visitor) });
    expect(res.status).to.equal(403);
  });

  it('sets a conversation’s tags, shows and pushes them to staff, never to the visitor, and filters the inbox', async () => {
    const urgent = await createTag(admin, 'urgent', 'orange');
    const sales = await createTag(admin, 'sales', 'blue');
    const visitor = await visitorSession(app);
    const conv = await newConversation(app, visitor);
    const other = await newConversation(app, await visitorSession(app));
    const staffSocket = await agentSocket(app, admin);
    const staffPushes = record(staffSocket, 'conversation');
    const visitorSocket = await connect(app, { token: visitor.token });
    const visitorPushes = record(visitorSocket, 'conversation');

    const tagged = responseOf(await setTags(amy.session, conv.groupId, [urgent.id, sales.id, urgent.id]));
    expect(tagged.tags.map((t) => t.name)).to.deep.equal(['sales', 'urgent']);
    await eventually(
      () => staffPushes.some((c) => c.groupId === conv.groupId && (c as StaffConversation).tags?.length === 2),
      'staff get the tags pushed',
    );
    await eventually(() => visitorPushes.some((c) => c.groupId === conv.groupId), 'the visitor gets the change');
    for (const c of visitorPushes) expect(c).not.to.have.property('tags');

    const one = responseOf(await send<StaffConversation>(admin, `/agent/v1/conversations/${conv.groupId}`));
    expect(one.tags.map((t) => t.id)).to.have.members([urgent.id, sales.id]);
    expect(one.blocked).to.equal(false);
    const filtered = responseOf(await send<StaffConversation[]>(admin, `/agent/v1/conversations?tag=${urgent.id}`));
    expect(filtered.map((c) => c.groupId)).to.deep.equal([conv.groupId]);
    const all = responseOf(await send<StaffConversation[]>(admin, '/agent/v1/conversations'));
    expect(all.find((c) => c.groupId === other.groupId)?.tags).to.deep.equal([]);
    expect(code(await send(admin, '/agent/v1/conversations?tag=x'))).to.deep.equal([400, 'PL-R-03']);

    // The widget's own endpoints never show tags.
    const mine = responseOf(
      await request<Envelope<Conversation[]>>(`${app.url}/widget/v1/conversations`, { headers: bearer(visitor) }),
    );
    expect(mine.find((c) => c.groupId === conv.groupId)).not.to.have.property('tags');
    const single = responseOf(
      await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations/${conv.groupId}`, {
        headers: bearer(visitor),
      }),
    );
    expect(single).not.to.have.property('tags');

    // Replacing and clearing; deleting a tag takes it off.
    expect(responseOf(await setTags(admin, conv.groupId, [sales.id])).tags.map((t) => t.id)).to.deep.equal([sales.id]);
    responseOf(await send(admin, `/agent/v1/tags/${sales.id}`, { method: 'DELETE' }));
    const cleared = responseOf(await send<StaffConversation>(admin, `/agent/v1/conversations/${conv.groupId}`));
    expect(cleared.tags).to.deep.equal([]);
    expect(responseOf(await send<StaffConversation[]>(admin, `/agent/v1/conversations?tag=${sales.id}`))).to.deep.equal(
      [],
    );
  });

  it('validates tag ids and lets operators tag only the conversations they see', async () => {
    const tag = await createTag(admin, 'ops');
    const foreign = await createTestApp();
    const foreignTag = await createTag(await adminSession(foreign), 'elsewhere');
    const conv = await newConversation(app, await visitorSession(app));
    expect(code(await setTags(admin, conv.groupId, [foreignTag.id]))).to.deep.equal([400, 'PL-R-03']);
    expect(code(await setTags(admin, conv.groupId, 'x'))).to.deep.equal([400, 'PL-R-03']);
    expect(code(await setTags(admin, conv.groupId, undefined))).to.deep.equal([400, 'PL-R-02']);
    expect(code(await setTags(admin, 'no-such-group', [tag.id]))).to.deep.equal([404, 'AL-G-01']);

    expect(code(await setTags(olive.session, conv.groupId, [tag.id]))).to.deep.equal([403, 'PL-S-03']);
    responseOf(
      await patchQuery(app, '/rest/ws/group/assignee/change', { groupId: conv.groupId, assignee: olive.userId }),
    );
    const mine = responseOf(await setTags(olive.session, conv.groupId, [tag.id]));
    expect(mine.tags.map((t) => t.id)).to.deep.equal([tag.id]);
  });
});
