/**
 * The theme setting end to end (issue 21): the server's `theme` (auto by default: the visitor's
 * `prefers-color-scheme`), the page's `widgetSettings.theme` winning over it, and, for a light, a
 * mid and a dark owner colour, every text of the open panel at WCAG AA after a conversation has
 * started, axe clean in both, the launcher the same in both themes. Media emulation (auto, reduced
 * motion) is Chromium's only (test/helpers/engine.ts): elsewhere the tests read the rules the
 * browser would apply.
 */
import { expect } from '@open-wc/testing';
import { createApp, openConfiguredHost, waitFor, widgetLauncher, type ConfiguredHostPage } from '../helpers/e2e.js';
import { backgroundOf, contrast, lowContrastTexts, rgba } from '../helpers/contrast.js';
import { emulateMedia, harness, mediaRule } from '../helpers/engine.js';
import { openWidget, sendText, widgetAxe } from '../helpers/widget-page.js';

const OWNER_COLOURS = ['#f5d90a', '#5b5bd6', '#1b1f23'] as const;

/** How far the panel's surface is from black (1: black, 21: white). */
function surfaceLightness(page: ConfiguredHostPage): number {
  const [r, g, b] = backgroundOf(page.find('parley-message-list')!);
  return contrast([r, g, b, 1], [0, 0, 0, 1]);
}

const isDark = (page: ConfiguredHostPage) => surfaceLightness(page) < 1.5;

describe('themes, end to end', function () {
  this.timeout(90000);
  const pages: ConfiguredHostPage[] = [];
  const open = async (...args: Parameters<typeof openConfiguredHost>) => {
    const page = await openConfiguredHost(...args);
    pages.push(page);
    return page;
  };
  afterEach(() => pages.splice(0).forEach((p) => p.remove()));

  for (const primary of OWNER_COLOURS)
    for (const theme of ['light', 'dark'] as const)
      it(`${theme} with owner colour ${primary}: every text at AA, the owner's colour kept, axe clean`, async () => {
        const app = await createApp({ chatWidget: { primaryColor: primary, theme, title: 'Tidewater Coffee' } });
        const page = await open(app);
        const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
        await waitFor(
          () => rgba(getComputedStyle(launcher).backgroundColor).join() === rgba(primary).join(),
          'owner colour',
        );
        await openWidget(page);
        await sendText(page, 'Do you ship beans to Lisbon?');
        await waitFor(() => page.find('parley-message[self]'), 'own message shown');
        expect(isDark(page), 'dark surfaces').to.equal(theme === 'dark');
        expect(lowContrastTexts(page.widget()!)).to.deep.equal([]);
        const own = page.find('parley-message[self]')!.shadowRoot!.querySelector('.bubble')!;
        expect(rgba(getComputedStyle(own).backgroundColor)).to.deep.equal(rgba(primary));
        expect(rgba(getComputedStyle(page.find('header')!).backgroundColor)).to.deep.equal(rgba(primary));
        expect(await widgetAxe(page)).to.deep.equal([]);
      });

  it('keeps the launcher as it is in both themes', async () => {
    const look = async (theme: 'light' | 'dark') => {
      const page = await open(await createApp({ chatWidget: { primaryColor: '#5b5bd6', theme } }));
      const launcher = await waitFor(() => widgetLauncher(page), 'launcher');
      await waitFor(() => page.find('parley-launcher'), 'the widget took the launcher over');
      const style = getComputedStyle(launcher);
      return [style.backgroundColor, style.color, style.boxShadow, style.borderColor];
    };
    expect(await look('dark')).to.deep.equal(await look('light'));
  });

  it("lets the page's widgetSettings.theme win over the server's", async () => {
    const app = await createApp({ chatWidget: { theme: 'dark' } });
    const page = await open(app, { settings: { widgetSettings: { theme: 'light' } } });
    await openWidget(page);
    expect(isDark(page)).to.equal(false);
  });

  it("follows the visitor's prefers-color-scheme by default", async () => {
    const page = await open(await createApp());
    await openWidget(page);
    if (!(await harness()).media) {
      // No media emulation in this engine (test/helpers/engine.ts): the widget leaves the choice
      // to the browser (its colour scheme is "light dark"), and this headless system's is light.
      expect(getComputedStyle(page.widget()!).colorScheme).to.equal('light dark');
      expect(isDark(page)).to.equal(matchMedia('(prefers-color-scheme: dark)').matches);
      expect(await widgetAxe(page)).to.deep.equal([]);
      return;
    }
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await waitFor(() => isDark(page), 'dark with a dark system');
      expect(await widgetAxe(page)).to.deep.equal([]);
      await emulateMedia({ colorScheme: 'light' });
      await waitFor(() => !isDark(page), 'light with a light system');
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' });
    }
  });

  it('runs no animation under reduced motion: opening, sending, the greeting', async () => {
    if (!(await harness()).media) {
      // No media emulation in this engine: the widget's own elements carry the rule.
      const page = await open(await createApp());
      await openWidget(page);
      const rule = mediaRule(
        page.find('parley-panel')!.shadowRoot!,
        'prefers-reduced-motion',
        (r) => r.style.animationName !== '',
      );
      expect(rule?.style.animationName).to.equal('none');
      expect(rule?.style.transitionProperty).to.equal('none');
      expect(rule?.style.scrollBehavior).to.equal('auto');
      return;
    }
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const app = await createApp({
        chatWidget: { popup: true },
        chatPopupMessage: [{ message: 'Hi there!', delay: 0 }],
      });
      const page = await open(app);
      const running = () =>
        page
          .win()
          .document.getAnimations()
          .filter((a) => a.playState === 'running');
      await waitFor(() => page.find('parley-greeting'), 'greeting');
      expect(running(), 'greeting').to.deep.equal([]);
      await openWidget(page);
      expect(running(), 'opening').to.deep.equal([]);
      await sendText(page, 'Hello');
      await waitFor(() => page.find('parley-message[self]'), 'own message');
      expect(running(), 'sending').to.deep.equal([]);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
