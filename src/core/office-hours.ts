/**
 * Office hours of a team: `{timezone, businessHourMap: {"0".."6": "HHmm-HHmm"}}`, 0 = Sunday, in
 * the team's IANA time zone. Equal start and end = open all day; a missing day = closed; a range
 * whose end is before its start runs past midnight into the next day. Malformed entries count
 * as closed and are reported, never thrown.
 */
import { WEEKDAY_KEYS } from './protocol-enums.js';

export interface TeamHours {
  timezone: string;
  businessHourMap: Partial<Record<string, string>>;
}

export interface OfficeHoursResult {
  open: boolean;
  errors: string[];
}

const MINUTES_PER_DAY = 24 * 60;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** One day's opening, in minutes of the day (an end before the start runs past midnight). */
export interface DayRange {
  start: number;
  end: number;
}

interface ParsedHours {
  formatter: Intl.DateTimeFormat | undefined;
  days: Array<DayRange | undefined>;
  errors: string[];
}

export { WEEKDAY_KEYS };

const HOUR_RANGE = /^(\d{2})(\d{2})-(\d{2})(\d{2})$/;

/**
 * The one rule of an office-hours range, `"HHmm-HHmm"`: hours 00–23 (the end may be 2400),
 * minutes 00–59. Start and end in minutes of the day, or undefined when `value` is not one.
 */
export function parseHourRange(value: string): DayRange | undefined {
  const m = HOUR_RANGE.exec(value);
  if (!m) return undefined;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (m1 > 59 || m2 > 59 || h1 > 23 || h2 > 24 || (h2 === 24 && m2 > 0)) return undefined;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

/** `value` is exactly a `"HHmm-HHmm"` range (the server's strict check). */
export const isHourRange = (value: string): boolean => parseHourRange(value) !== undefined;

/** The widget's lenient reading: spaces around the range and its dash are allowed. */
function parseRange(value: unknown): DayRange | undefined {
  return typeof value === 'string' ? parseHourRange(value.trim().replace(/\s*-\s*/, '-')) : undefined;
}

const formatterCache = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timezone: string): Intl.DateTimeFormat | undefined {
  if (!formatterCache.has(timezone)) formatterCache.set(timezone, makeFormatter(timezone));
  return formatterCache.get(timezone);
}

function makeFormatter(timezone: string): Intl.DateTimeFormat | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return undefined;
  }
}

/** Whether the runtime knows `zone` as an IANA time zone (at most 100 characters; not cached). */
export function isTimeZone(zone: string): boolean {
  return zone.trim() !== '' && zone.length <= 100 && makeFormatter(zone) !== undefined;
}

function parseHours(teamHours: unknown): ParsedHours {
  const errors: string[] = [];
  const days: Array<DayRange | undefined> = [];
  if (typeof teamHours !== 'object' || teamHours === null) {
    return { formatter: undefined, days, errors: ['office hours: expected an object'] };
  }
  const { timezone, businessHourMap } = teamHours as Partial<Record<keyof TeamHours, unknown>>;
  const formatter = typeof timezone === 'string' && timezone !== '' ? formatterFor(timezone) : undefined;
  if (!formatter) errors.push(`office hours: unknown time zone ${JSON.stringify(timezone ?? null)}`);
  const map =
    typeof businessHourMap === 'object' && businessHourMap !== null ? (businessHourMap as Record<string, unknown>) : {};
  if (map !== businessHourMap) errors.push('office hours: businessHourMap must be an object');
  for (const d of WEEKDAY_KEYS) {
    const raw = map[d];
    if (raw === undefined || raw === null || raw === '') {
      days.push(undefined);
      continue;
    }
    const range = parseRange(raw);
    if (!range) errors.push(`office hours: day ${d} has malformed hours ${JSON.stringify(raw)} (expected "HHmm-HHmm")`);
    days.push(range);
  }
  return { formatter, days, errors };
}

/** Weekday (0 = Sunday) and minute of the day at `now` in the formatter's time zone. */
function localTime(formatter: Intl.DateTimeFormat, now: number): { day: number; minute: number } | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter.formatToParts(new Date(now));
  } catch {
    return undefined;
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS.indexOf(get('weekday') as (typeof WEEKDAYS)[number]);
  const hour = Number(get('hour')) % 24;
  const minute = Number(get('minute'));
  if (day < 0 || !Number.isFinite(hour) || !Number.isFinite(minute)) return undefined;
  return { day, minute: hour * 60 + minute };
}

function openAt(hours: ParsedHours, now: number): boolean {
  if (!hours.formatter || !Number.isFinite(now)) return false;
  const t = localTime(hours.formatter, now);
  if (!t) return false;
  const today = hours.days[t.day];
  if (today) {
    if (today.start === today.end) return true;
    if (today.start < today.end && t.minute >= today.start && t.minute < today.end) return true;
    if (today.start > today.end && t.minute >= today.start) return true;
  }
  const yesterday = hours.days[(t.day + 6) % 7];
  return Boolean(yesterday && yesterday.start > yesterday.end && t.minute < yesterday.end);
}

/** Whether the team is open at `now`, with a list of what was wrong with the data. */
export function evaluateOfficeHours(teamHours: TeamHours, now: number): OfficeHoursResult {
  const hours = parseHours(teamHours);
  return { open: openAt(hours, now), errors: hours.errors };
}

/** Whether the team is open at `now` (ms since the epoch). Malformed data counts as closed. */
export function isWithinOfficeHours(teamHours: TeamHours, now: number): boolean {
  return evaluateOfficeHours(teamHours, now).open;
}

/**
 * The first moment after `now` (ms, to the minute) at which the open/closed state changes, or
 * undefined if it never changes within the next eight days (always open, always closed, or bad
 * data). A controller sets one timer for exactly then and asks again.
 */
export function nextBoundary(teamHours: TeamHours, now: number): number | undefined {
  const hours = parseHours(teamHours);
  const formatter = hours.formatter;
  if (!formatter || !Number.isFinite(now)) return undefined;
  const initial = openAt(hours, now);
  const limit = now + 8 * MINUTES_PER_DAY * 60000;
  const candidates = new Set<number>([0]);
  for (const range of hours.days) {
    if (range) candidates.add(range.start).add(range.end % MINUTES_PER_DAY);
  }
  const sorted = [...candidates].sort((a, b) => a - b);

  let before = now;
  let t = now;
  while (t < limit) {
    const local = localTime(formatter, t);
    if (!local) return undefined;
    const next = sorted.find((m) => m > local.minute) ?? MINUTES_PER_DAY + (sorted[0] ?? 0);
    // Jump to the candidate minute, assuming a constant UTC offset; a DST change is corrected by
    // the search below or by the next step.
    const startOfMinute = t - (t % 60000);
    const jump = startOfMinute + (next - local.minute) * 60000;
    before = t;
    t = jump > t ? jump : t + 60000;
    if (openAt(hours, t) !== initial) return firstChange(hours, initial, before, t);
  }
  return undefined;
}

/** Binary search (to the minute) for the first instant in (lo, hi] whose state differs. */
function firstChange(hours: ParsedHours, initial: boolean, lo: number, hi: number): number {
  let a = Math.floor(lo / 60000);
  let b = Math.floor(hi / 60000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (openAt(hours, mid * 60000) === initial) a = mid;
    else b = mid;
  }
  return b * 60000;
}
