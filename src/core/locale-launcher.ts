/**
 * The launcher's own strings: the first stage (`ui/launcher/first-stage.ts`) names the launcher
 * before the widget and its string table (`locale.ts`, which spreads these in) have loaded, so
 * they travel in the loader. A site's `labels` override them as they override every string.
 */
export const enLauncher = {
  launcherOpen: 'Open chat',
  launcherClose: 'Close chat',
  launcherUnread: '{count} unread messages',
  launcherUnreadOne: '{count} unread message',
  /** The launcher's accessible name when there are unread messages. */
  launcherLabelWithUnread: '{label}, {unread}',
};

/** The launcher's names before the widget loads: the site's `labels`, else the table's. */
export function launcherLabels(labels: unknown): { open: string; close: string } {
  const given = (typeof labels === 'object' && labels !== null ? labels : {}) as Record<string, unknown>;
  const pick = (key: 'launcherOpen' | 'launcherClose') => {
    const value = given[key];
    return typeof value === 'string' ? value : enLauncher[key];
  };
  return { open: pick('launcherOpen'), close: pick('launcherClose') };
}
