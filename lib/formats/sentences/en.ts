/**
 * English sentences in two house styles: AP ("Aug. 2, 2019", "the U.S. withdrawal") and British
 * ("2 August 2019", "the US withdrawal"). Only the tables differ between the two.
 */
import type { CivilDateString, DeadlineKind } from "#domain/types";
import { apDate, apNumber, apPartialDate } from "#formats/ap-style";
import { joinList, pendingAfter, sentence } from "#formats/sentences/grammar";
import { localDate, localPartialDate, localPartyName } from "#formats/sentences/locale";
import type { PartyRef, Phrasebook, TreatyRef } from "#formats/sentences/phrasebook";

export type EnglishStyle = "ap" | "uk";

interface EnglishTable {
  tag: string;
  date: (date: CivilDateString) => string;
  partialDate: (date: string) => string;
  number: (n: number) => string;
  /** AP sets off the year of a full date with commas mid-sentence ("on Aug. 2, 2019, and"); British style does not. */
  commaAfterYear: boolean;
  /** How copy names a party's action ("the U.S. withdrawal"), keyed by party code. */
  adjectives: Readonly<Record<string, string>>;
  /** Names where the style differs from Intl.DisplayNames, with the article they take. */
  names: Readonly<Record<string, string>>;
}

/**
 * AP writes "the U.S. withdrawal" but "Russia's withdrawal", "Finland's withdrawal": only the United States is
 * named by an adjective.
 */

const SHARED_NAMES: Readonly<Record<string, string>> = {
  NL: "the Netherlands",
  PH: "the Philippines",
  KP: "North Korea",
};

const UK_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"] as const;

const TABLES: Readonly<Record<EnglishStyle, EnglishTable>> = {
  ap: {
    tag: "en-US",
    date: apDate,
    partialDate: apPartialDate,
    number: apNumber,
    commaAfterYear: true,
    adjectives: { US: "U.S." },
    // AP: "Britain", and still "Turkey".
    names: { ...SHARED_NAMES, US: "the United States", GB: "Britain", TR: "Turkey" },
  },
  uk: {
    tag: "en-GB",
    date: (date) => localDate(date, "en-GB", "d MMMM yyyy"),
    partialDate: (date) =>
      localPartialDate(date, "en-GB", { day: (d) => localDate(d, "en-GB", "d MMMM yyyy"), month: "MMMM yyyy" }),
    number: (n) => (n >= 0 && n < 10 ? (UK_NUMBERS[n] ?? String(n)) : n.toLocaleString("en-GB")),
    commaAfterYear: false,
    adjectives: { US: "US" },
    names: { ...SHARED_NAMES, US: "the US", GB: "the UK", TR: "Turkey" },
  },
};

