/**
 * The session slice: the visitor's session and remembered preferences — whether a stored session
 * may be used (same visitor, same app, not away longer than the retention), creating one from the
 * install settings (and the visitor's locale, when the page gave one), updating the visitor's record, ending it on logout. Knows nothing of the
 * controller above it: it returns sessions, and the caller puts them in the state.
 */
import type { Clock } from '../core/clock.js';
import type { InstallSettings } from '../core/config.js';
import type { Session } from '../core/protocol.js';
import type { RestClient } from '../net/rest.js';
import type { ParleyStore, Prefs } from '../store/store.js';

export interface SessionSliceOptions {
  install: InstallSettings;
  rest: RestClient;
  store: ParleyStore;
  clock: Clock;
  signal: AbortSignal;
}

export class SessionSlice {
  private readonly _o: SessionSliceOptions;
  private _prefs: Prefs = {};
  /** The visitor's locale (a canonical BCP 47 tag, `visitor-locale.ts`), sent with a new session. */
  locale: string | undefined;

  constructor(options: SessionSliceOptions) {
    this._o = options;
  }

  /** The visitor's preferences as this tab knows them. */
  get prefs(): Readonly<Prefs> {
    return this._prefs;
  }

  /** Reads the stored preferences, and the stored session as it is (see `usable`). */
  async load(): Promise<Session | undefined> {
    const [stored, prefs] = await Promise.all([this._o.store.getSession(), this._o.store.getPrefs()]);
    this._prefs = prefs;
    return stored;
  }

  /** The stored session (e.g. one another tab saved), if usable. */
  async stored(): Promise<Session | undefined> {
    return this.usable(await this._o.store.getSession());
  }

  /** `session`, unless it belongs to another visitor or app (then everything stored is dropped). */
  async usable(session: Session | undefined): Promise<Session | undefined> {
    if (!session) return undefined;
    const { install } = this._o;
    const otherUser = install.userId !== undefined && install.userId !== session.userId;
    if (!otherUser && session.appId === install.appId) return session;
    await this.clear();
    return undefined;
  }

  /** True (and everything stored dropped) when the visitor was away longer than `timeout` ms. */
  async expired(timeout: number): Promise<boolean> {
    const last = this._prefs.lastActiveAt;
    if (!(timeout > 0) || typeof last !== 'number' || this._o.clock.now() - last <= timeout) return false;
    await this.clear();
    return true;
  }

  /** A new session for the visitor the page names (or an anonymous one), stored. */
  async create(): Promise<Session> {
    const i = this._o.install;
    const session = await this._o.rest.createSession(
      {
        userId: i.userId,
        accessToken: i.userId === undefined ? undefined : i.accessToken,
        userName: i.userName,
        email: i.email,
        imageLink: i.imageLink,
        contactNumber: i.contactNumber,
        metadata: Object.keys(i.metadata).length ? i.metadata : undefined,
        locale: this.locale,
      },
      this._o.signal,
    );
    if (!this._o.signal.aborted) await this._o.store.setSession(session);
    return session;
  }

  /** The visitor's record updated on the server; the new session, stored (undefined if destroyed). */
  async update(session: Session, details: Record<string, unknown>): Promise<Session | undefined> {
    const updated = await this._o.rest.updateUser(session.token, details, this._o.signal);
    if (this._o.signal.aborted) return undefined;
    const next = { ...session, ...updated, token: session.token };
    await this._o.store.setSession(next);
    return next;
  }

  /** Stores `session` (e.g. the visitor's new name) without waiting. */
  save(session: Session): void {
    void this._o.store.setSession(session);
  }

  /** Ends `token`'s session on the server, best effort (offline, the token still expires). */
  end(token: string): void {
    this._o.rest.endSession(token).catch(() => {});
  }

  /** Drops everything stored for this app. */
  async clear(): Promise<void> {
    await this._o.store.clearAll();
    this._prefs = {};
  }

  /** Forgets the preferences in this tab only. */
  forget(): void {
    this._prefs = {};
  }

  savePrefs(patch: Prefs): void {
    this._prefs = { ...this._prefs, ...patch };
    void this._o.store.setPrefs(patch);
  }

  /** The visitor did something: the retention counts from now. */
  touch(): void {
    this.savePrefs({ lastActiveAt: this._o.clock.now() });
  }

  /** Stored preferences for the widget's helpers (e.g. read-aloud on/off). */
  get prefsStore(): { getPrefs(): Promise<Prefs>; setPrefs(patch: Prefs): Promise<void> } {
    const store = this._o.store;
    return { getPrefs: () => store.getPrefs(), setPrefs: (patch) => store.setPrefs(patch) };
  }

  /** The composer's unsent text per conversation (`''`: one not made yet), kept as the visitor types. */
  get draftStore(): {
    getDraft(groupId: string): Promise<string>;
    setDraft(groupId: string, text: string): Promise<void>;
  } {
    const store = this._o.store;
    return { getDraft: (g) => store.getDraft(g), setDraft: (g, text) => store.setDraft(g, text) };
  }
}
