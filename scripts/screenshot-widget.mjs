// Takes the README's pictures of the widget in English, Arabic and Japanese, on a desktop
// (1280 × 800) and a phone (390 × 844): a reference server on a temporary data folder, the demo
// page with `?lang=…` (its language switcher's address), the chat opened, a message sent and the
// demo bot's answer with its suggested replies, in Debian's Chromium; and the same in English with
// the visitor's system in light and in dark (the demo app's theme is `auto`). Run after `npm run build`:
//   node scripts/screenshot-widget.mjs [out-dir]   → docs/widget-<lang>-<desktop|phone>.png,
//                                                     docs/widget-<light|dark>-<desktop|phone>.png
import { join } from 'node:path';
import { chromium } from 'playwright';
import { startReferenceServer } from '../bench/lib/reference-server.mjs';

const root = join(import.meta.dirname, '..');
const outDir = process.argv[2] ?? join(root, 'docs');
const FIRST_WORDS = {
  en: 'Hi! Do you ship to Canada?',
  ar: 'مرحبًا! هل تشحنون إلى كندا؟',
  ja: 'こんにちは。カナダへの配送はできますか？',
};
const SCREENS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const server = await startReferenceServer({ root });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' });
/** The pictures: each language in light, then English in light and in dark. */
const SHOTS = [
  ...Object.keys(FIRST_WORDS).map((lang) => ({ lang, scheme: 'light', name: lang })),
  { lang: 'en', scheme: 'light', name: 'light' },
  { lang: 'en', scheme: 'dark', name: 'dark' },
];
try {
  for (const { lang, scheme, name } of SHOTS) {
    for (const [screen, viewport] of Object.entries(SCREENS)) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${server.url}/?lang=${lang}`);
      const launcher = page.locator('parley-chat parley-launcher [part~="launcher"]');
      await launcher.click();
      const box = page.locator('parley-chat textarea[part~="input"]');
      await box.fill(FIRST_WORDS[lang]);
      await box.press('Enter');
      // The demo bot answers; wait for its bubble and for the page to settle.
      await page.locator('parley-chat parley-message[delivery]').nth(1).waitFor({ timeout: 20000 });
      await page.waitForTimeout(600); // a picture, not a test: let the last transition finish
      const file = join(outDir, `widget-${name}-${screen}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
