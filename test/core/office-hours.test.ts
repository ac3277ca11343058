import { expect } from '@open-wc/testing';
import { evaluateOfficeHours, isWithinOfficeHours, nextBoundary, type TeamHours } from '../../src/core/office-hours.js';

// 2024-01-01 is a Monday (day 1).
const utc = (day: number, h: number, m = 0) => Date.UTC(2024, 0, day, h, m);
const weekdays = (range: string): TeamHours['businessHourMap'] => ({
  '1': range,
  '2': range,
  '3': range,
  '4': range,
  '5': range,
});

describe('core/office-hours', () => {
  describe('isWithinOfficeHours', () => {
    const team: TeamHours = { timezone: 'UTC', businessHourMap: weekdays('0900-1700') };

    it('is open inside the range and closed outside, end exclusive', () => {
      expect(isWithinOfficeHours(team, utc(1, 10))).to.equal(true);
      expect(isWithinOfficeHours(team, utc(1, 9, 0))).to.equal(true);
      expect(isWithinOfficeHours(team, utc(1, 8, 59))).to.equal(false);
      expect(isWithinOfficeHours(team, utc(1, 17, 0))).to.equal(false);
    });

    it('treats a missing day as closed', () => {
      expect(isWithinOfficeHours(team, utc(7, 12))).to.equal(false); // Sunday
    });

    it("evaluates in the team's time zone", () => {
      const india: TeamHours = { timezone: 'Asia/Kolkata', businessHourMap: { '1': '0900-1700' } };
      expect(isWithinOfficeHours(india, utc(1, 4, 0))).to.equal(true); // 09:30 IST
      expect(isWithinOfficeHours(india, utc(1, 3, 29))).to.equal(false); // 08:59 IST
      expect(isWithinOfficeHours(india, utc(1, 12, 0))).to.equal(false); // 17:30 IST
    });

    it('treats equal start and end as open all day', () => {
      const allDay: TeamHours = { timezone: 'UTC', businessHourMap: { '0': '0000-0000', '6': '1200-1200' } };
      expect(isWithinOfficeHours(allDay, utc(7, 0, 0))).to.equal(true);
      expect(isWithinOfficeHours(allDay, utc(7, 23, 59))).to.equal(true);
      expect(isWithinOfficeHours(allDay, utc(6, 3))).to.equal(true); // Saturday
      expect(isWithinOfficeHours(allDay, utc(1, 3))).to.equal(false); // Monday
    });

    it('runs a range that ends before it starts past midnight', () => {
      const night: TeamHours = { timezone: 'UTC', businessHourMap: { '5': '2200-0600' } }; // Friday night
      expect(isWithinOfficeHours(night, utc(5, 23))).to.equal(true);
      expect(isWithinOfficeHours(night, utc(6, 3))).to.equal(true); // Saturday early
      expect(isWithinOfficeHours(night, utc(6, 6))).to.equal(false);
      expect(isWithinOfficeHours(night, utc(5, 21))).to.equal(false);
    });

    it('accepts 2400 as the end of the day', () => {
      const late: TeamHours = { timezone: 'UTC', businessHourMap: { '1': '1800-2400' } };
      expect(isWithinOfficeHours(late, utc(1, 23, 59))).to.equal(true);
      expect(isWithinOfficeHours(late, utc(2, 0, 0))).to.equal(false);
    });

    it('treats malformed entries as closed and reports them', () => {
      const bad = {
        timezone: 'UTC',
        businessHourMap: { '1': '9-5', '2': '2500-2600', '3': 930 },
      } as unknown as TeamHours;
      const result = evaluateOfficeHours(bad, utc(1, 10));
      expect(result.open).to.equal(false);
      expect(result.errors).to.have.length(3);
      expect(result.errors[0]).to.contain('day 1');
      expect(isWithinOfficeHours(bad, utc(2, 10))).to.equal(false);
    });

    it('treats an unknown time zone as closed and reports it', () => {
      const result = evaluateOfficeHours(
        { timezone: 'Mars/Olympus', businessHourMap: weekdays('0000-0000') },
        utc(1, 10),
      );
      expect(result.open).to.equal(false);
      expect(result.errors.join()).to.contain('Mars/Olympus');
    });

    it('never throws on garbage', () => {
      for (const garbage of [
        null,
        undefined,
        42,
        'x',
        [],
        { timezone: 'UTC' },
        { timezone: 'UTC', businessHourMap: 'x' },
      ]) {
        expect(isWithinOfficeHours(garbage as unknown as TeamHours, utc(1, 10))).to.equal(false);
        expect(nextBoundary(garbage as unknown as TeamHours, utc(1, 10))).to.equal(undefined);
      }
      expect(isWithinOfficeHours(team, Number.NaN)).to.equal(false);
    });
  });

  describe('nextBoundary', () => {
    const team: TeamHours = { timezone: 'UTC', businessHourMap: weekdays('0900-1700') };

    it('gives the closing time while open', () => {
      expect(nextBoundary(team, utc(1, 10, 30) + 12345)).to.equal(utc(1, 17));
    });

    it('gives the next opening while closed, skipping closed days', () => {
      expect(nextBoundary(team, utc(1, 18))).to.equal(utc(2, 9));
      expect(nextBoundary(team, utc(5, 18))).to.equal(utc(8, 9)); // Friday evening → Monday
    });

    it('skips days whose state does not change at midnight', () => {
      const allWeek: TeamHours = {
        timezone: 'UTC',
        businessHourMap: { '1': '0000-0000', '2': '0000-0000', '3': '0900-1000' },
      };
      expect(nextBoundary(allWeek, utc(1, 12))).to.equal(utc(3, 0));
    });

    it('is undefined when the state never changes', () => {
      const always: TeamHours = {
        timezone: 'UTC',
        businessHourMap: {
          '0': '0000-0000',
          '1': '0000-0000',
          '2': '0000-0000',
          '3': '0000-0000',
          '4': '0000-0000',
          '5': '0000-0000',
          '6': '0000-0000',
        },
      };
      expect(nextBoundary(always, utc(1, 12))).to.equal(undefined);
      expect(nextBoundary({ timezone: 'UTC', businessHourMap: {} }, utc(1, 12))).to.equal(undefined);
    });

    it('lands exactly on the boundary across a daylight-saving change', () => {
      // New York switches to summer time on Sunday 2024-03-10 at 02:00 local.
      const ny: TeamHours = { timezone: 'America/New_York', businessHourMap: { '0': '0900-1700' } };
      const saturdayNoon = Date.UTC(2024, 2, 9, 17, 0); // 12:00 EST
      const opens = Date.UTC(2024, 2, 10, 13, 0); // 09:00 EDT
      expect(nextBoundary(ny, saturdayNoon)).to.equal(opens);
      expect(isWithinOfficeHours(ny, opens)).to.equal(true);
      expect(isWithinOfficeHours(ny, opens - 60000)).to.equal(false);
    });

    it('follows overnight ranges', () => {
      const night: TeamHours = { timezone: 'UTC', businessHourMap: { '5': '2200-0600' } };
      expect(nextBoundary(night, utc(5, 12))).to.equal(utc(5, 22));
      expect(nextBoundary(night, utc(5, 23))).to.equal(utc(6, 6));
    });
  });
});
