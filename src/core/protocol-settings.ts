/**
 * The widget settings as the wire carries them (`GET /users/v3/chat/plugin/settings`) and the
 * away/welcome message answer. Re-exported by `protocol.ts`.
 */
import type { AwayEventId } from './protocol-enums.js';

/**
 * `GET /users/v3/chat/plugin/settings?appId=…` → `{code:"SUCCESS", response: WidgetSettingsResponse}`.
 * Every field is optional on the wire: the widget's `core/config` fills in documented defaults.
 */
export interface WidgetSettingsResponse {
  chatWidget?: Partial<ChatWidgetSettings>;
  collectFeedback?: boolean;
  chatPopupMessage?: Array<{ message: string | string[]; delay: number }>;
  collectLead?: boolean;
  leadCollection?: LeadField[];
  /** Pseudonym the server picked for the asking anonymous visitor, if any. */
  userName?: string;
  /** The dashboard's "Show welcome/away message to users" switch. */
  showWelcomeAwayMessage?: boolean;
  welcomeMessage?: WelcomeMessageSettings;
  awayMessage?: AwayMessageSettings;
  /** Office hours per team; none = always within office hours. */
  officeHours?: TeamOfficeHours[];
  /** Team whose office hours apply when the widget names none ('' = the first team). */
  defaultTeamId?: string;
  [extra: string]: unknown;
}

export interface WelcomeMessageSettings {
  enabled: boolean;
  message: string;
  /** Ask anonymous visitors for their e-mail after the welcome message. */
  collectEmail: boolean;
}

export interface AwayMessageSettings {
  /** Away message for anonymous visitors (`eventId` 1). */
  anonymous: string;
  /** Away message for known visitors (`eventId` 2). */
  known: string;
  /** Ask anonymous visitors for their e-mail after the away message. */
  collectEmail: boolean;
}

/** A team's office hours: `businessHourMap` "0" (Sunday) .. "6" → "HHmm-HHmm"; equal = all day. */
export interface TeamOfficeHours {
  teamId: string;
  teamName: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
  businessHourMap: Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', string>>;
  /** Away message of this team outside its office hours ('' = the app's away message). */
  message: string;
}

/** `GET /applications/{appId}/awaymessage` → this (no success envelope, as in the product). */
export interface AwayMessageResponse {
  code: 'SUCCESS' | 'AGENTS_ONLINE';
  data: {
    messageList: Array<{ message: string; eventId: AwayEventId }>;
    collectEmailOnAwayMessage: boolean;
    collectEmailOnWelcomeMessage: boolean;
    welcomeMessageEnabled: boolean;
    anonymousUser: boolean;
  };
}

export interface ChatWidgetSettings {
  primaryColor: string;
  secondaryColor: string;
  /** 'auto': light or dark as the visitor's system prefers; 'light' or 'dark': always. */
  theme: 'auto' | 'light' | 'dark';
  position: 'left' | 'right';
  iconIndex: number | 'image';
  widgetImageLink: string;
  showPoweredBy: boolean;
  popup: boolean;
  greetingMessageVolume: number;
  enableGreetingMessageInMobile: boolean;
  /** The tone for messages and the greeting (`core/tones.ts`). */
  notificationTone: 'default' | 'chime' | 'ding' | 'pop' | 'bell' | 'marimba';
  notificationVolume: number;
  pseudonymsEnabled: boolean;
  allowedDomains: string[];
  disableChatWidget: boolean;
  isSingleThreaded: boolean;
  voiceInput: boolean;
  voiceOutput: boolean;
  attachment: boolean;
  /** MB. */
  maxAttachmentSize: number;
  /** MIME types or `type/*` patterns the server accepts. */
  allowedAttachmentTypes: string[];
  /** ms. */
  botMessageDelayInterval: number;
  /** ms; 0 = keep forever. */
  sessionTimeout: number;
  csatRatingBase: 3 | 5;
  title: string;
  teamName: string;
}

export interface LeadField {
  field: string;
  type: 'text' | 'email' | 'phone' | 'number' | 'select';
  required?: boolean;
  placeholder?: string;
  options?: string[];
}
