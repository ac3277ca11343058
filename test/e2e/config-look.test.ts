/**
 * The fetched widget configuration, enforced — how the widget looks and greets (issue 3):
 * - Customization: primary colour (with readable text, changed live by an admin without a
 *   reload), position left, a launcher image, "Powered by Parley" on/off, panel title/subtitle.
 * - Notification sound: the app's tone (`notificationTone`) at `notificationVolume` for a message
 *   while the chat is closed; silent at 0; the greeting's at `greetingMessageVolume` (Web Audio
 *   replaced by a recording stand-in in the host page, test/helpers/tones.ts).
 * - Greeting: the bubble by the closed launcher after its delay, opening the chat from it,
 *   dismissing it once per session (not back after a reload), and no greeting on a narrow
 *   (mobile) page when `enableGreetingMessageInMobile` is off.
 * Every setting is changed through the admin endpoint of the live reference server. Where a test
 * asserts that something does NOT appear after a delay, a control page on the other host name
 * (127.0.0.1: its own storage) shows it first, so the delay has passed without sleeping.
 */
import { expect } from '@open-wc/testing';
import { press, type } from '../helpers/ui.js';
import {
  createApp,
  openConfiguredHost,
  openPanel,
  patchSettings,
  platform,
  probeCount,
  rendered,
  textOf,
  waitFor,
  waitForAsync,
  type ConfiguredHostPage,
  widgetLauncher,
} from '../helpers/e2e.js';
import { listenForTones, type Heard } from '../helpers/tones.js';
import { TONE_NOTES } from '../../src/core/tones.js';

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const GREETING = 'Hi there! Need help choosing beans?';
const greetingSettings = { popup: true };
const greetingMessages = [{ message: GREETING, delay: 200 }];

