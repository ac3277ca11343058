import { expect } from '@open-wc/testing';
import {
  WEEKDAY_KEYS,
  evaluateOfficeHours,
  isHourRange,
  isTimeZone,
  parseHourRange,
} from '../../src/core/office-hours.js';

/** Whether the widget reads `range` without an error (its lenient reading of the same rule). */
const widgetReads = (range: string) =>
  evaluateOfficeHours({ timezone: 'UTC', businessHourMap: { '1': range } }, 0).errors.length === 0;

describe('office hours: the one "HHmm-HHmm" rule', () => {
  it('reads a range into minutes of the day', () => {
    expect(parseHourRange('0900-1730')).to.deep.equal({ start: 540, end: 1050 });
    expect(parseHourRange('2200-0600')).to.deep.equal({ start: 1320, end: 360 });
    expect(parseHourRange('0000-2400')).to.deep.equal({ start: 0, end: 1440 });
    expect(parseHourRange('0000-0000')).to.deep.equal({ start: 0, end: 0 });
  });

  it('refuses hours over 23 (but an end of 2400), minutes over 59 and other shapes', () => {
    for (const bad of ['2400-0100', '2500-2600', '0960-1000', '0900-2401', '0900-2500', '9-17', '0900', '']) {
      expect(parseHourRange(bad), bad).to.equal(undefined);
      expect(isHourRange(bad), bad).to.equal(false);
    }
  });

  it('is strict for the server and lenient about spaces for the widget', () => {
    for (const spaced of [' 0900-1700 ', '0900 - 1700']) {
      expect(isHourRange(spaced), spaced).to.equal(false);
      expect(widgetReads(spaced), spaced).to.equal(true);
    }
    for (const value of ['0900-1700', '0000-2400', '2200-0600', '0960-1000', '2400-0100', '09 00-1700', '0900--1700']) {
      expect(widgetReads(value), value).to.equal(isHourRange(value));
    }
  });

  it('knows the weekday keys of businessHourMap, "0" (Sunday) to "6"', () => {
    expect([...WEEKDAY_KEYS]).to.deep.equal(['0', '1', '2', '3', '4', '5', '6']);
  });
});

describe('office hours: time zones', () => {
  it('accepts the zones the runtime knows', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'Pacific/Auckland', 'America/Argentina/Buenos_Aires']) {
      expect(isTimeZone(zone), zone).to.equal(true);
    }
  });

  it('refuses unknown, empty and overlong zones', () => {
    for (const zone of ['Mars/Olympus', '', '  ', `Europe/${'x'.repeat(100)}`]) {
      expect(isTimeZone(zone), zone).to.equal(false);
    }
  });

  it('agrees with what the widget reports as an unknown zone', () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'Nowhere/Special']) {
      const errors = evaluateOfficeHours({ timezone: zone, businessHourMap: {} }, 0).errors;
      expect(errors.length === 0, zone).to.equal(isTimeZone(zone));
    }
  });
});
