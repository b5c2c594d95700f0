/**
 * The sentence frames Spanish and French share. Both say an exit the same way, "la retirada de Estonia del Tratado
 * INF se hará efectiva dentro de 148 días, el …" / "le retrait de l'Estonie du traité FNI prendra effet dans
 * 148 jours, le …": the grammar is here once, and es.ts and fr.ts supply their words, articles and contractions.
 */
import type { CivilDateString, DeadlineKind } from "#domain/types";
import { capitalise, pendingAfter, sentence } from "#formats/sentences/grammar";
import { localNumber, localPartialDate, localPartyName } from "#formats/sentences/locale";
import type { EmbedWords, ExitWords, PartyRef, Phrasebook, TreatyRef } from "#formats/sentences/phrasebook";

/** A name with the gender its article follows; "none" takes no article ("Estados Unidos", "Israël"). */
export interface Noun<Gender extends string> {
  name: string;
  gender: Gender | "none";
}

/** A verb's forms by when an exit falls, each as [one party or a term, several parties]. */
type Forms = readonly [one: string, several?: string];
export interface VerbForms {
  future: Forms;
  today: Forms;
  past: Forms;
}

/** The form of the verb for this exit: its tense from the days until it, its number from the parties named. */
function verbFor(exit: ExitWords, forms: VerbForms): string {
  const tense = exit.daysUntil > 0 ? forms.future : exit.daysUntil === 0 ? forms.today : forms.past;
  const [one, several = one] = tense;
  return exit.parties.length > 1 ? several : one;
}

export interface RomanceWords<Gender extends string> {
  /** BCP 47 tag, also the locale of dates, numbers and Intl's country names. */
  tag: "es" | "fr";
  /** A full date ("2 de agosto de 2019", "1er août 2019"), and the luxon format of a month and year. */
  dates: { day: (date: CivilDateString) => string; month: string };
  /** The article before a day: "el", "le". */
  theDay: string;
  /** Numbers written out, from zero. */
  numbers: readonly string[];
  /** How far off a day is; each count gets the number in words or in figures. */
  days: {
    today: string;
    tomorrow: string;
    yesterday: string;
    ahead: (count: string) => string;
    ago: (count: string) => string;
  };
  /** Between a treaty's name and what happens to it: ":", or the French "\u00a0:". */
  colon: string;
  treaty(treaty: TreatyRef): Noun<Gender>;
  /** Parties whose name or gender differs from Intl's name without an article. */
  parties: Readonly<Record<string, { name?: string; gender: Gender | "none" }>>;
  /** The article of each gender, "la Convención"; a name of gender none takes none. */
  articles: Readonly<Record<Gender, string>>;
  /** "Of" with each gender's article, contracted as the language does: "del Tratado", "de la Convención". */
  of: Readonly<Record<Gender | "none", string>>;
  /** Where articles elide before a vowel: each form's elided form ("le" → "l'"), and which names take it. */
  elision?: { forms: Readonly<Record<string, string>>; before: (name: string) => boolean };
  withdrawal: {
    /** One withdrawal and several, with their articles: "la retirada", "las retiradas". */
    noun: readonly [one: string, several: string];
    the: readonly [one: string, several: string];
    /**
     * The parties after it, given each name with its article and with "of": French repeats "of" ("de l'Estonie,
     * de la Lettonie et de la Lituanie"), Spanish says it once ("de Estonia, Letonia y Lituania").
     */
    ofParties(names: { the: readonly string[]; of: readonly string[] }): string;
  };
  takesEffect: VerbForms;
  expires: VerbForms;
  /** The verb of a what-if, ahead and after the day: "se haría efectiva", "se habría hecho efectiva". */
  wouldTakeEffect: readonly [ahead: string, after: string];
  /** The pending withdrawals after an exit, the first one or the first few of all pending. */
  pending: { first: string; firstFew: (count: string) => string; of: (total: string) => string };
  kinds: Readonly<Record<DeadlineKind, (party: string | undefined) => string>>;
  /** No withdrawal pending from "del Tratado INF". */
  none(ofTreaty: string): string;
  /** The verb of a treaty's end, after a withdrawal too: "dejó de estar en vigor"; an expiry says `expires.past`. */
  ended: string;
  /** After the end, the withdrawal that ended it: "cuando se hizo efectiva la retirada de …". */
  whenWithdrawn(withdrawal: string): string;
  /** The what-if in full, from its parts in words ("el 2 de agosto de 2019"); `ended` when the treaty has. */
  whatIf(parts: {
    treaty: Noun<Gender>;
    /** "el Tratado INF", "du traité FNI", "Estados Unidos". */
    theTreaty: string;
    ofTreaty: string;
    theParty: string | undefined;
    /** The withdrawal of the party, or any: "retirada de Estados Unidos", "retrait". */
    withdrawal: string;
    notified: string;
    effect: string;
    ended: string | undefined;
  }): string;
  embed: EmbedWords;
}

