/** The staff app's URLs (`demo/dashboard/src/router.ts`) and what each inbox tab holds (`inbox-state.ts`). */
import { expect } from '@open-wc/testing';
import { inTab, inboxFilter, upsert } from '../../demo/dashboard/src/inbox-state.js';
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
    ];
    for (const route of routes) expect(at(routeUrl(route)), routeUrl(route)).to.deep.equal(route);
    expect(routeUrl({ tab: 'mine' })).to.equal('/dashboard/');
    expect(routeUrl({ tab: 'resolved', groupId: '7' })).to.equal('/dashboard/conversations/7?tab=resolved');
    expect(routeUrl({ tab: 'mine', settings: 'profile' })).to.equal('/dashboard/settings/profile');
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
