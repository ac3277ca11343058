/**
 * The reference server, embeddable: `startServer(options)` opens the database (seeding the demo
 * app on first start), mounts the routes and socket.io on one HTTP server, and returns its URL
 * and a `close()` that stops sockets, HTTP and the database in that order.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AgentStatuses } from './agent-status.js';
import { Bots } from './bot.js';
import { Chat } from './chat.js';
import { ClusterPresence } from './cluster-presence.js';
import type { Deps } from './context.js';
import { openDb } from './db.js';
import { Router } from './http.js';
import { Limiter, MemoryLimitStore, limitConnections, limitEvents, limitRequests } from './limits.js';
import type { LimitStore, Limits } from './limits.js';
import { createLogger } from './log.js';
import type { LogLevel } from './log.js';
import { Presence } from './presence.js';
import { Realtime } from './realtime.js';
import type { Transport } from './realtime.js';
import { DEFAULT_DRAIN_MS, drain } from './drain.js';
import { connectRedis } from './redis.js';
import type { RedisLink } from './redis.js';
import { findApp, initConfig } from './repo/apps.js';
import { adminRoutes } from './routes/admin.js';
import { healthRoutes } from './routes/health.js';
import { platformRoutes } from './routes/platform.js';
import { uploadRoutes } from './routes/uploads.js';
import type { StorageOptions } from './routes/uploads.js';
import { widgetConfigRoutes } from './routes/widget-config.js';
import { widgetRoutes } from './routes/widget.js';
import { AGENT_ID, BOT_ID, DEMO_APP_ID, DEMO_CLIENT_GROUP_ID, SECOND_AGENT_ID, seedDemo } from './seed.js';
import type { CreatedApp } from './seed.js';
import { eventGate, routeGate } from './gate.js';
import { staticFiles } from './static.js';
import { Sweeper } from './autoresolve.js';
import { ConversationActions } from './conversation-actions.js';
import { seesAllConversations } from './roles.js';
import { Routing } from './routing.js';
import { consoleRoutes } from './routes/console.js';
import { peopleRoutes } from './routes/people.js';
import { profileRoutes } from './routes/profile.js';
import { staffToolRoutes } from './routes/staff-tools.js';
import { rulesRoutes } from './routes/rules.js';
import { sessionRoutes } from './routes/sessions.js';
import { sessionSweepMs, socketSessionLive, sweepSessions } from './context.js';
import { webhookRoutes } from './routes/webhooks.js';
import { WebhookWatch } from './webhook-watch.js';
import { botRoutes } from './routes/bots.js';
import { WebhookWorker } from './webhooks.js';
import type { WebhookOptions } from './webhooks.js';
import { MailWorker } from './mail.js';
import type { MailOptions } from './mail.js';
import { createMailTransport } from './mail-transport.js';
import { mailRoutes } from './routes/mail.js';
import { queueTranscriptsOnResolve } from './transcript.js';
import { DEFAULT_SESSION_TTLS } from './repo/sessions.js';
import type { SessionTtls } from './repo/sessions.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Data folder (the embedded database and uploads); undefined keeps both in memory / a temporary folder. */
  dataDir: string | undefined;
  /** PostgreSQL instead of the embedded database: `url` (`postgres://…`) and the pool's size (10). */
  database?: { url: string; poolSize?: number | undefined } | undefined;
  /** Redis (`redis://…`) for several processes: socket.io's emits and presence reach every process. */
  redisUrl?: string | undefined;
  /** With Redis: the prefix of its keys and streams ('parley'); one per deployment sharing a Redis. */
  redisPrefix?: string | undefined;
  /** With Redis: how long another process's users count without its heartbeat (15 s). */
  presenceTtlMs?: number | undefined;
  /** socket.io's transports (`['websocket', 'polling']`); WebSocket alone needs no sticky sessions. */
  transports?: readonly Transport[] | undefined;
  /** How long `close()` waits for requests under way before cutting their connections (10 s). */
  drainTimeoutMs?: number | undefined;
  /** Admin key; undefined uses the one stored in the database (generated on first start). */
  adminKey?: string | undefined;
  /** The demo app owner's password on a new data folder; undefined makes a random one. */
  adminPassword?: string | undefined;
  log: LogLevel;
  /** Repository root holding `dist/` and `demo/`; defaults to this checkout's. */
  rootDir?: string;
  /** How often the conversation rules' timers (reassignment, auto-resolve) are checked; 500 ms. */
  sweepIntervalMs?: number;
  /** Rate limits (`limits.ts`), each `{max, windowMs}` (`max` 0 = off); the others keep their defaults. */
  limits?: Partial<Limits> | undefined;
  /** Where the limits' counters live: Redis with `redisUrl`, else this process's memory (share one to share budgets). */
  limitStore?: LimitStore | undefined;
  /** Behind one reverse proxy: limits count the last `X-Forwarded-For` address, not the peer's. */
  trustProxy?: boolean | undefined;
  /**
   * The storage quota per app, the grace period of uploads no message refers to, and where uploads
   * are kept: `store` (`database` with `database.url`, else `files`) and the files' folder `dir`
   * (`<dataDir>/blobs`; one folder every process mounts for `files` with several processes).
   */
  storage?: Partial<StorageOptions> | undefined;
  /**
   * How long a session lives without use, in ms: staff 12 h, visitors 30 days (a visitor's is the
   * app's `chatWidget.sessionTimeout` when that is set).
   */
  sessions?: Partial<SessionTtls> | undefined;
  /** Webhooks (`webhooks.ts`): loopback targets allowed (tests, local development), the worker's timings. */
  webhooks?: WebhookOptions | undefined;
  /** Outgoing mail (`mail.ts`): `smtpUrl`, else `.eml` files in `<dataDir>/mail/`; the worker's timings. */
  mail?: MailOptions | undefined;
}

