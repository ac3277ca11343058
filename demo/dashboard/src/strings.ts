/**
 * Every user-visible string of the staff app, by key (as the widget's `src/core/locale.ts`).
 * `{name}` marks a placeholder that `format()` fills in. Another language is a table of its own
 * in `TABLES` (keys it lacks stay English); the app picks one from `?lang=` or the browser's
 * languages, at start.
 */
export const en = {
  documentTitle: 'Parley — staff',
  brand: 'Parley',
  signInTitle: 'Sign in to Parley',
  signInAppId: 'App id',
  signInEmail: 'E-mail',
  signInPassword: 'Password',
  signInSubmit: 'Sign in',
  signInIncomplete: 'Please fill in the app id, e-mail and password.',
  signInWrong: 'Wrong e-mail or password.',
  /** `{command}` is a shell command, shown as code. */
  signInHint:
    'Your sign-in was printed once, when the server first started. Lost it? Run {command} with the server stopped.',
  /** A shell command: not to be translated. */
  signInHintCommand: 'npm run reset-password',
  sessionEnded: 'Your session has ended. Please sign in again.',
  signOut: 'Sign out',
  /** A toggle button (pressed = away): the agent takes no new conversations and visitors see the away message. */
  awayButton: 'Away',
  myStatusAway: 'Away — no new conversations',
  /** The signed-in staff member: name and role. */
  meLine: '{name} · {role}',
  roleSuperadmin: 'Super admin',
  roleAdmin: 'Admin',
  roleAgent: 'Agent',
  roleOperator: 'Operator',
  roleBot: 'Bot',
  roleUser: 'Visitor',
  connectionConnecting: 'Connecting…',
  connectionOnline: 'Online',
  connectionOffline: 'Offline — reconnecting…',
  navLabel: 'Conversations',
  tabsLabel: 'Which conversations',
  tabMine: 'Mine',
  tabUnassigned: 'Unassigned',
  tabOpen: 'All open',
  tabResolved: 'Resolved',
  listEmpty: 'No conversations here.',
  listLoading: 'Loading conversations…',
  noConversation: 'Pick a conversation.',
  conversationNotFound: 'This conversation does not exist or is not yours to see.',
  conversationLabel: 'Conversation with {name}',
  /** The conversation list's line for one conversation with unread messages. */
  unread: '{count} unread',
  statusOpen: 'Open',
  statusResolved: 'Resolved',
  statusSpam: 'Spam',
  /** Who the conversation is assigned to. */
  assignedTo: 'Assigned to {name}',
  unassigned: 'Unassigned',
  messagesLabel: 'Messages',
  replyLabel: 'Reply',
  replyPlaceholder: 'Write a reply…',
  send: 'Send',
  sending: 'Sending…',
  sendFailed: 'Not sent: {reason}',
  /** Under the reply box. */
  replyHint: 'Type / for quick replies. Enter sends, Shift+Enter starts a new line.',
  quickRepliesLabel: 'Quick replies',
  buttonsSummary: 'Suggested replies (buttons)',
  /** `{title}` and `{titleAndMessage}` are the two examples below, shown as code. */
  buttonsHelp: 'One button per line: {title} or {titleAndMessage}',
  buttonsExampleTitle: 'Title',
  buttonsExampleTitleAndMessage: 'Title | message',
  deliverySent: 'Sent',
  deliverySeen: 'Seen',
  typingOne: '{names} is typing…',
  typingMany: '{names} are typing…',
  /** Between the names of a list ("Ann, Bob"). */
  listSeparator: ', ',
  you: 'You',
  spam: 'Mark as spam',
  takeOver: 'Take over from bot',
  assigneeLabel: 'Assignee',
  assigneeNobody: 'Nobody',
  agentAtLimit: 'That agent is at their maximum of open conversations.',
  resolve: 'Resolve',
  reopen: 'Reopen',
  assignToMe: 'Assign to me',
  actionFailed: 'That did not work: {reason}',
  back: 'All conversations',
  visitorTitle: 'Visitor',
  visitorName: 'Name',
  visitorUserId: 'User id',
  visitorStatus: 'Status',
  visitorOnline: 'Online',
  visitorLastSeen: 'Last seen {time}',
  visitorOffline: 'Offline',
  visitorEmail: 'E-mail',
  visitorPhone: 'Phone',
  visitorRating: 'Rating',
  visitorBlocked: 'Blocked',
  visitorBlockedYes: 'Yes: their messages are refused',
  /** A toggle button (pressed = blocked). */
  blockVisitor: 'Block visitor',
  /** The visitor's CSAT rating of the conversation (1–5 stars, or 1/5/10 for the three faces). */
  ratingValue: '{rating}',
  visitorRatingComment: 'Their comment',
  reports: 'Reports',
  reportCsatTitle: 'Customer satisfaction (CSAT)',
  reportPeriod: 'Period',
  reportLastDays: 'Last {days} days',
  reportNone: 'No ratings in this period.',
  /** The period's summary. */
  reportTotal: '{count} ratings, {average} on average',
  reportAgents: 'By agent',
  reportTeams: 'By team',
  reportWho: 'Who',
  reportCount: 'Ratings',
  reportAverage: 'Average',
  reportDistribution: 'Each rating',
  /** One rating value and how many gave it ("5: 3 times"). */
  reportValueCount: '{value}: {count}',
  settings: 'Settings',
  inbox: 'Inbox',
  settingsLabel: 'Settings pages',
  sectionsLabel: 'Sections',
  pageProfile: 'Profile',
  pageNotifications: 'Notification preferences',
  pageTeammates: 'Teammates',
  pageQuickReplies: 'Quick replies',
  pageTags: 'Tags',
  tagsLead: 'Tags label conversations so that you can find them again. Everyone can put them on conversations.',
  tagsNone: 'No tags yet.',
  tagName: 'Name',
  tagColour: 'Colour',
  tagAddTitle: 'Add a tag',
  tagAdd: 'Add tag',
  tagDelete: 'Delete',
  tagDeleteLabel: 'Delete the tag {name}',
  tagDeleteConfirm: 'Delete the tag {name}? Every conversation loses it.',
  /** The inbox's filter. */
  tagFilter: 'Tag',
  tagFilterAll: 'All tags',
  /** The conversation's tags (a group of chips) and the button that opens the tag checkboxes. */
  conversationTags: 'Tags',
  tagsEdit: 'Tags',
  tagsEditLabel: 'Change the tags of this conversation',
  tagsChoose: 'Tags of this conversation',
  tagsNoneToPick: 'There are no tags yet. Create them under Settings, Tags.',
  tagsAtMost: 'A conversation can have at most {count} tags.',
  colourGrey: 'Grey',
  colourRed: 'Red',
  colourOrange: 'Orange',
  colourYellow: 'Yellow',
  colourGreen: 'Green',
  colourTeal: 'Teal',
  colourBlue: 'Blue',
  colourPurple: 'Purple',
  colourPink: 'Pink',
  quickRepliesTitle: 'Quick replies',
  quickRepliesLead: 'Type / and the shortcut in a reply to use one.',
  quickRepliesNone: 'No quick replies yet.',
  quickReplyShortcut: 'Shortcut',
  quickReplyMessage: 'Message',
  quickReplySave: 'Save quick reply',
  quickReplyDelete: 'Delete',
  quickReplyDeleteLabel: 'Delete /{shortcut}',
  saved: 'Saved.',
  save: 'Save',
  cancel: 'Cancel',
  profileName: 'Name',
  profilePicture: 'Picture (a link to an image)',
  profileDesignation: 'Designation',
  profileContactNumber: 'Contact number',
  profileEmail: 'E-mail',
  profilePasswordTitle: 'Password',
  profileCurrentPassword: 'Current password',
  profileNewPassword: 'New password',
  profileChangePassword: 'Change password',
  notificationsBrowser: 'Show a browser notification for new messages',
  notificationsVolume: 'Volume',
  notificationsSound: 'Sound',
  notificationsTry: 'Play',
  notificationsOnlyHidden: 'Only while this tab is hidden',
  notificationsEmail: 'E-mail me new messages when I am offline or away for more than 5 minutes',
  /** A new message's browser notification: who wrote. */
  notificationTitle: 'New message from {name}',
  soundChime: 'Chime',
  soundDing: 'Ding',
  soundPop: 'Pop',
  soundBell: 'Bell',
  soundMarimba: 'Marimba',
  teammatesLead: 'Who works in this app, and what each may do.',
  teammateName: 'Name',
  teammateEmail: 'E-mail',
  teammateRole: 'Role',
  teammateStatus: 'Status',
  teammateOpen: 'Open conversations',
  teammateActions: 'Actions',
  teammateOnline: 'Online',
  teammateAway: 'Away',
  teammateOffline: 'Offline',
  teammateDeactivated: 'Deactivated',
  teammateRoleOf: 'Role of {name}',
  teammateDeactivate: 'Deactivate',
  teammateDeactivateLabel: 'Deactivate {name}: they are signed out and cannot sign in',
  teammateReactivate: 'Reactivate',
  teammateReactivateLabel: 'Reactivate {name}',
  teammateDelete: 'Delete',
  teammateDeleteLabel: 'Delete {name}',
  teammateDeleteConfirm: 'Delete {name}? Their open conversations go back to the inbox.',
  teammateMakeOwner: 'Make owner',
  teammateMakeOwnerLabel: 'Make {name} the owner (super admin)',
  teammateMakeOwnerConfirm: 'Hand the app to {name}? You become an admin.',
  teammateAddTitle: 'Add a teammate',
  teammatePassword: 'Password (at least 8 characters)',
  teammateAdd: 'Add teammate',
  /** Fallback for an error without a description. */
  errorHttp: 'The server answered {status}.',
  errorNotJson: 'The server answered {status} with something that is not JSON.',
  errorNetwork: 'The server cannot be reached.',
} as const;

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

/** The tables by language (the primary subtag: `de` for `de-AT`). A table may lack keys. */
const TABLES: ReadonlyMap<string, Partial<Strings>> = new Map([['en', en]]);

const tableOf = (tag: string) => TABLES.get(tag.trim().toLowerCase().split(/[-_]/)[0] ?? '');

/** The language to show: `lang` from the query, else the first of the browser's with a table, else English. */
export function pickLanguage(search: string, languages: readonly string[]): string {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...languages]) if (tag && tableOf(tag)) return tag;
  return 'en';
}

/** The strings of a language: its table, with English for any key it lacks. */
export function stringsFor(tag: string): Strings {
  return { ...en, ...tableOf(tag) };
}

/** The app's language and strings. */
export const lang = pickLanguage(location.search, navigator.languages);
export const strings: Strings = stringsFor(lang);

/** Fills `{name}` placeholders; an unknown one stays as it is. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}
