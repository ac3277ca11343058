import { expect } from '@open-wc/testing';
import { parseInstallSettings, parseSettings } from '../../src/core/config.js';
import { parseHttpUrl } from '../../src/core/http-url.js';
import {
  AWAY_SCHEMA,
  CHAT_WIDGET_SCHEMA,
  DEFAULT_CHAT_WIDGET,
  DEFAULT_PRIMARY_COLOR,
  GREETING_ITEM,
  LEAD_FIELD_ITEM,
  TEAM_HOURS_ITEM,
  TOP_LEVEL_SCHEMA,
  WELCOME_SCHEMA,
  checkLenient,
  defaultsOf,
  describe as describeValue,
  type FieldSpec,
  type ItemSchema,
} from '../../src/core/settings-schema.js';
import {
  CHAT_WIDGET_CHECKS,
  TOP_LEVEL_CHECKS,
  validateSettingsPatch,
} from '../../demo/server/src/settings-validation.js';
import { mergeSettings } from '../../demo/server/src/settings.js';

/** Per kind: values the server stores, and values of the wrong kind that both refuse. */
const SAMPLES: Record<FieldSpec['kind'], { good: unknown[]; wrongKind: unknown[] }> = {
  boolean: { good: [true, false], wrongKind: ['yes', 1, null, {}] },
  text: { good: ['', 'Help'], wrongKind: [7, true, ['a'], {}] },
  number: { good: [0, 1], wrongKind: ['1', -1, Number.NaN, true] },
  oneOf: { good: [], wrongKind: ['middle', 4, null] },
  color: { good: ['#abc', '#a1b2c3'], wrongKind: ['red; background: url(x)', 5, ''] },
  icon: { good: [0, 2, 'image'], wrongKind: [-1, 1.5, 'logo'] },
  list: { good: [[]], wrongKind: ['a.test', [1], {}] },
};

function goodValues(name: string, spec: FieldSpec): unknown[] {
  if (spec.kind === 'oneOf') return [...spec.values];
  if (spec.kind === 'list') return [[], spec.item === 'domain' ? ['example.com'] : ['image/png']];
  if (spec.kind === 'text' && spec.format === 'httpUrlOrEmpty') return ['', 'https://cdn.example.com/a.png'];
  if (name === 'iconIndex') return SAMPLES.icon.good;
  return SAMPLES[spec.kind].good;
}

function serverAccepts(name: string, value: unknown): boolean {
  return validateSettingsPatch({ chatWidget: { [name]: value } }).ok;
}

