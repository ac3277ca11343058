/** The staff app's URLs (`demo/dashboard/src/router.ts`) and what each inbox tab holds (`inbox-state.ts`). */
import { expect } from '@open-wc/testing';
import { belongs, inTab, inboxFilter, upsert, withMessage, withUser } from '../../demo/dashboard/src/inbox-state.js';
import { parseRoute, routeUrl, SETTINGS_PAGES, TABS, type Route } from '../../demo/dashboard/src/router.js';
import { CONVERSATION_STATUS } from '../../src/core/protocol-enums.js';
import type { Conversation } from '../../src/core/protocol.js';
import type { StaffMe } from '../../src/core/staff-protocol.js';

const at = (path: string) => parseRoute(new URL(path, 'https://chat.example.com'));

describe('staff app: routes', () => {
  it('reads each URL it makes back as the same route', () => {
    const routes: Route[] = [
      ...TABS.map((tab) => ({ tab })),
      ...TABS.map((tab) => ({ tab, groupId: '100042' })),
      { tab: 'open', groupId: 'a/b c?d' },
      ...SETTINGS_PAGES.map((settings) => ({ tab: 'mine' as const, settings })),
      { tab: 'resolved', settings: 'teammates' },
      { tab: 'mine', report: 'csat' },
      { tab: 'mine', tag: 7 },
      { tab: 'unassigned', tag: 12 },
      { tab: 'resolved', tag: 3, groupId: '100042' },
    ];
    for (const route of routes) expect(at(routeUrl(route)), routeUrl(route)).to.deep.equal(route);
    expect(routeUrl({ tab: 'mine' })).to.equal('/dashboard/');
    expect(routeUrl({ tab: 'resolved', groupId: '7' })).to.equal('/dashboard/conversations/7?tab=resolved');
    expect(routeUrl({ tab: 'mine', settings: 'profile' })).to.equal('/dashboard/settings/profile');
    expect(routeUrl({ tab: 'open', tag: 4 })).to.equal('/dashboard/inbox/open?tag=4');
    expect(routeUrl({ tab: 'mine', tag: 4, groupId: '9' })).to.equal('/dashboard/conversations/9?tag=4');
  });

  it('takes any other path under /dashboard/ (or a broken one) as the inbox', () => {
    for (const path of [
      '/dashboard',
      '/dashboard/nowhere',
      '/dashboard/inbox/spam',
      '/dashboard/conversations/',
      '/dashboard/conversations/%E0%A4%A',
    ]) {
      expect(at(path), path).to.deep.equal({ tab: 'mine' });
    }
    expect(at('/dashboard/conversations/9?tab=bogus')).to.deep.equal({ tab: 'mine', groupId: '9' });
    for (const tag of ['0', '-1', '1.5', 'x', '', '1e3'])
      expect(at(`/dashboard/?tag=${tag}`), tag).to.deep.equal({ tab: 'mine' });
  });
});

describe('staff app: inbox tabs', () => {
  const me = (seesAll: boolean): StaffMe => ({
    appId: 'a',
    user: { userId: 'alex', userName: 'Alex', role: 'agent' },
    permissions: [],
    routing: 'automatic',
    seesAll,
    status: 'online',
  });
  const conv = (
    groupId: string,
    status: Conversation['status'],
    assignee?: string,
    updatedAtTime = 1,
  ): Conversation => ({
    groupId,
    groupName: groupId,
    status,
    ...(assignee ? { assignee } : {}),
    members: [],
    metadata: {},
    createdAtTime: 0,
    updatedAtTime,
    unreadCount: 0,
  });

  it('asks the server for what each tab shows, only their own for staff who see only their own', () => {
    expect(inboxFilter('mine', me(true))).to.deep.equal({ status: 'open', assigned: 'me' });
    expect(inboxFilter('unassigned', me(true))).to.deep.equal({ status: 'open', assigned: 'unassigned' });
    expect(inboxFilter('resolved', me(true))).to.deep.equal({ status: 'resolved', assigned: 'all' });
    expect(inboxFilter('resolved', me(false))).to.deep.equal({ status: 'resolved', assigned: 'me' });
    expect(inboxFilter('open', me(true), 5)).to.deep.equal({ status: 'open', assigned: 'all', tag: 5 });
  });

  it('keeps a conversation in a tag-filtered inbox only while it has the tag', () => {
    const c = conv('1', CONVERSATION_STATUS.open, 'alex');
    const tagged = { ...c, tags: [{ id: 5, name: 'vip', colour: 'blue' }] };
    expect(belongs(tagged, { tab: 'mine', tag: 5 }, me(true))).to.equal(true);
    expect(belongs(c, { tab: 'mine', tag: 5 }, me(true))).to.equal(false);
    expect(belongs(tagged, { tab: 'mine', tag: 6 }, me(true))).to.equal(false);
    expect(belongs(c, { tab: 'mine' }, me(true))).to.equal(true);
    expect(belongs(tagged, { tab: 'unassigned', tag: 5 }, me(true))).to.equal(false);
  });

  it('moves a conversation up with a new message, counting it unread unless read', () => {
    const list = [conv('1', CONVERSATION_STATUS.open, 'alex', 9), conv('2', CONVERSATION_STATUS.open, 'alex', 5)];
    const m = { groupId: '2', createdAtTime: 10 } as Parameters<typeof withMessage>[1];
    const after = withMessage(list, m, false);
    expect(after.map((c) => [c.groupId, c.unreadCount])).to.deep.equal([
      ['2', 1],
      ['1', 0],
    ]);
    expect(withMessage(list, m, true)[0]?.unreadCount).to.equal(0);
    expect(withMessage(list, { ...m, groupId: '3' }, false)).to.deep.equal(list);
    const named = withUser(
      { ...list[0]!, members: [{ userId: 'v', userName: 'Old' }] } as Conversation,
      {
        userId: 'v',
        userName: 'New',
      } as Parameters<typeof withUser>[1],
    );
    expect(named.members[0]?.userName).to.equal('New');
  });

  it('moves a conversation that changed live into or out of the tab, newest first', () => {
    const open = CONVERSATION_STATUS.open;
    const mine = conv('1', open, 'alex', 5);
    const theirs = conv('2', open, 'sam', 6);
    const resolved = conv('3', CONVERSATION_STATUS.resolved, 'alex', 7);
    expect(inTab(mine, 'mine', me(true))).to.equal(true);
    expect(inTab(theirs, 'mine', me(true))).to.equal(false);
    expect(inTab(theirs, 'open', me(true))).to.equal(true);
    expect(inTab(theirs, 'open', me(false))).to.equal(false);
    expect(inTab(conv('4', open), 'unassigned', me(true))).to.equal(true);
    expect(inTab(resolved, 'resolved', me(false))).to.equal(true);
    expect(inTab(resolved, 'mine', me(true))).to.equal(false);
    const list = upsert(upsert([], mine, true), theirs, true);
    expect(list.map((c) => c.groupId)).to.deep.equal(['2', '1']);
    expect(upsert(list, { ...mine, updatedAtTime: 9 }, true).map((c) => c.groupId)).to.deep.equal(['1', '2']);
    expect(upsert(list, theirs, false).map((c) => c.groupId)).to.deep.equal(['1']);
  });
});
