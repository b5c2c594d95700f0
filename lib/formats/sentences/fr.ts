/**
 * Phrases en français, selon les usages de l'AFP : « le 2 août 2019 », « le retrait des États-Unis du traité
 * FNI », chiffres en lettres de deux à neuf. Noms de traités et de pays avec leur genre, pour les articles
 * contractés (du, de la, de l', des).
 */
import type { CivilDateString } from "#domain/types";
import { joinList, sentence } from "#formats/sentences/grammar";
import { localDate } from "#formats/sentences/locale";
import { romancePhrasebook } from "#formats/sentences/romance";
import { TREATY_NAMES } from "#formats/sentences/treaty-names";

/** m, f: singulier masculin ou féminin; pl: pluriel; et none: sans article (Israël). */
type Gender = "m" | "f" | "pl";

/** Genre des pays (le nom vient d'Intl.DisplayNames, sauf où l'usage de presse diffère). */
const PARTIES: Readonly<Record<string, { name?: string; gender: Gender | "none" }>> = {
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

// No elision before h: the country names here take an h aspiré ("la Hongrie").
const startsWithVowel = (word: string) => /^[aeiouyàâéèêëîïôûù]/i.test(word);

const frenchDate = (date: CivilDateString) => {
  const formatted = localDate(date, "fr", "d MMMM yyyy");
  // L'AFP écrit « 1er août ».
  return formatted.startsWith("1 ") ? `1er ${formatted.slice(2)}` : formatted;
};

export const french = romancePhrasebook<Gender>({
  tag: "fr",
  dates: { day: frenchDate, month: "MMMM yyyy" },
  theDay: "le",
  numbers: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
  // « dans 148 jours, le 27 décembre 2025 », « demain, le … », « il y a 152 jours, le … ».
  days: {
    today: "aujourd'hui",
    tomorrow: "demain",
    yesterday: "hier",
    ahead: (count) => `dans ${count} jours`,
    ago: (count) => `il y a ${count} jours`,
  },
  colon: "\u00a0:",
  treaty: (treaty) => TREATY_NAMES[treaty.id]?.fr ?? { name: `traité « ${treaty.shortName} »`, gender: "m" },
  parties: PARTIES,
  articles: { m: "le", f: "la", pl: "les" },
  of: { m: "du", f: "de la", pl: "des", none: "de" },
  // « l'accord », « d'Israël », « de l'Estonie ».
  elision: { forms: { le: "l'", la: "l'", de: "d'", du: "de l'", "de la": "de l'" }, before: startsWithVowel },
  // « retraits de l'Estonie, de la Lettonie et de la Lituanie ».
  withdrawal: { noun: ["retrait", "retraits"], the: ["le", "les"], ofParties: ({ of }) => joinList(of, () => "et") },
  takesEffect: {
    future: ["prendra effet", "prendront effet"],
    today: ["prend effet", "prennent effet"],
    past: ["a pris effet", "ont pris effet"],
  },
  expires: { future: ["expirera"], today: ["expire"], past: ["a expiré"] },
  wouldTakeEffect: ["prendrait effet", "aurait pris effet"],
  pending: {
    first: "le premier",
    firstFew: (count) => `les ${count} premiers`,
    of: (total) => `de ${total} retraits en attente`,
  },
  kinds: {
    withdrawal_effective: (party) => `prise d'effet du retrait${party ? ` ${party}` : ""}`,
    term_expiry: () => "expiration",
    ultimatum_end: (party) => `fin de l'ultimatum${party ? ` ${party}` : ""}`,
    earliest_notice: (party) => `premier jour possible pour notifier le retrait${party ? ` ${party}` : ""}`,
    party_bound: (party) => `entrée en vigueur${party ? ` à l'égard ${party}` : " pour un nouvel État partie"}`,
    notice_window_opens: () => "ouverture de la période de dénonciation",
    notice_window_closes: () => "clôture de la période de dénonciation",
    renewal_notice_deadline: () => "dernier jour pour dénoncer avant la reconduction",
    term_renewal: () => "reconduction tacite, sauf dénonciation",
  },
  none: (ofTreaty) => `aucun retrait ${ofTreaty} n'est en cours`,
  ended: "a pris fin",
  whenWithdrawn: (withdrawal) => `lorsque le ${withdrawal} a pris effet`,
  whatIf({ treaty, theTreaty, ofTreaty, withdrawal, notified, effect, ended }) {
    const withdrawalFrom = `${withdrawal} ${ofTreaty}`;
    if (ended !== undefined) {
      const still =
        treaty.gender === "f" ? "si elle l'était" : treaty.gender === "pl" ? "s'ils l'étaient" : "s'il l'était";
      return `${sentence(`${theTreaty} n'est plus en vigueur depuis ${ended}`)} ${sentence(
        `${still} encore, un ${withdrawalFrom} notifié ${notified} ${effect}`,
      )}`;
    }
    return sentence(`si le ${withdrawalFrom} était notifié ${notified}, il ${effect}`);
  },
  embed: {
    title: "chronologie et compte à rebours",
    dates: (signed, inForce) =>
      `Signé le ${frenchDate(signed)}${inForce === undefined ? "" : `, en vigueur depuis le ${frenchDate(inForce)}`}.`,
    asOf: "À la date du",
    timeline: "Chronologie",
    noEvents: "Aucun événement n'est encore enregistré.",
  },
});
