import { expect } from '@open-wc/testing';
import { parseSettings } from '../../src/core/config.js';
import {
  GREETING_ITEM,
  LEAD_FIELD_ITEM,
  TEAM_HOURS_ITEM,
  checkLenient,
  copyOf,
  defaultsOf,
} from '../../src/core/settings-schema.js';

describe('core/settings-schema: items of the lists of objects', () => {
  describe('checkLenient for item fields', () => {
    it('reads greeting lines from a string or a list of strings', () => {
      const spec = GREETING_ITEM.fields.message;
      expect(checkLenient(spec, 'Hi')).to.deep.equal({ ok: true, value: ['Hi'] });
      expect(checkLenient(spec, ['a', 'b'])).to.deep.equal({ ok: true, value: ['a', 'b'] });
      for (const bad of [5, ['a', 1], null, {}]) expect(checkLenient(spec, bad).ok, String(bad)).to.equal(false);
    });

    it('refuses an empty name where the table says nonEmpty', () => {
      expect(checkLenient(LEAD_FIELD_ITEM.fields.field, '')).to.deep.equal({
        ok: false,
        expected: 'a non-empty string',
      });
      expect(checkLenient(LEAD_FIELD_ITEM.fields.placeholder, '')).to.deep.equal({ ok: true, value: '' });
    });

    it('keeps only the weekdays of a week of hours; a bad range is left to the office-hours check', () => {
      const week = { '0': '0900-1700', '6': 'nonsense', '7': '0900-1700', mon: '0900-1700', '2': 900 };
      expect(checkLenient(TEAM_HOURS_ITEM.fields.businessHourMap, week)).to.deep.equal({
        ok: true,
        value: { '0': '0900-1700', '6': 'nonsense' },
      });
      expect(checkLenient(TEAM_HOURS_ITEM.fields.businessHourMap, 'always').ok).to.equal(false);
    });

    it('takes any string as a time zone (the office-hours check reports an unknown one)', () => {
      expect(checkLenient(TEAM_HOURS_ITEM.fields.timezone, 'Mars/Olympus').ok).to.equal(true);
      expect(checkLenient(TEAM_HOURS_ITEM.fields.timezone, 1).ok).to.equal(false);
    });
  });

  describe('defaults', () => {
    it('leaves optional fields out and copies lists', () => {
      expect(defaultsOf(LEAD_FIELD_ITEM.fields)).to.deep.equal({ field: '', type: 'text' });
      expect(defaultsOf(GREETING_ITEM.fields)).to.deep.equal({ message: [], delay: 0 });
      const list = ['a'];
      const copy = copyOf(list) as string[];
      expect(copy).to.deep.equal(list);
      expect(copy).to.not.equal(list);
      expect(copyOf(3)).to.equal(3);
    });
  });

  describe('parseSettings reads the items leniently', () => {
    it('leaves out an item that is not an object or lacks a required field, with one error each', () => {
      const { settings, errors } = parseSettings({
        officeHours: [
          'x',
          { timezone: 'UTC', businessHourMap: {} },
          { teamId: 'a', timezone: 'UTC', businessHourMap: { '1': '0900-1700' } },
        ],
      });
      expect(settings.officeHours).to.deep.equal([
        { teamId: 'a', timezone: 'UTC', businessHourMap: { '1': '0900-1700' }, teamName: '', message: '' },
      ]);
      expect(errors).to.have.length(2);
      expect(errors[0]).to.contain('officeHours[0]');
      expect(errors[1]).to.contain('officeHours[1].teamId');
    });

    it('takes the default for another wrong field, or leaves an optional one out', () => {
      const { settings, errors } = parseSettings({
        chatPopupMessage: [{ message: 'Hi', delay: -1 }],
        leadCollection: [{ field: 'email', placeholder: 7 }],
      });
      expect(settings.chatPopupMessage).to.deep.equal([{ message: ['Hi'], delay: 0 }]);
      expect(settings.leadCollection).to.deep.equal([{ field: 'email', type: 'text' }]);
      expect(errors).to.have.length(2);
    });

    it('says so once when a list is not a list', () => {
      const { settings, errors } = parseSettings({ leadCollection: { field: 'email' } });
      expect(settings.leadCollection).to.deep.equal([]);
      expect(errors).to.deep.equal(['leadCollection: expected an array; using the default']);
    });
  });
});
