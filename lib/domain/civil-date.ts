/**
 * Civil dates: calendar days with no time of day and no time zone, written `YYYY-MM-DD`.
 *
 * Arithmetic runs on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar),
 * so daylight saving time and the host's time zone can never move a result. Where a real instant
 * meets a real time zone, the platform's own time zone data (Intl) names the date on the wall
 * calendar; no date library is loaded, which keeps every function's cold start lean.
 */
import { InvalidDateError, PartialDateError, UnknownTimeZoneError } from "#domain/errors";
import type { CivilDateString, PartialDateString, Precision } from "#domain/types";

export interface ParsedPartialDate {
  value: PartialDateString;
  precision: Precision;
  year: number;
  month?: number;
  day?: number;
}

export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

const MONTH_NAMES = [
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
] as const;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must carry its own offset: without one it names a different moment in every zone.
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
// The same shape with its parts captured; checked after INSTANT_WITH_OFFSET.
const INSTANT_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const INSTANT_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/i;

export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1];
  if (name === undefined) throw new RangeError(`Month ${month} is not between 1 and 12.`);
  return name;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 0001 to 9999) and says how precisely the date is known.
 * @throws InvalidDateError for any other shape or a day that does not exist.
 */
export function parsePartialDate(s: string): ParsedPartialDate {
  const match = typeof s === "string" ? PARTIAL_DATE.exec(s) : null;
  if (match === null) {
    throw new InvalidDateError(
      `${JSON.stringify(s)} is not a date: write it as YYYY-MM-DD (for example 2019-02-02), or YYYY-MM or YYYY when only the month or year is known.`,
    );
  }
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  if (year < 1) throw new InvalidDateError(`${s} is not a date: years run from 0001 to 9999.`);
  if (monthText === undefined) return { value: s, precision: "year", year };
  const month = Number(monthText);
  if (month < 1 || month > 12) {
    throw new InvalidDateError(`${s} is not a date: the month must be between 01 and 12.`);
  }
  if (dayText === undefined) return { value: s, precision: "month", year, month };
  const day = Number(dayText);
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    throw new InvalidDateError(`${s} is not a date: ${monthName(month)} ${year} has ${length} days.`);
  }
  return { value: s, precision: "day", year, month, day };
}

/**
 * A full date, as deadline arithmetic needs.
 * @param what how the date is named in error messages ("notice date", "deadline").
 * @throws InvalidDateError when the text is not a date; PartialDateError when it is known only to the month or year.
 */
export function parseCivilDate(s: string, what = "date"): CivilDateString {
  let parsed: ParsedPartialDate;
  try {
    parsed = parsePartialDate(s);
  } catch (error) {
    if (error instanceof InvalidDateError && what !== "date") {
      throw new InvalidDateError(`The ${what} ${error.message}`);
    }
    throw error;
  }
  if (parsed.precision !== "day") {
    throw new PartialDateError(
      `The ${what} ${s} is known only to the ${parsed.precision}; a deadline needs a full date (YYYY-MM-DD).`,
    );
  }
  return parsed.value;
}

