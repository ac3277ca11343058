// A @web/test-runner plugin that runs the reference server's command line as a user would —
// `demo/server/src/main.ts` with a data folder of its own and the environment a test gives, and
// `reset-password.ts` against that folder — and answers what they printed. For the first-start
// tests: secrets printed once, the default listening address, the password reset.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

const BANNER_END = /curl -X POST[^\n]*\n/;

/** The environment of a CLI run: this process's, without the variables a test must control. */
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const name of ['HOST', 'PORT', 'PARLEY_ADMIN_KEY', 'PARLEY_ADMIN_PASSWORD', 'PARLEY_DATA_DIR', 'PARLEY_LOG'])
    delete env[name];
  return { ...env, ...extra };
}

/** Whether something accepts TCP connections on `host:port` (within a second). */
function accepts(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function lanAddress() {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

export function serverCliPlugin() {
  /** name → { dataDir, child? } */
  const runs = new Map();
  const run = (name) => {
    if (!runs.has(name))
      runs.set(name, { dataDir: mkdtempSync(join(tmpdir(), 'parley-cli-')), child: null, starting: null });
    return runs.get(name);
  };

  /**
   * Starts the named server, or answers the start under way or done: a browser command that ran
   * out of time (the test runner gives each 20 s) is simply asked again and joins the same start.
   */
  function start({ name, env = {} }) {
    const r = run(name);
    r.resetting = null;
    r.starting ??= spawnServer(r, env).catch((error) => {
      r.starting = null;
      throw error;
    });
    return r.starting;
  }

  async function spawnServer(r, env) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
      env: cleanEnv({ PORT: '0', PARLEY_DATA_DIR: r.dataDir, PARLEY_LOG: 'info', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    r.child = child;
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const banner = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in time: ${out} ${err}`)), 60000);
      child.stdout.on('data', (d) => {
        out += d;
        if (BANNER_END.test(out)) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        r.child = null;
        reject(new Error(`the server exited with ${code}: ${err}`));
      });
    });
    const url = /Parley reference server on (\S+)/.exec(banner)?.[1] ?? '';
    const { hostname, port } = new URL(url);
    const lan = lanAddress();
    return {
      url,
      banner,
      listensOnLoopback: await accepts('127.0.0.1', Number(port)),
      listensOnLan: lan === undefined ? null : await accepts(lan, Number(port)),
      hostname,
    };
  }

  async function stop({ name }) {
    const r = run(name);
    r.resetting = null;
    if (r.starting) await r.starting.catch(() => {});
    r.starting = null;
    const child = r.child;
    if (!child) return true;
    r.child = null;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    return true;
  }

  /** Runs reset-password once per request; a repeated command (time-out) answers the same run. */
  function reset({ name, args = [], env = {} }) {
    const r = run(name);
    r.resetting ??= runReset(r, args, env);
    return r.resetting;
  }

  function runReset(r, args, env) {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/reset-password.ts', ...args], {
        env: cleanEnv({ PARLEY_DATA_DIR: r.dataDir, ...env }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  return {
    name: 'parley-server-cli',
    async serverStop() {
      for (const [name, r] of runs) {
        await stop({ name });
        rmSync(r.dataDir, { recursive: true, force: true });
      }
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'parley-cli-start':
          return start(payload);
        case 'parley-cli-stop':
          return stop(payload);
        case 'parley-cli-reset':
          return reset(payload);
        default:
          return undefined;
      }
    },
  };
}
