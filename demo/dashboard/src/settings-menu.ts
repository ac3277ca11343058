/**
 * The settings menu: each page's name, the groups they are listed in (Personal, Team, Chat widget,
 * Conversations, Your site), which of them a role may open and which show the widget's preview.
 * Small on purpose: the pages themselves (`settings-view.ts`) load when one first opens.
 */
import type { SettingsPage } from './router.js';
import { isRulesPage } from './rules-pages.js';
import { isAppSettingsPage, PREVIEWED } from './settings-pages.js';
import { strings } from './strings.js';

export const PAGE_NAMES: Record<SettingsPage, string> = {
  profile: strings.pageProfile,
  notifications: strings.pageNotifications,
  teammates: strings.pageTeammates,
  'quick-replies': strings.pageQuickReplies,
  tags: strings.pageTags,
  customization: strings.pageCustomization,
  configuration: strings.pageConfiguration,
  greeting: strings.pageGreeting,
  welcome: strings.pageWelcome,
  away: strings.pageAway,
  csat: strings.pageCsat,
  pseudonyms: strings.pagePseudonyms,
  rules: strings.pageRules,
  queue: strings.pageQueue,
  'auto-resolve': strings.pageAutoResolve,
  bots: strings.pageBots,
  install: strings.pageInstall,
  security: strings.pageSecurity,
  webhooks: strings.pageWebhooks,
};

/** The settings menu: groups of pages, in the documentation's order. */
export const PAGE_GROUPS: ReadonlyArray<readonly [string, readonly SettingsPage[]]> = [
  [strings.groupPersonal, ['profile', 'notifications']],
  [strings.groupTeam, ['teammates', 'quick-replies', 'tags']],
  [strings.groupWidget, ['customization', 'configuration', 'greeting', 'welcome', 'away', 'csat', 'pseudonyms']],
  [strings.groupConversations, ['rules', 'queue', 'auto-resolve', 'bots']],
  [strings.groupSite, ['install', 'security', 'webhooks']],
];

/** Whether someone with these permissions may open a page (the server refuses the rest anyway). */
export function mayOpen(page: SettingsPage, can: (permission: string) => boolean): boolean {
  if (page === 'teammates') return can('viewTeammates');
  if (page === 'bots') return can('editBotIntegrations');
  if (page === 'webhooks') return can('changeSettings');
  if (isAppSettingsPage(page) || isRulesPage(page) || page === 'install' || page === 'security')
    return can('viewSettings');
  return true;
}

/** Whether a page shows the widget's preview beside its fields. */
export const isPreviewed = (page: SettingsPage) => isAppSettingsPage(page) && PREVIEWED.has(page);
