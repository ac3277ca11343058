/**
 * Every user-visible string of the widget, and the small helpers that turn them into text.
 *
 * `en` is the table of keys → strings; `{name}` marks a placeholder that `format()` fills in, and
 * `{count, plural, one {# thing} other {# things}}` a count worded by the language's plural rules
 * (`Intl.PluralRules`: zero, one, two, few, many, other, or `=0`). The other languages are tables of
 * the same keys in `src/locales/` (a lazy chunk each; the launcher's names in `locale-launcher.ts`).
 * A site overrides any string through the install setting `labels` (see `resolveStrings`).
 * To add a string: add a key to `en` and to every table in `src/locales/` (the type checker and
 * test/core/locales.test.ts say which lack it) — `Strings` follows.
 *
 * Pure functions: no DOM, nothing of ours imported but the launcher's strings; bad input gives a fallback, never an exception.
 */
import { enLauncher } from './locale-front.js';
import { applyLabels } from './locale-launcher.js';

export { format } from './locale-format.js';

export const en = {
  // Launcher and greeting (locale-launcher.ts: the widget's bundle carries them, this table comes later)
  ...enLauncher,

  // Panel
  headerTitle: 'Chat with us',
  panelClose: 'Close chat',
  connectionConnecting: 'Connecting…',
  connectionReconnecting: 'Reconnecting…',
  connectionOffline: "Offline — we'll send your messages when you're back",
  connectionFailed: "Can't connect to chat. Retrying…",
  connectionRefused: "We couldn't confirm who you are. Please reload the page or sign in again.",

  // Composer
  composerLabel: 'Message',
  composerPlaceholder: 'Type your message…',
  send: 'Send',

  // Attachments (src/ui/attachments)
  attachFiles: 'Attach files',
  attachDrop: 'Drop files to attach them',
  attachList: 'Files to send',
  attachRemove: 'Remove {name}',
  attachCancel: 'Cancel upload of {name}',
  attachRetry: 'Upload {name} again',
  attachUploading: 'Uploading {name}',
  attachCancelled: 'Upload cancelled.',
  attachTooLarge: 'Too large: files can be up to {max}.',
  attachTypeNotAllowed: "This type of file can't be sent.",
  attachEmpty: 'This file is empty.',
  attachFailed: 'Upload failed. Please try again.',
  attachOpenImage: 'Open image {name}',
  attachCloseImage: 'Close image',

  // Voice input (src/ui/speech)
  micLabel: 'Voice input',
  micListening: 'Listening…',
  micDenied: 'Microphone access was denied.',
  micNoSpeech: "Didn't catch that. Please try again.",
  micNoMicrophone: 'No microphone found.',
  micNetwork: 'Voice input needs an internet connection.',
  micFailed: "Voice input didn't work.",

  // Message list
  messagesLabel: 'Conversation',
  deliverySending: 'Sending…',
  deliverySent: 'Sent',
  /** A client of the other side (the staff app) has the visitor's message; not read yet. */
  deliveryDelivered: 'Delivered',
  deliveryRead: 'Read',
  deliveryFailed: 'Not sent',
  /** The visitor's message was refused: staff blocked them from this chat. */
  deliveryBlocked: "Not sent: you can't send messages in this chat",
  /** A file being sent that storage could not save (full): closing the tab would lose it. */
  deliveryFileInTab: "Sending… this file is kept in this tab only until it's sent",
  /** A file kept only in a tab that closed before it was sent: it can only be deleted. */
  deliveryFileLost: 'Not sent: the file was not saved. Please attach it again',
  retry: 'Retry',
  discard: 'Delete',
  you: 'You',
  typing: '{name} is typing…',
  typingMany: '{names} are typing…',
  newMessage: 'New message from {name}',
  newMessageWithText: 'New message from {name}: {text}',
  /** The button over a conversation scrolled away from its end. */
  jumpToLatest: 'Jump to the latest message',
  loadingOlder: 'Loading earlier messages…',
  jumpNew: '{count, plural, one {# new message} other {# new messages}}',

  // Message content (src/ui/content)
  /** Screen-reader suffix of links that open in a new tab. */
  contentNewTab: '(opens in a new tab)',
  contentImage: 'Image',
  contentFile: 'File',
  contentDownload: 'Download {name}',
  contentLocation: 'Location',
  contentCoordinates: '{lat}, {lon}',
  contentOpenMap: 'Open in map',
  contentOpenVideo: 'Open video',
  /** Content type 7: the label over a shared contact's name, phone and e-mail. */
  contentContact: 'Contact',
  /** Accessible names of the players of content types 8 and 9. */
  contentAudio: 'Audio message',
  contentVideo: 'Video message',
  richAnswered: 'Answered',
  richCards: 'Cards',
  richPrevious: 'Previous',
  richNext: 'Next',
  richSubmit: 'Submit',
  richSending: 'Sending…',
  richSubmitted: 'Thanks, we got it.',
  richSubmitFailed: "Couldn't send that. Please try again.",
  richInvalid: 'Please check this field.',

  // Widget chrome
  identity: "You're chatting as {name}",
  poweredBy: 'Powered by Parley',
  /** The label of the e-mail field under the welcome/away text (the owner's text says why). */
  emailPrompt: 'Get our reply by email',
  emailThanks: "Thanks! We'll reply to {email}.",
  leadIntro: 'Before we start, tell us a little about you.',
  leadStart: 'Start chat',
  errorSaving: "Couldn't save that. Please try again.",

  // Conversation list
  conversationsLabel: 'Conversations',
  conversationsEmpty: 'No conversations yet.',
  conversationStart: 'Start a new conversation',
  conversationUntitled: 'Conversation',
  conversationResolved: 'Resolved',
  conversationUnread: '{count, plural, one {# unread message} other {# unread messages}}',
  /** Preview of the visitor's own last message. */
  previewYou: 'You: {text}',
  previewAttachment: 'Attachment',
  previewMessage: 'Message',

  // Lead form (pre-chat form, "leave your email")
  leadSubmit: 'Submit',
  leadFieldName: 'Name',
  leadFieldEmail: 'Email',
  leadFieldPhone: 'Phone number',
  leadChoose: 'Choose…',
  leadRequired: 'Please fill in this field.',
  leadInvalidEmail: 'Please enter a valid email address.',
  leadInvalidPhone: 'Please enter a valid phone number.',
  leadInvalidNumber: 'Please enter a number.',

  // Conversation resolved, CSAT
  resolved: 'This conversation was resolved.',
  resolvedReopenHint: 'Send a message to reopen it.',
  reopen: 'Reopen',
  csatQuestion: 'How would you rate this conversation?',
  csatPoor: 'Poor',
  csatAverage: 'Average',
  csatGreat: 'Great',
  csatStars: '{count, plural, one {# star} other {# stars}}',
  csatComment: 'Add a comment (optional)',
  csatSubmit: 'Send rating',
  csatChoose: 'Please choose a rating.',
  csatRated: 'You rated this conversation: {rating}',

  // Header
  agentOnline: 'Online',
  agentOffline: 'Away',
  ttsToggle: 'Read replies aloud',
  showConversations: 'All conversations',

  // System notices the server posts in a conversation (contentType 10, `metadata.notice`)
  noticeResolved: 'Conversation resolved',
  noticeResolvedBy: 'Conversation resolved by {name}',
  noticeReopened: 'Conversation reopened',
  noticeReopenedBy: 'Conversation reopened by {name}',
  noticeSpam: 'Conversation marked as spam',
  noticeSpamBy: 'Conversation marked as spam by {name}',
  noticeAssigned: 'Assigned to {name}',
  noticeAutoResolved: 'Conversation resolved after a period of inactivity',
  /** The waiting line (`notice: queued`, with `metadata.position` when the rules show the place). */
  noticeQueued: "All our agents are busy. You'll be connected as soon as someone is free.",
  noticeQueuedAt: 'All our agents are busy. You are number {position} in the queue.',
} as const;

