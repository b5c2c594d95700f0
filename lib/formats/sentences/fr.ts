/**
 * Phrases en français, selon les usages de l'AFP : « le 2 août 2019 », « le retrait des États-Unis du traité
 * FNI », chiffres en lettres de deux à neuf. Noms de traités et de pays avec leur genre, pour les articles
 * contractés (du, de la, de l', des).
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
  verbFor,
} from "#formats/sentences/phrasebook";
import { TREATY_NAMES } from "#formats/sentences/treaty-names";

/** m, f: singulier masculin ou féminin; pl: pluriel; none: sans article (Israël). */
type Gender = "m" | "f" | "pl" | "none";
interface Noun {
  name: string;
  gender: Gender;
}

/** Genre des pays (le nom vient d'Intl.DisplayNames, sauf où l'usage de presse diffère). */
const PARTIES: Readonly<Record<string, Partial<Noun> & { gender: Gender }>> = {
  US: { gender: "pl" },
  RU: { gender: "f" },
  LT: { gender: "f" },
  LV: { gender: "f" },
  EE: { gender: "f" },
  FI: { gender: "f" },
  PL: { gender: "f" },
  UA: { gender: "f" },
  CA: { gender: "m" },
  IT: { gender: "f" },
  BY: { name: "Bélarus", gender: "m" },
  NL: { gender: "pl" },
  GR: { gender: "f" },
  BR: { gender: "m" },
  TR: { gender: "f" },
  IR: { gender: "m" },
  GB: { gender: "m" },
  FR: { gender: "f" },
  DE: { gender: "f" },
  CN: { gender: "f" },
  SE: { gender: "f" },
  KP: { gender: "f" },
  HU: { gender: "f" },
  BI: { gender: "m" },
  ZA: { gender: "f" },
  GM: { gender: "f" },
  PH: { gender: "pl" },
  BF: { gender: "m" },
  ML: { gender: "m" },
  NE: { gender: "m" },
  IL: { gender: "none" },
  NI: { gender: "m" },
  AR: { gender: "f" },
};

const NUMBERS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"] as const;
const number = (n: number) => localNumber(n, "fr", NUMBERS);

// No elision before h: the country names here take an h aspiré ("la Hongrie").
const startsWithVowel = (word: string) => /^[aeiouyàâéèêëîïôûù]/i.test(word);

/** « le traité », « la convention », « l'accord », « les États-Unis », « Israël ». */
function withArticle({ name, gender }: Noun): string {
  if (gender === "none") return name;
  if (gender === "pl") return `les ${name}`;
  if (startsWithVowel(name)) return `l'${name}`;
  return `${gender === "m" ? "le" : "la"} ${name}`;
}

/** « du traité », « de la convention », « de l'accord », « des États-Unis », « d'Israël ». */
function ofNoun(noun: Noun): string {
  const { name, gender } = noun;
  if (gender === "none") return startsWithVowel(name) ? `d'${name}` : `de ${name}`;
  if (gender === "pl") return `des ${name}`;
  if (startsWithVowel(name)) return `de l'${name}`;
  return gender === "m" ? `du ${name}` : `de la ${name}`;
}

function treatyNoun(treaty: TreatyRef): Noun {
  return TREATY_NAMES[treaty.id]?.fr ?? { name: `traité « ${treaty.shortName} »`, gender: "m" };
}

function partyNoun(party: PartyRef): Noun {
  const known = PARTIES[party.code];
  const name = known?.name ?? regionName(party.code, "fr") ?? recordedName(party);
  return { name, gender: known?.gender ?? "none" };
}

const frenchDate = (date: CivilDateString) => {
  const formatted = localDate(date, "fr", "d MMMM yyyy");
  // L'AFP écrit « 1er août ».
  return formatted.startsWith("1 ") ? `1er ${formatted.slice(2)}` : formatted;
};

/** « dans 148 jours, le 27 décembre 2025 », « demain, le … », « il y a 152 jours, le … ». */
function when(daysUntil: number, date: CivilDateString): string {
  const day = `le ${frenchDate(date)}`;
  if (daysUntil === 0) return `aujourd'hui, ${day}`;
  if (daysUntil === 1) return `demain, ${day}`;
  if (daysUntil === -1) return `hier, ${day}`;
  if (daysUntil > 1) return `dans ${number(daysUntil)} jours, ${day}`;
  return `il y a ${number(-daysUntil)} jours, ${day}`;
}

/** « retrait de l'Estonie », « retraits de l'Estonie, de la Lettonie et de la Lituanie ». */
function withdrawalsOf(parties: readonly PartyRef[]): string {
  const noun = parties.length > 1 ? "retraits" : "retrait";
  if (parties.length === 0) return noun;
  return `${noun} ${joinList(
    parties.map((p) => ofNoun(partyNoun(p))),
    () => "et",
  )}`;
}

