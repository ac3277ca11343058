/**
 * Who is connected, and who is available: open sockets per user per app, and each connected
 * agent's own status (`online` or `away`, stored on the user row, see `agent-status.ts`). A user
 * is connected while at least one of their sockets is open; an agent is available while
 * connected and not away. Bots never count as agents.
 *
 * With several processes (`cluster-presence.ts`) each process also holds the other processes'
 * users as snapshots that expire unless refreshed: every answer here counts this process's
 * sockets and the live snapshots alike, so a process that dies stops counting after the TTL.
 */
import type { UserRole } from '../../../src/core/protocol.js';

interface Entry {
  sockets: number;
  role: UserRole;
  away: boolean;
}

/** One connected user of another process: `[appId, userId, role, away]`. */
export type PresenceEntry = [appId: string, userId: string, role: UserRole, away: boolean];

interface Remote {
  users: Map<string, Map<string, Omit<Entry, 'sockets'>>>;
  /** Time (ms) after which the snapshot no longer counts. */
  until: number;
}

const isAgent = (role: UserRole) => role !== 'user' && role !== 'bot';

export class Presence {
  readonly #apps = new Map<string, Map<string, Entry>>();
  readonly #remote = new Map<string, Remote>();
  /** Called after this process's own users changed (connect, disconnect, status). */
  onChange: (() => void) | undefined;

  /**
   * Records a socket. `away` is the stored status, used for the user's first socket (later
   * sockets keep the status `setAway` last gave). Callers compare `agentsOnline` before and after.
   */
  connect(appId: string, userId: string, role: UserRole, away = false): void {
    let users = this.#apps.get(appId);
    if (!users) this.#apps.set(appId, (users = new Map()));
    const entry = users.get(userId);
    if (entry) entry.sockets++;
    else {
      users.set(userId, { sockets: 1, role, away: isAgent(role) && away });
      this.onChange?.();
    }
  }

  /** Forgets a socket; returns true when the user just went offline. */
  disconnect(appId: string, userId: string): boolean {
    const users = this.#apps.get(appId);
    const entry = users?.get(userId);
    if (!users || !entry) return false;
    if (--entry.sockets > 0) return false;
    users.delete(userId);
    if (users.size === 0) this.#apps.delete(appId);
    this.onChange?.();
    return this.isConnected(appId, userId) === false;
  }

  /**
   * Sets a connected agent's status, here and in the other processes' snapshots (the status is
   * the user's, wherever their sockets are); returns true when the app's availability changed.
   */
  setAway(appId: string, userId: string, away: boolean): boolean {
    const before = this.isAvailable(appId, userId);
    const entries = [this.#apps.get(appId)?.get(userId), ...this.#remoteEntries(appId, userId)];
    let mine = false;
    for (const entry of entries) {
      if (!entry || !isAgent(entry.role) || entry.away === away) continue;
      entry.away = away;
      if (entry === entries[0]) mine = true;
    }
    if (mine) this.onChange?.();
    return before !== this.isAvailable(appId, userId);
  }

  /** A socket of the user is open, on any process (whatever their status). */
  isConnected(appId: string, userId: string): boolean {
    return (this.#apps.get(appId)?.has(userId) ?? false) || this.#remoteEntries(appId, userId).length > 0;
  }

  /** Connected and not away: the user can take conversations now. */
  isAvailable(appId: string, userId: string): boolean {
    const entries = [this.#apps.get(appId)?.get(userId), ...this.#remoteEntries(appId, userId)];
    return entries.some((entry) => entry !== undefined && !entry.away);
  }

  /** Agents (any staff role but bots) who are available: a socket open, not away, on any process. */
  agentsOnline(appId: string): number {
    const online = new Set<string>();
    const maps = [this.#apps.get(appId), ...[...this.#live()].map((r) => r.users.get(appId))];
    for (const users of maps)
      for (const [userId, entry] of users ?? []) if (isAgent(entry.role) && !entry.away) online.add(userId);
    return online.size;
  }

  /** This process's connected users, for the other processes. */
  snapshot(): PresenceEntry[] {
    const entries: PresenceEntry[] = [];
    for (const [appId, users] of this.#apps)
      for (const [userId, entry] of users) entries.push([appId, userId, entry.role, entry.away]);
    return entries;
  }

  /**
   * Replaces another process's users (`entries`), counted until `until` (ms) unless refreshed;
   * answers its apps when that process was not counted until now.
   */
  setRemote(processId: string, entries: readonly PresenceEntry[], until: number): Set<string> {
    const known = this.#remote.get(processId);
    const counted = known !== undefined && known.until > Date.now();
    const users: Remote['users'] = new Map();
    for (const [appId, userId, role, away] of entries) {
      let app = users.get(appId);
      if (!app) users.set(appId, (app = new Map()));
      app.set(userId, { role, away: isAgent(role) && away });
    }
    this.#remote.set(processId, { users, until });
    // A process not counted until now (this one just started, or it came back): its apps' widgets
    // here were told a count without it.
    return counted ? new Set() : new Set(users.keys());
  }

  /** Forgets other processes' snapshots not refreshed by `now` (or `processId`'s); returns their apps. */
  expire(now: number, processId?: string): Set<string> {
    const apps = new Set<string>();
    for (const [id, remote] of this.#remote) {
      if (id !== processId && remote.until > now) continue;
      for (const appId of remote.users.keys()) apps.add(appId);
      this.#remote.delete(id);
    }
    return apps;
  }

  /** Snapshots still counted (`until` in the future). */
  *#live(): Iterable<Remote> {
    const now = Date.now();
    for (const remote of this.#remote.values()) if (remote.until > now) yield remote;
  }

  #remoteEntries(appId: string, userId: string): Array<Omit<Entry, 'sockets'>> {
    const entries: Array<Omit<Entry, 'sockets'>> = [];
    for (const remote of this.#live()) {
      const entry = remote.users.get(appId)?.get(userId);
      if (entry) entries.push(entry);
    }
    return entries;
  }
}
