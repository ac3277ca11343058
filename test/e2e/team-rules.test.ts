/**
 * Rules per team, seen by the visitor: the welcome/away decision uses the conversation's team —
 * its office hours and its agents online — not the default team's; and a visitor whose
 * conversation waits in the queue is told so (with their place when the rules say so). Real
 * widget from the live server in a host page; the team comes from the install settings'
 * `metadata.teamId`, as a site sets it.
 */
import { expect } from '@open-wc/testing';
import {
  agentOnline,
  createApp,
  openConfiguredHost,
  platform,
  shownText,
  textOf,
  waitFor,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { openWidget, startChat } from '../helpers/widget-page.js';

const ALL_DAY = {
  '0': '0000-0000',
  '1': '0000-0000',
  '2': '0000-0000',
  '3': '0000-0000',
  '4': '0000-0000',
  '5': '0000-0000',
  '6': '0000-0000',
};
const WELCOME = 'Welcome, we are here.';
const AWAY = 'Nobody is here right now.';
const CLOSED = { day: 'The day desk is closed.', night: 'The night desk is closed.' };

function hours(open: 'day' | 'night') {
  return (['day', 'night'] as const).map((teamId) => ({
    teamId,
    teamName: teamId,
    timezone: 'UTC',
    businessHourMap: teamId === open ? ALL_DAY : {},
    message: CLOSED[teamId],
  }));
}

async function setRules(app: TestApp, conversationRules: Record<string, unknown>): Promise<void> {
  const res = await platform(app, `/admin/v1/apps/${app.appId}/rules`, {
    method: 'PATCH',
    body: { conversationRules },
  });
  if (res.status !== 200) throw new Error(`rules: ${JSON.stringify(res.body)}`);
}

async function addAgent(app: TestApp, name: string): Promise<string> {
  const email = `${name}.${crypto.randomUUID()}@team.test`;
  const res = await platform(app, `/admin/v1/apps/${app.appId}/teammates`, {
    body: { email, userName: name, role: 'agent', password: `pw-${crypto.randomUUID()}` },
  });
  if (res.status !== 200) throw new Error(`teammate: ${JSON.stringify(res.body)}`);
  return email;
}

const notices = (page: HostPage) =>
  page.findAll('parley-notice').map((n) => ({ tone: n.getAttribute('tone'), text: textOf(n) }));

describe('rules per team, in the widget', function () {
  this.timeout(60000);
  const pages: HostPage[] = [];
  const offline: Array<() => void> = [];

  afterEach(() => {
    pages.splice(0).forEach((p) => p.remove());
    offline.splice(0).forEach((off) => off());
  });

  async function visit(app: TestApp, teamId?: string): Promise<HostPage> {
    // A visitor of their own per page (pages of one origin would otherwise share one).
    const userId = `visitor-${crypto.randomUUID()}`;
    const settings = teamId ? { userId, metadata: { teamId } } : { userId };
    const page = await openConfiguredHost(app, { settings });
    pages.push(page);
    await openWidget(page);
    return page;
  }

  async function appWithHours(open: 'day' | 'night'): Promise<TestApp> {
    const app = await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
      officeHours: hours(open),
      defaultTeamId: 'day',
    });
    offline.push(await agentOnline(app));
    return app;
  }

  for (const open of ['day', 'night'] as const) {
    it(`uses the office hours of the visitor's team (${open} desk open)`, async () => {
      const app = await appWithHours(open);
      const closed = open === 'day' ? 'night' : 'day';
      const ofTeam = await visit(app, closed);
      await waitFor(
        () => notices(ofTeam).some((n) => n.tone === 'away' && n.text.includes(CLOSED[closed])),
        `the ${closed} team's away message`,
      );
      const ofOpen = await visit(app, open === 'day' ? undefined : 'night');
      await waitFor(() => notices(ofOpen).some((n) => n.text.includes(WELCOME)), `the ${open} team's welcome`);
      expect(notices(ofOpen).filter((n) => n.tone === 'away')).to.deep.equal([]);
    });
  }

  it("follows the team the page names for the next conversation (the page API's teamId)", async () => {
    const app = await appWithHours('day');
    const page = await visit(app);
    await waitFor(() => notices(page).some((n) => n.text.includes(WELCOME)), "the default (day) team's welcome");
    const api = (page.win() as unknown as { Parley: { updateSettings(s: Record<string, unknown>): void } }).Parley;
    api.updateSettings({ teamId: 'night' });
    await waitFor(
      () => notices(page).some((n) => n.tone === 'away' && n.text.includes(CLOSED.night)),
      "the night team's away message, before any conversation",
    );
  });

  it("counts the agents of the visitor's team: team B's visitor is told nobody is there while A's agent is online", async () => {
    const app = await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
    });
    const absent = await addAgent(app, 'Absent');
    await setRules(app, {
      teams: [
        { teamId: 'a', name: 'A', agentIds: [app.agentId] },
        { teamId: 'b', name: 'B', agentIds: [absent] },
      ],
      defaultTeamId: 'a',
    });
    offline.push(await agentOnline(app));
    const ofB = await visit(app, 'b');
    await waitFor(() => notices(ofB).some((n) => n.tone === 'away' && n.text.includes(AWAY)), "B's visitor: away");
    const ofA = await visit(app);
    await waitFor(() => notices(ofA).some((n) => n.text.includes(WELCOME)), "the default team's visitor: welcome");
  });

  for (const showPosition of [true, false]) {
    it(`tells a visitor who waits in the queue${showPosition ? ', with their place' : ''}`, async () => {
      const app = await createApp();
      await setRules(app, { botFirst: false, routing: 'automatic', queue: { enabled: true, showPosition } });
      const page = await visit(app);
      await startChat(page, 'Hello, anyone?');
      const line = showPosition
        ? 'All our agents are busy. You are number 1 in the queue.'
        : "All our agents are busy. You'll be connected as soon as someone is free.";
      await waitFor(() => shownText(page).includes(line), 'the waiting line');
    });
  }
});
