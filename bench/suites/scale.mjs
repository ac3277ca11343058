// The reference server past one process, on loopback:
//  1. Platform API send throughput with --senders concurrent senders, PGlite vs PostgreSQL;
//  2. --sockets widget sockets over two processes (one PostgreSQL, one Redis), sends to random
//     visitors at --rate per second: send → the visitor's socket has it, p50/p99, lost;
//  3. each process's RSS idle and per 1,000 sockets.
// PostgreSQL and Redis come from PARLEY_BENCH_DATABASE_URL / PARLEY_BENCH_REDIS_URL (else the
// tests' PARLEY_TEST_*); without them those rows are n/a.
import { io } from 'socket.io-client';
import { mb, num } from '../lib/format.mjs';
import { startReferenceServer } from '../lib/reference-server.mjs';
import {
  NO_LIMITS,
  benchRedisPrefix,
  createBenchDatabase,
  jsonClient,
  pool,
  rssOf,
  scaleServices,
} from '../lib/scale-support.mjs';
import { summarize } from '../lib/stats.mjs';

/** Goals of issue 14. */
const THROUGHPUT_GOAL = 2000;
const DELIVERY_P99_GOAL_MS = 100;
/** Seconds of sends at --rate in the socket run. */
const DELIVERY_SECONDS = 10;
/** A delivery not seen this long after the last send is lost. */
const LOST_AFTER_MS = 10000;
/** Sessions, conversations and sockets set up at once. */
const SETUP_WIDTH = 32;
const MISSING =
  'set PARLEY_BENCH_DATABASE_URL=postgres://… (a role that may create databases) and PARLEY_BENCH_REDIS_URL=redis://… ' +
  '(PostgreSQL ≥ 13 and Redis ≥ 5 installed and running) to measure these rows';

