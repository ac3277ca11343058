// The three engines the suite runs in, all from Debian's packages (nothing is downloaded):
// Chromium through Playwright, Firefox ESR through Puppeteer (WebDriver BiDi), WebKitGTK through
// its WebDriver (`WebKitWebDriver`) under a virtual X server (`xvfb-run`).
//
// `PARLEY_BROWSERS=chromium,firefox` picks engines; unset, Chromium alone (DEFAULT_ENGINES) until
// Firefox and WebKit pass the whole suite (issue 15). An engine whose browser
// is not installed is left out with one line saying what to install; with `CI` set, that is an
// error instead, so CI never passes on fewer engines than it should.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.WEBKIT_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
/** The engines of a run without PARLEY_BROWSERS: all of ENGINES once they all pass. */
export const DEFAULT_ENGINES = ['chromium'];

/** What each engine needs on disk, and the Debian package that brings it. */
const NEEDS = {
  chromium: [[CHROMIUM, 'chromium']],
  firefox: [[FIREFOX, 'firefox-esr']],
  webkit: [
    [WEBKIT_DRIVER, 'webkit2gtk-driver'],
    [MINIBROWSER, 'webkit2gtk-driver'],
    [XVFB_RUN, 'xvfb'],
  ],
};

/** The engines asked for, as a list (unknown names are an error: a typo must not run fewer). */
export function requestedEngines(value = process.env.PARLEY_BROWSERS) {
  if (!value?.trim()) return DEFAULT_ENGINES;
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) throw new Error(`PARLEY_BROWSERS: unknown engine ${unknown.join(', ')} (${ENGINES.join(', ')})`);
  return names;
}

/** The Debian packages an engine lacks on this machine ([] when it can run). */
export function missingPackages(engine) {
  return [...new Set(NEEDS[engine].filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg))];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Starts WebKitWebDriver under a virtual display on a free port and resolves once it answers;
 * it is stopped when this process exits.
 */
async function startWebKitDriver() {
  const port = await freePort();
  const child = spawn(XVFB_RUN, ['-a', WEBKIT_DRIVER, `--port=${port}`], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (stop(), process.exit(130)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return port;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`WebKitWebDriver did not start (xvfb-run -a ${WEBKIT_DRIVER} --port=${port})`);
}

async function launcher(engine) {
  if (engine === 'chromium') {
    return playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
    });
  }
  if (engine === 'firefox') {
    return puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        // Media without a user gesture (the tests' notification sounds), no first-run pages.
        extraPrefsFirefox: { 'media.autoplay.default': 0, 'browser.shell.checkDefaultBrowser': false },
      },
    });
  }
  const port = await startWebKitDriver();
  return webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  });
}

/**
 * The launchers for this run. Missing engines are reported in one line each (and fail the run
 * under CI); when none is left the run cannot start, and says so.
 */
export async function browsers() {
  const engines = requestedEngines();
  const ready = [];
  const problems = [];
  for (const engine of engines) {
    const missing = missingPackages(engine);
    if (missing.length) problems.push(`${engine}: not installed — apt-get install ${missing.join(' ')}`);
    else ready.push(engine);
  }
  for (const line of problems) console.error(`[browsers] ${line}${process.env.CI ? '' : ' (left out of this run)'}`);
  if (problems.length && process.env.CI) throw new Error('CI runs every engine; install the packages above.');
  if (!ready.length) throw new Error('No browser to test in; install the packages above.');
  return Promise.all(ready.map(launcher));
}
