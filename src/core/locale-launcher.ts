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

/**
 * `table` with a site's `labels` applied: a string under one of the table's keys wins, anything
 * else is ignored. The one rule for labels (`resolveStrings` in `locale.ts` applies it too).
 */
export function applyLabels<T extends Record<string, string>>(table: T, labels: unknown): T {
  const out: Record<string, string> = { ...table };
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return out as T;
  for (const [key, value] of Object.entries(labels)) {
    if (Object.prototype.hasOwnProperty.call(table, key) && typeof value === 'string') out[key] = value;
  }
  return out as T;
}

/** The launcher's names before the widget loads: the site's `labels`, else the table's. */
export function launcherLabels(labels: unknown): { open: string; close: string } {
  const { launcherOpen: open, launcherClose: close } = applyLabels(enLauncher, labels);
  return { open, close };
}
