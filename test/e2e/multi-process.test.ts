/**
 * Two reference-server processes as one service (one PostgreSQL, one Redis; started by
 * test/plugins/multi-process.mjs), used as people use them: the visitor's widget talks to
 * process A, the agent's staff app and the Platform API to process B. Messages both ways, typing,
 * read receipts and Away cross between them; a settings change saved through B reaches the widget
 * on A; A killed mid-chat and started again loses and doubles nothing; new conversations arriving
 * through either process take turns between agents signed in to either.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { call, closeConsoles, SAM, addSam, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, replyBoxValue, shows, signInDashboard } from '../helpers/dashboard-page.js';
import { createApp, openHost, openPanel, textOf, useServer, waitFor } from '../helpers/e2e.js';
import type { HostPage, TestApp } from '../helpers/e2e.js';
import { CLUSTER_NOT_CONFIGURED } from '../server/postgres-support.js';
import { press, type } from '../helpers/ui.js';

const CLUSTER = 'e2e-cluster';
const WELCOME = 'Hello from both of our servers!';
const AWAY = 'Nobody is at the desk right now.';

function cluster<T>(name: string, payload: Record<string, unknown> = {}): Promise<T> {
  return executeServerCommand<T, Record<string, unknown>>(name, { server: CLUSTER, ...payload }) as Promise<T>;
}

async function typeIn(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await type(text);
}

/** The texts of the messages the widget shows, in order. */
function shown(page: HostPage): string[] {
  return page.findAll('parley-message-content').map((el) => el.shadowRoot?.textContent?.trim() ?? '');
}

/** All the text of the widget's shadow roots. */
function everything(page: HostPage): string {
  return page
    .findAll('*')
    .map((el) => el.shadowRoot?.textContent ?? '')
    .join(' ');
}

function notice(page: HostPage, text: string): boolean {
  return page.findAll('parley-notice').some((n) => textOf(n).includes(text));
}

const REPLY_BOX = 'pd-reply-box textarea[name="reply"]';
const AWAY_BUTTON = 'parley-dashboard header button[aria-pressed]';

/** How many of the messages of the conversation open in the staff app contain `text`. */
const countIn = (page: ConsolePage, text: string) =>
  page.eval<number>(
    call(
      (t: string) =>
        [
          ...(document
            .querySelector('parley-dashboard')
            ?.shadowRoot?.querySelector('pd-conversation')
            ?.shadowRoot?.querySelectorAll('parley-message-content') ?? []),
        ].filter((m) => m.shadowRoot?.textContent?.includes(t)).length,
      text,
    ),
  );

