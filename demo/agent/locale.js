// @ts-check
/**
 * Every user-visible string of the agent console, like the widget's `src/core/locale.ts`.
 *
 * `en` is the table of keys → strings; `{name}` marks a placeholder that `format()` fills in.
 * Another language is a table of its own in `tables` (keys it lacks stay English); the console
 * picks one from `?lang=` or the browser's languages. To add a string: add a key to `en`.
 * The page's markup holds no text: `data-i18n="key"` gives an element its text (a `{name}` in it
 * becomes the element's child with `data-i18n-slot="name"`), and
 * `data-i18n-attr="aria-label:key; placeholder:key2"` its attributes — see `localize()`.
 */

export const en = /** @type {const} */ ({
  // Page and sign-in
  documentTitle: 'Parley — agent console',
  loginTitle: 'Parley agent console',
  loginAppId: 'App id',
  loginEmail: 'E-mail',
  loginPassword: 'Password',
  loginSubmit: 'Sign in',
  /** `{command}` is `loginHintCommand`, shown as code. */
  loginHint:
    'Your sign-in was printed once, when the server first started. Lost it? Run {command} with the server stopped.',
  /** A shell command: not to be translated. */
  loginHintCommand: 'npm run reset-password',
  loginIncomplete: 'Please fill in the app id, e-mail and password.',
  loginWrong: 'Wrong e-mail or password.',
  sessionEnded: 'Your session has ended. Please sign in again.',

  // Top bar
  brand: 'Parley',
  /** The signed-in agent: name and role. */
  meLine: '{name} · {role}',
  signOut: 'Sign out',
  /** A toggle button (pressed = away): the agent takes no new conversations and visitors see the away message. */
  awayButton: 'Away',
  /** The signed-in agent's own status, next to the Away button. */
  myStatusAvailable: 'Available',
  myStatusAway: 'Away — no new conversations',
  connectionConnecting: 'Connecting…',
  connectionOnline: 'Online',
  connectionReconnecting: 'Reconnecting…',
  connectionOffline: 'Offline — retrying…',

  // Staff roles (the signed-in agent, the team)
  roleSuperadmin: 'super admin',
  roleAdmin: 'admin',
  roleAgent: 'agent',
  roleOperator: 'operator',

  // Conversation list
  conversationsLabel: 'Conversations',
  tabsLabel: 'Show',
  tabMine: 'Mine',
  tabUnassigned: 'Unassigned',
  tabOpen: 'All open',
  tabResolved: 'Resolved',
  listEmpty: 'No conversations here.',
  /** A list item's last line: the conversation's status and who has it. */
  listMeta: '{status} · {assignee}',
  listAssigneeYou: 'You',
  listUnassigned: 'Unassigned',
  unread: '{count} unread',
  previewNone: 'No messages yet',
  previewAttachment: 'Attachment: {name}',
  previewMessage: 'Message',
  /** The name of a file that has none. */
  fileUnnamed: 'file',

  // Conversation status (the Platform API's numbers)
  statusOpen: 'Open',
  statusInProgress: 'In progress',
  statusResolved: 'Resolved',
  statusSpam: 'Spam',
  statusWaiting: 'Waiting',

  // One conversation
  conversationLabel: 'Conversation',
  noConversation: 'Choose a conversation.',
  conversationMeta: '{status} · assigned to {assignee} · #{id}',
  assignedToNobody: 'nobody',
  assigneeLabel: 'Assignee',
  assigneeNobody: 'Nobody',
  assigneeYou: '{name} (you)',
  assigneeBot: '{name} (bot)',
  takeOver: 'Take over from bot',
  resolve: 'Resolve',
  reopen: 'Reopen',
  spam: 'Mark as spam',
  agentAtLimit: 'That agent is at their maximum of open conversations.',

  // Messages
  messagesLabel: 'Messages',
  you: 'You',
  /** The sender name of the server's own notices. */
  systemSender: 'Parley',
  botTag: 'bot',
  fileLine: '📎 {name} ({size} KB)',
  suggestedReplies: 'Suggested replies',
  deliverySent: 'Sent',
  deliverySeen: 'Seen',
  typingOne: '{names} is typing…',
  typingMany: '{names} are typing…',
  /** Between the names of a list ("Ann, Bob"). */
  listSeparator: ', ',

  // Composer
  replyLabel: 'Reply',
  replyHint: '(type / for quick replies, Enter to send, Shift+Enter for a new line)',
  quickRepliesLabel: 'Quick replies',
  buttonsSummary: 'Suggested replies (buttons)',
  /** `{title}` and `{titleAndMessage}` are the two examples below, shown as code. */
  buttonsHelp: 'One button per line: {title} or {titleAndMessage}',
  buttonsExampleTitle: 'Title',
  buttonsExampleTitleAndMessage: 'Title | message',
  send: 'Send',

  // Details column
  detailsLabel: 'Details',
  visitorTitle: 'Visitor',
  visitorName: 'Name',
  visitorUserId: 'User id',
  visitorStatus: 'Status',
  visitorOnline: 'Online',
  visitorLastSeen: 'Last seen {time}',
  visitorOffline: 'Offline',
  visitorEmail: 'E-mail',
  visitorPhone: 'Phone',
  quickRepliesTitle: 'Quick replies',
  quickReplyShortcut: 'Shortcut',
  quickReplyMessage: 'Message',
  quickReplySave: 'Save quick reply',
  quickReplyDelete: 'Delete',
  quickReplyDeleteLabel: 'Delete /{shortcut}',
  teamTitle: 'Team',
  teamLine: '{name} · {role} · {presence} · {open} open',
  teamOnline: 'online',
  teamAway: 'away',
  teamOffline: 'offline',

  // Errors
  /** A server error: its description and its code. */
  errorWithCode: '{message} ({code})',
  errorNotJson: 'The server answered {status} without JSON.',
  errorNetwork: 'The server could not be reached. Please try again.',
  errorHttp: 'HTTP {status}',
});

