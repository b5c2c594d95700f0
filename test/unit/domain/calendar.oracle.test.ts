/**
 * The calendar is built on luxon, so luxon cannot check it. These rules are checked against plain
 * integer arithmetic on day numbers (Hinnant's days_from_civil, written out here) over the whole
 * range treaty-clock accepts, 0001 to 9999, and against dates known from the record.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriod,
  businessDaysBetween,
  clampNote,
  dayNumber,
  daysInMonth,
  formatLongDate,
  formatPartialDate,
  fromDayNumber,
  isCivilDate,
  isoWeekday,
  monthName,
  monthsAndDaysBetween,
  parsePartialDate,
} from "#domain/calendar";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) => (m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Days since 1970-01-01 by integer arithmetic alone. */
function oracleDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** Any existing date from 0001-01-01 to 9999-12-31, as parts. */
const anyDate = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.nat(30) })
  .map(({ year, month, day }) => ({ year, month, day: (day % monthLength(year, month)) + 1 }));

/** Mostly recent dates, where treaties live, with the whole range mixed in. */
const someDate = fc.oneof(
  anyDate,
  fc
    .record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.nat(30) })
    .map(({ year, month, day }) => ({ year, month, day: (day % monthLength(year, month)) + 1 })),
);

describe("the calendar against day-number arithmetic, 0001 to 9999", () => {
  it("numbers every day as integer arithmetic does, and back", () => {
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        const n = oracleDayNumber(year, month, day);
        expect(dayNumber(iso(year, month, day))).toBe(n);
        expect(fromDayNumber(n)).toBe(iso(year, month, day));
      }),
      { numRuns: 2000 },
    );
  });

  it("knows how long every month is, and refuses the days after its end", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const length = monthLength(year, month);
        expect(daysInMonth(year, month)).toBe(length);
        expect(isCivilDate(iso(year, month, length))).toBe(true);
        expect(isCivilDate(iso(year, month, length + 1))).toBe(false);
        expect(() => parsePartialDate(iso(year, month, length + 1))).toThrow(`has ${length} days`);
      }),
      { numRuns: 1000 },
    );
  });

  it("names the weekday from the day number (1970-01-01 was a Thursday)", () => {
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        const n = oracleDayNumber(year, month, day);
        expect(isoWeekday(iso(year, month, day))).toBe(((((n + 3) % 7) + 7) % 7) + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it("adds months as one count of calendar months, on the month's last day when the day is missing, then days", () => {
    const period = fc.record({
      years: fc.integer({ min: 0, max: 40 }),
      months: fc.integer({ min: 0, max: 30 }),
      days: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(someDate, period, (start, p) => {
        fc.pre(p.years + p.months + p.days > 0);
        const index = start.year * 12 + (start.month - 1) + p.years * 12 + p.months;
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        fc.pre(year + 2 <= 9999);
        const length = monthLength(year, month);
        const landing = oracleDayNumber(year, month, Math.min(start.day, length));
        const sum = addPeriod(iso(start.year, start.month, start.day), p);
        expect(dayNumber(sum.date)).toBe(landing + p.days);
        expect(sum.clamped).toBe(start.day > length);
        expect(clampNote(iso(start.year, start.month, start.day), p) === "").toBe(start.day <= length);
      }),
      { numRuns: 2000 },
    );
  });

  it("counts business days as a day-by-day walk does", () => {
    fc.assert(
      fc.property(someDate, fc.integer({ min: -500, max: 500 }), (start, span) => {
        const from = oracleDayNumber(start.year, start.month, start.day);
        fc.pre(from + span >= oracleDayNumber(1, 1, 1) && from + span <= oracleDayNumber(9999, 12, 31));
        let walked = 0;
        for (let n = Math.min(from, from + span) + 1; n <= Math.max(from, from + span); n++) {
          if ((((n + 3) % 7) + 7) % 7 < 5) walked += 1;
        }
        const to = fromDayNumber(from + span);
        expect(businessDaysBetween(iso(start.year, start.month, start.day), to)).toBe(span < 0 ? -walked : walked);
      }),
      { numRuns: 500 },
    );
  });

  it("breaks a span into the most whole months that fit, and the days left over", () => {
    fc.assert(
      fc.property(someDate, fc.integer({ min: 0, max: 3000 }), (start, span) => {
        const from = oracleDayNumber(start.year, start.month, start.day);
        fc.pre(from + span <= oracleDayNumber(9999, 12, 31));
        const { months, days } = monthsAndDaysBetween(
          iso(start.year, start.month, start.day),
          fromDayNumber(from + span),
        );
        const landingOf = (k: number) => {
          const index = start.year * 12 + (start.month - 1) + k;
          const year = Math.floor(index / 12);
          const month = (index % 12) + 1;
          return oracleDayNumber(year, month, Math.min(start.day, monthLength(year, month)));
        };
        expect(landingOf(months) + days).toBe(from + span);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(landingOf(months + 1)).toBeGreaterThan(from + span);
      }),
      { numRuns: 1000 },
    );
  });

  it("writes dates in words with the English month names", () => {
    fc.assert(
      fc.property(anyDate, ({ year, month, day }) => {
        expect(formatLongDate(iso(year, month, day))).toBe(`${day} ${MONTHS[month - 1]} ${year}`);
        expect(formatPartialDate(iso(year, month, day).slice(0, 7))).toBe(`${MONTHS[month - 1]} ${year}`);
        expect(formatPartialDate(iso(year, month, day).slice(0, 4))).toBe(String(year));
        expect(monthName(month)).toBe(MONTHS[month - 1]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("dates known from the record", () => {
  it("puts the INF exit six months after notice, on 2 August 2019, a Friday", () => {
    expect(addPeriod("2019-02-02", { months: 6 })).toEqual({ date: "2019-08-02", clamped: false });
    expect(isoWeekday("2019-08-02")).toBe(5);
    expect(formatLongDate("2019-08-02")).toBe("2 August 2019");
  });

  it("ends six months after 31 August on the last day of February, leap years included", () => {
    expect(addPeriod("2019-08-31", { months: 6 })).toEqual({ date: "2020-02-29", clamped: true });
    expect(addPeriod("2018-08-31", { months: 6 })).toEqual({ date: "2019-02-28", clamped: true });
    expect(addPeriod("2020-02-29", { years: 1 })).toEqual({ date: "2021-02-28", clamped: true });
  });

  it("keeps the Gregorian century rule: 1900 and 2100 are not leap years, 1600 and 2000 are", () => {
    expect([1600, 1900, 2000, 2100].map((year) => daysInMonth(year, 2))).toEqual([29, 28, 29, 28]);
  });

  it("numbers the ends of the range and the epoch", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("0001-01-01")).toBe(-719162);
    expect(dayNumber("9999-12-31")).toBe(2932896);
    expect(() => fromDayNumber(2932897)).toThrow("falls in the year 10000");
    expect(() => fromDayNumber(-719163)).toThrow("falls in the year 0");
  });
});