describe('settings schema: one table for the widget and the server', () => {
  it('every chatWidget field of the schema is known to both, and nothing else', () => {
    const names = Object.keys(CHAT_WIDGET_SCHEMA).sort();
    expect(Object.keys(CHAT_WIDGET_CHECKS).sort()).to.deep.equal(names);
    expect(Object.keys(parseSettings({}).settings.chatWidget).sort()).to.deep.equal(names);
    expect(Object.keys(TOP_LEVEL_CHECKS).sort()).to.deep.equal(
      [...Object.keys(TOP_LEVEL_SCHEMA), 'chatWidget', 'welcomeMessage', 'awayMessage'].sort(),
    );
  });

  it("the server's defaults are the widget's parsed defaults", () => {
    const server = mergeSettings({});
    const widget = parseSettings({}).settings;
    expect(server.chatWidget).to.deep.equal(widget.chatWidget);
    expect(server.chatWidget).to.deep.equal({ ...DEFAULT_CHAT_WIDGET });
    expect(server.welcomeMessage).to.deep.equal(widget.welcomeMessage);
    expect(server.awayMessage).to.deep.equal(widget.awayMessage);
    for (const name of Object.keys(TOP_LEVEL_SCHEMA) as (keyof typeof TOP_LEVEL_SCHEMA)[]) {
      expect(server[name], name).to.deep.equal(widget[name]);
    }
  });

  it('has one default each: the primary colour (also the CSS fallback) and the notification tone', () => {
    expect(DEFAULT_CHAT_WIDGET.primaryColor).to.equal(DEFAULT_PRIMARY_COLOR);
    expect(DEFAULT_PRIMARY_COLOR).to.equal('#5b5bd6');
    expect(DEFAULT_CHAT_WIDGET.notificationTone).to.equal('default');
  });

  it('what the server stores, the widget takes as it is', () => {
    for (const [name, spec] of Object.entries(CHAT_WIDGET_SCHEMA) as [string, FieldSpec][]) {
      for (const value of goodValues(name, spec)) {
        expect(serverAccepts(name, value), `server: ${name} = ${JSON.stringify(value)}`).to.equal(true);
        const { settings, errors } = parseSettings({ chatWidget: { [name]: value } });
        expect(errors, `widget: ${name} = ${JSON.stringify(value)}`).to.deep.equal([]);
        expect((settings.chatWidget as unknown as Record<string, unknown>)[name]).to.deep.equal(value);
      }
    }
  });

  it('a value of the wrong kind: the server refuses it and the widget falls back on the default', () => {
    for (const [name, spec] of Object.entries(CHAT_WIDGET_SCHEMA) as [string, FieldSpec][]) {
      for (const value of SAMPLES[spec.kind].wrongKind) {
        if (value === null) continue; // null resets a key on the server (a patch), and is refused by the widget
        const label = `${name} = ${describeValue(value)}`;
        const result = validateSettingsPatch({ chatWidget: { [name]: value } });
        expect(result.ok, `server: ${label}`).to.equal(false);
        if (!result.ok) expect(result.errors[0]!.description).to.contain(`chatWidget.${name}`);
        const { settings, errors } = parseSettings({ chatWidget: { [name]: value } });
        expect(errors, `widget: ${label}`).to.have.length(1);
        expect(errors[0]).to.contain(`chatWidget.${name}`);
        expect((settings.chatWidget as unknown as Record<string, unknown>)[name]).to.deep.equal(spec.default);
      }
    }
  });

  it('says in one place where the widget is more lenient: CSS colours, lengths, formats, integers', () => {
    const lenientOnly: Record<string, unknown> = {
      primaryColor: 'rgb(10, 20, 30)',
      secondaryColor: 'rebeccapurple',
      title: 'x'.repeat(201),
      widgetImageLink: 'not a url',
      botMessageDelayInterval: 1.5,
      allowedDomains: ['exa mple.com'],
    };
    for (const [name, value] of Object.entries(lenientOnly)) {
      expect(serverAccepts(name, value), `server refuses ${name}`).to.equal(false);
      expect(parseSettings({ chatWidget: { [name]: value } }).errors, `widget takes ${name}`).to.deep.equal([]);
    }
  });

  it('reads the welcome and away objects from the same rows', () => {
    for (const schema of [WELCOME_SCHEMA, AWAY_SCHEMA]) {
      for (const spec of Object.values(schema) as FieldSpec[]) {
        expect(checkLenient(spec, spec.default).ok).to.equal(true);
      }
    }
    expect(validateSettingsPatch({ welcomeMessage: { enabled: 'yes' } }).ok).to.equal(false);
    const { settings, errors } = parseSettings({ welcomeMessage: { enabled: 'yes', message: 'Hi' } });
    expect(settings.welcomeMessage).to.deep.equal({ enabled: false, message: 'Hi', collectEmail: false });
    expect(errors).to.deep.equal(['welcomeMessage.enabled: expected a boolean, got "yes"; using the default']);
  });

  it('gives fresh lists, so nobody changes the defaults through them', () => {
    const a = defaultsOf<typeof DEFAULT_CHAT_WIDGET>(CHAT_WIDGET_SCHEMA);
    a.allowedAttachmentTypes.push('application/zip');
    expect(DEFAULT_CHAT_WIDGET.allowedAttachmentTypes).to.not.include('application/zip');
    expect(Object.isFrozen(DEFAULT_CHAT_WIDGET)).to.equal(true);
  });
});

