/**
 * Just enough calendar reading for the output formats. The domain's civil-date module is the
 * authority on date arithmetic; formats only need to take a date string apart and compare two.
 */
import type { PartialDateString, Precision } from "#domain/types";

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; throws a RangeError for anything else. */
export function parsePartialDate(value: PartialDateString): DateParts {
  const match = PARTIAL_DATE.exec(value);
  if (!match) throw new RangeError(`Not a YYYY, YYYY-MM or YYYY-MM-DD date: "${value}"`);
  const year = Number(match[1]);
  if (match[2] === undefined) return { year, precision: "year" };
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new RangeError(`No month ${month} in "${value}"`);
  if (match[3] === undefined) return { year, month, precision: "month" };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new RangeError(`No day ${day} in "${value}"`);
  return { year, month, day, precision: "day" };
}

/** Reads a full `YYYY-MM-DD` date; throws a RangeError for a partial or malformed one. */
export function parseCivilDate(value: string): Required<Omit<DateParts, "precision">> {
  const parts = parsePartialDate(value);
  if (parts.month === undefined || parts.day === undefined) {
    throw new RangeError(`Not a full YYYY-MM-DD date: "${value}"`);
  }
  return { year: parts.year, month: parts.month, day: parts.day };
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month + 1, 0).getUTCDate();
}

// Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** Days since 1970-01-01 of the first day the (partial) date covers, for ordering and distance. */
export function dayNumber(value: PartialDateString): number {
  const { year, month = 1, day = 1 } = parsePartialDate(value);
  return utcDate(year, month, day).getTime() / 86_400_000;
}

/** Midnight UTC at the start of a full date, the form ical-generator writes as a DATE value. */
export function utcMidnight(value: string): Date {
  const { year, month, day } = parseCivilDate(value);
  return utcDate(year, month, day);
}

/** Sorts by the first day each date covers, a year before its months; stable for equal dates. */
export function compareDates(a: PartialDateString, b: PartialDateString): number {
  return dayNumber(a) - dayNumber(b) || a.length - b.length;
}
