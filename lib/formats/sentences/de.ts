/**
 * Sätze auf Deutsch nach dpa-Gewohnheit: „am 2. August 2019“, „der Austritt der USA aus dem INF-Vertrag“,
 * Zahlen bis zwölf in Worten. Vertragsnamen stehen mit Artikel im Nominativ und Dativ in der Tabelle (Adjektive
 * werden gebeugt: „die Europäische …“, „aus der Europäischen …“); Länder im Genitiv („Estlands“, „der USA“).
 */
import type { CivilDateString, DeadlineKind } from "#domain/types";
import { capitalise, joinList, pendingAfter, sentence } from "#formats/sentences/grammar";
import { localDate, localNumber, localPartialDate, localPartyName } from "#formats/sentences/locale";
import type { PartyRef, Phrasebook, TreatyRef } from "#formats/sentences/phrasebook";
import { TREATY_NAMES, type TreatyNames } from "#formats/sentences/treaty-names";

interface TreatyNoun {
  /** Mit Artikel, Nominativ. */
  nom: string;
  /** Mit Artikel, Dativ. */
  dat: string;
  /** Das Pronomen für den Vertrag: er, sie, es. */
  pronoun: "er" | "sie" | "es";
}

const ARTICLES = {
  m: { nom: "der", dat: "dem", pronoun: "er" },
  f: { nom: "die", dat: "der", pronoun: "sie" },
  n: { nom: "das", dat: "dem", pronoun: "es" },
} as const;

/** Nominativ und Dativ mit Artikel aus treaty-names.json („der INF-Vertrag“, „dem INF-Vertrag“). */
function declined({ name, dative, gender }: TreatyNames["de"]): TreatyNoun {
  const article = ARTICLES[gender];
  return { nom: `${article.nom} ${name}`, dat: `${article.dat} ${dative ?? name}`, pronoun: article.pronoun };
}

/** Länder mit Artikel; die übrigen stehen ohne und bilden den Genitiv mit -s („Estlands“). */
const PARTIES: Readonly<Record<string, { name?: string; genitive: (name: string) => string }>> = {
  US: { name: "USA", genitive: (name) => `der ${name}` },
  NL: { genitive: (name) => `der ${name}` },
  PH: { genitive: (name) => `der ${name}` },
  TR: { genitive: (name) => `der ${name}` },
  UA: { genitive: (name) => `der ${name}` },
  IR: { genitive: (name) => `des ${name}` },
  // dpa schreibt „Großbritannien“.
  GB: { name: "Großbritannien", genitive: (name) => `${name}s` },
};

const NUMBERS = [
  "null",
  "eins",
  "zwei",
  "drei",
  "vier",
  "fünf",
  "sechs",
  "sieben",
  "acht",
  "neun",
  "zehn",
  "elf",
  "zwölf",
] as const;
const number = (value: number) => localNumber(value, "de", NUMBERS);
const germanDate = (date: CivilDateString) => localDate(date, "de", "d. MMMM yyyy");

function partyGenitive(party: PartyRef): string {
  const known = PARTIES[party.code];
  const name = localPartyName(party, "de", known?.name);
  if (known) return known.genitive(name);
  return /[sßxz]$/.test(name) ? `von ${name}` : `${name}s`;
}

function treatyNoun(treaty: TreatyRef): TreatyNoun {
  return declined(TREATY_NAMES[treaty.id]?.de ?? { name: `Abkommen „${treaty.shortName}“`, gender: "n" });
}

/** „in 148 Tagen, am 27. Dezember 2025,“; „vor 152 Tagen, am …,“. */
function when(daysUntil: number, date: CivilDateString): string {
  const day = `am ${germanDate(date)}`;
  if (daysUntil === 0) return `heute, ${day},`;
  if (daysUntil === 1) return `morgen, ${day},`;
  if (daysUntil === -1) return `gestern, ${day},`;
  if (daysUntil > 1) return `in ${number(daysUntil)} Tagen, ${day},`;
  return `vor ${number(-daysUntil)} Tagen, ${day},`;
}

/** „Austritt Estlands“, „Austritte Estlands, Lettlands und Litauens“. */
function withdrawalsOf(parties: readonly PartyRef[]): string {
  const noun = parties.length > 1 ? "Austritte" : "Austritt";
  if (parties.length === 0) return noun;
  return `${noun} ${joinList(parties.map(partyGenitive), () => "und")}`;
}

function pending(shown: number, total: number): string {
  return ` – ${shown > 1 ? `die ersten ${number(shown)}` : "der erste"} von ${number(total)} anstehenden Austritten`;
}