describe('two server processes: the widget on A, the staff app and the Platform API on B', function () {
  this.timeout(180000);
  let a: string;
  let b: string;
  let app: TestApp;
  let agent: ConsolePage;
  let visitor: HostPage;
  const frames: HostPage[] = [];

  const api = async (path: string, method: string, body: unknown) => {
    const res = await fetch(`${b}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'Api-Key': app.apiKey },
      body: JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).to.equal(200);
  };

  const composer = () =>
    waitFor(() => visitor.find<HTMLTextAreaElement>('parley-composer textarea, textarea'), 'widget composer');

  before(async () => {
    const configured = await executeServerCommand<{ database: boolean; redis: boolean }, unknown>(
      'parley-cluster-configured',
      {},
    );
    if (!configured?.database || !configured.redis) throw new Error(CLUSTER_NOT_CONFIGURED);
    const { urls, adminKey } = await cluster<{ urls: [string, string]; adminKey: string }>('parley-cluster', {
      env: { PARLEY_PRESENCE_TTL: '2s' },
    });
    [a, b] = urls;
    useServer({ url: a, adminKey });
    app = await createApp({
      welcomeMessage: { enabled: true, message: WELCOME, collectEmail: false },
      awayMessage: { anonymous: AWAY, known: AWAY, collectEmail: false },
    });
    await api(`/admin/v1/apps/${app.appId}/rules`, 'PATCH', {
      conversationRules: { botFirst: false, routing: 'automatic' },
    });
    expect(await addSam(app)).to.equal(200);
  });

  after(async () => {
    await closeConsoles();
    for (const frame of frames) frame.remove();
    await cluster('parley-cluster-stop');
  });

  it('chat both ways, with typing, read receipts and Away crossing between the processes', async () => {
    agent = await openDashboard(b);
    await signInDashboard(agent, app.appId, app.agentId, app.agentPassword);
    visitor = await openHost(app, { settings: { userId: 'vera', userName: 'Vera Visitor' } });
    frames.push(visitor);
    await openPanel(visitor);
    await waitFor(() => notice(visitor, WELCOME), 'A counts the agent signed in on B: the welcome, not the away');

    await typeIn(await composer(), 'Hello from process A');
    await press('Enter');
    await agent.waitFor(shows('pd-inbox', 'li a', 'Hello from process A'), 'B lists the conversation');
    await agent.click('pd-inbox li a:has-text("Vera Visitor")');
    await agent.waitFor(shows('pd-conversation', 'h2', 'Vera Visitor'), 'the conversation opens on B');
    await typeIn(await composer(), 'still typing');
    await agent.waitFor(
      shows('pd-conversation', '.typing', 'Vera Visitor is typing…'),
      'B sees the visitor on A typing',
    );
    await press('Enter');
    await waitFor(
      () =>
        visitor
          .findAll<HTMLElement & { message?: { message: string } }>('parley-message')
          .some(
            (m) =>
              m.message?.message === 'still typing' && m.shadowRoot?.querySelector('.status')?.textContent === 'Read',
          ),
      'the visitor on A sees the read receipt from B',
    );
    await agent.focus(REPLY_BOX);
    await agent.type('Answered from process B');
    await waitFor(() => everything(visitor).includes('Alex Agent is typing…'), 'A shows the agent typing on B');
    await agent.press('Enter');
    await waitFor(() => shown(visitor).includes('Answered from process B'), 'the reply reaches A');
    await agent.waitFor(`${replyBoxValue} === ''`, 'the reply box is empty once the reply is stored');

    await agent.click(AWAY_BUTTON);
    await waitFor(() => notice(visitor, AWAY), 'Away pressed on B shows the away message on A');
    await agent.click(AWAY_BUTTON);
    await waitFor(() => notice(visitor, WELCOME), 'and back');
  });

  it('a settings change saved through B reaches the widget on A without a reload', async () => {
    const win = visitor.win() as Window & { notReloaded?: boolean };
    win.notReloaded = true;
    await api(`/admin/v1/apps/${app.appId}/settings`, 'PATCH', { chatWidget: { primaryColor: '#f5d90a' } });
    await waitFor(() => {
      const launcher = visitor.find<HTMLButtonElement>('[part~="launcher"]');
      return launcher && getComputedStyle(launcher).backgroundColor === 'rgb(245, 217, 10)';
    }, 'the launcher in the new colour');
    expect((visitor.win() as Window & { notReloaded?: boolean }).notReloaded).to.equal(true);
  });

  it('A killed mid-chat and started again: nothing lost, nothing doubled, presence right again', async () => {
    await cluster('parley-cluster-kill', { index: 0 });
    await waitFor(() => visitor.find('parley-panel:not([connection="connected"])'), 'the widget notices');
    await typeIn(await composer(), 'Written while A was down');
    await press('Enter');
    await waitFor(() => shown(visitor).includes('Written while A was down'), 'kept in the conversation, sending');
    await agent.focus(REPLY_BOX);
    await agent.type('Sent on B while A was down');
    await agent.press('Enter');

    await cluster('parley-cluster-start', { index: 0 });
    await waitFor(() => visitor.find('parley-panel[connection="connected"]'), 'the widget reconnects to A', 30000);
    await waitFor(() => shown(visitor).includes('Sent on B while A was down'), 'the missed reply is caught up', 20000);
    await agent.waitFor(
      shows('pd-conversation', 'parley-message-content', 'Written while A was down'),
      'the message written meanwhile reaches B',
    );
    await waitFor(() => notice(visitor, WELCOME), 'the new A counts the agent on B at once');
    const texts = shown(visitor);
    expect(texts.filter((t) => t === 'Written while A was down')).to.have.length(1);
    expect(texts.filter((t) => t === 'Sent on B while A was down')).to.have.length(1);
    expect(new Set(texts).size, texts.join(' | ')).to.equal(texts.length);
    expect(await countIn(agent, 'Written while A was down')).to.equal(1);
  });

  it('new conversations through either process take turns between agents signed in to either', async () => {
    const sam = await openDashboard(a);
    await signInDashboard(sam, app.appId, SAM.email, SAM.password);
    const assignees: string[] = [];
    for (const [name, at] of [
      ['Walt Visitor', a],
      ['Xena Visitor', b],
      ['Yuri Visitor', a],
      ['Zoe Visitor', b],
    ] as const) {
      useServer({ url: at, adminKey: '' });
      const page = await openHost(app, { settings: { userId: name.split(' ')[0]!.toLowerCase(), userName: name } });
      frames.push(page);
      await openPanel(page);
      await typeIn(await waitFor(() => page.find<HTMLTextAreaElement>('textarea'), 'composer'), `Hi, I am ${name}`);
      await press('Enter');
      const badge = await waitFor(() => page.find('parley-agent-badge[name]'), `${name} is assigned`);
      assignees.push(badge.getAttribute('name')!);
    }
    useServer({ url: a, adminKey: '' });
    expect(assignees).to.satisfy(
      (names: string[]) => names.every((n, i) => i === 0 || n !== names[i - 1]),
      `turns taken: ${assignees.join(', ')}`,
    );
    expect(new Set(assignees)).to.deep.equal(new Set(['Alex Agent', SAM.userName]));
  });
});
