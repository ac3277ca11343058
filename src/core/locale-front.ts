/**
 * What the widget's bundle words before a string table has loaded: the launcher and the greeting.
 * Not in `locale-launcher.ts`, which the first stage carries: the first stage names the launcher only.
 */
import { LAUNCHER_NAMES } from './locale-launcher.js';

/**
 * The English strings of the launcher and the greeting, in the widget's bundle; every string
 * table (`en` in `locale.ts`, `src/locales/`) has them too, and replaces them once it has loaded.
 */
export const enLauncher = {
  launcherOpen: LAUNCHER_NAMES.en[0],
  launcherClose: LAUNCHER_NAMES.en[1],
  launcherUnread: '{count, plural, one {# unread message} other {# unread messages}}',
  /** The launcher's accessible name when there are unread messages. */
  launcherLabelWithUnread: '{label}, {unread}',
  greetingDismiss: 'Dismiss greeting',
};

/** The strings of what shows before the panel: the launcher and the greeting. */
export type LauncherStrings = { readonly [K in keyof typeof enLauncher]: string };