export interface DemoInfo {
  appId: string;
  /** The first characters of the demo app's API key (the key itself is not kept). */
  apiKeyPrefix: string;
  agentId: string;
  secondAgentId: string;
  botId: string;
  clientGroupId: string;
  /** Only on the start that created the demo app: its API key, owner's password, identity secret. */
  created?: CreatedApp | undefined;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000` (`localhost` when bound to all interfaces). */
  url: string;
  port: number;
  adminKey: string;
  /** The admin key was made by this start (print it now: it is not printed again). */
  adminKeyCreated: boolean;
  demo: DemoInfo;
  close(): Promise<void>;
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLogger(options.log);
  const generated = randomBytes(24).toString('base64url');
  let adminKey = '';
  let created: CreatedApp | undefined;
  const db = await openDb(options.dataDir, {
    url: options.database?.url,
    poolSize: options.database?.poolSize,
    // First start: the admin key and the demo app, made by one process only.
    setUp: async (db) => {
      adminKey = options.adminKey || (await initConfig(db, 'admin_key', generated));
      created = await seedDemo(db, options.adminPassword);
    },
    onError: (err) => log.error('database connection failed:', err),
  });
  let redis: RedisLink | undefined;
  try {
    if (options.redisUrl) redis = await connectRedis(options.redisUrl, log, options.redisPrefix);
    if (created) log.info('seeded the demo app');
    const demoApp = await findApp(db, DEMO_APP_ID);

    const chat = new Chat(db, log);
    const presence = new Presence();
    const sessionTtls: SessionTtls = {
      staffMs: options.sessions?.staffMs ?? DEFAULT_SESSION_TTLS.staffMs,
      visitorMs: options.sessions?.visitorMs ?? DEFAULT_SESSION_TTLS.visitorMs,
    };
    const deps: Deps = { db, chat, presence, log, adminKey, sessionTtls };
    const actions = new ConversationActions(db, chat);
    const routing = new Routing(db, presence, actions, log);
    chat.setRouter(routing);
    const router = new Router(log);
    // Limits first, so that a refused request costs no database work.
    // With Redis the counters are shared by every process (limit-store-redis.ts).
    const limiter = new Limiter(options.limitStore ?? redis?.limitStore ?? new MemoryLimitStore(), options.limits);
    const limitOptions = { trustProxy: options.trustProxy };
    router.before(limitRequests(limiter, limitOptions));
    let draining = false;
    healthRoutes(router, { db, redis, log, draining: () => draining });
    widgetRoutes(router, deps);
    widgetConfigRoutes(router, deps);
    sessionRoutes(router, deps);
    platformRoutes(router, deps, { actions });
    const webhooks = new WebhookWorker(db, log, options.webhooks);
    const watch = new WebhookWatch(db, log, options.webhooks?.watchMs);
    webhookRoutes(router, deps, { allowLoopback: webhooks.allowLoopback });
    botRoutes(router, deps, { allowLoopback: webhooks.allowLoopback });
    const mailDir = options.dataDir ? join(options.dataDir, 'mail') : join(tmpdir(), `parley-mail-${process.pid}`);
    const mailTransport = createMailTransport({
      smtpUrl: options.mail?.smtpUrl,
      dir: mailDir,
      from: options.mail?.from,
      timeoutMs: options.mail?.timeoutMs,
    });
    const mail = new MailWorker(db, mailTransport, log, options.mail);
    let publicUrl = '';
    const mailBaseUrl = () => options.mail?.publicUrl ?? publicUrl;
    mailRoutes(router, deps, { actions, transport: mailTransport, dir: mailDir, baseUrl: mailBaseUrl });
    actions.onResolving((sql, app, conv) => queueTranscriptsOnResolve(sql, app, conv, mailBaseUrl()));
    const statuses = new AgentStatuses(db, presence, log);
    statuses.onBack((appId) => routing.queue.drainSoon(appId));
    consoleRoutes(router, deps, { actions, statuses });
    staffToolRoutes(router, deps, { actions });
    rulesRoutes(router, deps, {
      actions,
      staffRooms: { setStaffRoom: (a, u, join) => realtime.setStaffRoom(a, u, join) },
    });
    peopleRoutes(router, deps, { actions, routing });
    profileRoutes(router, deps);
    adminRoutes(router, deps);
    // With PostgreSQL every process reads every upload: the bytes go to the database by default.
    const storage = {
      ...options.storage,
      store: options.storage?.store ?? (options.database?.url ? 'database' : 'files'),
    };
    const uploads = uploadRoutes(router, deps, options.dataDir, { actions, storage });
    router.fallback(staticFiles(options.rootDir ?? DEFAULT_ROOT));
    // The permission table on every door (permissions.ts): routes here, socket events below.
    router.before(routeGate(deps));

    const http = createServer(router.handle);
    const realtime = new Realtime(http, deps, redis?.adapter, options.transports);
    realtime.beforeEvent(eventGate);
    chat.attach(realtime);
    realtime.beforeConnect(limitConnections(limiter, limitOptions)).beforeEvent(limitEvents(limiter, limitOptions));
    statuses.attach(realtime);
    const cluster = redis
      ? new ClusterPresence(realtime.io, presence, (appId) => realtime.presenceChanged(appId), options.presenceTtlMs)
      : undefined;
    if (cluster) statuses.share(cluster);
    cluster?.start();
    realtime.staffScope = async (app, user) =>
      seesAllConversations(user.role, (await actions.rules(app.app_id)).conversationRules.routing);
    const bot = new Bots(db, chat, log, {
      handOff: (app, groupId) => routing.handOff(app, groupId),
      rules: (appId) => actions.rules(appId),
      allowLoopback: webhooks.allowLoopback,
    });
    const sweeper = new Sweeper(db, presence, actions, routing, log, options.sweepIntervalMs);
    // Sessions: an ended one closes its sockets, a socket's events count as its use, and expired
    // ones are swept (with the sockets of any session that is gone).
    deps.sockets = realtime;
    realtime.beforeEvent((socket) => socketSessionLive(deps, socket.data));
    sweeper.alsoEvery(sessionSweepMs(sessionTtls), () => sweepSessions(deps));
    sweeper.start();
    webhooks.start();
    watch.start();
    mail.start();

    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const { port } = http.address() as AddressInfo;
    const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    publicUrl = url;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        // Drain: stop accepting, close the sockets' transports (clients reconnect, elsewhere when
        // a load balancer sends them there), let requests under way finish, then stop the rest.
        draining = true;
        cluster?.close();
        await drain(http, () => realtime.close(), options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
        await sweeper.close();
        await watch.close();
        await webhooks.close();
        await mail.close();
        await bot.close();
        await uploads.close();
        await redis?.close();
        await db.close();
      })());

    return {
      url,
      port,
      adminKey,
      adminKeyCreated: adminKey === generated,
      demo: {
        appId: DEMO_APP_ID,
        apiKeyPrefix: demoApp?.api_key_prefix ?? '',
        agentId: AGENT_ID,
        created,
        secondAgentId: SECOND_AGENT_ID,
        botId: BOT_ID,
        clientGroupId: DEMO_CLIENT_GROUP_ID,
      },
      close,
    };
  } catch (err) {
    await redis?.close().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}
