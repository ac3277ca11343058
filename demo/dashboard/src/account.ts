/**
 * The staff member's own settings and the team, as a lit reactive controller beside the
 * `Workspace`: their profile (with a password change), their notification preferences, their
 * quick replies, the app's tags, and the
 * teammates — add, change a role, delete, hand the app over. Each save answers whether it worked;
 * a refusal is kept by field (`fieldProblems`) for the page to show next to its field.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  CsatReport,
  NotificationPreferences,
  QuickReply,
  StaffProfile,
  Tag,
} from '../../../src/core/staff-protocol.js';
import { fieldProblems } from './api.js';
import { playSound } from './sounds.js';
import type { SettingsPage } from './router.js';
import type { Workspace } from './workspace.js';

export const PROFILE_FIELDS = [
  'userName',
  'imageLink',
  'designation',
  'contactNumber',
  'email',
  'password',
  'currentPassword',
];
export const TEAMMATE_FIELDS = ['email', 'userName', 'role', 'password'];
export const TAG_FIELDS = ['name', 'colour'];

export class Account implements ReactiveController {
  profile?: StaffProfile;
  notifications?: NotificationPreferences;
  quickReplies: QuickReply[] = [];
  /** The app's tags (conversations carry them; the inbox filters by them). */
  tags: Tag[] = [];
  /** The last save's problems by field ('' for the rest), per page. */
  problems: Partial<Record<SettingsPage, Record<string, string>>> = {};
  /** The page whose last save worked (shown as "Saved."). */
  saved?: SettingsPage;
  busy = false;
  /** The CSAT report of the last `reportDays` days. */
  report?: CsatReport;
  reportDays = 30;
  reportError = '';

  readonly #host: ReactiveControllerHost;
  readonly #ws: Workspace;

  constructor(host: ReactiveControllerHost, ws: Workspace) {
    this.#host = host;
    this.#ws = ws;
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Once signed in: the quick replies (the reply box offers them), the tags (the inbox and the
   * conversation show them) and the notification preferences (new messages need them before their
   * page opens).
   */
  async loadPersonal(): Promise<void> {
    const api = this.#ws.api;
    if (!api) return;
    const [replies, tags, prefs] = await Promise.allSettled([api.quickReplies(), api.tags(), api.notifications()]);
    if (replies.status === 'fulfilled') this.quickReplies = replies.value;
    if (tags.status === 'fulfilled') this.tags = tags.value;
    // Without preferences, nothing notifies.
    if (prefs.status === 'fulfilled') this.notifications = prefs.value;
    this.#host.requestUpdate();
  }

  /** Reads the CSAT report of the last `days` days. */
  async loadReport(days = this.reportDays): Promise<void> {
    const api = this.#ws.api;
    if (!api) return;
    this.reportDays = days;
    this.reportError = '';
    const to = Date.now();
    try {
      this.report = await api.csatReport(to - days * 24 * 60 * 60 * 1000, to);
    } catch (err) {
      this.reportError = (err as Error).message;
    }
    this.#host.requestUpdate();
  }

  /** Saves a quick reply; true once saved. */
  addQuickReply(shortcut: string, message: string): Promise<boolean> {
    return this.#save('quick-replies', ['shortcut', 'message'], async (api) => {
      const saved = await api.addQuickReply(shortcut, message);
      this.quickReplies = [...this.quickReplies.filter((q) => q.id !== saved.id), saved];
    });
  }

  deleteQuickReply(id: number): Promise<boolean> {
    return this.#save('quick-replies', [], async (api) => {
      await api.deleteQuickReply(id);
      this.quickReplies = this.quickReplies.filter((q) => q.id !== id);
    });
  }

  /** Creates a tag; true once saved. */
  addTag(name: string, colour: string): Promise<boolean> {
    return this.#save('tags', TAG_FIELDS, async (api) => {
      this.tags = [...this.tags, await api.addTag(name, colour)];
    });
  }

  /** Deletes a tag (conversations lose it; the server pushes them). */
  deleteTag(id: number): Promise<boolean> {
    return this.#save('tags', [], async (api) => {
      await api.deleteTag(id);
      this.tags = this.tags.filter((t) => t.id !== id);
    });
  }

  /** A new message from a visitor: the sound and the browser notification their preferences ask for. */
  notify(title: string, body: string): void {
    const p = this.notifications;
    if (!p?.browser || (p.onlyWhenHidden && document.visibilityState === 'visible')) return;
    playSound(p.sound, p.volume);
    if (
      document.visibilityState !== 'visible' &&
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted'
    )
      new Notification(title, { body });
  }

  /** Reads what `page` shows. */
  async load(page: SettingsPage): Promise<void> {
    const api = this.#ws.api;
    if (!api) return;
    this.saved = undefined;
    this.problems = {};
    try {
      if (page === 'profile') this.profile = await api.profile();
      if (page === 'notifications') this.notifications = await api.notifications();
      if (page === 'teammates') await this.#ws.reloadTeam();
      if (page === 'tags') this.tags = await api.tags();
    } catch (err) {
      this.problems = { [page]: fieldProblems(err, []) };
    }
    this.#host.requestUpdate();
  }

  saveProfile(patch: Record<string, string>): Promise<boolean> {
    return this.#save('profile', PROFILE_FIELDS, async (api) => {
      this.profile = await api.saveProfile(patch);
    });
  }

  saveNotifications(prefs: NotificationPreferences): Promise<boolean> {
    return this.#save('notifications', [], async (api) => {
      this.notifications = await api.saveNotifications(prefs);
    });
  }

  addTeammate(t: { email: string; userName: string; role: string; password: string }): Promise<boolean> {
    return this.#save('teammates', TEAMMATE_FIELDS, async (api) => {
      await api.addTeammate(t);
      await this.#ws.reloadTeam();
    });
  }

  changeRole(userId: string, role: string): Promise<boolean> {
    return this.#save('teammates', [], async (api) => {
      await api.changeTeammate(userId, { role });
      await this.#ws.reloadTeam();
    });
  }

  /** Deactivates a teammate (their sessions end, they cannot sign in) or reactivates them. */
  setActive(userId: string, deactivated: boolean): Promise<boolean> {
    return this.#save('teammates', [], async (api) => {
      await api.changeTeammate(userId, { deactivated });
      await this.#ws.reloadTeam();
    });
  }

  deleteTeammate(userId: string): Promise<boolean> {
    return this.#save('teammates', [], async (api) => {
      await api.deleteTeammate(userId);
      await this.#ws.reloadTeam();
    });
  }

  transferOwnership(userId: string): Promise<boolean> {
    return this.#save('teammates', [], async (api) => {
      await api.transferOwnership(userId);
      await this.#ws.refreshMe();
      await this.#ws.reloadTeam();
    });
  }

  async #save(
    page: SettingsPage,
    fields: readonly string[],
    work: (api: NonNullable<Workspace['api']>) => Promise<void>,
  ) {
    const api = this.#ws.api;
    if (!api) return false;
    this.busy = true;
    this.saved = undefined;
    this.problems = { ...this.problems, [page]: {} };
    this.#host.requestUpdate();
    try {
      await work(api);
      this.saved = page;
      return true;
    } catch (err) {
      this.problems = { ...this.problems, [page]: fieldProblems(err, fields) };
      return false;
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}
