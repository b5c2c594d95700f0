/**
 * The sentence a copy desk pastes, in the house style and language asked for. The domain says what happened
 * (lib/domain/exit-summary.ts); the phrasebook of the language (lib/formats/sentences/<lang>.ts) says it.
 */
import type { ExitSummary } from "#domain/exit-summary";
import type { TreatyEnd } from "#domain/parties";
import type { CivilDateString, Deadline, Treaty } from "#domain/types";
import { german } from "#formats/sentences/de";
import { english } from "#formats/sentences/en";
import { spanish } from "#formats/sentences/es";
import { french } from "#formats/sentences/fr";
import type { Language, Style } from "#formats/sentences/languages";
import type { EndWords, PartyRef, Phrasebook } from "#formats/sentences/phrasebook";

export { LANGUAGES, type Language, STYLES, type Style } from "#formats/sentences/languages";

const ENGLISH: Readonly<Record<Style, Phrasebook>> = { ap: english("ap"), uk: english("uk") };
const OTHERS: Readonly<Record<Exclude<Language, "en">, Phrasebook>> = { fr: french, de: german, es: spanish };

export function phrasebook(style: Style = "ap", lang: Language = "en"): Phrasebook {
  return lang === "en" ? ENGLISH[style] : OTHERS[lang];
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