export function romancePhrasebook<Gender extends string>(words: RomanceWords<Gender>): Phrasebook {
  const { tag, days } = words;
  const number = (n: number) => localNumber(n, tag, words.numbers);
  const onDay = (date: CivilDateString) => `${words.theDay} ${words.dates.day(date)}`;
  /** A name after a form of the article, elided where the language elides: "la Convención", "l'accord". */
  const phrase = (form: string | undefined, name: string) => {
    const elided = form !== undefined && words.elision?.before(name) ? words.elision.forms[form] : undefined;
    if (elided !== undefined) return `${elided}${name}`;
    return form === undefined ? name : `${form} ${name}`;
  };
  const withArticle = ({ name, gender }: Noun<Gender>) =>
    phrase(gender === "none" ? undefined : words.articles[gender], name);
  const of = ({ name, gender }: Noun<Gender>) => phrase(words.of[gender], name);
  /** "retirada de Estonia", "retraits de l'Estonie, de la Lettonie et de la Lituanie"; the noun alone for none. */
  const withdrawalsOf = (parties: readonly Noun<Gender>[]) => {
    const [one, several] = words.withdrawal.noun;
    if (parties.length === 0) return one;
    const names = words.withdrawal.ofParties({ the: parties.map(withArticle), of: parties.map(of) });
    return `${parties.length > 1 ? several : one} ${names}`;
  };
  const partyNoun = (party: PartyRef): Noun<Gender> => {
    const known = words.parties[party.code];
    return { name: localPartyName(party, tag, known?.name), gender: known?.gender ?? "none" };
  };
  /** "dentro de 148 días, el 27 de diciembre de 2025", "hier, le …". */
  const when = (daysUntil: number, date: CivilDateString) => {
    const day = onDay(date);
    if (daysUntil === 0) return `${days.today}, ${day}`;
    if (daysUntil === 1) return `${days.tomorrow}, ${day}`;
    if (daysUntil === -1) return `${days.yesterday}, ${day}`;
    if (daysUntil > 1) return `${days.ahead(number(daysUntil))}, ${day}`;
    return `${days.ago(number(-daysUntil))}, ${day}`;
  };
  const pending = (shown: number, total: number) =>
    `, ${shown > 1 ? words.pending.firstFew(number(shown)) : words.pending.first} ${words.pending.of(number(total))}`;

  return {
    tag,
    date: words.dates.day,
    partialDate: (date) => localPartialDate(date, tag, words.dates),
    exit(treaty, exit) {
      const at = when(exit.daysUntil, exit.date);
      const noun = words.treaty(treaty);
      switch (exit.kind) {
        case "withdrawal_effective": {
          const [one, several] = words.withdrawal.the;
          const withdrawals = withdrawalsOf(exit.parties.map(partyNoun));
          const subject = `${exit.parties.length > 1 ? several : one} ${withdrawals} ${of(noun)}`;
          return sentence(`${subject} ${verbFor(exit, words.takesEffect)} ${at}${pendingAfter(exit, pending)}`);
        }
        case "term_expiry":
          return sentence(`${withArticle(noun)} ${verbFor(exit, words.expires)} ${at}`);
        default:
          return sentence(`${withArticle(noun)}${words.colon} ${words.kinds[exit.kind](undefined)} ${at}`);
      }
    },
    none: (treaty) => sentence(words.none(of(words.treaty(treaty)))),
    ended(treaty, end) {
      const name = withArticle(words.treaty(treaty));
      const on = onDay(end.date);
      switch (end.reason) {
        case "withdrawal":
          return sentence(
            `${name} ${words.ended} ${on}, ${words.whenWithdrawn(withdrawalsOf(end.party ? [partyNoun(end.party)] : []))}`,
          );
        case "term_expiry":
        case "expired":
          return sentence(`${name} ${words.expires.past[0]} ${on}`);
        case "terminated":
          return sentence(`${name} ${words.ended} ${on}`);
      }
    },
    whatIf(treaty, whatIf) {
      const [ahead, after] = words.wouldTakeEffect;
      const noun = words.treaty(treaty);
      const party = whatIf.party && partyNoun(whatIf.party);
      return words.whatIf({
        treaty: noun,
        theTreaty: withArticle(noun),
        ofTreaty: of(noun),
        theParty: party && withArticle(party),
        withdrawal: withdrawalsOf(party ? [party] : []),
        notified: onDay(whatIf.noticeOn),
        effect: `${whatIf.daysUntil >= 0 ? ahead : after} ${when(whatIf.daysUntil, whatIf.date)}`,
        ended: whatIf.endedOn === undefined ? undefined : onDay(whatIf.endedOn),
      });
    },
    summary(treaty, kind, party) {
      const name = capitalise(withArticle(words.treaty(treaty)));
      return `${name}${words.colon} ${words.kinds[kind](party && of(partyNoun(party)))}`;
    },
    inDays: (count) => (count === 0 ? days.today : count === 1 ? days.tomorrow : days.ahead(String(count))),
    embed: words.embed,
  };
}