/** True when `s` is a full, existing `YYYY-MM-DD` date. */
export function isCivilDate(s: string): boolean {
  if (!CIVIL_DATE.test(s)) return false;
  try {
    parsePartialDate(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Timeline order: a date known only to the year sorts before the months of that year, and a month
 * before its days (1991 < 1991-05 < 1991-05-01 < 1991-06). Plain string order already does this for
 * four-digit years; the function names the intent.
 */
export function compareTimelineDates(a: PartialDateString, b: PartialDateString): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

// Checking a zone builds an Intl formatter, which costs more than the rest of a countdown; the answer never changes.
const knownZones = new Set<string>();

/**
 * @returns the zone unchanged when it is in the IANA time zone database ("UTC" included).
 * @throws UnknownTimeZoneError otherwise. Fixed offsets such as "+02:00" are refused: they know nothing of daylight saving.
 */
export function assertTimeZone(zone: string): string {
  if (typeof zone === "string" && knownZones.has(zone)) return zone;
  if (typeof zone === "string" && zone !== "" && !/^[+-]/.test(zone) && isIanaZone(zone)) {
    // Bounded: Intl also accepts every upper/lower-case spelling of a name.
    if (knownZones.size < 1000) knownZones.add(zone);
    return zone;
  }
  throw new UnknownTimeZoneError(
    `Unknown time zone ${JSON.stringify(zone)}: use an IANA name such as Europe/Brussels or America/New_York.`,
  );
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone }).format();
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;
const calendars = new Map<string, Intl.DateTimeFormat>();

/** The date on the wall calendar in `zone` (already checked) at `epochMs`, by the platform's time zone data. */
function civilDateInZone(epochMs: number, zone: string): CivilDateString {
  let calendar = calendars.get(zone);
  if (calendar === undefined) {
    calendar = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      calendar: "gregory",
      numberingSystem: "latn",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    if (calendars.size < 1000) calendars.set(zone, calendar);
  }
  const parts: Record<string, string> = {};
  for (const part of calendar.formatToParts(epochMs)) parts[part.type] = part.value;
  const year = parts.era === "BC" ? 1 - Number(parts.year) : Number(parts.year);
  if (year < 1 || year > 9999) {
    throw new InvalidDateError(`That moment falls in the year ${year}; treaty-clock handles years 0001 to 9999.`);
  }
  return formatCivilDate({ year, month: Number(parts.month), day: Number(parts.day) });
}

/**
 * Milliseconds since 1970-01-01T00:00Z of an ISO 8601 instant with an offset, checked field by field
 * (24:00 is the end of its day, as ISO 8601 has it).
 */
function instantMs(asOf: string): number {
  const match = INSTANT_PARTS.exec(asOf);
  if (match === null) throw new InvalidDateError(`${asOf} is not a moment in time.`);
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const wrong = (what: string) => new InvalidDateError(`${asOf} is not a moment in time: ${what}.`);
  let day: CivilDateString;
  try {
    day = parseCivilDate(`${y}-${mo}-${d}`);
  } catch (error) {
    if (error instanceof InvalidDateError) throw wrong(error.message.replace(/^.*? is not a date: /, ""));
    throw error;
  }
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if (hour > 23 && !endOfDay) throw wrong("the hour must be between 00 and 23");
  if (minute > 59) throw wrong("the minutes must be between 00 and 59");
  if (second > 59) throw wrong("the seconds must be between 00 and 59");
  const offsetH = Number(offsetHours ?? 0);
  const offsetM = Number(offsetMinutes ?? 0);
  if (zulu === undefined && (offsetH > 23 || offsetM > 59)) throw wrong("the UTC offset must be at most ±23:59");
  const offset = (sign === "-" ? -1 : 1) * (offsetH * 60 + offsetM);
  return dayNumber(day) * DAY_MS + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millisecond;
}

/**
 * The civil date an "as of" value names in `zone`.
 * @param asOf a civil date `YYYY-MM-DD` (taken as it is) or an ISO 8601 instant with an offset or `Z`
 *   (`2019-07-04T23:30:00-04:00`), which is converted to the date on the calendar in `zone`.
 * @throws InvalidDateError for an instant without an offset or any other unreadable value; UnknownTimeZoneError.
 */
export function civilDateAt(asOf: string, zone: string): CivilDateString {
  assertTimeZone(zone);
  if (typeof asOf === "string" && CIVIL_DATE.test(asOf)) return parseCivilDate(asOf);
  if (typeof asOf === "string" && INSTANT_WITH_OFFSET.test(asOf)) {
    return civilDateInZone(instantMs(asOf), zone);
  }
  if (typeof asOf === "string" && INSTANT_WITHOUT_OFFSET.test(asOf)) {
    throw new InvalidDateError(
      `${asOf} has no UTC offset, so it could be any of 26 hours around the world: add one, as in ${asOf.replace(" ", "T")}Z or ${asOf.replace(" ", "T")}-04:00, or give just the date (YYYY-MM-DD).`,
    );
  }
  throw new InvalidDateError(
    `${JSON.stringify(asOf)} is neither a date (YYYY-MM-DD) nor a moment with an offset (such as 2019-07-04T23:30:00-04:00).`,
  );
}

/** Today's date on the calendar in `zone` at the instant `now`. */
export function todayIn(zone: string, now: Date): CivilDateString {
  assertTimeZone(zone);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new InvalidDateError("The current time is not a valid moment.");
  }
  return civilDateInZone(now.getTime(), zone);
}

export function civilDateParts(d: CivilDateString): CivilDateParts {
  const parsed = parsePartialDate(parseCivilDate(d));
  return { year: parsed.year, month: parsed.month ?? 1, day: parsed.day ?? 1 };
}

export function formatCivilDate({ year, month, day }: CivilDateParts): CivilDateString {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days since 1970-01-01 (negative before). Hinnant's days_from_civil, exact for every proleptic Gregorian date. */
export function dayNumber(d: CivilDateString): number {
  const { year, month, day } = civilDateParts(d);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of dayNumber. */
export function fromDayNumber(n: number): CivilDateString {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) {
    throw new InvalidDateError(`The result falls in the year ${year}; treaty-clock handles years 0001 to 9999.`);
  }
  return formatCivilDate({ year, month, day });
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(d: CivilDateString): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(d) + 3) % 7) + 7) % 7) + 1;
}

/** Whole calendar days from `from` to `to`: 1 from one day to the next, negative when `to` is earlier. */
export function daysBetween(from: CivilDateString, to: CivilDateString): number {
  return dayNumber(to) - dayNumber(from);
}

/** "2 February 2019". */
export function formatLongDate(d: CivilDateString): string {
  const { year, month, day } = civilDateParts(d);
  return `${day} ${monthName(month)} ${year}`;
}

/** "1991", "May 1991" or "2 February 2019", as precisely as the date is known. */
export function formatPartialDate(d: PartialDateString): string {
  const { year, month, day } = parsePartialDate(d);
  if (month === undefined) return String(year);
  if (day === undefined) return `${monthName(month)} ${year}`;
  return `${day} ${monthName(month)} ${year}`;
}