describe('settings schema: the items of greetings, lead fields and office hours', () => {
  type ListName = 'chatPopupMessage' | 'leadCollection' | 'officeHours';
  const ITEMS: Record<ListName, ItemSchema> = {
    chatPopupMessage: GREETING_ITEM,
    leadCollection: LEAD_FIELD_ITEM,
    officeHours: TEAM_HOURS_ITEM,
  };
  /** A full item each, and one with only its required fields. */
  const FULL: Record<ListName, Record<string, unknown>> = {
    chatPopupMessage: { message: ['Hi!', 'Need help?'], delay: 500 },
    leadCollection: {
      field: 'plan',
      type: 'select',
      required: true,
      placeholder: 'Pick one',
      options: ['Free', 'Pro'],
    },
    officeHours: {
      teamId: 'sales',
      timezone: 'Europe/Berlin',
      businessHourMap: { '1': '0900-1700', '6': '0000-0000' },
      teamName: 'Sales',
      message: 'Closed',
    },
  };
  const MINIMAL: Record<ListName, Record<string, unknown>> = {
    chatPopupMessage: { message: ['Hi!'] },
    leadCollection: { field: 'email' },
    officeHours: { teamId: 'sales', timezone: 'UTC', businessHourMap: {} },
  };
  /** A value of the wrong kind for each field that is not required. */
  const WRONG: Record<ListName, Record<string, unknown>> = {
    chatPopupMessage: { delay: 'soon' },
    leadCollection: { type: 'weird', required: 'yes', placeholder: 5, options: 'Free' },
    officeHours: { teamName: 5, message: ['x'] },
  };
  const names = Object.keys(ITEMS) as ListName[];

  const server = (name: ListName, item: unknown) => validateSettingsPatch({ [name]: [item] });
  const widget = (name: ListName, item: unknown) => {
    const { settings, errors } = parseSettings({ [name]: [item] });
    return { items: settings[name] as unknown[], errors };
  };

  it('each list of objects reads its items from one table, required fields first', () => {
    for (const name of names) {
      const spec = TOP_LEVEL_SCHEMA[name];
      expect(spec.item, name).to.equal(ITEMS[name]);
      const fields = Object.keys(spec.item.fields);
      expect(fields.slice(0, spec.item.required.length), name).to.deep.equal([...spec.item.required]);
    }
  });

  it('a full item: the server stores it and the widget reads it, the same', () => {
    for (const name of names) {
      const stored = server(name, FULL[name]);
      expect(stored.ok, name).to.equal(true);
      const read = widget(name, FULL[name]);
      expect(read.errors, name).to.deep.equal([]);
      if (!stored.ok) continue;
      expect(read.items, name).to.deep.equal(stored.value[name]);
      expect(read.items, name).to.deep.equal([FULL[name]]);
    }
  });

  it("absent fields take the table's default on both sides; optional ones stay absent", () => {
    for (const name of names) {
      const expected = { ...defaultsOf<Record<string, unknown>>(ITEMS[name].fields), ...MINIMAL[name] };
      const stored = server(name, MINIMAL[name]);
      if (!stored.ok) expect.fail(`${name}: ${JSON.stringify(stored.errors)}`);
      expect(stored.value[name], name).to.deep.equal([expected]);
      expect(widget(name, MINIMAL[name]), name).to.deep.equal({ items: [expected], errors: [] });
    }
    expect(Object.keys(widget('leadCollection', MINIMAL.leadCollection).items[0] as object)).to.deep.equal([
      'field',
      'type',
    ]);
  });

  it('a required field missing or wrong: the server refuses the item, the widget leaves it out with one error', () => {
    for (const name of names) {
      for (const field of ITEMS[name].required) {
        for (const value of [undefined, 7]) {
          const item = { ...MINIMAL[name], [field]: value };
          expect(server(name, item).ok, `server: ${name}.${field} = ${String(value)}`).to.equal(false);
          const read = widget(name, item);
          expect(read.items, `widget: ${name}.${field}`).to.deep.equal([]);
          expect(read.errors, `widget: ${name}.${field}`).to.have.length(1);
          expect(read.errors[0]).to.contain(`${name}[0].${field}`);
        }
      }
    }
  });

  it('another field of the wrong kind: the server refuses it, the widget takes the default with one error', () => {
    for (const name of names) {
      for (const [field, value] of Object.entries(WRONG[name])) {
        const item = { ...MINIMAL[name], [field]: value };
        const stored = server(name, item);
        expect(stored.ok, `server: ${name}.${field}`).to.equal(false);
        if (!stored.ok) expect(stored.errors[0]!.description).to.contain(`${name}[0].${field}`);
        const read = widget(name, item);
        expect(read.errors, `widget: ${name}.${field}`).to.have.length(1);
        expect(read.errors[0]).to.contain(`${name}[0].${field}`);
        expect(read.items).to.deep.equal(widget(name, MINIMAL[name]).items);
      }
    }
  });
});

describe('one http(s) URL rule', () => {
  it('the install server URL and the stored launcher image follow it', () => {
    for (const value of ['https://cdn.example.com/a.png', 'ftp://cdn.example.com/a.png', 'not a url']) {
      const ok = parseHttpUrl(value) !== undefined;
      const install = parseInstallSettings({ appId: 'a', server: value });
      expect(install.ok && install.warnings.length === 0, `install: ${value}`).to.equal(ok);
      expect(validateSettingsPatch({ chatWidget: { widgetImageLink: value } }).ok, `server: ${value}`).to.equal(ok);
    }
  });
});
