/**
 * Presence across processes (with `REDIS_URL`): each process sends its connected users
 * (`Presence.snapshot()`) to the others through socket.io's server-side emits (carried by the
 * Redis adapter) whenever they change and on a heartbeat; the others count a snapshot until
 * `ttlMs` after they last received it. A process that dies stops sending, so its users (and
 * agents) drop out within the TTL, and every process then tells its own widgets the new
 * `agentsOnline`. A new process asks the others for theirs (`hello`); a process that closes says
 * `bye` so that it drops out at once.
 */
import { randomBytes } from 'node:crypto';
import type { PresenceEntry, Presence } from './presence.js';

/** The server-side events between processes. */
export interface ClusterEvents {
  'parley:presence': (processId: string, entries: PresenceEntry[]) => void;
  'parley:hello': (processId: string) => void;
  'parley:bye': (processId: string) => void;
  /** A user's status changed on one process: applied to their sockets on every process. */
  'parley:away': (appId: string, userId: string, away: boolean) => void;
}

/** The slice of socket.io's server this needs (its `serverSideEmit` and server-side `on`). */
export interface ClusterBus {
  serverSideEmit<E extends keyof ClusterEvents>(event: E, ...args: Parameters<ClusterEvents[E]>): boolean;
  on<E extends keyof ClusterEvents>(event: E, listener: ClusterEvents[E]): unknown;
}

/** How long another process's users count without a heartbeat (PARLEY_PRESENCE_TTL). */
export const DEFAULT_PRESENCE_TTL_MS = 15_000;

export class ClusterPresence {
  readonly processId = randomBytes(8).toString('hex');
  #timer: NodeJS.Timeout | undefined;
  #pending = false;

  /** `appChanged(appId)`: a process that held users of the app dropped out (push `agentsOnline` here). */
  constructor(
    private readonly bus: ClusterBus,
    private readonly presence: Presence,
    private readonly appChanged: (appId: string) => void,
    private readonly ttlMs = DEFAULT_PRESENCE_TTL_MS,
  ) {}

  start(): void {
    const { bus, presence } = this;
    bus.on('parley:presence', (id, entries) => {
      // The sending process pushed any new `agentsOnline` to every process's widgets itself; the
      // first snapshot of a process (after this one or it started) is news only here.
      if (id !== this.processId && Array.isArray(entries))
        this.#notify(presence.setRemote(id, entries, Date.now() + this.ttlMs));
    });
    bus.on('parley:hello', (id) => {
      if (id !== this.processId) this.#publish();
    });
    bus.on('parley:bye', (id) => {
      if (id === this.processId) return;
      this.#notify(presence.expire(Number.POSITIVE_INFINITY, id));
    });
    bus.on('parley:away', (appId, userId, away) => {
      presence.setAway(appId, userId, away);
    });
    presence.onChange = () => this.#schedule();
    bus.serverSideEmit('parley:hello', this.processId);
    this.#publish();
    // Heartbeat three times per TTL; snapshots not refreshed are dropped on the same beat.
    this.#timer = setInterval(
      () => {
        this.#publish();
        this.#notify(presence.expire(Date.now()));
      },
      Math.max(100, Math.floor(this.ttlMs / 3)),
    );
    this.#timer.unref();
  }

  /** A status change made here: the other processes apply it to their copies too. */
  setAway(appId: string, userId: string, away: boolean): void {
    this.bus.serverSideEmit('parley:away', appId, userId, away);
  }

  close(): void {
    clearInterval(this.#timer);
    this.presence.onChange = undefined;
    this.bus.serverSideEmit('parley:bye', this.processId);
  }

  /** Several changes in one turn of the event loop go out as one snapshot. */
  #schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#publish();
    });
  }

  #publish(): void {
    this.bus.serverSideEmit('parley:presence', this.processId, this.presence.snapshot());
  }

  /** A process dropped out: nobody else tells these apps' widgets here. */
  #notify(apps: Set<string>): void {
    for (const appId of apps) this.appChanged(appId);
  }
}
