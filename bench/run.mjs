#!/usr/bin/env node
// Parley benchmark runner: `npm run bench` (builds first) or `node bench/run.mjs [options]`.
// Runs the suites listed in bench/suites/index.mjs against the current dist/, prints a table
// per suite and the targets with PASS/OVER, and writes everything to bench/results.json.
// Shared resources (reference server, browser, static servers) start lazily on first use and
// are always torn down — at the end, on errors and on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { renderTable, verdict } from './lib/format.mjs';
import { startReferenceServer } from './lib/reference-server.mjs';
import { startStaticServer } from './lib/static-server.mjs';
import suites from './suites/index.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const RESULTS_FILE = join(BENCH_DIR, 'results.json');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * @typedef {object} BenchOptions
 * @property {number} runs               runs per variant (page-load) / repetitions
 * @property {number[]} cpu              CPU throttling rates, e.g. [1, 4]
 * @property {number} rttMs              emulated network round trip for page-load (0 = loopback)
 * @property {number} launcherTimeoutMs  how long to wait for a widget to become visible
 * @property {number} navTimeoutMs       navigation (load event) time-out
 * @property {boolean} json              print JSON instead of tables
 * @property {boolean} strict            exit 1 when a target is missed
 * @property {boolean} verbose           show the reference server's output
 * @property {string[]|null} suites      only these suites (null: all)
 * @property {string} distDir            the build to measure (default <root>/dist)
 * @property {number} sockets            scale: widget sockets over the two processes
 * @property {number} senders            scale: concurrent Platform API senders
 * @property {number} messages           scale: messages sent per database in the throughput run
 * @property {number} rate               scale: deliveries per second in the socket run
 *
 * @typedef {object} StaticServer
 * @property {string} url
 * @property {(path: string, route: { body?: string, file?: string, type?: string }) => void} addRoute
 *
 * @typedef {object} BenchContext
 * @property {string} root        repository root
 * @property {string} distDir     <root>/dist
 * @property {number} runs        = options.runs
 * @property {BenchOptions} options
 * @property {(message: string) => void} log        a line on stderr
 * @property {(message: string) => void} progress   a transient status line on stderr ('' clears it)
 * @property {() => Promise<{ url: string, adminKey: string }>} referenceServer  started once, shared
 * @property {() => Promise<import('playwright').Browser>} browser               launched once, shared
 * @property {(options: Parameters<typeof startStaticServer>[0]) => Promise<StaticServer>} staticServer
 * @property {(cleanup: () => unknown) => void} onCleanup  runs at the end, in reverse order
 *
 * @typedef {object} SuiteResult
 * @property {unknown} data                                       goes to results.json
 * @property {Array<{ title?: string, columns: string[], rows: Array<Array<string|number|null>>, notes?: string[] }>} [tables]
 * @property {Array<{ name: string, target: string, value: string, pass: boolean|null }>} [checks]
 */

const USAGE = `Usage: node bench/run.mjs [options]   (npm run bench builds first)

  --runs N               runs per variant (default 15)
  --cpu 1,4              CPU throttling rates for page-load (default 1,4)
  --rtt MS               page-load: emulate this network round trip on every request (default 0:
                         loopback; the launcher goal is for loopback, so it is reported, not judged)
  --suite NAME[,NAME]    run only these suites (${suites.map((s) => s.name).join(', ')})
  --dist DIR             the build to measure (default dist/)
  --launcher-timeout MS  wait this long for a widget's launcher (default 10000)
  --sockets N            scale: widget sockets over two server processes (default 5000)
  --senders N            scale: concurrent Platform API senders (default 50)
  --messages N           scale: messages per database in the throughput run (default 10000)
  --rate N               scale: sends per second to random visitors' sockets (default 500)
  --json                 print the results as JSON instead of tables
  --strict               exit 1 when a target is missed
  --verbose              show the reference server's output
  -h, --help             this text
Results are also written to bench/results.json.`;

/**
 * @param {string[]} argv
 * @returns {BenchOptions & { help: boolean }}
 */
function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '15' },
      cpu: { type: 'string', default: '1,4' },
      rtt: { type: 'string', default: '0' },
      suite: { type: 'string', multiple: true },
      'launcher-timeout': { type: 'string', default: '10000' },
      'nav-timeout': { type: 'string', default: '30000' },
      sockets: { type: 'string', default: '5000' },
      senders: { type: 'string', default: '50' },
      messages: { type: 'string', default: '10000' },
      rate: { type: 'string', default: '500' },
      dist: { type: 'string', default: join(ROOT, 'dist') },
      json: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const int = (/** @type {string} */ name, /** @type {string} */ raw, /** @type {number} */ min) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  const cpu = values.cpu.split(',').map((s) => Number(s.trim()));
  if (!cpu.length || cpu.some((r) => !Number.isFinite(r) || r < 1))
    throw new UsageError(`--cpu takes rates ≥ 1, e.g. 1,4; got "${values.cpu}"`);
  const wanted = values.suite
    ? values.suite
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const unknown = (wanted ?? []).filter((w) => !suites.some((s) => s.name === w));
  if (unknown.length)
    throw new UsageError(`unknown suite(s): ${unknown.join(', ')} (have: ${suites.map((s) => s.name).join(', ')})`);
  return {
    runs: int('runs', values.runs, 1),
    cpu,
    rttMs: int('rtt', values.rtt, 0),
    launcherTimeoutMs: int('launcher-timeout', values['launcher-timeout'], 0),
    navTimeoutMs: int('nav-timeout', values['nav-timeout'], 1000),
    sockets: int('sockets', values.sockets, 2),
    senders: int('senders', values.senders, 1),
    messages: int('messages', values.messages, 1),
    rate: int('rate', values.rate, 1),
    json: values.json,
    strict: values.strict,
    verbose: values.verbose,
    suites: wanted,
    distDir: resolve(values.dist),
    help: values.help,
  };
}