const sleep = (/** @param {number} ms */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A reference server with the limits off, stopped at the end (or earlier by the caller).
 * @param {import('../run.mjs').BenchContext} ctx @param {Record<string, string>} env
 */
async function server(ctx, env) {
  const s = await startReferenceServer({
    root: ctx.root,
    verbose: ctx.options.verbose,
    timeoutMs: 120000,
    env: { ...NO_LIMITS, ...env },
  });
  process.once('exit', s.stopSync);
  ctx.onCleanup(s.stop);
  return s;
}

/**
 * An app, and `n` conversations of a visitor each with the app's agent assigned (no routing).
 * @param {ReturnType<typeof jsonClient>} http @param {{ url: string, adminKey: string }} s @param {number} n
 */
async function appWithConversations(http, s, n) {
  const app = await http.post(`${s.url}/admin/v1/apps`, { 'Api-Key': s.adminKey }, {});
  const apiKey = { 'Api-Key': app.apiKey };
  const groups = await pool(n, SETUP_WIDTH, async (i) => {
    const conv = await http.post(`${s.url}/rest/ws/group/conversation`, apiKey, {
      groupName: `Scale ${i}`,
      groupMemberList: [`scale-visitor-${i}`, app.agentId],
      metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
    });
    return /** @type {string} */ (conv.groupId);
  });
  return { app, apiKey, groups };
}

/**
 * 1. `senders` agents' integrations send at once, each in its own conversation, as fast as the
 * server answers: messages/s over the whole run and each request's time.
 * @param {import('../run.mjs').BenchContext} ctx @param {string} label @param {Record<string, string>} env
 */
async function throughput(ctx, label, env) {
  const { senders, messages } = ctx.options;
  ctx.log(`scale: ${label}, ${senders} senders, ${messages} messages`);
  const s = await server(ctx, env);
  const http = jsonClient(senders);
  try {
    const { app, apiKey, groups } = await appWithConversations(http, s, senders);
    const sendUrl = `${s.url}/rest/ws/message/v2/send`;
    const send = (/** @type {number} */ w, /** @type {string} */ text) =>
      http.post(sendUrl, apiKey, { groupId: groups[w], message: text, fromUserName: app.agentId });
    // Warm-up (JIT, pool connections, caches): not counted.
    await pool(senders * 5, senders, (i) => send(i % senders, `warm-up ${i}`));
    /** @type {number[]} */
    const latencies = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      groups.map(async (_, w) => {
        while (next < messages) {
          const i = next++;
          const t0 = performance.now();
          try {
            await send(w, `scale ${i}`);
            latencies.push(performance.now() - t0);
          } catch (err) {
            if (errors++ === 0) ctx.log(`${label}: ${err instanceof Error ? err.message : String(err)}`);
          }
          if (i % 1000 === 0) ctx.progress(`${label}: ${i}/${messages}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      label,
      senders,
      messages,
      seconds,
      perSecond: latencies.length / seconds,
      errors,
      ...summarize(latencies),
    };
  } finally {
    http.close();
    await s.stop();
  }
}

/**
 * 2 and 3. Two processes on one database and one Redis; `--sockets` visitors, each with a
 * conversation and a socket on one of them (alternately); sends through either process to
 * random visitors at `--rate`.
 * @param {import('../run.mjs').BenchContext} ctx @param {string} databaseUrl @param {string} redisUrl
 */
async function delivery(ctx, databaseUrl, redisUrl) {
  const { sockets: total, rate } = ctx.options;
  const redis = benchRedisPrefix(redisUrl);
  ctx.onCleanup(redis.drop);
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PARLEY_REDIS_PREFIX: redis.prefix };
  const procs = [await server(ctx, env), await server(ctx, env)];
  const http = jsonClient(SETUP_WIDTH * 2);
  /** @type {import('socket.io-client').Socket[]} */
  const sockets = [];
  try {
    await sleep(2000);
    const idle = procs.map((p) => rssOf(p.pid));
    const app = await http.post(`${procs[0].url}/admin/v1/apps`, { 'Api-Key': procs[0].adminKey }, {});
    const apiKey = { 'Api-Key': app.apiKey };

    /** @type {Array<number|undefined>} */
    const sentAt = [];
    /** @type {number[]} */
    const target = [];
    /** @type {Array<number|undefined>} */
    const latency = [];
    let duplicates = 0;
    let misrouted = 0;
    let setUp = 0;
    const visitors = await pool(total, SETUP_WIDTH, async (v) => {
      const proc = procs[v % 2];
      const session = await http.post(`${proc.url}/widget/v1/session`, {}, { appId: app.appId });
      const conv = await http.post(`${proc.url}/rest/ws/group/conversation`, apiKey, {
        groupName: `Visitor ${v}`,
        groupMemberList: [session.userId, app.agentId],
        metadata: { SKIP_ROUTING: true, CONVERSATION_ASSIGNEE: app.agentId },
      });
      const socket = io(proc.url, {
        auth: { appId: app.appId, token: session.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      socket.on('message', (/** @type {{ message: string }} */ m) => {
        const at = performance.now();
        const k = Number(/^d(\d+)$/.exec(m.message)?.[1] ?? NaN);
        const sent = sentAt[k];
        if (sent === undefined) return;
        if (target[k] !== v) misrouted++;
        else if (latency[k] !== undefined) duplicates++;
        else latency[k] = at - sent;
      });
      await new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(undefined));
        socket.once('connect_error', reject);
      });
      if (++setUp % 250 === 0) ctx.progress(`scale: ${setUp}/${total} visitors connected`);
      return { groupId: /** @type {string} */ (conv.groupId), proc: v % 2 };
    });
    ctx.log(`scale: ${total} visitor sockets connected`);
    await sleep(2000);
    const loaded = procs.map((p) => rssOf(p.pid));

    const count = rate * DELIVERY_SECONDS;
    let errors = 0;
    let crossed = 0;
    /** @type {Promise<unknown>[]} */
    const inFlight = [];
    const started = performance.now();
    for (let k = 0; k < count; k++) {
      const due = started + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const v = Math.floor(Math.random() * total);
      const via = Math.random() < 0.5 ? 0 : 1;
      if (via !== visitors[v].proc) crossed++;
      target[k] = v;
      sentAt[k] = performance.now();
      inFlight.push(
        http
          .post(`${procs[via].url}/rest/ws/message/v2/send`, apiKey, {
            groupId: visitors[v].groupId,
            message: `d${k}`,
            fromUserName: app.agentId,
          })
          .catch((/** @type {unknown} */ err) => {
            sentAt[k] = undefined;
            if (errors++ === 0) ctx.log(`scale: send failed: ${err instanceof Error ? err.message : String(err)}`);
          }),
      );
      if (k % 500 === 0) ctx.progress(`scale: ${k}/${count} sends`);
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - started) / 1000;
    const deadline = Date.now() + LOST_AFTER_MS;
    const seen = () => latency.filter((x) => x !== undefined).length;
    while (seen() < count - errors && Date.now() < deadline) await sleep(50);
    const received = seen();
    return {
      sockets: total,
      rate,
      sends: count,
      sendSeconds,
      crossed,
      errors,
      received,
      lost: count - errors - received,
      duplicates,
      misrouted,
      latency: summarize(latency),
      rss: procs.map((p, i) => ({
        idle: idle[i],
        loaded: loaded[i],
        sockets: visitors.filter((x) => x.proc === i).length,
      })),
    };
  } finally {
    for (const socket of sockets) socket.close();
    http.close();
    await Promise.all(procs.map((p) => p.stop()));
  }
}

const ms = (/** @type {number|null|undefined} */ v) => (typeof v === 'number' ? `${v.toFixed(1)} ms` : 'n/a');

export default {
  name: 'scale',
  title: 'Scale: send throughput (PGlite vs PostgreSQL), delivery over two processes, memory',
  /** @param {import('../run.mjs').BenchContext} ctx */
  async run(ctx) {
    const { databaseUrl, redisUrl } = scaleServices();
    const { senders, messages, sockets } = ctx.options;
    const database = databaseUrl ? await createBenchDatabase(databaseUrl) : null;
    if (database) ctx.onCleanup(database.drop);

    const pglite = await throughput(ctx, 'PGlite', {});
    const postgres = database ? await throughput(ctx, 'PostgreSQL', { DATABASE_URL: database.url }) : null;
    const spread = database && redisUrl ? await delivery(ctx, database.url, redisUrl) : null;
    if (!database || !redisUrl) ctx.log(`scale: ${MISSING}`);

    const sendRow = (/** @type {string} */ label, /** @type {Awaited<ReturnType<typeof throughput>>|null} */ r) =>
      r
        ? [label, r.messages, num(r.perSecond), ms(r.p50), ms(r.p99), ms(r.max), r.errors]
        : [label, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
    const perThousand = (/** @type {{ idle: number|null, loaded: number|null, sockets: number }} */ r) =>
      r.idle != null && r.loaded != null && r.sockets > 0 ? ((r.loaded - r.idle) * 1000) / r.sockets : null;
    const lat = spread?.latency;
    return {
      data: { senders, messages, sockets, pglite, postgres, delivery: spread },
      tables: [
        {
          title: `Platform API sends, ${senders} concurrent senders (one conversation each), ${messages} messages per database`,
          columns: ['database', 'messages', 'messages/s', 'p50', 'p99', 'max', 'errors'],
          rows: [sendRow('PGlite', pglite), sendRow('PostgreSQL', postgres)],
          notes: [
            'POST /rest/ws/message/v2/send with the Api-Key on loopback, keep-alive; per request: from writing it to the answer',
            ...(postgres ? [] : [MISSING]),
          ],
        },
        {
          title: `Send → visitor socket, two processes (PostgreSQL + Redis), ${sockets} sockets`,
          columns: ['sockets', 'sends', 'rate/s', 'p50', 'p99', 'max', 'lost', 'errors'],
          rows: [
            spread
              ? [
                  spread.sockets,
                  spread.sends,
                  spread.rate,
                  ms(lat?.p50),
                  ms(lat?.p99),
                  ms(lat?.max),
                  spread.lost,
                  spread.errors,
                ]
              : [sockets, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'],
          ],
          notes: spread
            ? [
                'visitors alternate between the processes; each send goes through either at random ' +
                  `(${spread.crossed} of ${spread.sends} crossed processes through Redis)`,
                `from just before the HTTP request to the visitor's socket.io client receiving 'message'; lost = not received ${LOST_AFTER_MS / 1000} s after the last send`,
                `${spread.duplicates} duplicate(s), ${spread.misrouted} delivered to the wrong visitor`,
              ]
            : [MISSING],
        },
        {
          title: 'Resident memory per server process',
          columns: ['process', 'idle', `with sockets`, 'sockets', 'per 1,000 sockets'],
          rows: spread
            ? spread.rss.map((r, i) => [`${'AB'[i]}`, mb(r.idle), mb(r.loaded), r.sockets, mb(perThousand(r))])
            : [['A, B', 'n/a', 'n/a', 'n/a', 'n/a']],
          notes: spread
            ? ['RSS from /proc 2 s after start (idle) and 2 s after the last socket connected; no forced GC']
            : [MISSING],
        },
      ],
      checks: [
        {
          name: `Platform API sends on PostgreSQL, ${senders} senders`,
          target: `≥ ${THROUGHPUT_GOAL} messages/s`,
          value: postgres ? `${num(postgres.perSecond)} messages/s` : 'n/a',
          pass: postgres && postgres.errors === 0 ? postgres.perSecond >= THROUGHPUT_GOAL : null,
        },
        {
          name: `Send → visitor socket over two processes, ${sockets} sockets (p99, 0 lost)`,
          target: `≤ ${DELIVERY_P99_GOAL_MS} ms, 0 lost`,
          value: spread ? `${ms(lat?.p99)}, ${spread.lost} lost` : 'n/a',
          pass:
            spread && typeof lat?.p99 === 'number' && spread.errors === 0
              ? lat.p99 <= DELIVERY_P99_GOAL_MS && spread.lost === 0
              : null,
        },
      ],
    };
  },
};
