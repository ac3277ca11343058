/**
 * Widget settings: the server's defaults for a new app and the merge of an app's stored
 * settings over them (`GET /users/v3/chat/plugin/settings`). Pure functions.
 */
import type { ChatWidgetSettings, WidgetSettingsResponse } from '../../../src/core/protocol.js';

export const DEFAULT_CHAT_WIDGET: Readonly<ChatWidgetSettings> = Object.freeze({
  primaryColor: '#5b5bd6',
  secondaryColor: '#ffffff',
  position: 'right',
  iconIndex: 1,
  widgetImageLink: '',
  showPoweredBy: true,
  popup: false,
  greetingMessageVolume: 0.5,
  enableGreetingMessageInMobile: true,
  notificationTone: 'subtle',
  notificationVolume: 0.5,
  pseudonymsEnabled: true,
  allowedDomains: [],
  disableChatWidget: false,
  isSingleThreaded: false,
  voiceInput: false,
  voiceOutput: false,
  attachment: true,
  maxAttachmentSize: 10,
  allowedAttachmentTypes: ['image/*', 'application/pdf', 'text/plain'],
  botMessageDelayInterval: 0,
  sessionTimeout: 0,
  csatRatingBase: 3,
  title: 'Parley',
  teamName: 'Support',
} satisfies ChatWidgetSettings);

/** Top-level defaults besides `chatWidget`. */
export const DEFAULT_TOP_LEVEL = Object.freeze({
  collectFeedback: false,
  chatPopupMessage: [] as WidgetSettingsResponse['chatPopupMessage'],
  collectLead: false,
  leadCollection: [] as WidgetSettingsResponse['leadCollection'],
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKind(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b);
  return typeof a === typeof b && !Array.isArray(b) && b !== null;
}

/**
 * Keeps the stored `chatWidget` values whose type matches the default's (a wrong-typed value
 * falls back to the default) and passes unknown keys through for newer widgets.
 * `iconIndex` may be a number or `"image"`; `position` and `csatRatingBase` are closed sets.
 */
function cleanChatWidget(stored: Record<string, unknown>): Partial<ChatWidgetSettings> & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const defaults = DEFAULT_CHAT_WIDGET as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in defaults)) {
      out[key] = value;
      continue;
    }
    if (key === 'iconIndex' && value === 'image') out[key] = value;
    else if (key === 'position' && value !== 'left' && value !== 'right') continue;
    else if (key === 'csatRatingBase' && value !== 3 && value !== 5) continue;
    else if (sameKind(defaults[key], value)) out[key] = value;
  }
  return out as Partial<ChatWidgetSettings> & Record<string, unknown>;
}

/** An app's stored settings (anything JSON) merged over the defaults; never throws. */
export function mergeSettings(stored: unknown): WidgetSettingsResponse & { chatWidget: ChatWidgetSettings } {
  const s = isRecord(stored) ? stored : {};
  const top: Record<string, unknown> = { ...DEFAULT_TOP_LEVEL };
  for (const [key, value] of Object.entries(s)) {
    if (key === 'chatWidget') continue;
    const def = (DEFAULT_TOP_LEVEL as Record<string, unknown>)[key];
    if (def === undefined || sameKind(def, value)) top[key] = value;
  }
  const chatWidget = {
    ...DEFAULT_CHAT_WIDGET,
    allowedDomains: [...DEFAULT_CHAT_WIDGET.allowedDomains],
    allowedAttachmentTypes: [...DEFAULT_CHAT_WIDGET.allowedAttachmentTypes],
    ...(isRecord(s['chatWidget']) ? cleanChatWidget(s['chatWidget']) : {}),
  } as ChatWidgetSettings;
  return { ...top, chatWidget };
}

/**
 * Applies a settings patch (as an admin sends it) to stored settings: top-level keys replace,
 * `chatWidget` merges key by key. Returns the new stored value.
 */
export function patchSettings(stored: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const base = isRecord(stored) ? stored : {};
  const next: Record<string, unknown> = { ...base, ...patch };
  if (isRecord(patch['chatWidget'])) {
    next['chatWidget'] = { ...(isRecord(base['chatWidget']) ? base['chatWidget'] : {}), ...patch['chatWidget'] };
  }
  return next;
}
