/**
 * An agent's own status: `online` (available while the console is connected) or `away` (takes
 * no new conversations and does not count in `agentsOnline`, so visitors get the away message).
 * Stored on the user row (`users.away`), so it survives reconnects and restarts; the change is
 * applied to `Presence` at once and reported to a `StatusNotifier` (the realtime layer tells the
 * agent's other console tabs and, when `agentsOnline` changed, the app's sockets).
 */
import type { Db } from './db.js';
import { fail } from './errors.js';
import type { Logger } from './log.js';
import type { Presence } from './presence.js';
import { setAway, touchSeen } from './repo/users.js';
import type { UserRow } from './repo/users.js';

export const AGENT_STATUSES = ['online', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export function statusOf(user: Pick<UserRow, 'away'>): AgentStatus {
  return user.away ? 'away' : 'online';
}

/** `status` of a request body: PL-R-02 when missing, PL-R-03 when not a known status. */
export function readStatus(value: unknown): AgentStatus {
  if (value === undefined || value === null) throw fail.missingField('status');
  if (typeof value !== 'string' || !(AGENT_STATUSES as readonly string[]).includes(value))
    throw fail.invalidField('status', `must be one of ${AGENT_STATUSES.join(', ')}`);
  return value as AgentStatus;
}

export interface StatusNotifier {
  /** `status` is stored; `availabilityChanged` when `agentsOnline` of the app changed with it. */
  agentStatusChanged(appId: string, userId: string, status: AgentStatus, availabilityChanged: boolean): void;
}

export class AgentStatuses {
  #notifier: StatusNotifier | undefined;
  #cluster: { setAway(appId: string, userId: string, away: boolean): void } | undefined;
  #back: ((appId: string) => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly presence: Presence,
    private readonly log: Logger,
  ) {}

  attach(notifier: StatusNotifier): void {
    this.#notifier = notifier;
  }

  /** With several processes: a status set here is applied on the others too (`cluster-presence.ts`). */
  share(cluster: { setAway(appId: string, userId: string, away: boolean): void }): void {
    this.#cluster = cluster;
  }

  /** Calls `listener` when an agent comes back from Away (the waiting queue gives them work). */
  onBack(listener: (appId: string) => void): void {
    this.#back = listener;
  }

  /**
   * Stores a staff user's status and applies it. Going away counts as "last seen" (the
   * reassignment delay runs from then); setting the status one already has changes nothing.
   */
  async set(user: UserRow, status: AgentStatus): Promise<AgentStatus> {
    const appId = user.app_id;
    const away = status === 'away';
    const row = await setAway(this.db, appId, user.user_id, away);
    if (!row) throw fail.userNotFound();
    const changed = user.away !== away;
    const availabilityChanged = this.presence.setAway(appId, user.user_id, away);
    this.#cluster?.setAway(appId, user.user_id, away);
    if (changed && away)
      await touchSeen(this.db, appId, user.user_id).catch((err: unknown) => this.log.error('touchSeen failed', err));
    this.#notifier?.agentStatusChanged(appId, user.user_id, status, availabilityChanged);
    if (changed && !away) this.#back?.(appId);
    return statusOf(row);
  }
}
