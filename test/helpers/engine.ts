/**
 * What this engine's test harness can do, in one place (test/plugins/input.mjs does the work).
 * The suite runs in Chromium (Playwright), Firefox (Puppeteer over WebDriver BiDi) and WebKitGTK
 * (WebDriver classic); their drivers differ:
 *
 * - Key presses, chords and typing: every engine (`press`, `type` in test/helpers/ui.ts).
 * - Viewport size: exact in Chromium and Firefox; in WebKit through the window's size, corrected
 *   once for the browser's frame — and no narrower than MiniBrowser's window allows (its toolbar
 *   keeps it ≥ 447 px wide), so phone widths cannot be had there (`harness.phone`). Phone layouts
 *   are tested in a 375 × 667 iframe instead, the same in every engine (`phoneFrame()` in
 *   test/helpers/ui.ts).
 * - Media emulation (dark mode, reduced motion): Chromium only (it goes through the DevTools
 *   protocol). Tests that need it assert what they can without it — e.g. that the stylesheet
 *   holds the `prefers-reduced-motion` rule — when `harness.media` is false.
 * - Synthetic paste events: Firefox's `new ClipboardEvent('paste', { clipboardData })` keeps no
 *   files; `pasteEvent()` in test/helpers/ui.ts gives the event its data in every engine.
 * - Network faults: through the harness's TCP proxy in front of the reference server
 *   (`proxyUrl`, `cutNetwork`, `restoreNetwork` in test/helpers/e2e.ts), the same in every engine;
 *   no driver's "offline" switch.
 * - JavaScript dialogs: reported as they open by Playwright and Puppeteer; in WebDriver classic
 *   only when one is still open when asked (`harness.dialogs`, LIMITS.dialogs).
 * - Requests to other origins in the XSS corpus pages: blocked by the pages' own Content Security
 *   Policy (test/security/frame.html, host.html), not by a driver's request interception.
 * - The accessibility tree: Chromium only (Playwright's ARIA snapshot, `ariaSnapshot()`). Tests
 *   read the composed DOM's reading order in the other engines (what their trees are built from).
 * - Speech recognition is the engine's, not the harness's: feature-detect with
 *   `speechRecognitionSupported()` and assert the widget's fallback where it is missing.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface Harness {
  /** The launcher type: 'playwright' (Chromium), 'puppeteer' (Firefox), 'webdriver' (WebKit). */
  driver: 'playwright' | 'puppeteer' | 'webdriver';
  /** Whether `emulateMedia()` works in this engine. */
  media: boolean;
  /** 'page': the viewport is set exactly; 'window': through the window's size. */
  viewport: 'page' | 'window';
  /** Whether a phone-sized viewport (375 × 667) can be set. */
  phone: boolean;
  /** Whether the driver reports every JavaScript dialog as it opens (see LIMITS.dialogs). */
  dialogs: boolean;
  /** Whether the accessibility tree can be read (`ariaSnapshot`). */
  aria: boolean;
}

/** Why a test cannot run in an engine, by limit: the one place that says so. */
export const LIMITS = {
  phone: "MiniBrowser's window cannot be narrower than its toolbar (≥ 447 px): no phone-sized viewport in WebKit here",
  dialogs:
    'WebDriver classic has no dialog events: in WebKit a native alert/confirm/prompt is seen only when still open at the report, and it holds the page until then (the corpus pages override them as tripwires, and a nested frame that could open one is a hit by itself)',
} as const;

/**
 * Skips the current test, saying why, when this engine's harness lacks `limit` (see LIMITS).
 * For tests that truly cannot run; the others assert what they can instead.
 */
export async function requireHarness(test: Mocha.Context, limit: keyof typeof LIMITS): Promise<void> {
  if ((await harness())[limit]) return;
  console.log(`skipped in this engine: ${LIMITS[limit]}`);
  test.skip();
}

let cached: Promise<Harness> | undefined;

/** What this engine's harness can do. */
export function harness(): Promise<Harness> {
  cached ??= executeServerCommand<Harness, undefined>('parley-engine').then((h) => {
    if (!h) throw new Error('parley-engine: test/plugins/input.mjs is not in the test runner config');
    return h;
  });
  return cached;
}

/** Emulates media features; only where `harness().media` is true (an error elsewhere). */
export async function emulateMedia(features: {
  colorScheme?: 'light' | 'dark' | 'no-preference';
  reducedMotion?: 'reduce' | 'no-preference';
  forcedColors?: 'active' | 'none';
}): Promise<void> {
  await executeServerCommand('parley-media', features);
}

/**
 * The first style rule inside a `@media (<feature>…)` rule of `root`'s adopted style sheets that
 * `pick` accepts: where an engine cannot emulate a media feature, tests read the rule the browser
 * would apply (its declarations, not its text: WebKit writes `animation: none` as "animation:
 * auto"). Rules are told by their type, not `instanceof`, so a page in a frame works too.
 */
export function mediaRule(
  root: ShadowRoot,
  feature: string,
  pick: (rule: CSSStyleRule) => boolean = () => true,
): CSSStyleRule | undefined {
  for (const sheet of root.adoptedStyleSheets)
    for (const rule of sheet.cssRules)
      if (rule.type === CSSRule.MEDIA_RULE && (rule as CSSMediaRule).conditionText.includes(feature))
        for (const inner of (rule as CSSMediaRule).cssRules)
          if (inner.type === CSSRule.STYLE_RULE && pick(inner as CSSStyleRule)) return inner as CSSStyleRule;
  return undefined;
}

/** The accessibility tree under the first match of `selector` (shadow roots pierced), as YAML. */
export async function ariaSnapshot(selector: string): Promise<string> {
  const yaml = await executeServerCommand<string, { selector: string }>('parley-aria', { selector });
  if (typeof yaml !== 'string') throw new Error('parley-aria: no snapshot');
  return yaml;
}

/** Whether this engine has speech recognition (Chromium's and WebKit's prefixed one count). */
export function speechRecognitionSupported(): boolean {
  return 'SpeechRecognition' in window || 'webkitSpeechRecognition' in window;
}
