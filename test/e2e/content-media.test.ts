/**
 * Contact, audio and video messages end to end: an integration posts them through the Platform
 * API (one with its channel, `source`), the visitor's widget on a customer's page shows a contact
 * card and a player (a file card for a URL that may not play), and the staff app shows the same,
 * with the channel on the message.
 */
import { expect } from '@open-wc/testing';
import { call, closeConsoles, type ConsolePage } from '../helpers/console-page.js';
import { openDashboard, shows, signInDashboard } from '../helpers/dashboard-page.js';
import {
  createApp,
  openHost,
  platform,
  server,
  waitFor,
  waitForAsync,
  widgetLauncher,
  visitorGet,
  visitorSession,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';

const CONTACT = { name: 'Ana Lima', phone: '+351 912 345 678', email: 'ana@example.com' };
const CLIP = 'https://media.example.com/welcome.mp3';

/** An expression for the staff app's tab: the `src` of the players in the open conversation. */
const staffPlayers = call(() => {
  const conversation = document.querySelector('parley-dashboard')?.shadowRoot?.querySelector('pd-conversation');
  return [...(conversation?.shadowRoot?.querySelectorAll('parley-message-content') ?? [])].flatMap((el) =>
    [...(el.shadowRoot?.querySelectorAll('audio[controls], video[controls]') ?? [])].map(
      (p) => `${p.localName} ${p.getAttribute('src')} ${p.getAttribute('aria-label')}`,
    ),
  );
});

describe('contact, audio and video messages end to end', function () {
  this.timeout(90000);
  let page: HostPage | undefined;
  let agent: ConsolePage | undefined;
  after(async () => {
    page?.remove();
    await closeConsoles();
  });

  it('the widget shows a contact card and a player; the staff app the same, with the channel', async () => {
    const app: TestApp = await createApp();
    const userId = `media-${Math.random().toString(36).slice(2)}`;
    page = await openHost(app, { settings: { userId, userName: 'Mia' } });
    (await waitFor(() => widgetLauncher(page!), 'launcher')).click();
    const { token } = await visitorSession(app, { userId });
    const [conversation] = await waitForAsync(async () => {
      const list = await visitorGet<Array<{ groupId: string }>>(token, '/widget/v1/conversations');
      return list.length ? list : undefined;
    }, 'the conversation the widget opened');
    const groupId = conversation!.groupId;

    const send = (body: Record<string, unknown>) =>
      platform(app, '/rest/ws/message/v2/send', { body: { groupId, fromUserName: app.agentId, ...body } });
    expect((await send({ contentType: 7, message: JSON.stringify(CONTACT), source: 1 })).body.status).to.equal(
      'success',
    );
    expect(
      (
        await send({
          contentType: 8,
          message: 'Our welcome',
          fileMeta: { blobKey: 'welcome', name: 'welcome.mp3', size: 1000, contentType: 'audio/mpeg', url: CLIP },
        })
      ).body.status,
    ).to.equal('success');
    expect(
      (
        await send({
          contentType: 9,
          message: 'Not playable',
          fileMeta: { blobKey: 'x', name: 'trick.mp4', size: 10, contentType: 'video/mp4', url: 'javascript:alert(1)' },
        })
      ).body.status,
    ).to.equal('success');

    // The visitor's widget.
    const card = await waitFor(() => page!.find('.contact'), 'the contact card');
    expect(card.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      `Contact ${CONTACT.name} ${CONTACT.phone} ${CONTACT.email}`,
    );
    expect([...card.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'tel:+351912345678',
      'mailto:ana@example.com',
    ]);
    const audio = await waitFor(() => page!.find<HTMLAudioElement>('audio'), 'the audio player');
    expect(audio.controls).to.equal(true);
    expect(audio.getAttribute('src')).to.equal(CLIP);
    expect(audio.getAttribute('aria-label')).to.equal('Audio message');
    await waitFor(
      () => page!.findAll('parley-attachment').some((a) => a.shadowRoot?.textContent?.includes('trick.mp4')),
      'the file card for the video that may not play',
    );
    expect(page.findAll('video')).to.have.length(0);
    expect(page.findAll('a').some((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).to.equal(false);

    // The staff app: the same content, and the channel on the message that named one.
    const { url } = await server();
    await signInDashboard(await openDashboard(url), app.appId, app.agentId, app.agentPassword);
    agent = await openDashboard(url, `/dashboard/conversations/${groupId}`, { signedIn: true });
    await agent.waitFor(
      shows('pd-conversation', 'parley-message-content', `Contact ${CONTACT.name}`),
      'the contact card',
    );
    await agent.waitFor(shows('pd-conversation', '.source', 'Source 1'), 'the channel on the message');
    await agent.waitFor(`${staffPlayers}.length === 1`, 'the audio player');
    expect(await agent.eval<string[]>(staffPlayers)).to.deep.equal([`audio ${CLIP} Audio message`]);
  });
});