describe('configuration: customization', function () {
  this.timeout(60000);
  const pages: ConfiguredHostPage[] = [];
  const open = async (...args: Parameters<typeof openConfiguredHost>) => {
    const page = await openConfiguredHost(...args);
    pages.push(page);
    return page;
  };
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  it('themes the launcher with the primary colour and readable text, and follows a live change without a reload', async () => {
    const app = await createApp({ chatWidget: { primaryColor: '#0a7d33' } });
    const page = await open(app);
    const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
    await waitFor(() => getComputedStyle(launcher).backgroundColor === 'rgb(10, 125, 51)', 'launcher in #0a7d33');
    const style = getComputedStyle(launcher);
    expect(
      contrast(style.backgroundColor, style.color),
      `text ${style.color} on ${style.backgroundColor}`,
    ).to.be.at.least(4.5);

    // Live: the admin changes the colour while the visitor chats (the socket carries the change).
    await openPanel(page);
    await waitFor(() => page.find('parley-panel[connection="connected"]'), 'socket connected');
    const win = page.win() as Window & { notReloaded?: boolean };
    win.notReloaded = true;
    await patchSettings(app, { chatWidget: { primaryColor: '#f5d90a' } });
    const current = () => page.find<HTMLButtonElement>('[part~="launcher"]');
    await waitFor(
      () => current() && getComputedStyle(current()!).backgroundColor === 'rgb(245, 217, 10)',
      'launcher in #f5d90a',
    );
    const live = getComputedStyle(current()!);
    expect(contrast(live.backgroundColor, live.color), `text ${live.color} on ${live.backgroundColor}`).to.be.at.least(
      4.5,
    );
    expect((page.win() as Window & { notReloaded?: boolean }).notReloaded).to.equal(true);
  });

  it('sits in the bottom left corner with position "left"', async () => {
    const app = await createApp({ chatWidget: { position: 'left' } });
    const page = await open(app);
    const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
    await waitFor(() => getComputedStyle(page.widget()!).left === '20px', 'host at left: 20px');
    const box = launcher.getBoundingClientRect();
    expect(Math.round(box.left)).to.equal(20);
    expect(box.right).to.be.below(page.win().innerWidth / 2);
  });

  it('shows the launcher image of iconIndex "image"', async () => {
    const image = `${location.origin}/node_modules/istanbul-reports/lib/html/assets/favicon.png`;
    const app = await createApp({ chatWidget: { iconIndex: 'image', widgetImageLink: image } });
    const page = await open(app);
    // The widget's own launcher (the first stage's, drawn earlier, is replaced when it takes over).
    const img = await waitFor(() => widgetLauncher(page)?.querySelector('img'), 'launcher image');
    expect(img.src).to.equal(image);
    await waitFor(() => img.complete && img.naturalWidth > 0, 'image loaded');
    expect(widgetLauncher(page)?.querySelector('img')).to.equal(img);
  });

  it('shows "Powered by Parley" in the panel footer when showPoweredBy is on, and not when off', async () => {
    const poweredBy = (page: ConfiguredHostPage) =>
      page.findAll<HTMLAnchorElement>('a').filter((a) => textOf(a).includes('Powered by Parley'));

    const on = await open(await createApp({ chatWidget: { showPoweredBy: true } }));
    await openPanel(on);
    const [link] = await waitFor(() => poweredBy(on).length > 0 && poweredBy(on), '"Powered by Parley" link');
    expect(link!.href).to.match(/^https?:\/\//);
    expect(link!.getBoundingClientRect().height, 'link visible').to.be.above(0);
    const panel = on.find('[part~="panel"]')!.getBoundingClientRect();
    const box = link!.getBoundingClientRect();
    expect(box.bottom, 'in the panel').to.be.at.most(panel.bottom + 1);
    expect(box.top, 'in the lower part of the panel').to.be.above(panel.top + panel.height / 2);

    const off = await open(await createApp({ chatWidget: { showPoweredBy: false } }));
    await openPanel(off);
    await waitFor(() => off.find('parley-composer'), 'composer');
    await rendered(off);
    expect(poweredBy(off)).to.deep.equal([]);
    expect(textOf(off.find('parley-panel'))).to.not.contain('Powered by');
  });

  it('shows the title and team name in the panel header', async () => {
    const app = await createApp({ chatWidget: { title: 'Tidewater Coffee', teamName: 'The roastery team' } });
    const page = await open(app);
    await openPanel(page);
    const header = await waitFor(() => page.find('[part~="header"]'), 'header');
    await waitFor(() => textOf(header).includes('Tidewater Coffee'), 'title in the header');
    expect(textOf(header)).to.contain('The roastery team');
  });
});

describe('configuration: notification sound', function () {
  this.timeout(60000);
  let page: ConfiguredHostPage | undefined;
  afterEach(() => page?.remove());

  /** The visitor chats (a real key press: browsers play sound only after one), closes, and an agent writes. */
  async function agentWritesWhileClosed(volume: number, tone?: string): Promise<Heard> {
    const app = await createApp({
      chatWidget: { notificationVolume: volume, ...(tone && { notificationTone: tone }) },
    });
    page = await openConfiguredHost(app, { settings: { userId: `tone-${Date.now()}` } });
    const p = page;
    const heard = listenForTones(p);
    await openPanel(p);
    const sent = new Promise<string>((resolve) =>
      p
        .widget()!
        .addEventListener(
          'parley-message-sent',
          (e) => resolve((e as CustomEvent<{ message: { groupId: string } }>).detail.message.groupId),
          {
            once: true,
          },
        ),
    );
    const input = await waitFor(
      () => p.find('parley-composer')?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea'),
      'composer',
    );
    input.focus();
    await type('Ping');
    await press('Enter');
    const groupId = await sent;
    // The demo bot answers first, while the chat is open (silent).
    await waitFor(
      () => p.findAll('parley-message').some((m) => textOf(m).includes('agent will join')),
      'the bot answers',
    );
    p.find<HTMLButtonElement>('[part~="launcher"]')!.click();
    await waitFor(() => !p.find('parley-panel[open]'), 'panel closed');
    const before = heard.notes.length;

    const text = 'Alex here: your beans are on their way.';
    const received = new Promise<void>((resolve) => {
      const onReceived = (e: Event) => {
        if ((e as CustomEvent<{ message: { message: string } }>).detail.message.message !== text) return;
        p.widget()!.removeEventListener('parley-message-received', onReceived);
        resolve();
      };
      p.widget()!.addEventListener('parley-message-received', onReceived);
    });
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: { groupId, message: text, fromUserName: app.agentId },
    });
    expect(res.status).to.equal(200);
    await received;
    return { notes: heard.notes.slice(before), peaks: heard.peaks.slice(before) };
  }

  it('plays the notification tone at the configured volume for a message while the chat is closed', async () => {
    const heard = await agentWritesWhileClosed(0.8);
    expect(heard.notes, 'the default tone').to.deep.equal([...TONE_NOTES.default.map(([hz]) => hz)]);
    expect(Math.max(...heard.peaks)).to.be.closeTo(0.2 * 0.8, 1e-6);
  });

  it("plays the app's chosen tone (notificationTone)", async () => {
    const heard = await agentWritesWhileClosed(0.5, 'marimba');
    expect(heard.notes).to.deep.equal([523, 659, 784]);
    expect(Math.max(...heard.peaks)).to.be.closeTo(0.2 * 0.5, 1e-6);
  });

  it('stays silent with notificationVolume 0', async () => {
    const heard = await agentWritesWhileClosed(0);
    expect(heard.notes, 'tones started').to.deep.equal([]);
  });
});