class UsageError extends Error {}

const cleanups = /** @type {Array<() => unknown>} */ ([]);
/** Synchronous last-resort kills for the process 'exit' event. */
const exitKills = /** @type {Array<() => void>} */ ([]);
let cleaning = /** @type {Promise<void>|null} */ (null);
/** Set on SIGINT/SIGTERM: suites failing because of the teardown are not reported. */
let interrupted = false;
/** Set when a suite launched the browser. */
let browserVersion = /** @type {string|null} */ (null);

function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = /** @type {() => unknown} */ (cleanups.pop());
      try {
        await fn();
      } catch (err) {
        process.stderr.write(`cleanup: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const kill of exitKills) kill();
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping…\n`);
    cleanup().finally(() => process.exit(130));
  });
}

function log(/** @type {string} */ message) {
  process.stderr.write(`${message}\n`);
}

let lastProgress = 0;
let progressShown = false;
function progress(/** @type {string} */ message) {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[2K${message}`);
    progressShown = message !== '';
  } else if (message && Date.now() - lastProgress > 5000) {
    lastProgress = Date.now();
    log(message);
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** @param {BenchOptions} options @returns {BenchContext} */
function createContext(options) {
  /** @type {Promise<{ url: string, adminKey: string }>|null} */
  let server = null;
  /** @type {Promise<import('playwright').Browser>|null} */
  let browser = null;
  return {
    root: ROOT,
    distDir: options.distDir,
    runs: options.runs,
    options,
    log,
    progress,
    referenceServer() {
      server ??= (async () => {
        log('starting the reference server…');
        const s = await startReferenceServer({ root: ROOT, verbose: options.verbose });
        exitKills.push(s.stopSync);
        cleanups.push(s.stop);
        log(`reference server at ${s.url}`);
        return { url: s.url, adminKey: s.adminKey };
      })();
      return server;
    },
    browser() {
      browser ??= (async () => {
        const b = await chromium.launch({
          executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
          headless: true,
          args: CHROMIUM_ARGS,
        });
        cleanups.push(() => b.close());
        browserVersion = b.version();
        return b;
      })();
      return browser;
    },
    async staticServer(serverOptions) {
      const s = await startStaticServer(serverOptions);
      cleanups.push(s.close);
      return { url: s.url, addRoute: s.addRoute };
    },
    onCleanup(fn) {
      cleanups.push(fn);
    },
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { distDir } = options;
  if (!existsSync(join(distDir, 'parley.js')) && !existsSync(join(distDir, 'parley-chat.js'))) {
    log(
      `${distDir}/parley.js and parley-chat.js not found: run npm run build first (or use npm run bench, which builds).`,
    );
    return 1;
  }

  const ctx = createContext(options);
  const selected = suites.filter((s) => !options.suites || options.suites.includes(s.name));
  /** @type {Record<string, object>} */
  const results = {};
  /** @type {Array<{ suite: string, name: string, target: string, value: string, pass: boolean|null }>} */
  const allChecks = [];
  let failed = false;
  for (const suite of selected) {
    log(`▶ ${suite.name}`);
    const started = performance.now();
    try {
      /** @type {SuiteResult} */
      const result = await suite.run(ctx);
      const ms = Math.round(performance.now() - started);
      results[suite.name] = { title: suite.title, ok: true, ms, data: result.data, checks: result.checks ?? [] };
      for (const c of result.checks ?? []) allChecks.push({ suite: suite.name, ...c });
      if (!options.json) {
        if (progressShown) progress('');
        console.log(`\n== ${suite.title} ==\n`);
        for (const t of result.tables ?? []) console.log(`${renderTable(t)}\n`);
      }
    } catch (err) {
      if (interrupted) return 130;
      failed = true;
      progress('');
      const message = err instanceof Error ? err.message : String(err);
      results[suite.name] = { title: suite.title, ok: false, error: message };
      log(`✖ ${suite.name} failed: ${message.split('\n').slice(0, 6).join('\n')}`);
    }
  }
  const report = {
    generatedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
    },
    options: {
      runs: options.runs,
      cpu: options.cpu,
      launcherTimeoutMs: options.launcherTimeoutMs,
      dist: options.distDir,
      suites: selected.map((s) => s.name),
    },
    chromium: browserVersion,
    checks: allChecks,
    suites: results,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
  } else if (allChecks.length) {
    console.log(
      `\n${renderTable({
        title: '== Targets ==',
        columns: ['target', 'budget', 'measured', 'verdict'],
        rows: allChecks.map((c) => [c.name, c.target, c.value, verdict(c.pass)]),
      })}`,
    );
    console.log(`\nresults written to ${RESULTS_FILE.slice(ROOT.length + 1)}`);
  }
  if (failed) return 1;
  if (options.strict && allChecks.some((c) => c.pass === false)) return 1;
  return 0;
}

main()
  .then(
    (code) => code,
    (err) => {
      if (
        err instanceof UsageError ||
        (err && /** @type {{ code?: string }} */ (err).code?.startsWith('ERR_PARSE_ARGS'))
      ) {
        log(`${err.message}\n\n${USAGE}`);
        return 2;
      }
      log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanup();
    process.exitCode = code;
  });
