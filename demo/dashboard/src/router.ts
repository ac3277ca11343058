/**
 * The staff app's URLs, so that a link or a reload lands where it was:
 *
 *   /dashboard/                        the inbox, "Mine"
 *   /dashboard/inbox/<tab>             the inbox on another tab (unassigned, open, resolved)
 *   /dashboard/conversations/<id>      one conversation (its inbox tab in `?tab=`)
 *   /dashboard/settings/<page>         a settings page (`SETTINGS_PAGES`: profile, … webhooks)
 *   /dashboard/reports/csat            the CSAT report
 *
 * The inbox and a conversation may carry `?tag=<id>`: the inbox shows only conversations with that tag.
 * Anything else under /dashboard/ is the inbox. The server answers every such path with the app.
 * A `?lang=` the app was opened with stays in the address bar as the app moves (`language.ts`).
 */
import { keepingLang } from './language.js';

export const BASE = '/dashboard/';

export const TABS = ['mine', 'unassigned', 'open', 'resolved'] as const;
export type Tab = (typeof TABS)[number];

export const SETTINGS_PAGES = [
  'profile',
  'notifications',
  'teammates',
  'quick-replies',
  'tags',
  'customization',
  'configuration',
  'greeting',
  'welcome',
  'away',
  'csat',
  'pseudonyms',
  'rules',
  'queue',
  'auto-resolve',
  'bots',
  'install',
  'security',
  'webhooks',
] as const;
export type SettingsPage = (typeof SETTINGS_PAGES)[number];

export interface Route {
  tab: Tab;
  /** The inbox shows only conversations with this tag (its id). */
  tag?: number;
  /** The open conversation, if any. */
  groupId?: string;
  /** A settings page instead of a conversation. */
  settings?: SettingsPage;
  /** A report instead of a conversation. */
  report?: 'csat';
}

const isTab = (s: string | null | undefined): s is Tab => (TABS as readonly string[]).includes(s ?? '');
const isPage = (s: string | undefined): s is SettingsPage => (SETTINGS_PAGES as readonly string[]).includes(s ?? '');

/** The route a URL names. */
export function parseRoute(url: URL): Route {
  const rest = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : '';
  const [section, id] = rest.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const queryTab = url.searchParams.get('tab');
  const tab = isTab(queryTab) ? queryTab : 'mine';
  const queryTag = url.searchParams.get('tag') ?? '';
  const tagged = /^[1-9]\d{0,14}$/.test(queryTag) ? { tag: Number(queryTag) } : {};
  if (section === 'conversations' && id) return { tab, ...tagged, groupId: id };
  if (section === 'settings' && isPage(id)) return { tab, settings: id };
  if (section === 'reports' && id === 'csat') return { tab, report: 'csat' };
  if (section === 'inbox' && isTab(id)) return { tab: id, ...tagged };
  return { tab: 'mine', ...tagged };
}

/** The URL of a route (path and query). */
export function routeUrl(route: Route): string {
  const query = (withTab: boolean, withTag: boolean) => {
    const params = new URLSearchParams();
    if (withTab && route.tab !== 'mine') params.set('tab', route.tab);
    if (withTag && route.tag !== undefined) params.set('tag', String(route.tag));
    const search = params.toString();
    return search ? `?${search}` : '';
  };
  if (route.settings !== undefined) return `${BASE}settings/${route.settings}${query(true, false)}`;
  if (route.report !== undefined) return `${BASE}reports/${route.report}${query(true, false)}`;
  if (route.groupId !== undefined)
    return `${BASE}conversations/${encodeURIComponent(route.groupId)}${query(true, true)}`;
  return `${route.tab === 'mine' ? BASE : `${BASE}inbox/${route.tab}`}${query(false, true)}`;
}

/** Follows the address bar: `onChange` runs with each route the user navigates to (back, forward, links). */
export class Router {
  route: Route;
  readonly #onChange: (route: Route) => void;

  constructor(onChange: (route: Route) => void) {
    this.#onChange = onChange;
    this.route = parseRoute(new URL(location.href));
    addEventListener('popstate', () => {
      this.route = parseRoute(new URL(location.href));
      this.#onChange(this.route);
    });
  }

  /** Goes to `route` (a new history entry unless `replace`). */
  go(route: Route, replace = false): void {
    const url = keepingLang(routeUrl(route), location.search);
    if (url !== location.pathname + location.search) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    this.route = route;
    this.#onChange(route);
  }
}
