#!/usr/bin/env node
// `npm run serve:pair`: two reference-server processes on two ports (PARLEY_PAIR_PORTS, default
// 3000,3001) that are one service: they share DATABASE_URL (PostgreSQL) and REDIS_URL (the
// socket.io adapter and presence). Put a load balancer in front (demo/server/README.md, "Running
// more than one process"). Each line of output is prefixed with its process; Ctrl-C or SIGTERM
// drains both (the server's own SIGTERM handling) and the script ends when both have exited.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const missing = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);
if (missing.length) {
  console.error(
    `serve:pair needs ${missing.join(' and ')} (several processes share one PostgreSQL and one Redis), ` +
      'e.g. DATABASE_URL=postgres://user:pass@127.0.0.1:5432/parley REDIS_URL=redis://127.0.0.1:6379',
  );
  process.exit(1);
}
const ports = (process.env.PARLEY_PAIR_PORTS || '3000,3001').split(',').map((p) => p.trim());
if (ports.length !== 2 || ports.some((p) => !/^\d{1,5}$/.test(p) || Number(p) > 65535)) {
  console.error(`PARLEY_PAIR_PORTS must be two ports, like 3000,3001 (got "${process.env.PARLEY_PAIR_PORTS}")`);
  process.exit(1);
}

let running = 0;
let exitCode = 0;
const children = ports.map((port, i) => {
  const name = `[${'AB'[i]} :${port}]`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
    env: { ...process.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running += 1;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${name} ${line}`));
  }
  child.on('exit', (code, signal) => {
    console.log(`${name} exited (${signal ?? code})`);
    if (code) exitCode = code;
    running -= 1;
    if (running === 0) process.exit(exitCode);
  });
  return child;
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });
}
