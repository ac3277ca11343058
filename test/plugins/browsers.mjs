// The three engines the suite runs in, all from Debian's packages (nothing is downloaded):
// Chromium through Playwright, Firefox ESR through Puppeteer (WebDriver BiDi), WebKitGTK through
// its WebDriver (`WebKitWebDriver`) under a virtual X server (`xvfb-run`).
//
// Which engine runs which file (`testGroups()`):
// - `PARLEY_BROWSERS` unset: Chromium runs every file (the test runner's root group); Firefox and
//   WebKit run the unit, element and end-to-end folders (ALL_ENGINE_FOLDERS), each as a group of
//   its own named after the engine
//   (`npx wtr --group webkit`). The server and security suites stay Chromium-only by default (the
//   security corpus takes ~12 min in WebKit; issue 15). With `--files`, the patterns under those
//   folders go to the Firefox and WebKit groups too; the others run in Chromium.
// - `PARLEY_BROWSERS=firefox,webkit`: every file of the run in exactly those engines.
//
// An engine whose browser is not installed is left out with one line saying what to install;
// with `CI` set, that fails the run, so CI never passes on fewer engines than it should. With no
// engine at all the run stops with those lines (no stack trace).
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
/** The engines of a run without PARLEY_BROWSERS. */
export const DEFAULT_ENGINES = ENGINES;
/** The folders every engine runs by default; the other test folders run in Chromium only. */
export const ALL_ENGINE_FOLDERS = [
  'test/ui',
  'test/core',
  'test/store',
  'test/controller',
  'test/net',
  'test/e2e',
  'test/dashboard',
];

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

/** Prints `lines` and ends the process: a configuration problem, not a crash (no stack trace). */
function stop(lines) {
  for (const line of lines) console.error(`[browsers] ${line}`);
  process.exit(1);
}

/**
 * The engines present among those asked for. Missing engines are reported in one line each (and
 * stop the run under CI); with none left the run stops.
 */
function readyEngines() {
  let engines;
  try {
    engines = requestedEngines();
  } catch (error) {
    stop([error.message]);
  }
  const ready = [];
  const problems = [];
  for (const engine of engines) {
    const missing = missingPackages(engine);
    if (missing.length) problems.push(`${engine}: not installed — apt-get install ${missing.join(' ')}`);
    else ready.push(engine);
  }
  if (problems.length && process.env.CI) stop([...problems, 'CI runs every engine; install the packages above.']);
  if (!ready.length) stop([...problems, 'No browser to test in; install the packages above.']);
  for (const line of problems) console.error(`[browsers] ${line} (left out of this run)`);
  return ready;
}

/** The values of `--files` on the command line (`--files a b`, `--files=a`), or undefined. */
export function cliFiles(argv = process.argv) {
  const files = [];
  let seen = false;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--files=')) {
      seen = true;
      files.push(arg.slice('--files='.length));
    } else if (arg === '--files') {
      seen = true;
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) files.push(argv[++i]);
    }
  }
  return seen ? files : undefined;
}

/** Whether a file pattern lies inside one of ALL_ENGINE_FOLDERS. */
function inAllEngineFolder(pattern) {
  const path = pattern.replace(/^\.\//, '');
  return ALL_ENGINE_FOLDERS.some((folder) => path.startsWith(`${folder}/`));
}

/**
 * The root group's launchers (`browsers`) and the extra groups (`groups`) of this run: see the
 * top of this file. `excluded` are negated patterns the config leaves out of every group (tests
 * whose services are not configured); `files` are the run's `--files` patterns, when given.
 */
export async function testGroups(excluded = [], files = cliFiles()) {
  const ready = readyEngines();
  if (process.env.PARLEY_BROWSERS?.trim()) return { browsers: await Promise.all(ready.map(launcher)), groups: [] };
  const allEngines = [
    ...(files
      ? [...files.filter((f) => !f.startsWith('!') && inAllEngineFolder(f)), ...files.filter((f) => f.startsWith('!'))]
      : ALL_ENGINE_FOLDERS.map((folder) => `${folder}/**/*.test.ts`)),
    ...(files ? [] : excluded),
  ];
  const others = allEngines.some((f) => !f.startsWith('!')) ? ready.filter((e) => e !== 'chromium') : [];
  return {
    browsers: ready.includes('chromium') ? [await launcher('chromium')] : [],
    groups: await Promise.all(
      others.map(async (engine) => ({ name: engine, files: allEngines, browsers: [await launcher(engine)] })),
    ),
  };
}

/** The launchers for this run, every file in each (PARLEY_BROWSERS, or all engines present). */
export async function browsers() {
  return Promise.all(readyEngines().map(launcher));
}