describe('configuration: greeting', function () {
  this.timeout(60000);
  const pages: ConfiguredHostPage[] = [];
  const open = async (...args: Parameters<typeof openConfiguredHost>) => {
    const page = await openConfiguredHost(...args);
    pages.push(page);
    return page;
  };
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  const greeting = (page: ConfiguredHostPage) => {
    const el = page.find('parley-greeting');
    const bubble = el?.shadowRoot?.querySelector('[part~="greeting"]');
    return el && bubble && textOf(el).includes(GREETING) && bubble.getBoundingClientRect().height > 0 ? el : null;
  };

  it('shows the greeting by the closed launcher; clicking it opens the chat', async () => {
    const app = await createApp({ chatWidget: greetingSettings, chatPopupMessage: greetingMessages });
    const page = await open(app);
    await waitFor(() => page.find('[part~="launcher"]'), 'launcher');
    const bubble = await waitFor(() => greeting(page), 'greeting shown');
    expect(page.find('parley-panel[open]'), 'panel still closed').to.equal(null);

    const body = bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part~="greeting-message"]')!;
    body.click();
    await waitFor(() => page.find('parley-panel[open]'), 'panel opened from the greeting');
    await waitFor(() => !greeting(page), 'greeting gone while the chat is open');
  });

  it("plays the app's tone at greetingMessageVolume when the greeting shows", async () => {
    const app = await createApp({
      chatWidget: { ...greetingSettings, notificationTone: 'ding', greetingMessageVolume: 0.4 },
      chatPopupMessage: greetingMessages,
    });
    // The visitor types in the page first (browsers play sound only after that); then the widget loads.
    const page = await open(app, { query: { afterInput: '1' } });
    const heard = listenForTones(page);
    (await waitFor(() => page.win().document.querySelector<HTMLInputElement>('#page-field'), 'the page')).focus();
    await press('a');
    await waitFor(() => greeting(page), 'greeting shown');
    expect(heard.notes).to.deep.equal([1046]);
    expect(heard.peaks).to.deep.equal([0.2 * 0.4]);
  });

  it('is dismissed with its close button and does not come back after a reload in the same tab', async () => {
    const app = await createApp({ chatWidget: greetingSettings, chatPopupMessage: greetingMessages });
    const page = await open(app);
    const bubble = await waitFor(() => greeting(page), 'greeting shown');
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close-button"]')!.click();
    await waitFor(() => !greeting(page), 'greeting dismissed');

    await page.reload();
    await waitFor(() => page.find('[part~="launcher"]'), 'launcher after the reload');
    // A control page opened after this one (another host name: its own session) shows the
    // greeting, so this page's greeting delay has passed too.
    const control = await open(app, { host: '127.0.0.1' });
    await waitForAsync(async () => (await probeCount(control, '[part~="greeting"]')) > 0, 'control page greets');
    await rendered(page);
    expect(greeting(page), 'greeting after the reload').to.equal(null);
    expect(page.find('parley-panel[open]')).to.equal(null);
  });

  it('does not greet on a narrow (mobile) page when enableGreetingMessageInMobile is off', async () => {
    const app = await createApp({
      chatWidget: { ...greetingSettings, enableGreetingMessageInMobile: false },
      chatPopupMessage: greetingMessages,
    });
    const narrow = await open(app, { width: 375, height: 667 });
    await waitFor(() => narrow.find('[part~="launcher"]'), 'launcher on the narrow page');
    const control = await open(app, { host: '127.0.0.1', width: 800 });
    await waitForAsync(async () => (await probeCount(control, '[part~="greeting"]')) > 0, 'wide control page greets');
    await rendered(narrow);
    expect(greeting(narrow), 'greeting on a 375px page').to.equal(null);
  });
});
