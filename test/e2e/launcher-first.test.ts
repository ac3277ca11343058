/**
 * Launcher first (issue 16): the script-tag loader draws the launcher from the settings answer
 * before the widget bundle has loaded, and the widget takes it over. The widget bundle is held
 * back by the test runner (test/plugins/held-widget.mjs) until the test releases it, so these
 * tests see the page exactly as a visitor does while lit, the engine and the store are still on
 * their way — with the real loader, the real reference server and its real settings.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  createApp,
  openHost,
  serverRequests,
  widgetLauncher,
  waitForAsync,
  openConfiguredHost,
  server,
  waitFor,
  type ConfiguredHostPage,
  type HostPageOptions,
  type TestApp,
} from '../helpers/e2e.js';
import { nextSent, openWidget, sendText, shownTexts } from '../helpers/widget-page.js';

const FIRST = '[data-parley-first-stage]';
let keys = 0;

describe('launcher first: the loader draws the launcher before the widget loads', function () {
  this.timeout(60000);
  const pages: ConfiguredHostPage[] = [];
  const releases: Array<() => Promise<void>> = [];
  afterEach(async () => {
    pages.splice(0).forEach((p) => p.remove());
    // A widget a test kept back is let go, so that no request of the test runner stays open.
    await Promise.all(releases.splice(0).map((release) => release()));
  });

  /**
   * A host page whose widget bundle waits for `release()`; with `silent`, its chat server never
   * answers (the page's `server` is one that holds every request).
   */
  async function heldPage(app: TestApp, options: HostPageOptions = {}, silent = false) {
    const key = `k${Date.now().toString(36)}${keys++}`;
    const base = `${location.origin}/held-widget/${key}`;
    await executeServerCommand('hold-widget', { key, server: (await server()).url });
    const settings = silent ? { ...options.settings, server: `${base}/silent` } : options.settings;
    const page = await openConfiguredHost(app, { ...options, settings, scriptBase: base });
    pages.push(page);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await executeServerCommand('release-widget', { key });
    };
    releases.push(release);
    const widgetAsked = () => executeServerCommand<boolean, { key: string }>('held-widget-asked', { key });
    return { page, release, widgetAsked };
  }

  /** The page has fetched the widget's chunk named `name` (`dist/chunks/<name>-<hash>.js`). */
  const chunkFetched = (page: ConfiguredHostPage, name: string) =>
    page
      .win()
      .performance.getEntriesByType('resource')
      .some((entry) => new RegExp(`/chunks/${name}-[\\w-]+\\.js$`).test(entry.name));
  const widgetDefined = (page: ConfiguredHostPage) => Boolean(page.win().customElements.get('parley-chat'));
  const firstStage = (page: ConfiguredHostPage) => page.root()?.querySelector<HTMLButtonElement>(`button${FIRST}`);

  it('shows the app’s launcher, named and themed, before the widget has loaded; the widget takes it over in place', async () => {
    const app = await createApp({ chatWidget: { primaryColor: '#0a7d33', iconIndex: 2 } });
    const { page, release } = await heldPage(app);
    const button = await waitFor(() => firstStage(page), 'first-stage launcher', 20000);
    expect(widgetDefined(page), 'the widget bundle is still held back').to.equal(false);
    expect(page.widget()!.getAttribute('state')).to.equal('pending');
    expect(button.getAttribute('part')).to.equal('launcher');
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const style = getComputedStyle(button);
    expect(style.backgroundColor).to.equal('rgb(10, 125, 51)');
    expect(style.color).to.equal('rgb(255, 255, 255)');
    expect(button.querySelectorAll('svg path').length, 'the headset icon').to.equal(4);
    const before = button.getBoundingClientRect();
    const win = page.win();
    expect(Math.round(win.innerWidth - before.right)).to.equal(20);
    expect(Math.round(before.width)).to.equal(56);
    const icon = [...button.querySelectorAll('path')].map((p) => p.getAttribute('d'));

    await release();
    const launcher = await waitFor(() => page.find('parley-launcher'), 'the widget’s launcher', 20000);
    await waitFor(() => !firstStage(page), 'first stage removed');
    const buttons = page.findAll<HTMLButtonElement>('[part~="launcher"]');
    expect(buttons.length, 'one launcher').to.equal(1);
    const after = buttons[0]!.getBoundingClientRect();
    expect([after.x, after.y, after.width, after.height]).to.deep.equal([
      before.x,
      before.y,
      before.width,
      before.height,
    ]);
    expect(getComputedStyle(buttons[0]!).backgroundColor).to.equal('rgb(10, 125, 51)');
    expect(buttons[0]!.getAttribute('aria-label')).to.equal('Open chat');
    expect([...buttons[0]!.querySelectorAll('path')].map((p) => p.getAttribute('d'))).to.deep.equal(icon);
    expect(launcher.isConnected).to.equal(true);
    expect(Boolean(page.root()!.querySelector('style')), 'the first stage left its styles').to.equal(false);
    expect(page.consoleErrors()).to.deep.equal([]);
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('opens the chat when the visitor clicked before the widget loaded, and says so at once', async () => {
    const app = await createApp();
    const { page, release } = await heldPage(app, { settings: { labels: { launcherOpen: 'Talk to us' } } });
    const button = await waitFor(() => firstStage(page), 'first-stage launcher', 20000);
    expect(button.getAttribute('aria-label')).to.equal('Talk to us');
    button.click();
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-label')).to.equal('Close chat');
    const queued = (page.win() as Window & { Parley?: { q?: { method: string }[] } }).Parley?.q ?? [];
    expect(queued.map((call) => call.method)).to.include('open');
    await release();
    await waitFor(() => page.find('parley-panel[open]'), 'panel open', 20000);
    await waitFor(
      () => page.find<HTMLTextAreaElement>('textarea[part~="input"]'),
      'the composer is there to type in',
      20000,
    );
    expect(Boolean(firstStage(page)), 'the first stage is still there').to.equal(false);
    expect(page.find('[part~="launcher"]')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('hands the keyboard focus on to the widget’s launcher', async () => {
    const app = await createApp();
    const { page, release } = await heldPage(app);
    const button = await waitFor(() => firstStage(page), 'first-stage launcher', 20000);
    button.focus();
    expect(page.root()!.activeElement === button, 'the first stage has the focus').to.equal(true);
    await release();
    await waitFor(() => !firstStage(page), 'first stage removed', 20000);
    await waitFor(() => page.root()!.activeElement === page.find('parley-launcher'), 'the widget’s launcher focused');
    const inner = page.find('parley-launcher')!.shadowRoot!.activeElement;
    expect(inner?.getAttribute('part')).to.equal('launcher');
  });

  it('shows the launcher image of iconIndex "image" and never an unsafe one', async () => {
    const image = `${location.origin}/node_modules/istanbul-reports/lib/html/assets/favicon.png`;
    const app = await createApp({ chatWidget: { iconIndex: 'image', widgetImageLink: image } });
    const { page } = await heldPage(app);
    const button = await waitFor(() => firstStage(page), 'first-stage launcher', 20000);
    expect(button.querySelector('img')?.getAttribute('src')).to.equal(image);
    expect(button.querySelector('img')?.getAttribute('alt')).to.equal('');

    const hostile = await createApp();
    const { page: other } = await heldPage(hostile, {
      settings: { widgetSettings: { iconIndex: 'image', widgetImageLink: 'javascript:alert(1)' } },
    });
    const safe = await waitFor(() => firstStage(other), 'first-stage launcher', 20000);
    expect(Boolean(safe.querySelector('img')), 'an unsafe image drawn').to.equal(false);
    expect(safe.querySelectorAll('svg path').length, 'the default icon').to.equal(1);
  });

  for (const [name, settings, widgetSettings] of [
    ['switched off', { chatWidget: { disableChatWidget: true } }, undefined],
    ['not on the domain list', { chatWidget: { allowedDomains: ['example.com'] } }, undefined],
    ['switched off by the page', {}, { disableChatWidget: true }],
  ] as const) {
    it(`draws nothing when the widget is ${name}`, async () => {
      const app = await createApp(settings);
      const { page, release } = await heldPage(app, widgetSettings ? { settings: { widgetSettings } } : {});
      await waitFor(() => page.widget()?.getAttribute('state') === 'hidden', 'the loader decided', 20000);
      expect(widgetDefined(page)).to.equal(false);
      expect(Boolean(page.root()?.querySelector('button')), 'a button drawn').to.equal(false);
      await release();
      await waitFor(() => widgetDefined(page), 'widget loaded', 20000);
      await waitFor(() => page.widget()!.getAttribute('state') === 'hidden', 'the widget agrees');
      expect(Boolean(page.find('[part~="launcher"]')), 'a launcher shown').to.equal(false);
    });
  }

  it('goes when the page hides the widget before it has loaded', async () => {
    const app = await createApp();
    const { page, release } = await heldPage(app);
    await waitFor(() => firstStage(page), 'first-stage launcher', 20000);
    (
      page.win() as Window & { Parley?: { displayKommunicateWidget(show: boolean): void } }
    ).Parley!.displayKommunicateWidget(false);
    await waitFor(() => !firstStage(page), 'the first stage went with it');
    await release();
    await waitFor(
      () => widgetDefined(page) && page.widget()!.getAttribute('state') === 'hidden',
      'widget hidden',
      20000,
    );
    expect(Boolean(page.find('[part~="launcher"]')), 'a launcher shown').to.equal(false);
  });

  it('still loads the widget when the settings answer never comes (the widget has its cache)', async () => {
    const app = await createApp();
    const { page, widgetAsked } = await heldPage(app, {}, true);
    await waitForAsync(() => widgetAsked(), 'the widget bundle asked for', 15000);
    expect(Boolean(firstStage(page)), 'a launcher drawn without settings').to.equal(false);
  });

  it('fetches the panel at idle once the launcher shows, without running it', async () => {
    const app = await createApp();
    const page = await openConfiguredHost(app);
    pages.push(page);
    await waitFor(() => page.find('parley-launcher'), 'the widget’s launcher', 20000);
    await waitFor(() => chunkFetched(page, 'chat-body'), 'the panel’s chunk fetched', 20000);
    expect(Boolean(page.win().customElements.get('parley-chat-body')), 'the panel’s chunk ran').to.equal(false);
    expect(Boolean(page.find('parley-chat-body')), 'a panel rendered').to.equal(false);
  });

  it('asks for the settings once when the page has its own <parley-chat> (the loader leaves it to it)', async () => {
    const app = await createApp();
    const page = await openHost(app, { query: { ownElement: '1' } });
    try {
      await waitFor(() => widgetLauncher(page), 'the page’s own widget shows its launcher', 20000);
      const asked = (await serverRequests(page)).filter((url) => url.includes('/users/v3/chat/plugin/settings'));
      expect(asked, 'settings requests').to.have.length(1);
      expect(page.win().document.querySelectorAll('parley-chat').length, 'one widget on the page').to.equal(1);
      expect(Boolean(page.root()?.querySelector(FIRST)), 'a first stage drawn').to.equal(false);
    } finally {
      page.remove();
    }
  });

  it('opens and sends a text message without the rarer elements’ chunk; the first form that needs one brings it', async () => {
    const app = await createApp();
    const page = await openConfiguredHost(app);
    pages.push(page);
    await openWidget(page);
    const sent = nextSent(page);
    await sendText(page, 'Only text, please.');
    await sent;
    await waitFor(() => shownTexts(page).includes('Only text, please.'), 'the message shown');
    expect(chunkFetched(page, 'extra-elements'), 'the rarer elements fetched for a text chat').to.equal(false);
    expect(Boolean(page.win().customElements.get('parley-csat')), 'CSAT defined').to.equal(false);

    // An app that asks for a lead first: the chunk comes with the form, and the form works.
    const leads = await createApp({
      collectLead: true,
      leadCollection: [{ field: 'email', type: 'email', required: true }],
    });
    const second = await openConfiguredHost(leads);
    pages.push(second);
    await openWidget(second);
    const field = await waitFor(
      () => second.find('parley-lead-form')?.shadowRoot?.querySelector<HTMLInputElement>('input[type="email"]'),
      'the lead form’s e-mail field',
      20000,
    );
    expect(field.required, 'the e-mail is required').to.equal(true);
    expect(chunkFetched(second, 'extra-elements'), 'the rarer elements fetched for the form').to.equal(true);
  });
});
