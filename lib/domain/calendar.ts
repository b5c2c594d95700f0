/**
 * The calendar: civil dates, instants with offsets, time zones, periods and the words that explain them.
 *
 * Civil dates are calendar days with no time of day and no time zone, written `YYYY-MM-DD` (or `YYYY`,
 * `YYYY-MM` when only the year or month is known). luxon does the calendar's work: it knows how long
 * each month is, adds years, months and days (landing on a month's last day when the day does not
 * exist there), places an instant on the wall calendar of an IANA time zone, and names the months.
 * Every civil date is handled as midnight UTC, so daylight saving and the host's zone never move a
 * result. What luxon does not know lives here on top of it: partial dates, business days, the span
 * "2 months and 3 days", the 0001-9999 range, and messages written for the reporter who must fix a date.
 */
import { DateTime, FixedOffsetZone, IANAZone } from "luxon";
import { InvalidDateError, InvalidPeriodError, PartialDateError, UnknownTimeZoneError } from "#domain/errors";
import type { CivilDateString, PartialDateString, Period, Precision } from "#domain/types";

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

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
/**
 * The time of an instant and its offset: minutes required, seconds and up to nine fraction digits
 * optional, and an offset `Z`, `±hh:mm`, `±hhmm` or `±hh`. Without an offset an instant names a
 * different moment in every zone.
 */
const TIME_WITH_OFFSET = String.raw`T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)`;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
/** `YYYY-MM-DD`. */
export const CIVIL_DATE_PATTERN = new RegExp(`^${DATE}$`);
/** An ISO 8601 instant that carries its own offset. */
export const INSTANT_WITH_OFFSET_PATTERN = new RegExp(`^${DATE}${TIME_WITH_OFFSET}$`);
/** What an "as of" may be: a civil date, or an instant with an offset. */
export const AS_OF_PATTERN = new RegExp(`^${DATE}(?:${TIME_WITH_OFFSET})?$`);
const INSTANT_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/i;

const DAY_MS = 86_400_000;
const ENGLISH = { locale: "en-US" } as const;
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/** Midnight UTC of a civil date that is known to exist. */
const utcDay = ({ year, month, day }: CivilDateParts): DateTime => DateTime.utc(year, month, day);

/** The civil date of a luxon date, refused outside 0001-9999. */
function civilDateOf(date: DateTime, outOfRange: (year: number) => string): CivilDateString {
  if (!date.isValid || date.year < FIRST_YEAR || date.year > LAST_YEAR) {
    throw new InvalidDateError(outOfRange(date.isValid ? date.year : Number.NaN));
  }
  return formatCivilDate({ year: date.year, month: date.month, day: date.day });
}

const resultOutOfRange = (year: number) =>
  `The result falls in the year ${year}; treaty-clock handles years 0001 to 9999.`;