const KIND_PHRASES: Readonly<Record<DeadlineKind, (party: string | undefined) => string>> = {
  withdrawal_effective: (party) => `Austritt${party ? ` ${party}` : ""} wird wirksam`,
  term_expiry: () => "Laufzeit endet",
  ultimatum_end: (party) => `Ultimatum${party ? ` ${party}` : ""} läuft ab`,
  earliest_notice: (party) => `frühester Tag für die Austrittserklärung${party ? ` ${party}` : ""}`,
  party_bound: (party) => `Beitritt${party ? ` ${party}` : " eines neuen Vertragsstaats"} wird wirksam`,
  notice_window_opens: () => "Frist für die Kündigung beginnt",
  notice_window_closes: () => "Frist für die Kündigung endet",
  renewal_notice_deadline: () => "letzter Tag für die Kündigung vor der Verlängerung",
  term_renewal: () => "Laufzeit verlängert sich, falls nicht gekündigt wurde",
};

export const german: Phrasebook = {
  tag: "de",
  date: germanDate,
  partialDate: (date) => localPartialDate(date, "de", { day: germanDate, month: "MMMM yyyy" }),
  exit(treaty, exit) {
    const ahead = exit.daysUntil >= 0;
    const plural = exit.parties.length > 1;
    const at = when(exit.daysUntil, exit.date);
    const noun = treatyNoun(treaty);
    switch (exit.kind) {
      case "withdrawal_effective": {
        const subject = `${plural ? "die" : "der"} ${withdrawalsOf(exit.parties)} aus ${noun.dat}`;
        const verb = ahead
          ? `${plural ? "werden" : "wird"} ${at} wirksam`
          : `${plural ? "sind" : "ist"} ${at} wirksam geworden`;
        return sentence(`${subject} ${verb}${pendingAfter(exit, pending)}`);
      }
      case "term_expiry":
        return sentence(`${noun.nom} ${ahead ? `läuft ${at} aus` : `ist ${at} ausgelaufen`}`);
      default:
        return sentence(`${noun.nom}: ${KIND_PHRASES[exit.kind](undefined)}, ${at.replace(/,$/, "")}`);
    }
  },
  none: (treaty) => sentence(`ein Austritt aus ${treatyNoun(treaty).dat} steht nicht an`),
  ended(treaty, end) {
    const name = treatyNoun(treaty).nom;
    const on = `am ${germanDate(end.date)}`;
    switch (end.reason) {
      case "withdrawal":
        return sentence(`${name} endete ${on}, als der ${withdrawalsOf(end.party ? [end.party] : [])} wirksam wurde`);
      case "term_expiry":
      case "expired":
        return sentence(`${name} lief ${on} aus`);
      case "terminated":
        return sentence(`${name} wurde ${on} beendet`);
    }
  },
  whatIf(treaty, whatIf) {
    const noun = treatyNoun(treaty);
    const declaration = `Austrittserklärung${whatIf.party ? ` ${partyGenitive(whatIf.party)}` : ""}`;
    const at = when(whatIf.daysUntil, whatIf.date);
    const effect = whatIf.daysUntil >= 0 ? `${at} wirksam werden` : `${at} wirksam geworden`;
    const notified = `am ${germanDate(whatIf.noticeOn)}`;
    if (whatIf.endedOn !== undefined) {
      const would = whatIf.daysUntil >= 0 ? "würde" : "wäre";
      return `${sentence(`${noun.nom} ist seit dem ${germanDate(whatIf.endedOn)} nicht mehr in Kraft`)} ${sentence(
        `wäre ${noun.pronoun} noch in Kraft, ${would} eine ${declaration} ${notified} ${effect}`,
      )}`;
    }
    const would = whatIf.daysUntil >= 0 ? "würde" : "wäre";
    return sentence(`bei einer ${declaration} aus ${noun.dat} ${notified} ${would} der Austritt ${effect}`);
  },
  summary(treaty, kind, party) {
    const name = capitalise(treatyNoun(treaty).nom);
    return `${name}: ${KIND_PHRASES[kind](party && partyGenitive(party))}`;
  },
  inDays: (days) => (days === 0 ? "heute" : days === 1 ? "morgen" : `in ${days} Tagen`),
  embed: {
    title: "Chronik und Countdown",
    dates: (signed, inForce) =>
      `Unterzeichnet am ${germanDate(signed)}${inForce === undefined ? "" : `, in Kraft seit dem ${germanDate(inForce)}`}.`,
    asOf: "Stand:",
    timeline: "Chronik",
    noEvents: "Noch keine Ereignisse erfasst.",
  },
};
