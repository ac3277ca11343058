/**
 * The settings pages of the app's settings (the dashboard's "Chat widget" and "Conversation"
 * sections), each a list of fields by path: what the page shows, in the documentation's order.
 * Adding a setting to a page is one line here (its kind and limits come from the settings table).
 */
import type { SettingField } from './settings-form.js';
import { SOUND_NAMES } from './sounds.js';
import { strings } from './strings.js';

export const APP_SETTINGS_PAGES = [
  'customization',
  'configuration',
  'greeting',
  'welcome',
  'away',
  'csat',
  'pseudonyms',
] as const;
export type AppSettingsPage = (typeof APP_SETTINGS_PAGES)[number];

export const isAppSettingsPage = (page: string): page is AppSettingsPage =>
  (APP_SETTINGS_PAGES as readonly string[]).includes(page);

/** The pages that show a preview of the widget beside their fields. */
export const PREVIEWED: ReadonlySet<AppSettingsPage> = new Set(['customization', 'greeting', 'welcome', 'away']);

/** A team's office hours (its team chosen from the rules' teams when there are some: `withTeams`). */
const OFFICE_HOURS: NonNullable<SettingField['items']> = {
  fields: {
    teamId: { label: strings.hoursTeam },
    timezone: { label: strings.hoursTimeZone },
    businessHourMap: { label: strings.hoursWeek },
    message: { label: strings.hoursAwayMessage },
  },
  itemLabel: strings.hoursNumber,
  addLabel: strings.hoursAdd,
};

/** The page's fields, with the app's teams to choose from where a field names a team. */
export function withTeams(
  fields: readonly SettingField[],
  teams: ReadonlyArray<{ teamId: string; name: string }>,
): readonly SettingField[] {
  if (teams.length === 0) return fields;
  const choices = teams.map((t) => [t.teamId, t.name || t.teamId] as const);
  return fields.map((f) =>
    f.items?.fields['teamId']
      ? { ...f, items: { ...f.items, fields: { ...f.items.fields, teamId: { ...f.items.fields['teamId'], choices } } } }
      : f,
  );
}

export const PAGE_FIELDS: Readonly<Record<AppSettingsPage, readonly SettingField[]>> = {
  customization: [
    { path: 'chatWidget.primaryColor', label: strings.fieldPrimaryColor },
    { path: 'chatWidget.secondaryColor', label: strings.fieldSecondaryColor },
    {
      path: 'chatWidget.theme',
      label: strings.fieldTheme,
      hint: strings.fieldThemeHint,
      choices: { auto: strings.themeAuto, light: strings.themeLight, dark: strings.themeDark },
    },
    {
      path: 'chatWidget.position',
      label: strings.fieldPosition,
      choices: { left: strings.positionLeft, right: strings.positionRight },
    },
    {
      path: 'chatWidget.iconIndex',
      label: strings.fieldIcon,
      choices: { 0: strings.iconBubble, 1: strings.iconBubbles, 2: strings.iconHeadset, image: strings.iconImage },
    },
    { path: 'chatWidget.widgetImageLink', label: strings.fieldImageLink, hint: strings.fieldImageLinkHint },
    { path: 'chatWidget.title', label: strings.fieldTitle, hint: strings.fieldTitleHint },
    { path: 'chatWidget.teamName', label: strings.fieldTeamName },
    {
      path: 'chatWidget.notificationTone',
      label: strings.fieldNotificationTone,
      hint: strings.fieldNotificationToneHint,
      choices: { default: strings.toneDefault, ...SOUND_NAMES },
    },
    { path: 'chatWidget.notificationVolume', label: strings.fieldNotificationVolume, hint: strings.fieldVolumeHint },
    { path: 'chatWidget.showPoweredBy', label: strings.fieldShowPoweredBy },
  ],
  configuration: [
    {
      path: 'chatWidget.sessionTimeout',
      label: strings.fieldSessionTimeout,
      hint: strings.fieldSessionTimeoutHint,
      scale: 60_000,
    },
    { path: 'chatWidget.botMessageDelayInterval', label: strings.fieldBotDelay, scale: 1000 },
    { path: 'chatWidget.isSingleThreaded', label: strings.fieldSingleThread },
    { path: 'chatWidget.disableChatWidget', label: strings.fieldDisable, hint: strings.fieldDisableHint },
    { path: 'chatWidget.allowedDomains', label: strings.fieldDomains, hint: strings.fieldDomainsHint },
    { path: 'chatWidget.voiceOutput', label: strings.fieldVoiceOutput },
    { path: 'chatWidget.voiceInput', label: strings.fieldVoiceInput },
    { path: 'chatWidget.attachment', label: strings.fieldAttachment },
    { path: 'chatWidget.maxAttachmentSize', label: strings.fieldAttachmentSize },
    {
      path: 'chatWidget.allowedAttachmentTypes',
      label: strings.fieldAttachmentTypes,
      hint: strings.fieldAttachmentTypesHint,
    },
  ],
  greeting: [
    { path: 'chatWidget.popup', label: strings.fieldPopup },
    {
      path: 'chatPopupMessage',
      label: strings.fieldGreetings,
      items: {
        fields: { message: { label: strings.greetingLines }, delay: { label: strings.greetingDelay, scale: 1000 } },
        itemLabel: strings.greetingNumber,
        addLabel: strings.greetingAdd,
      },
    },
    { path: 'chatWidget.greetingMessageVolume', label: strings.fieldGreetingVolume, hint: strings.fieldVolumeHint },
    { path: 'chatWidget.enableGreetingMessageInMobile', label: strings.fieldGreetingMobile },
  ],
  welcome: [
    { path: 'showWelcomeAwayMessage', label: strings.fieldShowWelcomeAway, hint: strings.fieldShowWelcomeAwayHint },
    { path: 'welcomeMessage.enabled', label: strings.fieldWelcomeEnabled },
    { path: 'welcomeMessage.message', label: strings.fieldWelcomeMessage },
    { path: 'welcomeMessage.collectEmail', label: strings.fieldCollectEmail },
    { path: 'collectLead', label: strings.fieldCollectLead, hint: strings.fieldCollectLeadHint },
    {
      path: 'leadCollection',
      label: strings.fieldLeadFields,
      items: {
        fields: {
          field: { label: strings.leadField },
          type: { label: strings.leadType },
          required: { label: strings.leadRequired },
          placeholder: { label: strings.leadPlaceholder },
          options: { label: strings.leadOptions },
        },
        itemLabel: strings.leadNumber,
        addLabel: strings.leadAdd,
      },
    },
  ],
  away: [
    { path: 'awayMessage.anonymous', label: strings.fieldAwayAnonymous },
    { path: 'awayMessage.known', label: strings.fieldAwayKnown },
    { path: 'awayMessage.collectEmail', label: strings.fieldCollectEmail },
    { path: 'officeHours', label: strings.fieldOfficeHours, hint: strings.fieldOfficeHoursHint, items: OFFICE_HOURS },
  ],
  pseudonyms: [
    { path: 'chatWidget.pseudonymsEnabled', label: strings.fieldPseudonyms, hint: strings.fieldPseudonymsHint },
  ],
  csat: [
    { path: 'collectFeedback', label: strings.fieldCollectFeedback, hint: strings.fieldCollectFeedbackHint },
    {
      path: 'chatWidget.csatRatingBase',
      label: strings.fieldCsatBase,
      choices: { 3: strings.csatFaces, 5: strings.csatStars },
    },
  ],
};
