/**
 * Rules that must hold for every date from 1900 to 2200 and every time zone, checked against
 * arithmetic done independently of the domain code and of luxon, which it is built on (Date.UTC and
 * the platform's Intl calendar).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addPeriod } from "#domain/calendar";
import { countdown } from "#domain/countdown";

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2200, 11, 31) / DAY_MS;

const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Brussels",
  "Europe/Moscow",
  "America/New_York",
  "America/Los_Angeles",
  "America/St_Johns",
  "America/Havana",
  "America/Santiago",
  "America/Sao_Paulo",
  "Asia/Kathmandu",
  "Asia/Kolkata",
  "Asia/Tehran",
  "Asia/Beirut",
  "Asia/Tokyo",
  "Australia/Lord_Howe",
  "Australia/Sydney",
  "Pacific/Apia",
  "Pacific/Kiritimati",
  "Pacific/Chatham",
  "Pacific/Auckland",
  "Pacific/Pago_Pago",
  "Pacific/Honolulu",
  "Africa/Casablanca",
] as const;

/** Days whose local length is not 24 hours, or whose neighbours were skipped, in the zone named. */
const AWKWARD_DAYS: readonly (readonly [string, string])[] = [
  ["America/New_York", "2019-03-10"],
  ["America/New_York", "2019-11-03"],
  ["Europe/London", "2019-03-31"],
  ["Europe/London", "2019-10-27"],
  ["Europe/Brussels", "2019-10-27"],
  ["Australia/Lord_Howe", "2019-04-07"],
  ["Australia/Lord_Howe", "2019-10-06"],
  ["America/St_Johns", "2019-03-10"],
  ["America/St_Johns", "2019-11-03"],
  ["America/Havana", "2019-03-10"],
  ["America/Havana", "2019-11-03"],
  ["America/Santiago", "2019-04-06"],
  ["America/Santiago", "2019-09-08"],
  ["Asia/Beirut", "2019-03-31"],
  ["Asia/Beirut", "2019-10-27"],
  ["Pacific/Apia", "2011-12-29"],
  ["Pacific/Apia", "2011-12-30"],
  ["Pacific/Apia", "2011-12-31"],
  ["Pacific/Apia", "2021-04-04"],
  ["Pacific/Kiritimati", "1994-12-30"],
  ["Pacific/Kiritimati", "1994-12-31"],
  ["Pacific/Kiritimati", "1995-01-01"],
  ["Asia/Kathmandu", "1986-01-01"],
  ["Europe/Moscow", "2011-03-27"],
  ["Europe/Moscow", "2014-10-26"],
  ["Pacific/Chatham", "2019-04-07"],
  ["Africa/Casablanca", "2019-05-05"],
  ["Africa/Casablanca", "2019-06-09"],
];

function isoDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function utcDay(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / DAY_MS;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The date on the wall calendar in `zone` at `ms`, by the platform's own time zone data. */
function localDate(ms: number, zone: string): string {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The first millisecond whose wall-calendar date in `zone` is `day` or later, found by bisection on the
 * platform's time zone data alone (every zone's offset lies within a day of UTC).
 */
function firstMomentOnOrAfter(day: string, zone: string): number {
  let low = (utcDay(day) - 1) * DAY_MS;
  let high = (utcDay(day) + 1) * DAY_MS;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (localDate(middle, zone) >= day) high = middle;
    else low = middle;
  }
  return high;
}