export function english(style: EnglishStyle): Phrasebook {
  const table = TABLES[style];
  const treatyName = (treaty: TreatyRef) =>
    treaty.nameTakesArticle === false ? treaty.shortName : `the ${treaty.shortName.replace(/^the\s+/i, "")}`;
  const partyName = (party: PartyRef) => localPartyName(party, "en", table.names[party.code]);
  const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);
  /** "U.S.", "Lithuania's": a party before a noun. */
  const partyBefore = (party: PartyRef) => table.adjectives[party.code] ?? possessive(partyName(party));
  /**
   * "the U.S. withdrawal", "Estonia, Latvia and Lithuania's withdrawals"; with the United States among several,
   * "the withdrawals of Nicaragua and the United States" (a joint possessive cannot end in "the U.S.").
   */
  const withdrawalsOf = (parties: readonly PartyRef[], from: string) => {
    const [only] = parties;
    if (only === undefined) return `withdrawal ${from}`;
    if (parties.length === 1) {
      const adjective = table.adjectives[only.code];
      return `${adjective ? `the ${adjective}` : possessive(partyName(only))} withdrawal ${from}`;
    }
    const names = joinList(parties.map(partyName), () => "and");
    return parties.some((p) => table.adjectives[p.code] !== undefined)
      ? `the withdrawals of ${names} ${from}`
      : `${possessive(names)} withdrawals ${from}`;
  };
  const when = (daysUntil: number, date: CivilDateString) => {
    const day = table.date(date);
    if (daysUntil === 0) return `today, ${day}`;
    if (daysUntil === 1) return `tomorrow, ${day}`;
    if (daysUntil === -1) return `yesterday, ${day}`;
    if (daysUntil > 1) return `in ${table.number(daysUntil)} days, on ${day}`;
    return `${table.number(-daysUntil)} days ago, on ${day}`;
  };
  const pending = (shown: number, total: number) =>
    `, ${shown > 1 ? `the first ${table.number(shown)}` : "the first"} of ${table.number(total)} pending withdrawals`;
  /** A full date with the sentence going on after it. */
  const dateWithin = (date: CivilDateString) => `${table.date(date)}${table.commaAfterYear ? "," : ""}`;

  return {
    tag: table.tag,
    date: table.date,
    partialDate: table.partialDate,
    exit(treaty, exit) {
      const future = exit.daysUntil >= 0;
      const plural = exit.parties.length > 1;
      const at = when(exit.daysUntil, exit.date);
      switch (exit.kind) {
        case "withdrawal_effective": {
          const verb = future ? (plural ? "take" : "takes") : "took";
          const subject = withdrawalsOf(exit.parties, `from ${treatyName(treaty)}`);
          return sentence(`${subject} ${verb} effect ${at}${pendingAfter(exit, pending)}`);
        }
        case "term_expiry":
          return sentence(`${treatyName(treaty)} ${future ? "expires" : "expired"} ${at}`);
        default:
          return sentence(`${treatyName(treaty)}: ${kindPhrase(exit.kind, undefined)} ${at}`);
      }
    },
    none: (treaty) => sentence(`no withdrawal from ${treatyName(treaty)} is pending`),
    ended(treaty, end) {
      const name = treatyName(treaty);
      const on = table.date(end.date);
      switch (end.reason) {
        case "withdrawal":
          return sentence(
            `${name} ended on ${on}, when ${withdrawalsOf(end.party ? [end.party] : [], "").trim()} took effect`,
          );
        case "term_expiry":
        case "expired":
          return sentence(`${name} expired on ${on}`);
        case "terminated":
          return sentence(`${name} was terminated on ${on}`);
      }
    },
    whatIf(treaty, whatIf) {
      const withdrawal = `${whatIf.party ? `${table.adjectives[whatIf.party.code] ?? possessive(partyName(whatIf.party))} ` : ""}withdrawal from ${treatyName(treaty)}`;
      const at = when(whatIf.daysUntil, whatIf.date);
      const effect = whatIf.daysUntil >= 0 ? `would take effect ${at}` : `would have taken effect ${at}`;
      if (whatIf.endedOn !== undefined) {
        return sentence(
          `${treatyName(treaty)} ended on ${dateWithin(whatIf.endedOn)} and is no longer in force; if it were, notice of ${withdrawal} given on ${dateWithin(whatIf.noticeOn)} ${effect}`,
        );
      }
      return sentence(`if notice of ${withdrawal} were given on ${table.date(whatIf.noticeOn)}, it ${effect}`);
    },
    summary(treaty, kind, party) {
      return `${treaty.shortName}: ${kindPhrase(kind, party && partyBefore(party))}`;
    },
    inDays: (days) => (days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`),
    embed: {
      title: "timeline and countdown",
      dates: (signed, inForce) =>
        `Signed ${table.date(signed)}${inForce === undefined ? "" : `; in force ${table.date(inForce)}`}.`,
      asOf: "As of",
      timeline: "Timeline",
      noEvents: "No events are recorded yet.",
    },
  };
}

/** What a calendar entry says happens, given how the party is named ("U.S.", "Lithuania's"). */
function kindPhrase(kind: DeadlineKind, party: string | undefined): string {
  switch (kind) {
    case "withdrawal_effective":
      return party ? `${party} withdrawal takes effect` : "withdrawal takes effect";
    case "term_expiry":
      return "term expires";
    case "ultimatum_end":
      return party ? `${party} deadline ends` : "ultimatum ends";
    case "earliest_notice":
      return `earliest notice of ${party ? `${party} ` : ""}withdrawal`;
    case "party_bound":
      return party ? `treaty binds ${party.replace(/'s?$/, "")}` : "treaty binds a new party";
    case "notice_window_opens":
      return "window for notice of denunciation opens";
    case "notice_window_closes":
      return "window for notice of denunciation closes";
    case "renewal_notice_deadline":
      return "last day for notice before renewal";
    case "term_renewal":
      return "term renews unless notice was given";
  }
}
