/**
 * The settings pages as the app draws them (a chunk of its own, loaded when a settings page first
 * opens; their menu is `settings-menu.ts`): each page's element wired to the controller that reads
 * and saves it (`Account` for one's own and the team's, `SiteSettings` for the app's).
 */
import { html, nothing } from 'lit';
import type { NotificationPreferences } from '../../../src/core/staff-protocol.js';
import type { Account } from './account.js';
import './bots-page.js';
import './install-page.js';
import './notifications.js';
import './profile.js';
import type { PdQuickReplies } from './quick-replies.js';
import './quick-replies.js';
import type { SettingsPage } from './router.js';
import './settings-form.js';
import { isAppSettingsPage, PAGE_FIELDS, PREVIEWED, withTeams, type AppSettingsPage } from './settings-pages.js';
import type { SettingField } from './settings-form.js';
import { valueAt, type Draft } from './settings-paths.js';
import { isRulesPage, rulesFields, rulesSpecOf, type RulesChoices, type RulesPage } from './rules-pages.js';
import type { SiteSettings } from './site-settings.js';
import { PAGE_NAMES } from './settings-menu.js';
import type { PdTags } from './tags-page.js';
import './tags-page.js';
import type { PdTeammates } from './teammates.js';
import './teammates.js';
import './widget-preview.js';
import type { NewWebhook, WebhookSettings } from './webhook-settings.js';
import type { PdWebhooks } from './webhooks-page.js';
import './webhooks-page.js';
import type { Workspace } from './workspace.js';

export interface Controllers {
  ws: Workspace;
  account: Account;
  site: SiteSettings;
  hooks: WebhookSettings;
}

/** Reads what a page shows (it has just opened). */
export function loadPage(page: SettingsPage, { ws, account, site, hooks }: Controllers): void {
  if (page === 'webhooks') void hooks.load();
  else if (isAppSettingsPage(page)) void site.load();
  else if (isRulesPage(page)) void site.loadRules();
  else if (page === 'install' || page === 'security') void site.loadInstall(ws.can('changeSettings'));
  else if (page === 'bots') void site.loadBots();
  else void account.load(page);
}

/** Each page's fields with the app's teams (kept while the teams stay: a new list would drop a draft). */
const withTeamsOf = new WeakMap<object, Map<AppSettingsPage, readonly SettingField[]>>();
function fieldsOf(page: AppSettingsPage, teams: SiteSettings['teams']): readonly SettingField[] {
  let byPage = withTeamsOf.get(teams);
  if (!byPage) withTeamsOf.set(teams, (byPage = new Map()));
  let fields = byPage.get(page);
  if (!fields) byPage.set(page, (fields = withTeams(PAGE_FIELDS[page], teams)));
  return fields;
}

/** A rules page's fields, made again only when what they offer changes (a new list drops a draft). */
let rulesCache: { key: string; fields: SettingField[] } | undefined;
function rulesFieldsOf(page: RulesPage, rules: SiteSettings['rules'], team: Workspace['team']): SettingField[] {
  const teams = (valueAt(rules, 'conversationRules.teams', rulesSpecOf) ?? []) as RulesChoices['teams'];
  const people = (role: (r: string) => boolean) =>
    team.filter((t) => role(t.role) && !t.deactivated).map((t) => ({ userId: t.userId, userName: t.userName }));
  const choices: RulesChoices = {
    bots: people((r) => r === 'bot'),
    agents: people((r) => r !== 'bot'),
    teams: teams.map((t) => ({ teamId: t.teamId, name: t.name })),
  };
  const key = JSON.stringify([page, choices]);
  if (rulesCache?.key !== key) rulesCache = { key, fields: rulesFields(page, choices) };
  return rulesCache.fields;
}

