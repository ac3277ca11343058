/**
 * Who is connected, and who is available: open sockets per user per app, and each connected
 * agent's own status (`online` or `away`, stored on the user row, see `agent-status.ts`). A user
 * is connected while at least one of their sockets is open; an agent is available while
 * connected and not away. Bots never count as agents.
 */
import type { UserRole } from '../../../src/core/protocol.js';

interface Entry {
  sockets: number;
  role: UserRole;
  away: boolean;
}

const isAgent = (role: UserRole) => role !== 'user' && role !== 'bot';

export class Presence {
  readonly #apps = new Map<string, Map<string, Entry>>();

  /**
   * Records a socket. `away` is the stored status, used for the user's first socket (later
   * sockets keep the status `setAway` last gave). Callers compare `agentsOnline` before and after.
   */
  connect(appId: string, userId: string, role: UserRole, away = false): void {
    let users = this.#apps.get(appId);
    if (!users) this.#apps.set(appId, (users = new Map()));
    const entry = users.get(userId);
    if (entry) entry.sockets++;
    else users.set(userId, { sockets: 1, role, away: isAgent(role) && away });
  }

  /** Forgets a socket; returns true when the user just went offline. */
  disconnect(appId: string, userId: string): boolean {
    const users = this.#apps.get(appId);
    const entry = users?.get(userId);
    if (!users || !entry) return false;
    if (--entry.sockets > 0) return false;
    users.delete(userId);
    if (users.size === 0) this.#apps.delete(appId);
    return true;
  }

  /** Sets a connected agent's status; returns true when their availability changed. */
  setAway(appId: string, userId: string, away: boolean): boolean {
    const entry = this.#apps.get(appId)?.get(userId);
    if (!entry || !isAgent(entry.role) || entry.away === away) return false;
    entry.away = away;
    return true;
  }

  /** A socket of the user is open (whatever their status). */
  isConnected(appId: string, userId: string): boolean {
    return this.#apps.get(appId)?.has(userId) ?? false;
  }

  /** Connected and not away: the user can take conversations now. */
  isAvailable(appId: string, userId: string): boolean {
    const entry = this.#apps.get(appId)?.get(userId);
    return entry !== undefined && !entry.away;
  }

  /** Agents (any staff role but bots) who are available: a socket open, not away. */
  agentsOnline(appId: string): number {
    let n = 0;
    for (const entry of this.#apps.get(appId)?.values() ?? []) {
      if (isAgent(entry.role) && !entry.away) n++;
    }
    return n;
  }
}
