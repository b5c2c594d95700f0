/**
 * Frases en español según el uso de EFE: «el 2 de agosto de 2019», «la retirada de Estados Unidos del Tratado
 * INF», números del dos al nueve en letra. Los tratados llevan su género para la contracción (del, de la).
 */
import type { CivilDateString } from "#domain/types";
import { joinList, sentence } from "#formats/sentences/grammar";
import { localDate } from "#formats/sentences/locale";
import { romancePhrasebook } from "#formats/sentences/romance";
import { TREATY_NAMES } from "#formats/sentences/treaty-names";

/** m, f; y none: sin artículo (la mayoría de los países en el uso de EFE: «Estados Unidos»). */
type Gender = "m" | "f";

const spanishDate = (date: CivilDateString) => localDate(date, "es", "d 'de' MMMM 'de' yyyy");

/** «y» se vuelve «e» ante i- o hi- (salvo hie-): «Letonia e Irlanda». */
const and = (next: string) => (/^h?[iíIÍ](?![aeiouáéíóú])/.test(next) ? "e" : "y");

export const spanish = romancePhrasebook<Gender>({
  tag: "es",
  dates: { day: spanishDate, month: "MMMM 'de' yyyy" },
  theDay: "el",
  numbers: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  // «dentro de 148 días, el 27 de diciembre de 2025», «hace 152 días, el …».
  days: {
    today: "hoy",
    tomorrow: "mañana",
    yesterday: "ayer",
    ahead: (count) => `dentro de ${count} días`,
    ago: (count) => `hace ${count} días`,
  },
  colon: ":",
  treaty: (treaty) => TREATY_NAMES[treaty.id]?.es ?? { name: `tratado «${treaty.shortName}»`, gender: "m" },
  // Países que EFE escribe con artículo o con otro nombre que Intl.DisplayNames; los demás, como Intl.DisplayNames,
  // sin artículo: «Países Bajos», «Filipinas», «Estados Unidos».
  parties: { GB: { name: "Reino Unido", gender: "m" } },
  articles: { m: "el", f: "la" },
  of: { m: "del", f: "de la", none: "de" },
  withdrawal: {
    noun: ["retirada", "retiradas"],
    the: ["la", "las"],
    ofParties: ({ the }) => {
      const list = joinList(the, and);
      // Solo la primera lleva «de»; «de el» se contrae.
      return list.startsWith("el ") ? `del ${list.slice(3)}` : `de ${list}`;
    },
  },
  takesEffect: {
    future: ["se hará efectiva", "se harán efectivas"],
    today: ["se hace efectiva", "se hacen efectivas"],
    past: ["se hizo efectiva", "se hicieron efectivas"],
  },
  expires: { future: ["expirará"], today: ["expira"], past: ["expiró"] },
  wouldTakeEffect: ["se haría efectiva", "se habría hecho efectiva"],
  pending: {
    first: "la primera",
    firstFew: (count) => `las ${count} primeras`,
    of: (total) => `de ${total} retiradas pendientes`,
  },
  kinds: {
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
  },
  none: (ofTreaty) => `no hay ninguna retirada pendiente ${ofTreaty}`,
  ended: "dejó de estar en vigor",
  whenWithdrawn: (withdrawal) => `cuando se hizo efectiva la ${withdrawal}`,
  whatIf({ theTreaty, ofTreaty, theParty, withdrawal, notified, effect, ended }) {
    if (ended !== undefined) {
      return sentence(
        `${theTreaty} ya no está en vigor desde ${ended}; si lo estuviera, una ${withdrawal} notificada ${notified} ${effect}`,
      );
    }
    const condition = theParty
      ? `si ${theParty} notificara su retirada ${ofTreaty} ${notified}`
      : `si se notificara la retirada ${ofTreaty} ${notified}`;
    return sentence(`${condition}, esta ${effect}`);
  },
  embed: {
    title: "cronología y cuenta atrás",
    dates: (signed, inForce) =>
      `Firmado el ${spanishDate(signed)}${inForce === undefined ? "" : `; en vigor desde el ${spanishDate(inForce)}`}.`,
    asOf: "A fecha de",
    timeline: "Cronología",
    noEvents: "Aún no hay acontecimientos registrados.",
  },
});