/** @typedef {keyof typeof en} StringKey */
/** @typedef {{ readonly [K in StringKey]: string }} Strings */

/**
 * The tables by language (the primary subtag: `de` for `de-AT`). A table may lack keys.
 * @type {ReadonlyMap<string, Partial<Strings>>}
 */
const tables = new Map([['en', en]]);

/** @param {string} tag */
function tableOf(tag) {
  return tables.get(tag.trim().toLowerCase().split(/[-_]/)[0] ?? '');
}

/**
 * The language to show: `lang` from the query string, else the first of the browser's languages
 * that has a table, else English.
 * @param {string} search `location.search`
 * @param {readonly string[]} languages `navigator.languages`
 */
export function pickLanguage(search, languages) {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...languages]) if (tag && tableOf(tag)) return tag;
  return 'en';
}

/**
 * The strings of a language: its table, with the English string for any key it lacks.
 * @param {string} tag
 * @returns {Strings}
 */
export function stringsFor(tag) {
  const table = tableOf(tag) ?? {};
  /** @type {Record<StringKey, string>} */
  const strings = { ...en };
  for (const key of /** @type {StringKey[]} */ (Object.keys(en))) {
    const value = table[key];
    if (typeof value === 'string') strings[key] = value;
  }
  return strings;
}

/**
 * Fills `{name}` placeholders from `values`; placeholders without a value are left as they are.
 * @param {string} template
 * @param {Readonly<Record<string, string | number>>} [values]
 */
export function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, /** @type {string} */ name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

/** The language of the page, from `?lang=` or the browser. */
export const lang = pickLanguage(location.search, navigator.languages);

/** The console's strings. */
export const t = stringsFor(lang);

/**
 * Gives the elements under `root` their strings (see the top of this file). A key missing from
 * the table leaves the element as it is and is reported on the console.
 * @param {ParentNode} root
 * @param {Strings} [strings]
 */
export function localize(root, strings = t) {
  const lookup = (/** @type {string} */ key) => {
    const value = /** @type {Record<string, string | undefined>} */ (strings)[key];
    if (value === undefined) console.error(`locale: no string "${key}"`);
    return value;
  };
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const template = lookup(el.getAttribute('data-i18n') ?? '');
    if (template === undefined) continue;
    /** @type {Map<string, Element>} */
    const slots = new Map(
      [...el.querySelectorAll(':scope > [data-i18n-slot]')].map((s) => [s.getAttribute('data-i18n-slot') ?? '', s]),
    );
    // split() with a capture group: text at even indexes, placeholder names at odd ones.
    el.replaceChildren(
      ...template.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 ? (slots.get(part) ?? `{${part}}`) : part)),
    );
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (el.getAttribute('data-i18n-attr') ?? '').split(';')) {
      const [name = '', key = ''] = pair.split(':').map((s) => s.trim());
      const value = name ? lookup(key) : undefined;
      if (value !== undefined) el.setAttribute(name, value);
    }
  }
}
