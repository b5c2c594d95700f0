/**
 * Sätze auf Deutsch nach dpa-Gewohnheit: „am 2. August 2019“, „der Austritt der USA aus dem INF-Vertrag“,
 * Zahlen bis zwölf in Worten. Vertragsnamen stehen mit Artikel im Nominativ und Dativ in der Tabelle (Adjektive
 * werden gebeugt: „die Europäische …“, „aus der Europäischen …“); Länder im Genitiv („Estlands“, „der USA“).
 */
import type { CivilDateString, DeadlineKind } from "#domain/types";
import {
  capitalise,
  type ExitWords,
  joinList,
  localDate,
  localNumber,
  localPartialDate,
  type PartyRef,
  type Phrasebook,
  recordedName,
  regionName,
  type TreatyRef,
} from "#formats/sentences/phrasebook";

interface TreatyNoun {
  /** Mit Artikel, Nominativ. */
  nom: string;
  /** Mit Artikel, Dativ. */
  dat: string;
  /** Das Pronomen für den Vertrag: er, sie, es. */
  pronoun: "er" | "sie" | "es";
}

const m = (name: string, dat = name): TreatyNoun => ({ nom: `der ${name}`, dat: `dem ${dat}`, pronoun: "er" });
const f = (name: string, dat = name): TreatyNoun => ({ nom: `die ${name}`, dat: `der ${dat}`, pronoun: "sie" });
const n = (name: string, dat = name): TreatyNoun => ({ nom: `das ${name}`, dat: `dem ${dat}`, pronoun: "es" });

const TREATIES: Readonly<Record<string, TreatyNoun>> = {
  abm: m("ABM-Vertrag"),
  ccm: n("Übereinkommen über Streumunition"),
  cfe: m("KSE-Vertrag"),
  cpt: f("Europäische Anti-Folter-Konvention", "Europäischen Anti-Folter-Konvention"),
  ctbt: m("Atomteststoppvertrag (CTBT)"),
  echr: f("Europäische Menschenrechtskonvention", "Europäischen Menschenrechtskonvention"),
  "ilo-c158": n("ILO-Übereinkommen 158 über die Beendigung des Arbeitsverhältnisses"),
  inf: m("INF-Vertrag"),
  istanbul: f("Istanbul-Konvention"),
  jcpoa: n("Atomabkommen mit dem Iran"),
  kyoto: n("Kyoto-Protokoll"),
  nato: m("Nordatlantikvertrag"),
  "new-start": m("New-Start-Vertrag"),
  npt: m("Atomwaffensperrvertrag"),
  "open-skies": m("Open-Skies-Vertrag"),
  ottawa: f("Ottawa-Konvention zum Verbot von Antipersonenminen"),
  paris: n("Pariser Klimaabkommen"),
  "rome-statute": n(
    "Römische Statut des Internationalen Strafgerichtshofs",
    "Römischen Statut des Internationalen Strafgerichtshofs",
  ),
  "ua-ru-friendship": m("russisch-ukrainische Freundschaftsvertrag", "russisch-ukrainischen Freundschaftsvertrag"),
  unesco: f("Unesco-Verfassung"),
  unfccc: f("UN-Klimarahmenkonvention"),
  who: f("WHO-Verfassung"),
};

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
  const name = known?.name ?? regionName(party.code, "de") ?? recordedName(party);
  if (known) return known.genitive(name);
  return /[sßxz]$/.test(name) ? `von ${name}` : `${name}s`;
}

function treatyNoun(treaty: TreatyRef): TreatyNoun {
  return TREATIES[treaty.id] ?? n(`Abkommen „${treaty.shortName}“`);
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

function pending(exit: ExitWords): string {
  const shown = exit.parties.length;
  if (exit.daysUntil < 0 || exit.pendingWithdrawals <= shown) return "";
  const first = shown > 1 ? `die ersten ${number(shown)}` : "der erste";
  return ` – ${first} von ${number(exit.pendingWithdrawals)} anstehenden Austritten`;
}

const sentence = (text: string) => `${capitalise(text)}.`;

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
        return sentence(`${subject} ${verb}${pending(exit)}`);
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
