/**
 * What Intl and luxon know of a locale, for every language's sentences: dates, numbers and country names.
 */
import { DateTime } from "luxon";
import type { CivilDateString, PartialDateString } from "#domain/types";
import type { PartyRef } from "#formats/sentences/phrasebook";

/** A date in a locale through luxon, e.g. `d MMMM yyyy` in `fr` → "2 août 2019". */
export function localDate(date: CivilDateString, locale: string, format: string): string {
  const parsed = DateTime.fromISO(date, { zone: "UTC", locale });
  if (!parsed.isValid) throw new RangeError(`Not a calendar date: ${date}`);
  return parsed.toFormat(format);
}

/** A partial date: the year alone, or month and year in the locale's words. */
export function localPartialDate(
  date: PartialDateString,
  locale: string,
  formats: { day: (d: CivilDateString) => string; month: string },
): string {
  if (/^\d{4}$/.test(date)) return date;
  if (/^\d{4}-\d{2}$/.test(date)) return localDate(`${date}-01`, locale, formats.month);
  return formats.day(date);
}

/** Figures with the locale's grouping, small numbers as words from a table. */
export function localNumber(n: number, locale: string, words: readonly string[]): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number: ${n}`);
  return words[n] ?? new Intl.NumberFormat(locale, { useGrouping: true }).format(n);
}

/** A party's name in a language: the house's own name where it has one, else Intl's, else the one recorded. */
export function localPartyName(party: PartyRef, locale: string, houseName?: string): string {
  return houseName ?? regionName(party.code, locale) ?? recordedName(party);
}

/** A region's name in a language, when the code is one Intl knows. */
function regionName(code: string, locale: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  try {
    const name = new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(code);
    return name === code ? undefined : name;
  } catch {
    return undefined;
  }
}

/** The name the treaty records, without its note: "Canada (Depositary)" → "Canada". */
function recordedName(party: PartyRef): string {
  return (party.name ?? party.code).replace(/\s*\([^)]*\)\s*$/, "").trim() || party.code;
}
