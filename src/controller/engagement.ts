/**
 * What the widget says on its own, from the app's settings: the greeting bubble (after its delay,
 * once per browser session, while the panel is closed and the visitor has not chatted), and the
 * welcome / away notices (office hours in the time zone of the conversation's team, that team's
 * agents online, known or anonymous visitor). The team: the active conversation's
 * `metadata.teamId`, else the page's for the next conversation (`teamId` or `metadata.teamId`
 * of `updateSettings` or the install settings), else the default team. A lit
 * ReactiveController: it re-renders its host when one of them changes
 * and re-evaluates exactly at the next office-hours boundary. Set-up and clean-up mirror.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock, TimerHandle } from '../core/clock.js';
import { isWithinOfficeHours, nextBoundary } from '../core/office-hours.js';
import type { ChatState } from './state.js';

export interface Notice {
  kind: 'welcome' | 'away';
  message: string;
  /**
   * The notice asks this anonymous visitor for an e-mail: a field under it until they have left
   * one (`session.email`), a line of thanks after.
   */
  collectEmail: boolean;
}

export interface EngagementOptions {
  appId: string;
  clock: Clock;
  state: () => ChatState | undefined;
  /** The team the page names for the next conversation (`teamId`, `metadata.teamId`), if any. */
  teamId?: () => string | undefined;
  /** True on a phone-sized viewport (the greeting can be off there). */
  isMobile?: () => boolean;
}

type SessionFlag = 'dismissed' | 'chatted';

export class EngagementController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: EngagementOptions;
  #greetingTimer: TimerHandle | undefined;
  #boundaryTimer: TimerHandle | undefined;
  #boundaryAt: number | undefined;
  #greetingDue = false;
  #greetingKey = '';
  #flag: SessionFlag | undefined;

  constructor(host: ReactiveControllerHost, options: EngagementOptions) {
    this.#host = host;
    this.#options = options;
    this.#flag = this.#readFlag();
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#clear();
  }

  /** Called by the host before each render: schedules the greeting and the next boundary. */
  hostUpdate(): void {
    const state = this.#options.state();
    if (!state || state.status !== 'ready') return this.#clear();
    this.#scheduleGreeting(state);
    this.#scheduleBoundary(state);
  }

  /** The greeting lines to show now, if any. */
  greeting(): string[] | undefined {
    const state = this.#options.state();
    const first = state?.settings.chatPopupMessage[0];
    if (!state || !first || !this.#greetingDue || !this.#greetingAllowed(state)) return undefined;
    return first.message;
  }

  /** The visitor closed the greeting: not again in this browser session. */
  dismissGreeting(): void {
    this.#writeFlag('dismissed');
    this.#host.requestUpdate();
  }

  /** The visitor chatted (opened the chat or sent a message): no greeting for this session. */
  markChatted(): void {
    if (this.#flag !== 'dismissed') this.#writeFlag('chatted');
  }

  /** The welcome or away notice for the active conversation, if any. */
  notice(): Notice | undefined {
    const state = this.#options.state();
    if (!state || !state.settings.showWelcomeAwayMessage) return undefined;
    const { welcomeMessage, awayMessage } = state.settings;
    const session = state.session;
    const unnamed = !session || session.anonymous;
    const anonymous = unnamed && !session?.email;
    const { within, team, online } = this.#officeHours(state);
    const away = !within || online === 0;
    if (away) {
      const message = (!within && team?.message) || (anonymous ? awayMessage.anonymous : awayMessage.known);
      if (message) return { kind: 'away', message, collectEmail: awayMessage.collectEmail && unnamed };
    }
    if (welcomeMessage.enabled && welcomeMessage.message) {
      return {
        kind: 'welcome',
        message: welcomeMessage.message,
        collectEmail: welcomeMessage.collectEmail && unnamed,
      };
    }
    return undefined;
  }

  /** The conversation's team (see the module comment): its office hours and agents online. */
  #officeHours(state: ChatState) {
    const { officeHours: teams, defaultTeamId } = state.settings;
    const active = state.conversations.find((c) => c.groupId === state.activeGroupId);
    const id = active?.metadata['teamId'] || this.#options.teamId?.() || '';
    const team = teams.find((t) => t.teamId === id) ?? teams.find((t) => t.teamId === defaultTeamId) ?? teams[0];
    // `agentsByTeam['']`: the default team's, for a conversation that names none.
    const online = state.agentsByTeam?.[id] ?? state.agentsOnline;
    return { team, online, within: !team || isWithinOfficeHours(team, this.#options.clock.now()) };
  }

  #greetingAllowed(state: ChatState): boolean {
    const { chatWidget } = state.settings;
    if (!chatWidget.popup || state.panelOpen || this.#flag !== undefined) return false;
    return chatWidget.enableGreetingMessageInMobile || !this.#options.isMobile?.();
  }

  #scheduleGreeting(state: ChatState): void {
    const first = state.settings.chatPopupMessage[0];
    const key = first && this.#greetingAllowed(state) ? `${first.delay}:${first.message.join('\n')}` : '';
    if (key === this.#greetingKey) return;
    this.#greetingKey = key;
    this.#greetingDue = false;
    this.#stop('#greetingTimer');
    if (!first || !key) return;
    this.#greetingTimer = this.#options.clock.setTimeout(() => {
      this.#greetingTimer = undefined;
      this.#greetingDue = true;
      this.#host.requestUpdate();
    }, first.delay);
  }

  #scheduleBoundary(state: ChatState): void {
    const { team } = this.#officeHours(state);
    const at = team ? nextBoundary(team, this.#options.clock.now()) : undefined;
    if (at === this.#boundaryAt) return;
    this.#boundaryAt = at;
    this.#stop('#boundaryTimer');
    if (at === undefined) return;
    this.#boundaryTimer = this.#options.clock.setTimeout(
      () => {
        this.#boundaryTimer = undefined;
        this.#boundaryAt = undefined;
        this.#host.requestUpdate();
      },
      Math.max(0, at - this.#options.clock.now()),
    );
  }

  #stop(which: '#greetingTimer' | '#boundaryTimer'): void {
    const handle = which === '#greetingTimer' ? this.#greetingTimer : this.#boundaryTimer;
    if (handle !== undefined) this.#options.clock.clearTimeout(handle);
    if (which === '#greetingTimer') this.#greetingTimer = undefined;
    else this.#boundaryTimer = undefined;
  }

  #clear(): void {
    this.#stop('#greetingTimer');
    this.#stop('#boundaryTimer');
    this.#greetingKey = '';
    this.#boundaryAt = undefined;
  }

  get #storageKey(): string {
    return `parley:${this.#options.appId}:greeting`;
  }

  #readFlag(): SessionFlag | undefined {
    try {
      const value = sessionStorage.getItem(this.#storageKey);
      return value === 'dismissed' || value === 'chatted' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  #writeFlag(flag: SessionFlag): void {
    this.#flag = flag;
    try {
      sessionStorage.setItem(this.#storageKey, flag);
    } catch {
      /* storage blocked: the flag lives as long as this page */
    }
  }
}
