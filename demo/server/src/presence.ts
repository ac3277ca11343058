/**
 * Who is connected: open sockets per user per app. Agents count as online while at least one
 * of their sockets is open; bots never count.
 */
import type { UserRole } from '../../../src/core/protocol.js';

interface Entry {
  sockets: number;
  role: UserRole;
}

export class Presence {
  readonly #apps = new Map<string, Map<string, Entry>>();

  /** Records a socket; returns true when the user just came online. */
  connect(appId: string, userId: string, role: UserRole): boolean {
    let users = this.#apps.get(appId);
    if (!users) this.#apps.set(appId, (users = new Map()));
    const entry = users.get(userId);
    if (entry) {
      entry.sockets++;
      return false;
    }
    users.set(userId, { sockets: 1, role });
    return true;
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

  isConnected(appId: string, userId: string): boolean {
    return this.#apps.get(appId)?.has(userId) ?? false;
  }

  /** Agents (any staff role but bots) with an open socket. */
  agentsOnline(appId: string): number {
    let n = 0;
    for (const entry of this.#apps.get(appId)?.values() ?? []) {
      if (entry.role !== 'user' && entry.role !== 'bot') n++;
    }
    return n;
  }
}
