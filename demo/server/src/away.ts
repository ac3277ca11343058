/**
 * Welcome and away messages (`GET /applications/{appId}/awaymessage`), as the product answers
 * them. Pure: the clock and the number of agents online are passed in.
 *
 * - `AGENTS_ONLINE` when at least one agent is online and the team is within its office hours;
 *   `messageList` then holds the welcome message (eventId 3) when it is enabled.
 * - otherwise `SUCCESS` with the away message: the team's own `message` when outside its office
 *   hours and it has one, else the app's message for anonymous (eventId 1) or known (2) visitors.
 * - with the "show welcome/away message" switch off, `messageList` is empty.
 * A team without office hours (or an app without any) is always within office hours.
 */
import { isWithinOfficeHours } from '../../../src/core/office-hours.js';
import type { AwayMessageResponse, TeamOfficeHours } from '../../../src/core/protocol.js';
import type { ResolvedSettings } from './settings.js';

export interface AwayQuery {
  agentsOnline: number;
  now: number;
  /** The visitor is anonymous (no userId from the site and no e-mail given). */
  anonymous: boolean;
  /** The team the visitor talks to; '' or undefined = the app's default team. */
  teamId?: string | undefined;
}

/** The team whose office hours apply: the named one, else `defaultTeamId`'s, else the first listed. */
export function teamFor(settings: ResolvedSettings, teamId?: string): TeamOfficeHours | undefined {
  const teams = settings.officeHours;
  return (
    (teamId ? teams.find((t) => t.teamId === teamId) : undefined) ??
    teams.find((t) => t.teamId === settings.defaultTeamId) ??
    teams[0]
  );
}

export function withinOfficeHours(settings: ResolvedSettings, now: number, teamId?: string): boolean {
  const team = teamFor(settings, teamId);
  return team === undefined || isWithinOfficeHours(team, now);
}

export function awayMessageFor(settings: ResolvedSettings, q: AwayQuery): AwayMessageResponse {
  const show = settings.showWelcomeAwayMessage;
  const welcome = settings.welcomeMessage;
  const team = teamFor(settings, q.teamId);
  const inHours = team === undefined || isWithinOfficeHours(team, q.now);
  const online = q.agentsOnline > 0 && inHours;
  const messageList: AwayMessageResponse['data']['messageList'] = [];
  if (show && online && welcome.enabled && welcome.message.trim() !== '') {
    messageList.push({ message: welcome.message, eventId: 3 });
  }
  if (show && !online) {
    const teamMessage = !inHours && team ? team.message : '';
    const appMessage = q.anonymous ? settings.awayMessage.anonymous : settings.awayMessage.known;
    const message = teamMessage.trim() !== '' ? teamMessage : appMessage;
    if (message.trim() !== '') messageList.push({ message, eventId: q.anonymous ? 1 : 2 });
  }
  return {
    code: online ? 'AGENTS_ONLINE' : 'SUCCESS',
    data: {
      messageList,
      collectEmailOnAwayMessage: show && settings.awayMessage.collectEmail,
      collectEmailOnWelcomeMessage: show && welcome.enabled && welcome.collectEmail,
      welcomeMessageEnabled: show && welcome.enabled,
      anonymousUser: q.anonymous,
    },
  };
}