function pending(exit: ExitWords): string {
  const shown = exit.parties.length;
  if (exit.daysUntil < 0 || exit.pendingWithdrawals <= shown) return "";
  const first = shown > 1 ? `les ${number(shown)} premiers` : "le premier";
  return `, ${first} de ${number(exit.pendingWithdrawals)} retraits en attente`;
}

const sentence = (text: string) => `${capitalise(text)}.`;

const KIND_PHRASES: Readonly<Record<DeadlineKind, (party: string | undefined) => string>> = {
  withdrawal_effective: (party) => `prise d'effet du retrait${party ? ` ${party}` : ""}`,
  term_expiry: () => "expiration",
  ultimatum_end: (party) => `fin de l'ultimatum${party ? ` ${party}` : ""}`,
  earliest_notice: (party) => `premier jour possible pour notifier le retrait${party ? ` ${party}` : ""}`,
  party_bound: (party) => `entrée en vigueur${party ? ` à l'égard ${party}` : " pour un nouvel État partie"}`,
  notice_window_opens: () => "ouverture de la période de dénonciation",
  notice_window_closes: () => "clôture de la période de dénonciation",
  renewal_notice_deadline: () => "dernier jour pour dénoncer avant la reconduction",
  term_renewal: () => "reconduction tacite, sauf dénonciation",
};

export const french: Phrasebook = {
  tag: "fr",
  date: frenchDate,
  partialDate: (date) => localPartialDate(date, "fr", { day: frenchDate, month: "MMMM yyyy" }),
  exit(treaty, exit) {
    const at = when(exit.daysUntil, exit.date);
    const noun = treatyNoun(treaty);
    switch (exit.kind) {
      case "withdrawal_effective": {
        const subject = `${exit.parties.length > 1 ? "les" : "le"} ${withdrawalsOf(exit.parties)} ${ofNoun(noun)}`;
        const verb = verbFor(exit, {
          future: ["prendra effet", "prendront effet"],
          today: ["prend effet", "prennent effet"],
          past: ["a pris effet", "ont pris effet"],
        });
        return sentence(`${subject} ${verb} ${at}${pending(exit)}`);
      }
      case "term_expiry": {
        const verb = verbFor(exit, { future: ["expirera"], today: ["expire"], past: ["a expiré"] });
        return sentence(`${withArticle(noun)} ${verb} ${at}`);
      }
      default:
        return sentence(`${withArticle(noun)}\u00a0: ${KIND_PHRASES[exit.kind](undefined)} ${at}`);
    }
  },
  none: (treaty) => sentence(`aucun retrait ${ofNoun(treatyNoun(treaty))} n'est en cours`),
  ended(treaty, end) {
    const name = withArticle(treatyNoun(treaty));
    const on = `le ${frenchDate(end.date)}`;
    switch (end.reason) {
      case "withdrawal":
        return sentence(
          `${name} a pris fin ${on}, lorsque le ${withdrawalsOf(end.party ? [end.party] : [])} a pris effet`,
        );
      case "term_expiry":
      case "expired":
        return sentence(`${name} a expiré ${on}`);
      case "terminated":
        return sentence(`${name} a pris fin ${on}`);
    }
  },
  whatIf(treaty, whatIf) {
    const noun = treatyNoun(treaty);
    const withdrawal = `${withdrawalsOf(whatIf.party ? [whatIf.party] : [])} ${ofNoun(noun)}`;
    const at = when(whatIf.daysUntil, whatIf.date);
    const effect = whatIf.daysUntil >= 0 ? `prendrait effet ${at}` : `aurait pris effet ${at}`;
    const notified = `le ${frenchDate(whatIf.noticeOn)}`;
    if (whatIf.endedOn !== undefined) {
      const still = noun.gender === "f" ? "si elle l'était" : noun.gender === "pl" ? "s'ils l'étaient" : "s'il l'était";
      return `${sentence(`${withArticle(noun)} n'est plus en vigueur depuis le ${frenchDate(whatIf.endedOn)}`)} ${sentence(
        `${still} encore, un ${withdrawal} notifié ${notified} ${effect}`,
      )}`;
    }
    return sentence(`si le ${withdrawal} était notifié ${notified}, il ${effect}`);
  },
  summary(treaty, kind, party) {
    const name = capitalise(withArticle(treatyNoun(treaty)));
    return `${name}\u00a0: ${KIND_PHRASES[kind](party && ofNoun(partyNoun(party)))}`;
  },
  inDays: (days) => (days === 0 ? "aujourd'hui" : days === 1 ? "demain" : `dans ${days} jours`),
  embed: {
    title: "chronologie et compte à rebours",
    dates: (signed, inForce) =>
      `Signé le ${frenchDate(signed)}${inForce === undefined ? "" : `, en vigueur depuis le ${frenchDate(inForce)}`}.`,
    asOf: "À la date du",
    timeline: "Chronologie",
    noEvents: "Aucun événement n'est encore enregistré.",
  },
};
