/**
 * Who may change which widget settings (the documented roles table): admins every setting;
 * agents, besides reading them all, only those of the Welcome message, Away message and office
 * hours, and CSAT rating pages ("EDIT" for agents there; "VIEW" on Customization, Configuration,
 * Greeting message and Pseudonyms). One list, read by the server (a patch touching anything
 * else needs `changeSettings`) and by the staff app (which fields an agent may edit).
 */

/** Settings (by path: a top-level key, or `object.key`) that `changeMessages` lets staff change. */
export const MESSAGE_SETTINGS: readonly string[] = [
  'showWelcomeAwayMessage',
  'welcomeMessage',
  'awayMessage',
  'officeHours',
  'defaultTeamId',
  'collectFeedback',
  'chatWidget.csatRatingBase',
];

/** Whether `path` (`chatWidget.title`, `welcomeMessage.message`, `officeHours`) is one of them. */
export function isMessageSetting(path: string): boolean {
  const [head = ''] = path.split('.');
  return MESSAGE_SETTINGS.includes(path) || MESSAGE_SETTINGS.includes(head);
}

/** The paths of a settings patch that are not message settings (those need `changeSettings`). */
export function adminOnlyPaths(patch: unknown): string[] {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'chatWidget' && value && typeof value === 'object' && !Array.isArray(value))
      paths.push(...Object.keys(value).map((k) => `chatWidget.${k}`));
    else paths.push(key);
  }
  return paths.filter((p) => !isMessageSetting(p));
}
