/**
 * Frases en español según el uso de EFE: «el 2 de agosto de 2019», «la retirada de Estados Unidos del Tratado
 * INF», números del dos al nueve en letra. Los tratados llevan su género para la contracción (del, de la).
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

interface Noun {
  name: string;
  /** m, f; none: sin artículo (la mayoría de los países en el uso de EFE: «Estados Unidos»). */
  gender: "m" | "f" | "none";
}

/** Países que EFE escribe con artículo o con otro nombre que Intl.DisplayNames. */
const PARTIES: Readonly<Record<string, Noun>> = {
  GB: { name: "Reino Unido", gender: "m" },
};

const NUMBERS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"] as const;
const number = (value: number) => localNumber(value, "es", NUMBERS);
const spanishDate = (date: CivilDateString) => localDate(date, "es", "d 'de' MMMM 'de' yyyy");

/** «y» se vuelve «e» ante i- o hi- (salvo hie-): «Letonia e Irlanda». */
const and = (next: string) => (/^h?[iíIÍ](?![aeiouáéíóú])/.test(next) ? "e" : "y");

function withArticle({ name, gender }: Noun): string {
  if (gender === "none") return name;
  return `${gender === "m" ? "el" : "la"} ${name}`;
}

/** «del Tratado INF», «de la Convención», «de Estados Unidos», «del Reino Unido». */
function ofNoun(noun: Noun): string {
  if (noun.gender === "none") return `de ${noun.name}`;
  return noun.gender === "m" ? `del ${noun.name}` : `de la ${noun.name}`;
}

function treatyNoun(treaty: TreatyRef): Noun {
  return TREATY_NAMES[treaty.id]?.es ?? { name: `tratado «${treaty.shortName}»`, gender: "m" };
}

function partyNoun(party: PartyRef): Noun {
  const known = PARTIES[party.code];
  if (known) return known;
  // Intl.DisplayNames habla de «Países Bajos», «Filipinas», «Estados Unidos»: sin artículo, como EFE.
  return { name: regionName(party.code, "es") ?? recordedName(party), gender: "none" };
}

/** «dentro de 148 días, el 27 de diciembre de 2025», «hace 152 días, el …». */
function when(daysUntil: number, date: CivilDateString): string {
  const day = `el ${spanishDate(date)}`;
  if (daysUntil === 0) return `hoy, ${day}`;
  if (daysUntil === 1) return `mañana, ${day}`;
  if (daysUntil === -1) return `ayer, ${day}`;
  if (daysUntil > 1) return `dentro de ${number(daysUntil)} días, ${day}`;
  return `hace ${number(-daysUntil)} días, ${day}`;
}

/** «retirada de Estonia», «retiradas de Estonia, Letonia y Lituania». */
function withdrawalsOf(parties: readonly PartyRef[]): string {
  const noun = parties.length > 1 ? "retiradas" : "retirada";
  if (parties.length === 0) return noun;
  const names = parties.map((p) => withArticle(partyNoun(p)));
  const first = names[0] ?? "";
  const list = joinList(names, and);
  // Solo la primera lleva «de»; «de el» se contrae.
  return `${noun} ${first.startsWith("el ") ? `del ${list.slice(3)}` : `de ${list}`}`;
}

function pending(exit: ExitWords): string {
  const shown = exit.parties.length;
  if (exit.daysUntil < 0 || exit.pendingWithdrawals <= shown) return "";
  const first = shown > 1 ? `las ${number(shown)} primeras` : "la primera";
  return `, ${first} de ${number(exit.pendingWithdrawals)} retiradas pendientes`;
}

const sentence = (text: string) => `${capitalise(text)}.`;

const KIND_PHRASES: Readonly<Record<DeadlineKind, (party: string | undefined) => string>> = {
  withdrawal_effective: (party) => `se hace efectiva la retirada${party ? ` ${party}` : ""}`,
  term_expiry: () => "expira su vigencia",
  ultimatum_end: (party) => `vence el ultimátum${party ? ` ${party}` : ""}`,
  earliest_notice: (party) => `primer día para notificar la retirada${party ? ` ${party}` : ""}`,
  party_bound: (party) =>
    `entra en vigor${party ? ` para ${party.replace(/^de (l )?/, "")}` : " para un nuevo Estado parte"}`,
  notice_window_opens: () => "se abre el plazo de denuncia",
  notice_window_closes: () => "se cierra el plazo de denuncia",
  renewal_notice_deadline: () => "último día para denunciarlo antes de su renovación",
  term_renewal: () => "se renueva salvo denuncia",
};