/** The element of a settings page. */
export function settingsPage(page: SettingsPage, c: Controllers) {
  const { ws, account: a, site } = c;
  if (isAppSettingsPage(page)) {
    const fields = fieldsOf(page, site.teams);
    return html`<pd-settings-form
        .heading=${PAGE_NAMES[page]}
        .fields=${fields}
        .settings=${site.settings}
        .problems=${site.problems}
        .scope=${ws.can('changeSettings') ? 'all' : ws.can('changeMessages') ? 'messages' : 'none'}
        ?busy=${site.busy}
        ?saved=${site.saved}
        @pd-settings-draft=${(e: CustomEvent<Draft>) => site.draft(e.detail)}
        @pd-settings-save=${(e: CustomEvent<Draft>) =>
          void site.save(
            e.detail,
            fields.map((f) => f.path),
          )}
      ></pd-settings-form>
      ${
        PREVIEWED.has(page) && site.previewed
          ? html`<pd-widget-preview .appId=${ws.me?.appId ?? ''} .settings=${site.previewed}></pd-widget-preview>`
          : nothing
      }`;
  }
  if (isRulesPage(page)) {
    const fields = rulesFieldsOf(page, site.rules, ws.team);
    const may = page === 'queue' ? ws.can('changeSettings') : ws.can('changeRules');
    return html`<pd-settings-form
      .heading=${PAGE_NAMES[page]}
      .fields=${fields}
      .settings=${site.rules}
      .specOf=${rulesSpecOf}
      .problems=${site.problems}
      .scope=${may ? 'all' : 'none'}
      ?busy=${site.busy}
      ?saved=${site.saved}
      @pd-settings-save=${(e: CustomEvent<Draft>) =>
        void site.saveRules(
          e.detail,
          fields.map((f) => f.path),
        )}
    ></pd-settings-form>`;
  }
  if (page === 'install')
    return html`<pd-install
      .appId=${ws.me?.appId ?? ''}
      .server=${location.origin}
      .keyPrefix=${ws.can('changeSettings') ? site.apiKeyPrefix : ''}
      .newKey=${site.newApiKey}
      ?busy=${site.busy}
      .error=${site.error}
      @pd-api-key-new=${() => void site.rotateApiKey()}
    ></pd-install>`;
  if (page === 'bots')
    return html`<pd-bots
      .bots=${site.bots}
      .newSecret=${site.newBotSecret}
      .problems=${site.problems}
      .error=${site.error}
      ?busy=${site.busy}
      @pd-bot-hook-save=${(e: CustomEvent<{ botId: string; url: string; timeoutMs: number }>) =>
        void site.saveBotHook(e.detail.botId, { url: e.detail.url, timeoutMs: e.detail.timeoutMs })}
      @pd-bot-hook-clear=${(e: CustomEvent<string>) => void site.clearBotHook(e.detail)}
    ></pd-bots>`;
  if (page === 'webhooks') return webhooksPage(c.hooks);
  if (page === 'security')
    return html`<pd-security
      .on=${site.identityVerification}
      .secret=${site.newSecret}
      ?busy=${site.busy || !ws.can('changeSettings')}
      .error=${site.error}
      @pd-identity=${(e: CustomEvent<boolean>) => void site.setIdentity(e.detail)}
    ></pd-security>`;
  const problems = a.problems[page] ?? {};
  const saved = a.saved === page;
  if (page === 'profile')
    return html`<pd-profile
      .profile=${a.profile}
      .problems=${problems}
      ?saved=${saved}
      ?busy=${a.busy}
      @pd-profile-save=${(e: CustomEvent<Record<string, string>>) => void a.saveProfile(e.detail).then(() => ws.refreshMe())}
    ></pd-profile>`;
  if (page === 'notifications')
    return html`<pd-notifications
      .prefs=${a.notifications}
      .problems=${problems}
      ?saved=${saved}
      ?busy=${a.busy}
      @pd-notifications-save=${(e: CustomEvent<NotificationPreferences>) => void a.saveNotifications(e.detail)}
    ></pd-notifications>`;
  if (page === 'quick-replies')
    return html`<pd-quick-replies
      .replies=${a.quickReplies}
      ?editable=${ws.can('createQuickReplies')}
      .error=${Object.values(problems).join(' ')}
      @pd-quick-reply-add=${async (e: CustomEvent<{ shortcut: string; message: string }>) => {
        const form = e.target as PdQuickReplies;
        if (await a.addQuickReply(e.detail.shortcut, e.detail.message)) form.reset();
      }}
      @pd-quick-reply-delete=${(e: CustomEvent<number>) => void a.deleteQuickReply(e.detail)}
    ></pd-quick-replies>`;
  if (page === 'tags')
    return html`<pd-tags
      .tags=${a.tags}
      ?editable=${ws.can('createTags')}
      .problems=${problems}
      ?busy=${a.busy}
      @pd-tag-add=${async (e: CustomEvent<{ name: string; colour: string }>) => {
        const form = e.target as PdTags;
        if (await a.addTag(e.detail.name, e.detail.colour)) form.reset();
      }}
      @pd-tag-delete=${(e: CustomEvent<number>) => void a.deleteTag(e.detail)}
    ></pd-tags>`;
  return html`<pd-teammates
    .team=${ws.team}
    .me=${ws.me?.user.userId ?? ''}
    .permissions=${ws.me?.permissions ?? []}
    .problems=${problems}
    ?busy=${a.busy}
    @pd-teammate-add=${async (e: CustomEvent<{ email: string; userName: string; role: string; password: string }>) => {
      const form = e.target as PdTeammates;
      if (await a.addTeammate(e.detail)) form.reset();
    }}
    @pd-teammate-role=${(e: CustomEvent<{ userId: string; role: string }>) => void a.changeRole(e.detail.userId, e.detail.role)}
    @pd-teammate-active=${(e: CustomEvent<{ userId: string; deactivated: boolean }>) =>
      void a.setActive(e.detail.userId, e.detail.deactivated)}
    @pd-teammate-delete=${(e: CustomEvent<{ userId: string }>) => void a.deleteTeammate(e.detail.userId)}
    @pd-teammate-owner=${(e: CustomEvent<{ userId: string }>) => void a.transferOwnership(e.detail.userId)}
  ></pd-teammates>`;
}

/** The Webhooks page wired to its controller. */
function webhooksPage(hooks: WebhookSettings) {
  return html`<pd-webhooks
    .endpoints=${hooks.endpoints}
    .logs=${hooks.logs}
    .shownSecret=${hooks.shownSecret}
    .problems=${hooks.problems}
    .error=${hooks.error}
    ?busy=${hooks.busy}
    @pd-webhook-add=${async (e: CustomEvent<NewWebhook>) => {
      const form = e.target as PdWebhooks;
      if (await hooks.add(e.detail)) form.reset();
    }}
    @pd-webhook-delete=${(e: CustomEvent<string>) => void hooks.remove(e.detail)}
    @pd-webhook-rotate=${(e: CustomEvent<string>) => void hooks.rotate(e.detail)}
    @pd-webhook-log=${(e: CustomEvent<string>) => void hooks.toggleLog(e.detail)}
    @pd-webhook-log-refresh=${(e: CustomEvent<string>) => void hooks.loadLog(e.detail)}
    @pd-webhook-resend=${(e: CustomEvent<{ endpointId: string; deliveryId: string }>) =>
      void hooks.resend(e.detail.endpointId, e.detail.deliveryId)}
  ></pd-webhooks>`;
}
