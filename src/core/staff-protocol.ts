/**
 * What the staff app and the reference server's staff endpoints (`/agent/v1/*`) exchange: types
 * only, beside the widget's protocol (`protocol.ts`) that both also speak.
 */
import type { Conversation, UserSummary } from './protocol.js';

/** An agent's own availability: "away" takes no new conversations. */
export type AgentStatus = 'online' | 'away';

/** The signed-in staff member (`GET /agent/v1/me`). */
export interface StaffMe {
  appId: string;
  user: UserSummary & { email?: string };
  /** What their role may do (the server's permission names). */
  permissions: string[];
  /** The app's routing mode. */
  routing: string;
  /** They see every conversation of the app, not only their own. */
  seesAll: boolean;
  status: AgentStatus;
}

/** A staff member's saved reply, picked with `/shortcut`. */
export interface QuickReply {
  id: number;
  shortcut: string;
  message: string;
}

/** The inbox's filters (`GET /agent/v1/conversations?status=…&assigned=…`). */
export interface InboxFilter {
  status: 'open' | 'resolved';
  assigned: 'me' | 'unassigned' | 'all';
  /** Only conversations with this tag (its id). */
  tag?: number;
}

/** A member of the app's team (`GET /admin/v1/apps/:appId/teammates`). */
export interface Teammate {
  userId: string;
  userName: string;
  imageLink?: string;
  role: UserSummary['role'];
  email?: string;
  deactivated: boolean;
  /** Has a socket open now. */
  connected: boolean;
  status?: AgentStatus;
  /** Open conversations assigned to them. */
  openConversations: number;
}

/** A staff member's own profile (`GET|PATCH /agent/v1/me/profile`). */
export interface StaffProfile {
  userId: string;
  userName: string;
  imageLink?: string;
  designation?: string;
  contactNumber?: string;
  email?: string;
  role: UserSummary['role'];
}

/** The sounds a staff member may pick for new messages. */
export const NOTIFICATION_SOUNDS = ['chime', 'ding', 'pop', 'bell', 'marimba'] as const;
export type NotificationSound = (typeof NOTIFICATION_SOUNDS)[number];

/** A staff member's notification preferences (`GET|PUT /agent/v1/me/notifications`). */
export interface NotificationPreferences {
  /** Browser notifications for new messages. */
  browser: boolean;
  /** Their sound's volume, 0-100. */
  volume: number;
  sound: NotificationSound;
  /** Notify only while the app's tab is hidden. */
  onlyWhenHidden: boolean;
  /** E-mail new messages while offline or away for more than 5 minutes. */
  email: boolean;
}

/** The colours a tag may have (the staff app draws each in its theme). */
export const TAG_COLOURS = ['grey', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type TagColour = (typeof TAG_COLOURS)[number];

/** An app has at most this many tags, a conversation this many, a tag's name this many characters. */
export const MAX_TAGS = 500;
export const MAX_TAGS_PER_CONVERSATION = 20;
export const MAX_TAG_NAME = 40;

/** One of the app's tags (`GET|POST /agent/v1/tags`). */
export interface Tag {
  id: number;
  name: string;
  colour: TagColour;
  createdBy: string;
  createdAtTime: number;
}

/** A tag as a conversation carries it. */
export interface TagView {
  id: number;
  name: string;
  colour: string;
}

/** A conversation as staff get it: what only staff see, its tags and whether its visitor is blocked. */
export interface StaffConversation extends Conversation {
  tags: TagView[];
  blocked: boolean;
}

export interface CsatFigures {
  /** How many ratings. */
  count: number;
  /** Their mean, to two decimals; null without ratings. */
  average: number | null;
  /** How many of each value (`"1"`, `"5"`, `"10"` for faces; `"1"`…`"5"` for stars). */
  distribution: Record<string, number>;
}

export interface AgentCsat extends CsatFigures {
  userId: string;
  userName: string;
}

export interface TeamCsat extends CsatFigures {
  teamId: string;
  name: string;
}

/** The CSAT report of a period (`GET /agent/v1/reports/csat`). */
export interface CsatReport {
  from: number;
  to: number;
  teamId?: string;
  /** Every rating of the period (of the team, with `teamId`), unassigned conversations included. */
  total: CsatFigures;
  agents: AgentCsat[];
  teams: TeamCsat[];
}
