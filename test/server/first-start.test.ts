/**
 * The server's command line as a new user runs it (`npm start` = main.ts) on a fresh data folder:
 * it listens on this machine only, the owner's password and the API key are random and printed
 * once, `PARLEY_ADMIN_PASSWORD` chooses the password, and `npm run reset-password` gives a lost
 * one back (ending the old sessions). The harness (test/plugins/server-cli.mjs) runs the real
 * processes and answers what they printed.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Started {
  url: string;
  banner: string;
  hostname: string;
  listensOnLoopback: boolean;
  listensOnLan: boolean | null;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A harness command; one that ran out of the runner's 20 s (a cold start on a busy machine) is
 * asked again, and the harness joins the run under way.
 */
async function command<T>(name: string, payload: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await executeServerCommand(name, payload)) as T;
    } catch (error) {
      if (!/Did not receive a server response/.test(String(error)) || attempt >= 6) throw error;
    }
  }
}

const start = (name: string, env: Record<string, string> = {}) => command<Started>('parley-cli-start', { name, env });
const stop = (name: string) => command<boolean>('parley-cli-stop', { name });
const reset = (name: string, env: Record<string, string> = {}, args: string[] = []) =>
  command<Ran>('parley-cli-reset', { name, env, args });

async function signIn(url: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(`${url}/agent/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appId: 'demo-app', email: 'agent@parley.test', password }),
  });
  const body = (await res.json()) as { response?: { token: string } };
  return { status: res.status, token: body.response?.token };
}

function printed(banner: string, label: string): string {
  return new RegExp(`${label}\\s+(.*)`).exec(banner)?.[1]?.trim() ?? '';
}

describe('server: the first start', function () {
  this.timeout(120000);

  it('listens on this machine only and prints a random owner password and API key once', async () => {
    const first = await start('fresh');
    try {
      expect(first.hostname).to.equal('127.0.0.1');
      expect(first.listensOnLoopback).to.equal(true);
      if (first.listensOnLan !== null) expect(first.listensOnLan, 'reachable from the network').to.equal(false);

      const password = /agent@parley\.test \/ (\S+)\s+<- shown once/.exec(first.banner)?.[1] ?? '';
      expect(password, first.banner).to.match(/^[\w-]{16,}$/);
      const apiKey = /^(\S+)\s+<- shown once/.exec(printed(first.banner, 'API key'))?.[1] ?? '';
      expect(apiKey, first.banner).to.match(/^[\w-]{32,}$/);
      expect(first.banner).to.include(`-H 'Api-Key: ${apiKey}'`);
      expect((await signIn(first.url, password)).status).to.equal(200);
      expect((await signIn(first.url, 'parley-demo')).status).to.equal(401);
      await stop('fresh');

      const again = await start('fresh');
      expect(again.banner).to.not.include(password);
      expect(again.banner).to.not.include(apiKey);
      expect(printed(again.banner, 'API key')).to.equal(
        `${apiKey.slice(0, 6)}… (rotate: POST /admin/v1/apps/demo-app/api-key)`,
      );
      expect((await signIn(again.url, password)).status).to.equal(200);
    } finally {
      await stop('fresh');
    }
  });

  it('takes PARLEY_ADMIN_PASSWORD, and reset-password gives a lost password back', async () => {
    const chosen = `chosen-${crypto.randomUUID()}`;
    const first = await start('chosen', { PARLEY_ADMIN_PASSWORD: chosen });
    let old: string | undefined;
    try {
      expect(first.banner).to.not.include(chosen);
      const signedIn = await signIn(first.url, chosen);
      expect(signedIn.status).to.equal(200);
      old = signedIn.token;
      // The data folder is the running server's: a reset now is refused and changes nothing.
      const busy = await reset('chosen');
      expect(busy.code).to.equal(1);
      expect(busy.stderr).to.match(/in use by process/);
    } finally {
      await stop('chosen');
    }

    const done = await reset('chosen');
    expect(done.code, done.stderr).to.equal(0);
    const fresh = /New password for agent@parley\.test in demo-app: (\S+)/.exec(done.stdout)?.[1] ?? '';
    expect(fresh).to.match(/^[\w-]{16,}$/);

    const back = await start('chosen', { PARLEY_ADMIN_PASSWORD: chosen });
    try {
      expect((await signIn(back.url, fresh)).status).to.equal(200);
      expect((await signIn(back.url, chosen)).status).to.equal(401);
      const me = await fetch(`${back.url}/agent/v1/me`, { headers: { Authorization: `Bearer ${old}` } });
      expect(me.status, 'the old session ended').to.equal(401);
    } finally {
      await stop('chosen');
    }
    const unknown = await reset('chosen', {}, ['--user', 'nobody@parley.test']);
    expect([unknown.code, unknown.stderr]).to.deep.equal([
      1,
      '[parley] reset-password: no staff member "nobody@parley.test" in app "demo-app"\n',
    ]);
  });

  it('PARLEY_TRANSPORTS=websocket refuses long-polling; a value it cannot use stops the start in one line', async () => {
    const ws = await start('websocket-only', { PARLEY_TRANSPORTS: 'websocket', PARLEY_LOG: 'json' });
    try {
      // At level json the banner (the secrets, shown once) is still printed for the operator.
      expect(printed(ws.banner, 'Admin sign-in')).to.match(/^agent@parley\.test \/ \S{16,}/);
      const polling = await fetch(`${ws.url}/socket.io/?EIO=4&transport=polling`);
      expect(polling.status).to.equal(400);
    } finally {
      await stop('websocket-only');
    }
    const refused = await start('bad-transports', { PARLEY_TRANSPORTS: 'polling' }).then(
      () => '',
      (error: unknown) => String(error),
    );
    await stop('bad-transports');
    expect(refused).to.include('exited with 1');
    expect(refused).to.include('could not start: PARLEY_TRANSPORTS must be "websocket" or "websocket,polling"');
  });
});