/** "January" ... "December". */
export function monthName(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Month ${month} is not between 1 and 12.`);
  }
  return DateTime.utc(2000, month, 1).toFormat("MMMM", ENGLISH);
}

export function isLeapYear(year: number): boolean {
  return DateTime.utc(year).isInLeapYear;
}

export function daysInMonth(year: number, month: number): number {
  return DateTime.utc(year, month).daysInMonth ?? Number.NaN;
}

/**
 * Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (years 0001 to 9999) and says how precisely the date is known.
 * @throws InvalidDateError for any other shape or a day that does not exist.
 */
export function parsePartialDate(s: string): ParsedPartialDate {
  if (typeof s !== "string" || !PARTIAL_DATE_PATTERN.test(s)) {
    throw new InvalidDateError(
      `${JSON.stringify(s)} is not a date: write it as YYYY-MM-DD (for example 2019-02-02), or YYYY-MM or YYYY when only the month or year is known.`,
    );
  }
  const [yearText, monthText, dayText] = s.split("-");
  const year = Number(yearText);
  if (year < FIRST_YEAR) throw new InvalidDateError(`${s} is not a date: years run from 0001 to 9999.`);
  if (monthText === undefined) return { value: s, precision: "year", year };
  const month = Number(monthText);
  if (month < 1 || month > 12) {
    throw new InvalidDateError(`${s} is not a date: the month must be between 01 and 12.`);
  }
  if (dayText === undefined) return { value: s, precision: "month", year, month };
  const day = Number(dayText);
  if (!DateTime.utc(year, month, day).isValid) {
    throw new InvalidDateError(`${s} is not a date: ${monthName(month)} ${year} has ${daysInMonth(year, month)} days.`);
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
  if (!CIVIL_DATE_PATTERN.test(s)) return false;
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

/** The first day a date covers: `1991` is 1991-01-01, `1991-05` is 1991-05-01. */
export function firstDayOf(d: PartialDateString): CivilDateString {
  const { year, month = 1, day = 1 } = parsePartialDate(d);
  return formatCivilDate({ year, month, day });
}

/** "on 2 February 2019", "in May 1991", "in 1991": a date of any precision inside a sentence. */
export function onDate(d: PartialDateString): string {
  return `${parsePartialDate(d).precision === "day" ? "on" : "in"} ${formatPartialDate(d)}`;
}

/** The last day a partial date covers: 2021-03 → 2021-03-31, 1991 → 1991-12-31. */
export function lastDayOf(d: PartialDateString): CivilDateString {
  const { year, month, day } = parsePartialDate(d);
  if (day !== undefined) return d;
  const m = month ?? 12;
  return formatCivilDate({ year, month: m, day: daysInMonth(year, m) });
}

// Intl also accepts every upper/lower-case spelling of a zone name; the set of names seen is bounded.
const knownZones = new Set<string>();

/**
 * @returns the zone unchanged when it is in the IANA time zone database ("UTC" included).
 * @throws UnknownTimeZoneError otherwise. Fixed offsets such as "+02:00" are refused: they know nothing of daylight saving.
 */
export function assertTimeZone(zone: string): string {
  if (typeof zone === "string" && knownZones.has(zone)) return zone;
  if (typeof zone === "string" && zone !== "" && !/^[+-]/.test(zone) && IANAZone.isValidZone(zone)) {
    if (knownZones.size < 1000) knownZones.add(zone);
    return zone;
  }
  throw new UnknownTimeZoneError(
    `Unknown time zone ${JSON.stringify(zone)}: use an IANA name such as Europe/Brussels or America/New_York.`,
  );
}

/**
 * The zone's name as the IANA database spells it: `america/new_york` → `America/New_York`. Zone names are
 * matched without regard to case, so a reader's spelling is accepted and the database's is echoed.
 * @throws UnknownTimeZoneError as `assertTimeZone`.
 */
export function canonicalTimeZone(zone: string): string {
  const known = assertTimeZone(zone);
  return new Intl.DateTimeFormat("en-US", { timeZone: known }).resolvedOptions().timeZone;
}

/** The date on the wall calendar in `zone` (already checked) at `moment`. */
function civilDateInZone(moment: DateTime, zone: string): CivilDateString {
  return civilDateOf(
    moment.setZone(zone),
    (year) => `That moment falls in the year ${year}; treaty-clock handles years 0001 to 9999.`,
  );
}

/**
 * An ISO 8601 instant with an offset, checked field by field so the message names the field at fault
 * (24:00 is the end of its day, as ISO 8601 has it).
 * @throws InvalidDateError.
 */
export function parseInstant(value: string): Date {
  return instantOf(value).toJSDate();
}

function instantOf(asOf: string): DateTime {
  if (typeof asOf !== "string" || !INSTANT_WITH_OFFSET_PATTERN.test(asOf)) {
    throw new InvalidDateError(`${asOf} is not a moment in time.`);
  }
  // The pattern fixed the shape; take the fields apart by position: date, time, offset.
  const date = asOf.slice(0, 10);
  const rest = asOf.slice(11);
  const offsetAt = rest.search(/[Z+-]/);
  const [h, mi, secondText] = rest.slice(0, offsetAt).split(":");
  const [s, fraction] = secondText === undefined ? [] : secondText.split(".");
  const offsetText = rest.slice(offsetAt);
  const zulu = offsetText === "Z" ? offsetText : undefined;
  const sign = offsetText[0];
  const offsetHours = zulu ? undefined : offsetText.slice(1, 3);
  const offsetMinutes = zulu ? undefined : offsetText.slice(3).replace(":", "") || undefined;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  const millisecond = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const wrong = (what: string) => new InvalidDateError(`${asOf} is not a moment in time: ${what}.`);
  let day: CivilDateParts;
  try {
    day = civilDateParts(parseCivilDate(date));
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
  const local = DateTime.fromObject(
    { ...day, hour: endOfDay ? 0 : hour, minute, second, millisecond },
    { zone: FixedOffsetZone.instance(offset) },
  );
  return endOfDay ? local.plus({ days: 1 }) : local;
}

/**
 * The civil date an "as of" value names in `zone`.
 * @param asOf a civil date `YYYY-MM-DD` (taken as it is) or an ISO 8601 instant with an offset or `Z`
 *   (`2019-07-04T23:30:00-04:00`), which is converted to the date on the calendar in `zone`.
 * @throws InvalidDateError for an instant without an offset or any other unreadable value; UnknownTimeZoneError.
 */
export function civilDateAt(asOf: string, zone: string): CivilDateString {
  assertTimeZone(zone);
  if (typeof asOf === "string" && CIVIL_DATE_PATTERN.test(asOf)) return parseCivilDate(asOf);
  if (typeof asOf === "string" && INSTANT_WITH_OFFSET_PATTERN.test(asOf)) {
    return civilDateInZone(instantOf(asOf), zone);
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
  return civilDateInZone(DateTime.fromMillis(now.getTime(), { zone: "utc" }), zone);
}

/**
 * The instant the day after today begins in `zone`: its first moment, even where clocks skip 00:00.
 * Answers that count from today are true until then.
 */
export function startOfNextDay(zone: string, now: Date): Date {
  assertTimeZone(zone);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new InvalidDateError("The current time is not a valid moment.");
  }
  // Built from tomorrow's date, not today's start plus a day: where a clock change skips 00:00, a day
  // starts at 01:00, and a day later is 01:00 again, an hour into the next day.
  const today = DateTime.fromMillis(now.getTime(), { zone });
  const { year, month, day } = today.plus({ days: 1 });
  const start = DateTime.fromObject({ year, month, day }, { zone });
  // Where clocks fall back across midnight, 00:00 comes twice; the day begins at the first.
  const wallClock = DateTime.fromObject({ year, month, day }, { zone: "utc" }).toMillis();
  const firstMidnight = [start.minus({ hours: 3 }).offset, today.offset]
    .map((offset) => wallClock - offset * 60_000)
    .filter((ms) => ms > now.getTime() && ms < start.toMillis())
    .filter((ms) => {
      const moment = DateTime.fromMillis(ms, { zone });
      return moment.day === day && moment.hour === 0 && moment.minute === 0;
    });
  return new Date(Math.min(start.toMillis(), ...firstMidnight));
}

export function civilDateParts(d: CivilDateString): CivilDateParts {
  const parsed = parsePartialDate(parseCivilDate(d));
  return { year: parsed.year, month: parsed.month ?? 1, day: parsed.day ?? 1 };
}

export function formatCivilDate({ year, month, day }: CivilDateParts): CivilDateString {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Midnight UTC at the start of a full date (how iCalendar writers take an all-day date). */
export function utcMidnight(d: CivilDateString): Date {
  return utcDay(civilDateParts(d)).toJSDate();
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(d: CivilDateString): number {
  return Math.round(utcDay(civilDateParts(d)).toMillis() / DAY_MS);
}

/** Inverse of dayNumber. */
export function fromDayNumber(n: number): CivilDateString {
  return civilDateOf(DateTime.fromMillis(n * DAY_MS, { zone: "utc" }), resultOutOfRange);
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(d: CivilDateString): number {
  return utcDay(civilDateParts(d)).weekday;
}

/** Whole calendar days from `from` to `to`: 1 from one day to the next, negative when `to` is earlier. */
export function daysBetween(from: CivilDateString, to: CivilDateString): number {
  return dayNumber(to) - dayNumber(from);
}

/** Business days (Monday to Friday) after `from` up to and including `to`; negative when `to` is earlier. */
export function businessDaysBetween(from: CivilDateString, to: CivilDateString): number {
  const span = daysBetween(from, to);
  if (span < 0) return -businessDaysBetween(to, from);
  const fullWeeks = Math.floor(span / 7);
  let count = fullWeeks * 5;
  let weekday = isoWeekday(from);
  for (let i = 0; i < span - fullWeeks * 7; i += 1) {
    weekday = (weekday % 7) + 1;
    if (weekday <= 5) count += 1;
  }
  return count;
}

/**
 * Whole calendar months from `earlier` to `later` (not before it), then the days left over: the most
 * months that do not pass `later` (month ends clamped), as a calendar reads "2 months and 3 days".
 */
export function monthsAndDaysBetween(
  earlier: CivilDateString,
  later: CivilDateString,
): { months: number; days: number } {
  const from = civilDateParts(earlier);
  const to = civilDateParts(later);
  const start = utcDay(from);
  const monthsAfter = (months: number) => civilDateOf(start.plus({ months }), resultOutOfRange);
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  while (months > 0 && monthsAfter(months) > later) months -= 1;
  return { months, days: daysBetween(monthsAfter(months), later) };
}

/** "2 February 2019". */
export function formatLongDate(d: CivilDateString): string {
  return utcDay(civilDateParts(d)).toFormat("d MMMM y", ENGLISH);
}

/** "1991", "May 1991" or "2 February 2019", as precisely as the date is known. */
export function formatPartialDate(d: PartialDateString): string {
  const { year, month, day } = parsePartialDate(d);
  if (month === undefined) return String(year);
  if (day === undefined) return DateTime.utc(year, month).toFormat("MMMM y", ENGLISH);
  return formatLongDate(formatCivilDate({ year, month, day }));
}

// Periods in calendar units and how treaties count them.
//
// "Six months after notice" lands on the same day of the month six months later; when that month is
// too short, on its last day (31 August + 6 months = 28 or 29 February). Years count as twelve months.

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
  landing: DateTime;
  clamped: boolean;
}

/** Years and months as one count of calendar months, by luxon, which takes a missing day to the month's last. */
function addCalendarMonths(date: CivilDateString, p: Period): MonthLanding {
  const start = civilDateParts(date);
  const landing = utcDay(start).plus({ years: p.years ?? 0, months: p.months ?? 0 });
  if (landing.year > LAST_YEAR) {
    throw new InvalidDateError(`${date} + ${describePeriodInFigures(p)} falls after the year 9999.`);
  }
  return { landing, clamped: landing.day !== start.day };
}

/**
 * `date + p`: years and months first, as one count of calendar months, landing on the same day of the
 * month or the month's last day when that day does not exist; then days.
 * @throws PartialDateError for a date known only to the month or year; InvalidPeriodError; InvalidDateError past 9999.
 */
export function addPeriod(date: CivilDateString, p: Period): PeriodSum {
  parseCivilDate(date);
  assertPeriod(p);
  const { landing, clamped } = addCalendarMonths(date, p);
  return { date: civilDateOf(landing.plus({ days: p.days ?? 0 }), resultOutOfRange), clamped };
}

/**
 * `date - p` in calendar months (clamped to the month's last day), then days: the latest day from which `p`
 * still reaches `date` ("at least six months before 1 April 2019" is on or before 1 October 2018).
 */
export function subtractPeriod(date: CivilDateString, p: Period): CivilDateString {
  parseCivilDate(date);
  assertPeriod(p);
  const landing = utcDay(civilDateParts(date)).minus({ years: p.years ?? 0, months: p.months ?? 0 });
  return civilDateOf(landing.minus({ days: p.days ?? 0 }), resultOutOfRange);
}

/** The first day of the month after the one `date` falls in. */
export function firstOfNextMonth(date: CivilDateString): CivilDateString {
  return civilDateOf(
    utcDay(civilDateParts(parseCivilDate(date)))
      .startOf("month")
      .plus({ months: 1 }),
    resultOutOfRange,
  );
}

/** The day before `date`. */
export function dayBefore(date: CivilDateString): CivilDateString {
  return fromDayNumber(dayNumber(parseCivilDate(date)) - 1);
}

/** The sentence that says why `date + p` lands on a month's last day, or "" when it did not have to. */
export function clampNote(date: CivilDateString, p: Period): string {
  parseCivilDate(date);
  assertPeriod(p);
  const { landing, clamped } = addCalendarMonths(date, p);
  if (!clamped) return "";
  const start = civilDateParts(date);
  return `${start.day} ${monthName(start.month)} has no counterpart in ${landing.toFormat("MMMM y", ENGLISH)}, so the count ends on the last day of that month, ${landing.toFormat("d MMMM y", ENGLISH)}, as is the convention for periods in calendar months.`;
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
