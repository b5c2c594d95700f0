/**
 * What every language's sentence module provides. Each language keeps its words in one module (lib/formats/
 * sentences/<lang>.ts) as tables: treaty names with their grammar, party names where news style differs from
 * Intl.DisplayNames, and one function per kind of sentence. Nothing here knows a language.
 */
import { DateTime } from "luxon";
import type { CivilDateString, DeadlineKind, PartialDateString } from "#domain/types";

export interface TreatyRef {
  id: string;
  shortName: string;
  nameTakesArticle?: boolean;
}

/** A party as the treaty records it: its code and (English) name. */
export interface PartyRef {
  code: string;
  name?: string;
}

export interface ExitWords {
  kind: DeadlineKind;
  date: CivilDateString;
  /** Calendar days from the as-of date: 0 on the day, negative after. */
  daysUntil: number;
  /** Every party whose exit falls on `date`, in order; empty for a term. */
  parties: readonly PartyRef[];
  /** Withdrawals pending in all, these included; 0 when not counted. */
  pendingWithdrawals: number;
}

export interface EndWords {
  date: CivilDateString;
  reason: "withdrawal" | "term_expiry" | "terminated" | "expired";
  party?: PartyRef;
}

export interface WhatIfWords {
  noticeOn: CivilDateString;
  date: CivilDateString;
  daysUntil: number;
  party?: PartyRef;
  /** When the treaty already ended on the as-of date: the sentence then says it is no longer in force. */
  endedOn?: CivilDateString;
}

/** The fixed words of the embed page around the sentence. */
export interface EmbedWords {
  /** The page title after the treaty's name: "timeline and countdown". */
  title: string;
  /** "Signed Aug. 2, 2019; in force June 1, 1988." */
  dates(signed: CivilDateString, inForce?: CivilDateString): string;
  /** The words before the as-of date: "As of". */
  asOf: string;
  timeline: string;
  noEvents: string;
}

export interface Phrasebook {
  /** BCP 47 tag of the text, for `lang` attributes and calendar metadata. */
  tag: string;
  date(date: CivilDateString): string;
  partialDate(date: PartialDateString): string;
  exit(treaty: TreatyRef, exit: ExitWords): string;
  none(treaty: TreatyRef): string;
  ended(treaty: TreatyRef, end: EndWords): string;
  whatIf(treaty: TreatyRef, whatIf: WhatIfWords): string;
  /** A calendar entry's summary: "INF Treaty: U.S. withdrawal takes effect". */
  summary(treaty: TreatyRef, kind: DeadlineKind, party?: PartyRef): string;
  /** A reminder's time words: "today", "tomorrow", "in 7 days". */
  inDays(days: number): string;
  embed: EmbedWords;
}

/** "A, B and C" with the language's conjunction; no serial comma (AP, AFP, dpa and EFE all leave it out). */
export function joinList(items: readonly string[], and: (next: string) => string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and(items.at(-1) ?? "")} ${items.at(-1)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words made a sentence: capitalised, with a full stop. */
export function sentence(text: string): string {
  return `${capitalise(text)}.`;
}

/**
 * The words after an exit on the withdrawals pending beside it ("the first of five pending withdrawals"): only
 * before the exit, and only when more are pending than it names; otherwise nothing.
 */
export function pendingAfter(exit: ExitWords, words: (shown: number, pending: number) => string): string {
  const shown = exit.parties.length;
  if (exit.daysUntil < 0 || exit.pendingWithdrawals <= shown) return "";
  return words(shown, exit.pendingWithdrawals);
}

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
export function partyName(party: PartyRef, locale: string, houseName?: string): string {
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
