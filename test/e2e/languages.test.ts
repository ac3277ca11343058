/**
 * The widget in the visitor's language, end to end against the reference server: the language
 * comes from `userLocale`, else the page's `<html lang>`, else the browser's; the launcher is named
 * in it before the widget has loaded (the loader's first stage); `Parley.setLocale` switches at run
 * time; in every language the launcher, the panel and a rich message show that language's words
 * with no placeholder left; Arabic turns the widget right to left; axe finds nothing.
 */
import { expect } from '@open-wc/testing';
import { LAUNCHER_NAMES, LOCALES, type LocaleId } from '../../src/core/locale-launcher.js';
import { en, type Strings } from '../../src/core/locale.js';
import { tableOf } from '../../src/locales/tables.js';
import {
  createApp,
  openHost,
  platform,
  textOf,
  userDetail,
  waitFor,
  waitForAsync,
  widgetLauncher,
  type HostPage,
  type TestApp,
} from '../helpers/e2e.js';
import { openWidget, pageApi, startChat, widgetAxe } from '../helpers/widget-page.js';

interface PageApi {
  setLocale(tag: string): Promise<void>;
}

const CAROUSEL = JSON.stringify([
  {
    title: 'Basic',
    description: 'For one site',
    buttons: [{ name: 'Basic', action: { type: 'quickReply', message: 'Basic' } }],
  },
  {
    title: 'Pro',
    description: 'For many sites',
    buttons: [{ name: 'Pro', action: { type: 'quickReply', message: 'Pro' } }],
  },
]);

/** The widget's words where the visitor sees or hears them: text, labels and placeholders. */
function wordsShown(page: HostPage): string {
  const attributes = page
    .findAll('[aria-label], [placeholder], [title]')
    .flatMap((el) => ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''));
  return `${textOf(page.widget())} ${attributes.join(' ')}`;
}

describe('the widget in the visitor’s language', function () {
  this.timeout(120000);
  let app: TestApp;
  let page: HostPage | undefined;

  before(async () => {
    app = await createApp();
  });
  afterEach(() => page?.remove());

  async function carousel(groupId: string): Promise<void> {
    const res = await platform(app, '/rest/ws/message/v2/send', {
      body: {
        groupId,
        message: 'Plans',
        fromUserName: app.agentId,
        metadata: { contentType: '300', templateId: '10', skipBot: true, payload: CAROUSEL },
      },
    });
    expect(res.status).to.equal(200);
    await waitFor(() => page!.find('ul.cards'), 'the carousel shows');
  }

  it('every language: the launcher, the panel and a rich message in its words, switched at run time', async () => {
    const userId = `rita-${Math.random().toString(36).slice(2, 8)}`;
    page = await openHost(app, { settings: { userName: 'Rita', userId } });
    const groupId = await startChat(page, 'Hello');
    await carousel(groupId);
    const api = await pageApi<PageApi>(page);
    for (const id of [...LOCALES.filter((l) => l !== 'en'), 'en'] as LocaleId[]) {
      const s: Strings = await tableOf(id);
      await api.setLocale(id);
      const box = await waitFor(
        () => page!.find<HTMLTextAreaElement>(`textarea[placeholder="${s.composerPlaceholder}"]`),
        `${id}: the composer in its words`,
      );
      const host = page.widget()!;
      expect([host.lang, host.dir], id).to.deep.equal([id, id === 'ar' || id === 'he' ? 'rtl' : 'ltr']);
      expect(page.find('[part~="launcher"]')?.getAttribute('aria-label'), id).to.equal(LAUNCHER_NAMES[id][1]);
      expect(box.getAttribute('aria-label'), id).to.equal(s.composerLabel);
      expect(page.find('[part~="send-button"]')?.getAttribute('aria-label'), id).to.equal(s.send);
      const nav = page.findAll('.carousel .nav button').map((b) => b.getAttribute('aria-label'));
      expect(nav, id).to.include.members([s.richPrevious, s.richNext]);
      expect(page.find('ul.cards')?.getAttribute('aria-label'), id).to.equal(s.richCards);
      expect(textOf(page.find('parley-panel')), id).to.include(s.headerTitle);
      const shown = wordsShown(page);
      expect(shown, `${id}: no placeholder left`).to.not.match(/\{\w+[,}]/);
      if (id !== 'en') expect(shown, `${id}: no English left`).to.not.include(en.composerPlaceholder);
    }
    await api.setLocale('pt-PT');
    await waitForAsync(async () => (await userDetail(app, userId))?.locale === 'pt-PT', 'the new locale on the user');
    expect(page.widget()!.lang).to.equal('pt-PT');
    expect(page.win().hostErrors).to.deep.equal([]);
  });

  it('German from the page’s <html lang>: named by the first stage, then the whole widget with the site’s labels, axe clean', async () => {
    page = await openHost(app, { query: { lang: 'de-AT' }, settings: { labels: { send: 'Abschicken' } } });
    const launcher = await waitFor(() => page!.find('[part~="launcher"]'), 'a launcher');
    expect(launcher.getAttribute('aria-label')).to.equal(LAUNCHER_NAMES.de[0]);
    const de = await tableOf('de');
    const own = await waitFor(() => widgetLauncher(page!), 'the widget took the launcher over');
    expect(own.getAttribute('aria-label')).to.equal(LAUNCHER_NAMES.de[0]);
    await openWidget(page);
    await waitFor(() => page!.find(`textarea[placeholder="${de.composerPlaceholder}"]`), 'the composer in German');
    expect(widgetLauncher(page)?.getAttribute('aria-label')).to.equal(LAUNCHER_NAMES.de[1]);
    // The site's labels still win, one string at a time, over the language's table.
    expect(page.find('[part~="send-button"]')?.getAttribute('aria-label')).to.equal('Abschicken');
    expect(page.widget()!.lang).to.equal('de-AT');
    expect(await widgetAxe(page)).to.deep.equal([]);
  });

  for (const id of ['ar', 'ja'] as const) {
    it(`${id} from userLocale over the page's English: the widget in ${id}, axe clean`, async () => {
      const userId = `lang-${id}-${Math.random().toString(36).slice(2, 8)}`;
      page = await openHost(app, { settings: { userLocale: id, userId } });
      const s = await tableOf(id);
      const groupId = await startChat(page, 'Hello');
      // The staff learn the visitor's language: the Platform API's user detail says it.
      await waitForAsync(async () => (await userDetail(app, userId))?.locale === id, 'the user detail has the locale');
      await carousel(groupId);
      await waitFor(() => page!.find(`textarea[placeholder="${s.composerPlaceholder}"]`), `the composer in ${id}`);
      expect(page.widget()!.dir).to.equal(id === 'ar' ? 'rtl' : 'ltr');
      expect(await widgetAxe(page)).to.deep.equal([]);
    });
  }
});