export const spanish: Phrasebook = {
  tag: "es",
  date: spanishDate,
  partialDate: (date) => localPartialDate(date, "es", { day: spanishDate, month: "MMMM 'de' yyyy" }),
  exit(treaty, exit) {
    const at = when(exit.daysUntil, exit.date);
    const noun = treatyNoun(treaty);
    switch (exit.kind) {
      case "withdrawal_effective": {
        const subject = `${exit.parties.length > 1 ? "las" : "la"} ${withdrawalsOf(exit.parties)} ${ofNoun(noun)}`;
        const verb = verbFor(exit, {
          future: ["se hará efectiva", "se harán efectivas"],
          today: ["se hace efectiva", "se hacen efectivas"],
          past: ["se hizo efectiva", "se hicieron efectivas"],
        });
        return sentence(`${subject} ${verb} ${at}${pending(exit)}`);
      }
      case "term_expiry": {
        const verb = verbFor(exit, { future: ["expirará"], today: ["expira"], past: ["expiró"] });
        return sentence(`${withArticle(noun)} ${verb} ${at}`);
      }
      default:
        return sentence(`${withArticle(noun)}: ${KIND_PHRASES[exit.kind](undefined)} ${at}`);
    }
  },
  none: (treaty) => sentence(`no hay ninguna retirada pendiente ${ofNoun(treatyNoun(treaty))}`),
  ended(treaty, end) {
    const name = withArticle(treatyNoun(treaty));
    const on = `el ${spanishDate(end.date)}`;
    switch (end.reason) {
      case "withdrawal":
        return sentence(
          `${name} dejó de estar en vigor ${on}, cuando se hizo efectiva la ${withdrawalsOf(end.party ? [end.party] : [])}`,
        );
      case "term_expiry":
      case "expired":
        return sentence(`${name} expiró ${on}`);
      case "terminated":
        return sentence(`${name} dejó de estar en vigor ${on}`);
    }
  },
  whatIf(treaty, whatIf) {
    const noun = treatyNoun(treaty);
    const at = when(whatIf.daysUntil, whatIf.date);
    const effect = whatIf.daysUntil >= 0 ? `se haría efectiva ${at}` : `se habría hecho efectiva ${at}`;
    const notified = `el ${spanishDate(whatIf.noticeOn)}`;
    if (whatIf.endedOn !== undefined) {
      const withdrawal = withdrawalsOf(whatIf.party ? [whatIf.party] : []);
      return sentence(
        `${withArticle(noun)} ya no está en vigor desde el ${spanishDate(whatIf.endedOn)}; si lo estuviera, una ${withdrawal} notificada ${notified} ${effect}`,
      );
    }
    const who = whatIf.party ? withArticle(partyNoun(whatIf.party)) : undefined;
    const condition = who
      ? `si ${who} notificara su retirada ${ofNoun(noun)} ${notified}`
      : `si se notificara la retirada ${ofNoun(noun)} ${notified}`;
    return sentence(`${condition}, esta ${effect}`);
  },
  summary(treaty, kind, party) {
    const name = capitalise(withArticle(treatyNoun(treaty)));
    return `${name}: ${KIND_PHRASES[kind](party && ofNoun(partyNoun(party)))}`;
  },
  inDays: (days) => (days === 0 ? "hoy" : days === 1 ? "mañana" : `dentro de ${days} días`),
  embed: {
    title: "cronología y cuenta atrás",
    dates: (signed, inForce) =>
      `Firmado el ${spanishDate(signed)}${inForce === undefined ? "" : `; en vigor desde el ${spanishDate(inForce)}`}.`,
    asOf: "A fecha de",
    timeline: "Cronología",
    noEvents: "Aún no hay acontecimientos registrados.",
  },
};
