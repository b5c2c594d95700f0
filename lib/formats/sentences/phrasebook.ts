/**
 * What every language's sentence module provides. Each language keeps its words in one module (lib/formats/
 * sentences/<lang>.ts) as tables: treaty names with their grammar, party names where news style differs from
 * Intl.DisplayNames, and one function per kind of sentence. Nothing here knows a language. What the languages
 * share to write them: grammar.ts (lists, capitals, full stops) and locale.ts (what Intl and luxon know of a locale).
 */
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