/** An ISO 8601 instant written with a fixed UTC offset of `offsetMinutes`. */
function withOffset(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const wall = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function naiveWeekdays(fromDay: number, toDay: number): number {
  let count = 0;
  for (let day = fromDay + 1; day <= toDay; day += 1) {
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

const civilDay = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
const zone = fc.constantFrom(...ZONES);
const offsetMinutes = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15);

describe("counting days, for every date and zone", () => {
  it("counts the same calendar days as UTC-midnight arithmetic", () => {
    fc.assert(
      fc.property(civilDay, civilDay, zone, (from, to, timeZone) => {
        const count = countdown(isoDay(to), isoDay(from), timeZone);
        expect(count.daysUntil).toBe(to - from);
        expect(count.status).toBe(to > from ? "pending" : to === from ? "today" : "passed");
      }),
      { numRuns: 400 },
    );
  });

  it("reads an instant on the calendar of the zone asked for", () => {
    const instant = fc.integer({ min: FIRST_DAY * DAY_MS, max: LAST_DAY * DAY_MS });
    fc.assert(
      fc.property(instant, civilDay, zone, offsetMinutes, (ms, to, timeZone, offset) => {
        const expectedAsOf = localDate(ms, timeZone);
        const count = countdown(isoDay(to), withOffset(ms, offset), timeZone);
        expect(count.asOf).toBe(expectedAsOf);
        expect(count.daysUntil).toBe(to - utcDay(expectedAsOf));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same count at every moment of one local day, clock changes included", () => {
    const randomDay = fc.tuple(zone, civilDay.map(isoDay));
    const awkwardDay = fc.constantFrom(...AWKWARD_DAYS);
    const fractions = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
      minLength: 3,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.oneof(randomDay, awkwardDay),
        civilDay,
        fractions,
        offsetMinutes,
        ([timeZone, day], to, at, offset) => {
          const startMs = firstMomentOnOrAfter(day, timeZone);
          const endMs = firstMomentOnOrAfter(isoDay(utcDay(day) + 1), timeZone);
          const moments = [
            startMs,
            endMs - 1,
            startMs + 1,
            ...at.map((f) => startMs + Math.floor(f * (endMs - startMs))),
          ];
          const onThatDay = moments.filter((ms) => localDate(ms, timeZone) === day);
          for (const ms of onThatDay) {
            const count = countdown(isoDay(to), withOffset(ms, offset), timeZone);
            expect(count.asOf).toBe(day);
            expect(count.daysUntil).toBe(to - utcDay(day));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("counts weekdays after the start up to and including the deadline, negated afterwards", () => {
    fc.assert(
      fc.property(civilDay, fc.integer({ min: -800, max: 800 }), (from, span) => {
        const to = Math.min(Math.max(from + span, FIRST_DAY), LAST_DAY);
        const { businessDaysUntil } = countdown(isoDay(to), isoDay(from), "UTC");
        expect(businessDaysUntil).toBe(to >= from ? naiveWeekdays(from, to) : -naiveWeekdays(to, from));
      }),
      { numRuns: 300 },
    );
  });

  it("breaks a count into months and days that add back up to the deadline", () => {
    fc.assert(
      fc.property(civilDay, fc.integer({ min: 0, max: 3000 }), (from, span) => {
        const to = Math.min(from + span, LAST_DAY);
        const { months, days } = countdown(isoDay(to), isoDay(from), "UTC").breakdown;
        expect(months).toBeGreaterThanOrEqual(0);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThan(31);
        const back = months === 0 && days === 0 ? isoDay(from) : addPeriod(isoDay(from), { months, days }).date;
        expect(back).toBe(isoDay(to));
      }),
      { numRuns: 300 },
    );
  });
});

describe("adding months, for every date", () => {
  it("lands in the month n months on, on the same day or that month's last day, never spilling over", () => {
    fc.assert(
      fc.property(civilDay, fc.integer({ min: 1, max: 1200 }), (start, months) => {
        const from = new Date(start * DAY_MS);
        const { date, clamped } = addPeriod(isoDay(start), { months });
        const monthIndex = from.getUTCMonth() + months;
        const year = from.getUTCFullYear() + Math.floor(monthIndex / 12);
        const month = monthIndex % 12;
        const monthLength = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const day = Math.min(from.getUTCDate(), monthLength);
        expect(date).toBe(isoDay(Date.UTC(year, month, day) / DAY_MS));
        expect(clamped).toBe(from.getUTCDate() > monthLength);
      }),
      { numRuns: 500 },
    );
  });

  it("treats years as twelve months", () => {
    fc.assert(
      fc.property(civilDay, fc.integer({ min: 1, max: 100 }), (start, years) => {
        expect(addPeriod(isoDay(start), { years })).toEqual(addPeriod(isoDay(start), { months: years * 12 }));
      }),
      { numRuns: 300 },
    );
  });

  it("adds days exactly as UTC-midnight arithmetic does", () => {
    fc.assert(
      fc.property(civilDay, fc.integer({ min: 1, max: 40_000 }), (start, days) => {
        fc.pre(start + days <= LAST_DAY);
        expect(addPeriod(isoDay(start), { days })).toEqual({ date: isoDay(start + days), clamped: false });
      }),
      { numRuns: 300 },
    );
  });
});