export type StringKey = keyof typeof en;

/** The widget's strings: the `en` table, possibly with a site's overrides. */
export type Strings = { readonly [K in StringKey]: string };

/** A language of `src/locales/`: every string but the launcher's names (`LAUNCHER_NAMES`). */
export type LocaleTable = Omit<Strings, 'launcherOpen' | 'launcherClose'>;

/**
 * A table (English by default) with a site's `labels` merged over it. Only known keys with string
 * values are taken; anything else (non-objects, numbers, unknown keys, `__proto__`) is ignored.
 */
export function resolveStrings(overrides?: unknown, table: Strings = en): Strings {
  return applyLabels<Strings>(table, overrides);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(id);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale || undefined, options);
    } catch {
      // An invalid locale tag: the browser's own locale instead.
      found = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(id, found);
  }
  return found;
}

const DAY = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * A message timestamp for people: the time for today ("14:05" / "2:05 PM"), weekday and time
 * within the last week, the date and time before that (with the year when it is not this year).
 * `now` is the clock, passed in. An invalid timestamp gives ''.
 */
export function formatTime(ts: number, locale?: string, now: number = Date.now()): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts) || Number.isNaN(new Date(ts).getTime())) return '';
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  const today = startOfDay(Number.isFinite(now) ? now : Date.now());
  const day = startOfDay(ts);
  if (day === today) return formatter(locale, time).format(ts);
  if (day < today && today - day < 6 * DAY) return formatter(locale, { weekday: 'short', ...time }).format(ts);
  const sameYear = new Date(ts).getFullYear() === new Date(today).getFullYear();
  return formatter(locale, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    ...time,
  }).format(ts);
}

/** An ISO timestamp for `<time datetime>`, or '' when `ts` is not a valid time. */
export function isoTime(ts: number): string {
  const d = new Date(typeof ts === 'number' ? ts : NaN);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
