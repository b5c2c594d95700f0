/**
 * The sentence a copy desk pastes, in the house style and language asked for. The domain says what happened
 * (lib/domain/exit-summary.ts); the phrasebook of the language (lib/formats/sentences/<lang>.ts) says it.
 */
import type { ExitSummary } from "#domain/exit-summary";
import type { TreatyEnd } from "#domain/parties";
import type { CivilDateString, Deadline, Treaty } from "#domain/types";
import { english } from "#formats/sentences/en";
import type { Language, Style } from "#formats/sentences/languages";
import type { EndWords, PartyRef, Phrasebook } from "#formats/sentences/phrasebook";

export { LANGUAGES, type Language, STYLES, type Style } from "#formats/sentences/languages";

const ENGLISH: Readonly<Record<Style, Phrasebook>> = { ap: english("ap"), uk: english("uk") };

/**
 * The other languages' phrase tables, with the treaty names they decline, load on the first request in
 * that language: a function answering in English (most requests) never parses French, German or Spanish.
 */
const OTHERS: Readonly<Record<Exclude<Language, "en">, () => Promise<Phrasebook>>> = {
  fr: async () => (await import("#formats/sentences/fr")).french,
  de: async () => (await import("#formats/sentences/de")).german,
  es: async () => (await import("#formats/sentences/es")).spanish,
};

/** English in a house style: always loaded, the default of every format. */
export function englishPhrasebook(style: Style = "ap"): Phrasebook {
  return ENGLISH[style];
}

/** The phrasebook of a style and language (the style is English's; the agencies' own languages have one each). */
export async function phrasebook(style: Style = "ap", lang: Language = "en"): Promise<Phrasebook> {
  return lang === "en" ? ENGLISH[style] : OTHERS[lang]();
}

type TreatyWords = Pick<Treaty, "id" | "shortName" | "parties"> & Partial<Pick<Treaty, "nameTakesArticle">>;

function partyRef(treaty: TreatyWords, code: string): PartyRef {
  const name = treaty.parties.find((party) => party.code === code)?.name;
  return name === undefined ? { code } : { code, name };
}

export function endWords(treaty: TreatyWords, end: TreatyEnd): EndWords {
  return {
    date: end.date,
    reason: end.reason,
    ...(end.party === undefined ? {} : { party: partyRef(treaty, end.party) }),
  };
}

/** The countdown sentence for what `exitSummary` found. */
export function summarySentence(book: Phrasebook, treaty: TreatyWords, summary: ExitSummary): string {
  switch (summary.status) {
    case "none":
      return book.none(treaty);
    case "ended":
      return book.ended(treaty, endWords(treaty, summary.end));
    case "exit":
      return book.exit(treaty, {
        kind: summary.kind,
        date: summary.date,
        daysUntil: summary.count.daysUntil,
        parties: summary.parties.map((code) => partyRef(treaty, code)),
        pendingWithdrawals: summary.pendingWithdrawals,
      });
  }
}

/** A what-if in words, conditional from its first word; after the treaty's end it says it is no longer in force. */
export function whatIfText(
  book: Phrasebook,
  treaty: TreatyWords,
  noticeOn: CivilDateString,
  exit: Pick<Deadline, "date" | "party">,
  daysUntil: number,
  ended?: TreatyEnd,
): string {
  return book.whatIf(treaty, {
    noticeOn,
    date: exit.date,
    daysUntil,
    ...(exit.party === undefined ? {} : { party: partyRef(treaty, exit.party) }),
    ...(ended === undefined ? {} : { endedOn: ended.date }),
  });
}
