/**
 * Periods in calendar units and how treaties count them.
 *
 * "Six months after notice" lands on the same day of the month six months later; when that month is
 * too short, on its last day (31 August + 6 months = 28 or 29 February). Years count as twelve months.
 */
import {
  civilDateParts,
  dayNumber,
  daysInMonth,
  formatCivilDate,
  formatLongDate,
  fromDayNumber,
  monthName,
  parseCivilDate,
} from "#domain/civil-date";
import { InvalidDateError, InvalidPeriodError } from "#domain/errors";
import type { CivilDateString, Period } from "#domain/types";

const UNITS = ["years", "months", "days"] as const;
type Unit = (typeof UNITS)[number];

const MAX_YEARS = 1000;

/**
 * @returns the period unchanged when every field is a whole number, none negative, at least one positive,
 *   and the whole no longer than 1000 years.
 * @throws InvalidPeriodError naming the field at fault.
 */
export function assertPeriod(p: Period, what = "period"): Period {
  if (typeof p !== "object" || p === null) {
    throw new InvalidPeriodError(`The ${what} must give years, months or days, for example { "months": 6 }.`);
  }
  for (const unit of UNITS) {
    const value: unknown = p[unit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new InvalidPeriodError(
        `The ${what} has ${unit} = ${JSON.stringify(value)}; use whole numbers (write 1.5 years as 1 year and 6 months).`,
      );
    }
    if (value < 0) {
      throw new InvalidPeriodError(
        `The ${what} has ${unit} = ${value}; a period counts forward, so use 0 or more (to count back, pick the earlier date instead).`,
      );
    }
  }
  const years = p.years ?? 0;
  const months = p.months ?? 0;
  const days = p.days ?? 0;
  if (years === 0 && months === 0 && days === 0) {
    throw new InvalidPeriodError(
      `The ${what} is empty; give at least one of years, months or days, for example { "months": 6 }.`,
    );
  }
  if (years + months / 12 + days / 365.2425 > MAX_YEARS) {
    throw new InvalidPeriodError(
      `The ${what} (${describePeriod(p)}) is longer than ${MAX_YEARS} years; check the figures.`,
    );
  }
  return p;
}

export interface PeriodSum {
  date: CivilDateString;
  /** True when the start day does not exist in the target month and the month's last day was used. */
  clamped: boolean;
}

interface MonthLanding {
  year: number;
  month: number;
  day: number;
  clamped: boolean;
}

function addCalendarMonths(date: CivilDateString, p: Period): MonthLanding {
  const start = civilDateParts(date);
  const monthIndex = start.year * 12 + (start.month - 1) + (p.years ?? 0) * 12 + (p.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (year > 9999) {
    throw new InvalidDateError(`${date} + ${describePeriodInFigures(p)} falls after the year 9999.`);
  }
  const length = daysInMonth(year, month);
  return { year, month, day: Math.min(start.day, length), clamped: start.day > length };
}

/**
 * `date + p`: years and months first, as one count of calendar months, landing on the same day of the
 * month or the month's last day when that day does not exist; then days.
 * @throws PartialDateError for a date known only to the month or year; InvalidPeriodError; InvalidDateError past 9999.
 */
export function addPeriod(date: CivilDateString, p: Period): PeriodSum {
  parseCivilDate(date);
  assertPeriod(p);
  const { year, month, day, clamped } = addCalendarMonths(date, p);
  const afterMonths = formatCivilDate({ year, month, day });
  const days = p.days ?? 0;
  return { date: days === 0 ? afterMonths : fromDayNumber(dayNumber(afterMonths) + days), clamped };
}

/** The sentence that says why `date + p` lands on a month's last day, or "" when it did not have to. */
export function clampNote(date: CivilDateString, p: Period): string {
  parseCivilDate(date);
  assertPeriod(p);
  const landing = addCalendarMonths(date, p);
  if (!landing.clamped) return "";
  const start = civilDateParts(date);
  return `${start.day} ${monthName(start.month)} has no counterpart in ${monthName(landing.month)} ${landing.year}, so the count ends on the last day of that month, ${formatLongDate(formatCivilDate(landing))}, as is the convention for periods in calendar months.`;
}

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];

function joinParts(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function describe(p: Period, number: (n: number) => string): string {
  const parts: string[] = [];
  for (const unit of UNITS) {
    const n = p[unit] ?? 0;
    if (n === 0) continue;
    const singular: Record<Unit, string> = { years: "year", months: "month", days: "day" };
    parts.push(`${number(n)} ${n === 1 ? singular[unit] : unit}`);
  }
  return joinParts(parts);
}

/** Words for a rule sentence: "six months", "60 days", "one year and six months" (one to twelve spelled out). */
export function describePeriod(p: Period): string {
  return describe(p, (n) => NUMBER_WORDS[n] ?? String(n));
}

/** Figures for an arithmetic line: "6 months", "1 year and 6 months". */
export function describePeriodInFigures(p: Period): string {
  return describe(p, String);
}
