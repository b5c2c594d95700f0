/**
 * Dates, numbers and the countdown sentence of every deadline kind in Associated Press style (the reminders use
 * it). The exit sentences of days-until-exit and the embed, in every style and language, are in
 * lib/formats/sentence.ts and lib/formats/sentences/.
 */
import { civilDateParts, formatPartialDate, parsePartialDate } from "#domain/calendar";
import type { DeadlineKind, PartialDateString } from "#domain/types";

/** AP abbreviates these months before a day number; March to July are always spelled out. */
const AP_MONTHS_WITH_DAY = [
  "Jan.",
  "Feb.",
  "March",
  "April",
  "May",
  "June",
  "July",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
] as const;

/** `2019-08-02` → `Aug. 2, 2019`. Throws unless given a full `YYYY-MM-DD` date. */
export function apDate(date: string): string {
  const { year, month, day } = civilDateParts(date);
  return `${AP_MONTHS_WITH_DAY[month - 1]} ${day}, ${year}`;
}

/**
 * A date of any precision as a reader sees it: `Aug. 2, 2019`, `May 1991` (AP spells out a month
 * that stands without a day), `1991`.
 */
export function apPartialDate(date: PartialDateString): string {
  const { year, month, day } = parsePartialDate(date);
  if (month === undefined) return String(year);
  if (day === undefined) return formatPartialDate(date);
  return `${AP_MONTHS_WITH_DAY[month - 1]} ${day}, ${year}`;
}

const SMALL_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"] as const;

/** AP numerals: one through nine spelled out, figures from 10, commas from 1,000. */
export function apNumber(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number: ${n}`);
  const word = n >= 0 ? SMALL_NUMBERS[n] : undefined;
  if (word) return word;
  return `${n < 0 ? "-" : ""}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",")}`;
}

/**
 * How AP copy names a party's action ("the U.S. withdrawal", "the British deadline"), keyed by
 * party code. A party not listed here is named by its possessive ("Lithuania's withdrawal").
 */
export const PARTY_ADJECTIVES: Readonly<Record<string, string>> = {
  US: "U.S.",
  GB: "British",
  UK: "British",
  RU: "Russian",
  SU: "Soviet",
  FR: "French",
  CN: "Chinese",
  DE: "German",
};

export interface CountdownSentenceInput {
  treatyShortName: string;
  partyName?: string;
  partyCode?: string;
  kind: DeadlineKind;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Calendar days from the as-of date to `date`: 0 on the day, negative after. */
  daysUntil: number;
}

/**
 * One sentence for copy, e.g. "The U.S. withdrawal from the INF Treaty takes effect in 29 days, on
 * Aug. 2, 2019." Never says "1 day": the day before is "tomorrow", the day after "yesterday".
 */
export function countdownSentence(input: CountdownSentenceInput): string {
  const { daysUntil } = input;
  if (!Number.isInteger(daysUntil)) throw new RangeError(`daysUntil must be a whole number, not ${daysUntil}`);
  const when = whenPhrase(daysUntil, apDate(input.date));
  const treaty = treatyWithArticle(input.treatyShortName);
  const party = partyPossessive(input.partyCode, input.partyName);
  const future = daysUntil >= 0;

  switch (input.kind) {
    case "withdrawal_effective": {
      const subject = party ? `${party.leading} withdrawal` : "Withdrawal";
      return sentence(`${subject} from ${treaty} ${future ? "takes" : "took"} effect ${when}`);
    }
    case "term_expiry":
      return sentence(`${treaty} ${future ? "expires" : "expired"} ${when}`);
    case "ultimatum_end": {
      const subject = `${party?.leading ?? "The"} deadline`;
      return sentence(`${subject} under ${treaty} ${future ? "ends" : "ended"} ${when}`);
    }
    case "earliest_notice": {
      const subject = `Notice of ${party ? `${party.inner} ` : ""}withdrawal from ${treaty}`;
      return sentence(`${subject} ${noticeWhen(daysUntil, apDate(input.date))}`);
    }
    case "party_bound": {
      const who = input.partyName ?? input.partyCode ?? "a new party";
      return sentence(`${treaty} ${future ? "enters" : "entered"} into force for ${who} ${when}`);
    }
    case "notice_window_opens":
      return sentence(`The window for notice of denunciation of ${treaty} ${future ? "opens" : "opened"} ${when}`);
    case "notice_window_closes":
      return sentence(`The window for notice of denunciation of ${treaty} ${future ? "closes" : "closed"} ${when}`);
    case "renewal_notice_deadline":
      return sentence(`The last day to give notice before ${treaty} renews ${future ? "is" : "was"} ${when}`);
    case "term_renewal":
      return sentence(`${treaty} ${future ? "renews" : "renewed"} ${when}, unless notice was given in time`);
  }
}

function whenPhrase(daysUntil: number, date: string): string {
  if (daysUntil === 0) return `today, ${date}`;
  if (daysUntil === 1) return `tomorrow, ${date}`;
  if (daysUntil === -1) return `yesterday, ${date}`;
  if (daysUntil > 1) return `in ${apNumber(daysUntil)} days, on ${date}`;
  return `${apNumber(-daysUntil)} days ago, on ${date}`;
}

// "may be given from" fits a date to come; once it has passed, notice "has been possible since".
function noticeWhen(daysUntil: number, date: string): string {
  if (daysUntil === 0) return `may be given from today, ${date}`;
  if (daysUntil === 1) return `may be given from tomorrow, ${date}`;
  if (daysUntil > 1) return `may be given in ${apNumber(daysUntil)} days, from ${date}`;
  if (daysUntil === -1) return `has been possible since yesterday, ${date}`;
  return `has been possible since ${date}, ${apNumber(-daysUntil)} days ago`;
}

export interface PartyWords {
  /** Opening a sentence: "The U.S.", "Lithuania's". */
  leading: string;
  /** Inside one: "U.S.", "Lithuania's". */
  inner: string;
}

/** How the party is named before a noun; undefined when no party is given. */
export function partyPossessive(code: string | undefined, name: string | undefined): PartyWords | undefined {
  const trimmedCode = code?.trim();
  const adjective = trimmedCode ? PARTY_ADJECTIVES[trimmedCode.toUpperCase()] : undefined;
  if (adjective) return { leading: `The ${adjective}`, inner: adjective };
  const trimmedName = name?.trim();
  if (trimmedName) {
    // AP: a singular proper name ending in s takes only an apostrophe.
    const possessive = trimmedName.endsWith("s") ? `${trimmedName}'` : `${trimmedName}'s`;
    return { leading: possessive, inner: possessive };
  }
  return trimmedCode ? { leading: `The ${trimmedCode}`, inner: trimmedCode } : undefined;
}

function treatyWithArticle(shortName: string): string {
  const name = shortName.trim();
  return /^the\s/i.test(name) ? `the ${name.slice(4).trimStart()}` : `the ${name}`;
}

/** Capitalises the first letter and closes with a period (a date already ends in a digit). */
function sentence(text: string): string {
  const body = text.charAt(0).toUpperCase() + text.slice(1);
  return body.endsWith(".") ? body : `${body}.`;
}
