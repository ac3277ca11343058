import { expect } from '@open-wc/testing';
import type { ApiErrorItem } from '../../src/core/protocol.js';
import { awayMessageFor } from '../../demo/server/src/away.js';
import { crossCheck, normaliseDomain, validateSettingsPatch } from '../../demo/server/src/settings-validation.js';
import { mergeSettings, patchSettings } from '../../demo/server/src/settings.js';
import type { ResolvedSettings } from '../../demo/server/src/settings.js';

function errorsOf(input: unknown): ApiErrorItem[] {
  const result = validateSettingsPatch(input);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

function valueOf(input: unknown): Record<string, unknown> {
  const result = validateSettingsPatch(input);
  if (!result.ok) throw new Error(`expected a valid patch, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** "code description" per problem, for compact assertions. */
function lines(errors: ApiErrorItem[]): string[] {
  return errors.map((e) => `${e.errorCode} ${e.description}`);
}

// Monday 2024-01-15 12:00 UTC, and Sunday 2024-01-14 12:00 UTC.
const MONDAY_NOON_UTC = Date.UTC(2024, 0, 15, 12, 0);
const SUNDAY_NOON_UTC = Date.UTC(2024, 0, 14, 12, 0);

describe('server: settings validation', () => {
  it('accepts every documented field and answers the normalised patch', () => {
    const value = valueOf({
      chatWidget: {
        primaryColor: ' #ABC ',
        secondaryColor: '#00ff00',
        position: 'left',
        iconIndex: 'image',
        widgetImageLink: 'https://cdn.example.com/icon.png',
        csatRatingBase: 5,
        allowedDomains: ['https://Shop.Example.com:8443/path', '*.example.org', 'localhost', 'example.org'],
        allowedAttachmentTypes: ['image/*', 'Application/PDF'],
        maxAttachmentSize: 5,
        botMessageDelayInterval: 1500,
        sessionTimeout: 0,
        greetingMessageVolume: 1,
      },
      collectFeedback: true,
      chatPopupMessage: [{ message: ['Hi!', 'Need help?'], delay: 3000 }],
      collectLead: true,
      leadCollection: [
        { field: 'email', type: 'email', required: true, placeholder: 'you@example.com' },
        { field: 'plan', type: 'select', options: ['Free', 'Pro'] },
      ],
      showWelcomeAwayMessage: true,
      welcomeMessage: { enabled: true, message: 'Welcome!', collectEmail: true },
      awayMessage: { anonymous: 'We are away.', known: 'Back soon, friend.', collectEmail: true },
      officeHours: [
        {
          teamId: 'sales',
          teamName: 'Sales',
          timezone: 'Europe/Berlin',
          businessHourMap: { '1': ' 0900-1700 ', '6': '0000-0000' },
          message: 'Sales is closed',
        },
      ],
      defaultTeamId: 'sales',
    });
    const chatWidget = value['chatWidget'] as Record<string, unknown>;
    expect(chatWidget['primaryColor']).to.equal('#abc');
    expect(chatWidget['allowedDomains']).to.deep.equal(['shop.example.com', 'example.org', 'localhost']);
    expect(chatWidget['allowedAttachmentTypes']).to.deep.equal(['image/*', 'application/pdf']);
    const hours = value['officeHours'] as Array<Record<string, unknown>>;
    expect(hours[0]!['businessHourMap']).to.deep.equal({ '1': '0900-1700', '6': '0000-0000' });
    expect((value['leadCollection'] as unknown[])[1]).to.deep.include({ field: 'plan', type: 'select' });
  });

  it('names unknown keys with their path (PL-R-04)', () => {
    expect(
      lines(errorsOf({ colour: 'red', chatWidget: { primaryColour: '#fff' }, welcomeMessage: { text: 'hi' } })),
    ).to.deep.equal([
      'PL-R-04 colour is not a known setting',
      'PL-R-04 chatWidget.primaryColour is not a known setting',
      'PL-R-04 welcomeMessage.text is not a known setting',
    ]);
    expect(
      lines(errorsOf({ officeHours: [{ teamId: 't', timezone: 'UTC', businessHourMap: { '7': '0900-1700' } }] })),
    ).to.deep.equal(['PL-R-04 officeHours[0].businessHourMap.7 is not a known setting']);
  });

  it('names wrong types with the field and what it must be (PL-R-03), all in one answer', () => {
    const errors = errorsOf({
      collectFeedback: 'yes',
      chatWidget: { position: 'middle', csatRatingBase: 10, maxAttachmentSize: -1, popup: 1, title: 7, iconIndex: 1.5 },
      chatPopupMessage: { message: 'hi' },
    });
    expect(errors.every((e) => e.errorCode === 'PL-R-03' && e.displayMessage === 'unable to process')).to.equal(true);
    expect(lines(errors)).to.deep.equal([
      'PL-R-03 collectFeedback must be a boolean, got "yes"',
      'PL-R-03 chatWidget.position must be "left" or "right", got "middle"',
      'PL-R-03 chatWidget.csatRatingBase must be 3 or 5, got number 10',
      'PL-R-03 chatWidget.maxAttachmentSize must be a number ≥ 0, got number -1',
      'PL-R-03 chatWidget.popup must be a boolean, got number 1',
      'PL-R-03 chatWidget.title must be a string, got number 7',
      'PL-R-03 chatWidget.iconIndex must be an icon number ≥ 0 or "image", got number 1.5',
      'PL-R-03 chatPopupMessage must be an array, got an object',
    ]);
  });

  it('accepts only #rgb and #rrggbb colours', () => {
    for (const bad of ['red', '#ff', '#ffff', '#gggggg', 'rgb(0,0,0)', '#12345678', '', 5]) {
      const [error] = errorsOf({ chatWidget: { primaryColor: bad } });
      expect(error!.description).to.match(/^chatWidget\.primaryColor must be a colour like "#rrggbb" or "#rgb"/);
    }
  });

  it('accepts host names (with *., a scheme, a port) and refuses what is not one', () => {
    expect(normaliseDomain('*.Example.COM')).to.equal('example.com');
    expect(normaliseDomain('http://localhost:8000')).to.equal('localhost');
    expect(normaliseDomain('127.0.0.1')).to.equal('127.0.0.1');
    expect(normaliseDomain('*')).to.equal('*');
    expect(normaliseDomain('bücher.example')).to.equal('xn--bcher-kva.example');
    for (const bad of [
      'exa mple.com',
      '-bad.com',
      'bad-.com',
      'a..b',
      'under_score.com',
      '',
      'https://',
      'example.com:abc',
    ]) {
      expect(normaliseDomain(bad), bad).to.equal(undefined);
    }
    expect(lines(errorsOf({ chatWidget: { allowedDomains: ['ok.com', 'exa mple.com', 7] } }))).to.deep.equal([
      'PL-R-03 chatWidget.allowedDomains[1] must be a domain name like "example.com" (optionally with "*.", a scheme or a port), got "exa mple.com"',
      'PL-R-03 chatWidget.allowedDomains[2] must be a domain name string, got number 7',
    ]);
  });

  it('checks office hours: HHmm-HHmm ranges, IANA time zones, required team fields, unique teams', () => {
    const errors = errorsOf({
      officeHours: [
        {
          teamId: 'a',
          timezone: 'Mars/Olympus',
          businessHourMap: { '0': '2500-2600', '1': '0960-1000', '2': '9-17', '3': '0900-2400' },
        },
        { teamId: 'b', timezone: 'UTC', businessHourMap: {} },
        { teamId: 'b', timezone: 'Asia/Tokyo', businessHourMap: {} },
        { timezone: 'UTC' },
      ],
    });
    expect(lines(errors)).to.deep.equal([
      'PL-R-03 officeHours[0].timezone must be an IANA time zone like "Europe/Berlin", got "Mars/Olympus"',
      'PL-R-03 officeHours[0].businessHourMap.0 must be office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day), got "2500-2600"',
      'PL-R-03 officeHours[0].businessHourMap.1 must be office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day), got "0960-1000"',
      'PL-R-03 officeHours[0].businessHourMap.2 must be office hours "HHmm-HHmm" (00–23 hours, 00–59 minutes; equal start and end = all day), got "9-17"',
      'PL-R-03 officeHours[2] must be unique ("b" appears twice)',
      'PL-R-02 officeHours[3].teamId is required',
      'PL-R-02 officeHours[3].businessHourMap is required',
    ]);
  });

  it('needs options for a select lead field and an image link for the image icon', () => {
    expect(lines(errorsOf({ leadCollection: [{ field: 'plan', type: 'select' }] }))).to.deep.equal([
      'PL-R-02 leadCollection[0].options is required for a "select" field (at least one option)',
    ]);
    expect(lines(crossCheck(mergeSettings({ chatWidget: { iconIndex: 'image' } })))).to.deep.equal([
      'PL-R-02 chatWidget.widgetImageLink is required when chatWidget.iconIndex is "image"',
    ]);
  });

  it('refuses a body that is not an object, without throwing', () => {
    for (const bad of [null, [], 'x', 3]) {
      expect(errorsOf(bad)[0]!.errorCode).to.equal('PL-R-03');
    }
  });
});

describe('server: settings merge and patch', () => {
  it('fills welcome, away, office hours and the switch with defaults', () => {
    const s = mergeSettings({});
    expect(s.showWelcomeAwayMessage).to.equal(true);
    expect(s.welcomeMessage).to.deep.equal({ enabled: false, message: '', collectEmail: false });
    expect(s.awayMessage).to.deep.equal({ anonymous: '', known: '', collectEmail: false });
    expect(s.officeHours).to.deep.equal([]);
    expect(s.defaultTeamId).to.equal('');
  });

  it('keeps valid stored values key by key and drops invalid ones', () => {
    const s = mergeSettings({
      welcomeMessage: { enabled: true, message: 42 },
      officeHours: [{ teamId: 't', timezone: 'UTC', businessHourMap: { '1': '0900-1700' } }],
      chatWidget: { primaryColor: 'not a colour', allowedDomains: ['HTTPS://Example.com'] },
    });
    expect(s.welcomeMessage).to.deep.equal({ enabled: true, message: '', collectEmail: false });
    expect(s.officeHours).to.deep.equal([
      { teamId: 't', teamName: '', timezone: 'UTC', businessHourMap: { '1': '0900-1700' }, message: '' },
    ]);
    expect(s.chatWidget.primaryColor).to.equal('#5b5bd6');
    expect(s.chatWidget.allowedDomains).to.deep.equal(['example.com']);
  });

  it('merges nested objects key by key and resets a key given as null', () => {
    const stored = {
      chatWidget: { primaryColor: '#111111', popup: true },
      welcomeMessage: { enabled: true, message: 'Hi' },
      collectLead: true,
    };
    const next = patchSettings(stored, {
      chatWidget: { popup: null },
      welcomeMessage: { message: 'Hello' },
      collectLead: null,
    });
    expect(next).to.deep.equal({
      chatWidget: { primaryColor: '#111111' },
      welcomeMessage: { enabled: true, message: 'Hello' },
    });
    expect(mergeSettings(next).chatWidget.popup).to.equal(false);
  });
});

describe('server: welcome and away messages', () => {
  function settings(over: Record<string, unknown> = {}): ResolvedSettings {
    return mergeSettings({
      welcomeMessage: { enabled: true, message: 'Welcome!', collectEmail: true },
      awayMessage: {
        anonymous: 'Away — leave your e-mail.',
        known: 'Away — we will write to you.',
        collectEmail: true,
      },
      ...over,
    });
  }

  it('answers AGENTS_ONLINE with the welcome message when an agent is online and no hours are set', () => {
    expect(awayMessageFor(settings(), { agentsOnline: 1, now: MONDAY_NOON_UTC, anonymous: true })).to.deep.equal({
      code: 'AGENTS_ONLINE',
      data: {
        messageList: [{ message: 'Welcome!', eventId: 3 }],
        collectEmailOnAwayMessage: true,
        collectEmailOnWelcomeMessage: true,
        welcomeMessageEnabled: true,
        anonymousUser: true,
      },
    });
  });

  it('answers the away message for anonymous (1) and known (2) visitors when nobody is online', () => {
    const anonymous = awayMessageFor(settings(), { agentsOnline: 0, now: MONDAY_NOON_UTC, anonymous: true });
    expect(anonymous.code).to.equal('SUCCESS');
    expect(anonymous.data.messageList).to.deep.equal([{ message: 'Away — leave your e-mail.', eventId: 1 }]);
    const known = awayMessageFor(settings(), { agentsOnline: 0, now: MONDAY_NOON_UTC, anonymous: false });
    expect(known.data.messageList).to.deep.equal([{ message: 'Away — we will write to you.', eventId: 2 }]);
    expect(known.data.anonymousUser).to.equal(false);
  });

  it("is away outside the team's office hours even with agents online, with the team's own message", () => {
    const s = settings({
      officeHours: [
        {
          teamId: 'support',
          timezone: 'America/New_York',
          businessHourMap: { '1': '0900-1700' },
          message: 'Support opens at 9.',
        },
        { teamId: 'night', timezone: 'UTC', businessHourMap: { '1': '0000-0000' }, message: '' },
      ],
    });
    // 12:00 UTC Monday is 07:00 in New York: closed.
    const closed = awayMessageFor(s, { agentsOnline: 2, now: MONDAY_NOON_UTC, anonymous: true });
    expect(closed.code).to.equal('SUCCESS');
    expect(closed.data.messageList).to.deep.equal([{ message: 'Support opens at 9.', eventId: 1 }]);
    // 15:00 UTC is 10:00 in New York: open.
    expect(awayMessageFor(s, { agentsOnline: 2, now: MONDAY_NOON_UTC + 3 * 3600_000, anonymous: true }).code).to.equal(
      'AGENTS_ONLINE',
    );
    // The night team is open all day Monday ("0000-0000"), closed Sunday.
    expect(
      awayMessageFor(s, { agentsOnline: 1, now: MONDAY_NOON_UTC, anonymous: true, teamId: 'night' }).code,
    ).to.equal('AGENTS_ONLINE');
    const sunday = awayMessageFor(s, { agentsOnline: 1, now: SUNDAY_NOON_UTC, anonymous: false, teamId: 'night' });
    expect(sunday.data.messageList).to.deep.equal([{ message: 'Away — we will write to you.', eventId: 2 }]);
    // defaultTeamId picks the team when none is named.
    const byDefault = awayMessageFor(
      { ...s, defaultTeamId: 'night' },
      { agentsOnline: 1, now: MONDAY_NOON_UTC, anonymous: true },
    );
    expect(byDefault.code).to.equal('AGENTS_ONLINE');
  });

  it('sends no messages and asks for no e-mail when the switch is off', () => {
    const off = settings({ showWelcomeAwayMessage: false });
    const away = awayMessageFor(off, { agentsOnline: 0, now: MONDAY_NOON_UTC, anonymous: true });
    expect(away.data).to.deep.include({
      messageList: [],
      collectEmailOnAwayMessage: false,
      welcomeMessageEnabled: false,
    });
    expect(
      awayMessageFor(off, { agentsOnline: 1, now: MONDAY_NOON_UTC, anonymous: true }).data.messageList,
    ).to.deep.equal([]);
  });
});
