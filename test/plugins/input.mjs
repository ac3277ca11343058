// User actions and page set-up that work in all three launchers (test/plugins/browsers.mjs):
// Playwright (Chromium), Puppeteer over WebDriver BiDi (Firefox) and WebDriver classic
// (WebKitGTK). `@web/test-runner-commands` covers each launcher differently (no key chords for
// Puppeteer BiDi or WebDriver, no `Space` for Puppeteer BiDi, no viewport for WebDriver, media
// emulation only through Chromium's DevTools protocol); these commands paper over what can be
// papered over, and `parley-engine` says what cannot (test/helpers/engine.ts).
//
// - `parley-engine` → `{ driver, media, viewport, phone, dialogs, aria }`: the launcher type, whether media
//   features (dark mode, reduced motion) can be emulated, and how the viewport is sized ('page':
//   exactly; 'window': through the window's size, corrected once for the browser's own frame);
//   whether dialogs are reported as they open (not in WebDriver classic).
// - `parley-press` `{key}`: one key, or a chord like `Shift+Enter`, on whatever has focus.
// - `parley-type` `{text}`: `text`, one key press per character.
// - `parley-viewport` `{width, height}`: the page's viewport size.
// - `parley-media` `{colorScheme?, reducedMotion?, forcedColors?}`: emulated media features (Playwright only;
//   an error elsewhere — ask `parley-engine` first).
// - `parley-aria` `{selector}` → the accessibility tree under the first match (shadow roots
//   pierced) as Playwright's ARIA snapshot (YAML); Playwright only, like `parley-media`.

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/** `Shift+Enter` → ['Shift', 'Enter']; a lone '+' stays a key. */
function chord(key) {
  if (key === '+' || !key.includes('+')) return [key];
  const parts = key.split('+');
  const last = parts.pop() || '+';
  return [...parts, last];
}

async function press(session, key) {
  const keys = chord(key);
  const type = session.browser.type;
  if (type === 'playwright') return session.browser.getPage(session.id).keyboard.press(key);
  if (type === 'puppeteer') {
    const keyboard = session.browser.getPage(session.id).keyboard;
    // Puppeteer over BiDi knows the space bar only as ' '.
    const names = keys.map((k) => (k === 'Space' ? ' ' : k));
    const main = names.pop();
    for (const mod of names) await keyboard.down(mod);
    await keyboard.press(main);
    for (const mod of names.reverse()) await keyboard.up(mod);
    return undefined;
  }
  if (type === 'webdriver') {
    // WebdriverIO presses every key of the list down, then releases them all: a chord.
    const unknown = keys.slice(0, -1).filter((k) => !MODIFIERS.has(k));
    if (unknown.length) throw new Error(`parley-press: ${key} is not a modifier chord`);
    return session.browser.sendKeys(session.id, keys);
  }
  throw new Error(`parley-press: no key presses for browser type ${type}`);
}

async function typeText(session, text) {
  const type = session.browser.type;
  if (type === 'playwright' || type === 'puppeteer') return session.browser.getPage(session.id).keyboard.type(text);
  if (type === 'webdriver') {
    for (const ch of text) await session.browser.sendKeys(session.id, [ch]);
    return undefined;
  }
  throw new Error(`parley-type: no typing for browser type ${type}`);
}

async function viewport(session, { width, height }) {
  const type = session.browser.type;
  if (type === 'playwright') return session.browser.getPage(session.id).setViewportSize({ width, height });
  if (type === 'puppeteer') return session.browser.getPage(session.id).setViewport({ width, height });
  if (type === 'webdriver') {
    // The window's size includes the browser's frame, and the window manager applies a new size
    // a moment later: size it, wait for the page's size to settle, correct by the difference.
    const driver = session.browser.driver;
    const inner = () => driver.execute('return [window.innerWidth, window.innerHeight]');
    let outer = [width, height];
    let got = [0, 0];
    for (let attempt = 0; attempt < 6; attempt++) {
      await driver.setWindowSize(outer[0], outer[1]);
      got = await inner();
      for (let settled = 0; settled < 2;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = await inner();
        settled = now[0] === got[0] && now[1] === got[1] ? settled + 1 : 0;
        got = now;
      }
      if (got[0] === width && got[1] === height) return undefined;
      outer = [outer[0] + width - got[0], outer[1] + height - got[1]];
    }
    throw new Error(`parley-viewport: asked for ${width}×${height}, the window gives ${got[0]}×${got[1]}`);
  }
  throw new Error(`parley-viewport: no viewport for browser type ${type}`);
}

export function inputPlugin() {
  return {
    name: 'parley-input',
    async executeCommand({ command, payload, session }) {
      switch (command) {
        case 'parley-engine': {
          const driver = session.browser.type;
          const webdriver = driver === 'webdriver';
          return {
            driver,
            media: driver === 'playwright',
            viewport: webdriver ? 'window' : 'page',
            phone: !webdriver,
            dialogs: !webdriver,
            aria: driver === 'playwright',
          };
        }
        case 'parley-press':
          await press(session, String(payload?.key));
          return true;
        case 'parley-type':
          await typeText(session, String(payload?.text));
          return true;
        case 'parley-viewport':
          await viewport(session, payload);
          return true;
        case 'parley-media': {
          if (session.browser.type !== 'playwright')
            throw new Error(`parley-media: ${session.browser.type} cannot emulate media features`);
          const { colorScheme, reducedMotion, forcedColors } = payload ?? {};
          await session.browser.getPage(session.id).emulateMedia({ colorScheme, reducedMotion, forcedColors });
          return true;
        }
        case 'parley-aria': {
          if (session.browser.type !== 'playwright')
            throw new Error(`parley-aria: ${session.browser.type} gives no accessibility tree`);
          return session.browser.getPage(session.id).locator(String(payload?.selector)).first().ariaSnapshot();
        }
        default:
          return undefined;
      }
    },
  };
}
