/**
 * Deadlines a treaty's rules and history imply, each with the arithmetic shown in words so a reporter
 * can check it against the text of the treaty.
 */
import {
  addPeriod,
  clampNote,
  describePeriod,
  describePeriodInFigures,
  firstDayOf,
  formatLongDate,
  formatPartialDate,
  isCivilDate,
  lastDayOf,
  onDate,
  parseCivilDate,
  parsePartialDate,
  subtractPeriod,
} from "#domain/calendar";
import {
  applyEffectRule,
  type ClauseInUse,
  clauseInUse,
  DERIVATION_HORIZON,
  describeWhen,
  inForceFor,
  joinSentences,
  MAX_OCCURRENCES,
  noticeWindows,
  possessive,
  VCLT_ARTICLE_56,
  windowFor,
} from "#domain/clauses";
import { sortTimeline } from "#domain/timeline";
import {
  type CivilDateString,
  DEADLINE_KINDS,
  type Deadline,
  type EventType,
  NOTICE_TYPES,
  type PartialDateString,
  type TimelineEvent,
  type Treaty,
} from "#domain/types";

export { VCLT_ARTICLE_56 };

/**
 * The event types deriveDeadlines (and treatyEnd, for a recorded termination or expiry) reads. Given only the
 * events of these types they return exactly what they return given the whole history, so a store may keep just
 * these beside the treaty.
 */
export const ruleRelevantTypes: ReadonlySet<EventType> = new Set<EventType>([
  "terminated",
  "expired",
  "withdrawal_notice",
  "expelled",
  "notice_retracted",
  "withdrawal_effective",
  "ultimatum",
  "extended",
  "ratified",
]);

const VCLT_ARTICLE_68 = "Vienna Convention on the Law of Treaties, Article 68";

/** Whether a partial date could fall on or after `d` (a partial date covers every day it names). */
function mayBeOnOrAfter(partial: PartialDateString, d: CivilDateString): boolean {
  return partial >= d.slice(0, partial.length);
}

/** Whether a partial date could fall strictly before `d`. */
function mayBeBefore(partial: PartialDateString, d: CivilDateString): boolean {
  const prefix = d.slice(0, partial.length);
  return partial < prefix || (partial.length < d.length && partial === prefix);
}

function sameParty(a: string | undefined, b: string | undefined): boolean {
  return a === b;
}

function partyField(party: string | undefined): { party?: string } {
  return party === undefined ? {} : { party };
}

function triggerField(id: string | undefined): { triggerEventId?: string } {
  return id === undefined ? {} : { triggerEventId: id };
}

const sentences = joinSentences;

export interface WithdrawalScenario {
  noticeOn: CivilDateString;
  party?: string;
  triggerEventId?: string;
  /** True for a what-if: the explanation says "If notice were delivered on ...". */
  hypothetical?: boolean;
  /** The day the addressee received the notice, for clauses that count from receipt. */
  receivedOn?: CivilDateString;
  /** A later date the notification names. */
  effectiveOn?: CivilDateString;
  /** The date the notifying party claims, where it may differ from the rule's. */
  claimedEffectiveOn?: CivilDateString;
  /** The clock starts with an expulsion rather than a notice. */
  expelled?: boolean;
  /** When the treaty last entered into force for the party before the notice, where a deposit is on record. */
  boundOn?: CivilDateString;
}

/** The rule of a renewing term, short enough to sit in brackets. */
const RENEWAL_SUMMARY = "the end of the renewal period notice came in time for";

/**
 * When the notifying party claims another date than the rule gives: the deadline's `contested` fields and the
 * warning that names both dates. Undefined when there is no claim or it agrees.
 */
function contestedExit(
  scenario: WithdrawalScenario,
  date: CivilDateString,
  label: string,
  summary: string,
): { fields: { contested: true; claimedDate: CivilDateString }; warning: string } | undefined {
  if (scenario.claimedEffectiveOn === undefined || scenario.claimedEffectiveOn === date) return undefined;
  const claimed = parseCivilDate(scenario.claimedEffectiveOn, "claimed effective date");
  return {
    fields: { contested: true, claimedDate: claimed },
    warning:
      `Contested: ${scenario.party ?? "the notifying party"} claims the exit took effect ${claimed < date ? "on" : "only on"} ${formatLongDate(claimed)}, ` +
      `but ${label} gives ${formatLongDate(date)} (${summary}). Both dates are shown; neither has been chosen silently.`,
  };
}

function noticeOpening(
  clause: ClauseInUse,
  scenario: WithdrawalScenario,
  noticeOn: CivilDateString,
): {
  countFrom: CivilDateString;
  opening: string;
  warnings: string[];
} {
  if (scenario.expelled) {
    return {
      countFrom: noticeOn,
      opening: `Expelled on ${formatLongDate(noticeOn)}; the clause is applied from the expulsion as from a notice.`,
      warnings: [],
    };
  }
  if (clause.counting !== "receipt") {
    return { countFrom: noticeOn, opening: `Notice delivered on ${formatLongDate(noticeOn)}.`, warnings: [] };
  }
  if (scenario.hypothetical) {
    return { countFrom: noticeOn, opening: "", warnings: [] };
  }
  if (scenario.receivedOn === undefined) {
    return {
      countFrom: noticeOn,
      opening: `Notice dated ${formatLongDate(noticeOn)}; the date it was received is not recorded, so the count starts from the notice's date.`,
      warnings: [
        `${clause.label} counts from the day the notification is received, and no receipt date is recorded for the notice of ${formatLongDate(noticeOn)}; ` +
          "the notice's own date was used, so the exit may fall later. Add receivedOn from the depositary's record.",
      ],
    };
  }
  const receivedOn = parseCivilDate(scenario.receivedOn, "receipt date");
  return {
    countFrom: receivedOn,
    opening:
      receivedOn === noticeOn
        ? `Notice delivered and received on ${formatLongDate(noticeOn)}.`
        : `Notice dated ${formatLongDate(noticeOn)}, received on ${formatLongDate(receivedOn)}.`,
    warnings: [],
  };
}

/**
 * The withdrawal_effective deadline that notice on `noticeOn` produces under the clause that governs the party
 * (its own terms, the treaty's clause, or the Vienna Convention's twelve-month minimum when the treaty has none).
 * The clause's conditions travel as warnings; so does anything in the notice the rule does not bear out.
 */
export function withdrawalDeadline(treaty: Treaty, scenario: WithdrawalScenario): Deadline {
  if (treaty.renewal !== undefined && treaty.withdrawal === undefined) {
    return renewalExit(treaty, scenario);
  }
  const clause = clauseInUse(treaty, scenario.party);
  const noticeOn = parseCivilDate(scenario.noticeOn, "notice date");
  const { countFrom, opening, warnings } = noticeOpening(clause, scenario, noticeOn);
  const landing = applyEffectRule(clause.rule, countFrom);
  let date = landing.date;
  const notes: string[] = [];

  if (scenario.effectiveOn !== undefined) {
    const named = parseCivilDate(scenario.effectiveOn, "date named in the notice");
    if (named > landing.date) {
      date = named;
      notes.push(
        clause.laterDateInNotice
          ? `The notification names a later date, ${formatLongDate(named)}, which ${clause.label} allows; the withdrawal takes effect then.`
          : `The notification names a later date, ${formatLongDate(named)}, and the withdrawal takes effect then.`,
      );
      if (!clause.laterDateInNotice) {
        warnings.push(
          `${clause.label} does not mention a later date named in the notification; ${formatLongDate(named)}, the date the notice names, was used rather than ${formatLongDate(landing.date)}. Check the sources.`,
        );
      }
    } else if (named < landing.date) {
      warnings.push(
        `The notification names ${formatLongDate(named)}, earlier than ${clause.label} allows; the rule's date, ${formatLongDate(landing.date)}, stands.`,
      );
    }
  }

  if (!scenario.hypothetical && !scenario.expelled) {
    warnings.push(
      ...timingWarnings(clause, {
        party: scenario.party,
        partyInForceOn: scenario.boundOn ?? inForceFor(treaty, scenario.party),
        treatyInForceOn: treaty.inForceOn,
        noticeOn,
      }),
    );
  }

  const contested = contestedExit(scenario, date, clause.label, landing.summary);
  if (contested) warnings.push(contested.warning);

  const explanation = sentences(
    scenario.hypothetical
      ? `If notice were ${clause.counting === "receipt" ? "received" : "delivered"} on ${formatLongDate(noticeOn)}, withdrawal would take effect on ${formatLongDate(date)}.`
      : opening,
    `${clause.label}: ${clause.provides}`,
    clause.ownTermsOf === undefined
      ? ""
      : `These are ${possessive(clause.ownTermsOf)} own terms, which replace the treaty's clause for it.`,
    landing.arithmetic,
    ...notes,
  );
  return {
    kind: "withdrawal_effective",
    date,
    ...partyField(scenario.party),
    ...contested?.fields,
    basis: {
      rule: clause.ruleSentence,
      article: clause.citation,
      ...triggerField(scenario.triggerEventId),
      triggerDate: countFrom,
      explanation,
      warnings: [
        ...(clause.defaultWarning === undefined ? [] : [clause.defaultWarning]),
        ...clause.conditions,
        ...warnings,
      ],
    },
  };
}

/** Whether a real notice came on a day the clause allows notice at all: after the earliest day, inside a window. */
function timingWarnings(
  clause: ClauseInUse,
  notice: {
    party: string | undefined;
    /** Earliest notice counts from the treaty's entry into force for the notifying party... */
    partyInForceOn: CivilDateString | undefined;
    /** ...windows from the treaty's own first entry into force. */
    treatyInForceOn: CivilDateString | undefined;
    noticeOn: CivilDateString;
  },
): string[] {
  const { party, partyInForceOn: inForceOn, treatyInForceOn, noticeOn } = notice;
  const warnings: string[] = [];
  if (clause.earliestNotice !== undefined && inForceOn !== undefined) {
    const firstAllowed = addPeriod(inForceOn, clause.earliestNotice).date;
    if (noticeOn < firstAllowed) {
      warnings.push(
        `Under ${clause.label}, notice may be given no earlier than ${describePeriod(clause.earliestNotice)} after entry into force` +
          `${party === undefined ? "" : ` for ${party}`} (${formatLongDate(inForceOn)}), that is from ${formatLongDate(firstAllowed)}; ` +
          `this notice, dated ${formatLongDate(noticeOn)}, came before that day. It is kept as recorded; its effect is for the sources to settle.`,
      );
    }
  }
  if (clause.windows !== undefined && treatyInForceOn !== undefined) {
    const { within, next } = windowFor(clause.windows, treatyInForceOn, noticeOn);
    if (within === undefined) {
      warnings.push(
        `Under ${clause.label}, notice may be given only within a window (the first opening ${describePeriod(clause.windows.firstAfter)} after entry into force, ` +
          `then every ${describePeriod(clause.windows.every)}, each open for ${describePeriod(clause.windows.length)}); ` +
          `${formatLongDate(noticeOn)} falls outside every window${next === undefined ? "" : `, and the next opens on ${formatLongDate(next.opens)}`}. ` +
          "It is kept as recorded; its effect is for the sources to settle.",
      );
    }
  }
  return warnings;
}

/** The end of the renewal period that a notice on `noticeOn` is in time for, and the day notice was due. */
function renewalPeriodFor(
  treaty: Treaty & { renewal: NonNullable<Treaty["renewal"]> },
  inForceOn: CivilDateString,
  noticeOn: CivilDateString,
): { end: CivilDateString; dueBy: CivilDateString; periodsSkipped: number } {
  const { renewal } = treaty;
  let end = addPeriod(inForceOn, renewal.initialTerm).date;
  while (end <= noticeOn) end = addPeriod(end, renewal.renewFor).date;
  let periodsSkipped = 0;
  while (noticeOn > subtractPeriod(end, renewal.noticeBefore)) {
    end = addPeriod(end, renewal.renewFor).date;
    periodsSkipped += 1;
  }
  const dueBy = subtractPeriod(end, renewal.noticeBefore);
  return { end, dueBy, periodsSkipped };
}

/** A notice under a renewing term: the treaty ends with the period the notice came in time for. */
function renewalExit(treaty: Treaty, scenario: WithdrawalScenario): Deadline {
  const renewal = treaty.renewal;
  const inForceOn = treaty.inForceOn;
  if (renewal === undefined || inForceOn === undefined) {
    throw new Error("renewalExit needs a renewing treaty in force");
  }
  const noticeOn = parseCivilDate(scenario.noticeOn, "notice date");
  const { end, dueBy, periodsSkipped } = renewalPeriodFor({ ...treaty, renewal }, inForceOn, noticeOn);
  const warnings: string[] = [];
  if (periodsSkipped > 0) {
    warnings.push(
      `The notice of ${formatLongDate(noticeOn)} came less than ${describePeriod(renewal.noticeBefore)} before the period then running ended, ` +
        `so under ${renewal.article} the treaty renewed once more and ends on ${formatLongDate(end)}.`,
    );
  }
  const contested = contestedExit(scenario, end, renewal.article, RENEWAL_SUMMARY);
  if (contested) warnings.push(contested.warning);
  const terms = `${renewal.article}: the treaty runs for ${describePeriod(renewal.initialTerm)} from entry into force and renews for ${describePeriod(renewal.renewFor)} at a time unless a party gives notice at least ${describePeriod(renewal.noticeBefore)} before a period ends.`;
  return {
    kind: "withdrawal_effective",
    date: end,
    ...partyField(scenario.party),
    ...contested?.fields,
    basis: {
      rule: `The treaty ends at the end of the period for which notice came at least ${describePeriod(renewal.noticeBefore)} before.`,
      article: `${treaty.shortName}, ${renewal.article}`,
      ...triggerField(scenario.triggerEventId),
      triggerDate: noticeOn,
      explanation: sentences(
        scenario.hypothetical
          ? `If notice were delivered on ${formatLongDate(noticeOn)}, the treaty would end on ${formatLongDate(end)}.`
          : `Notice delivered on ${formatLongDate(noticeOn)}.`,
        terms,
        `The period ending on ${formatLongDate(end)} needed notice by ${formatLongDate(dueBy)}, so the treaty ends on ${formatLongDate(end)}.`,
      ),
      warnings,
    },
  };
}

/**
 * Every deadline the treaty and its history imply, sorted by date, then kind, then party.
 *
 * - `withdrawal_effective`: notice date + the clause's notice period (twelve months under the Vienna
 *   Convention, Art. 56(2), with a warning, when the treaty has no clause). A notice dated only to the month
 *   or year gives no deadline: no honest date can be computed from it. A `notice_retracted` by the same
 *   party dated on or after the notice and before the withdrawal took effect cancels it; a later retraction
 *   leaves the deadline standing, with a warning. When one party has several live notices the latest counts,
 *   with a warning naming the earlier ones. A recorded `withdrawal_effective` event that disagrees with the
 *   arithmetic is reported as a warning; the computed date is kept.
 *   The clock counts from the day the clause counts from (the receipt date for clauses that count from receipt),
 *   follows the party's own terms where it has them, honours a later date the notice names, and carries the
 *   date the party claims, where it differs, as a contested deadline. An expulsion starts the clock as a notice would.
 * - `earliest_notice`: entry into force + the clause's `earliestNotice` (and per party, where a party's own
 *   entry into force differs).
 * - `notice_window_opens` / `notice_window_closes`: each denunciation window, up to 2100.
 * - `term_renewal` / `renewal_notice_deadline`: the end of each period of a renewing term, and the last day to
 *   give notice before it, up to 2100 or until a notice ends the treaty.
 * - `party_bound`: when a party's deposited instrument binds it, under `partyEntryIntoForce`.
 * - `term_expiry`: entry into force + the treaty's term, moved by each `extended` event in date order.
 * - `ultimatum_end`: each ultimatum's `endsOn`, or its date + its period.
 */
export function deriveDeadlines(treaty: Treaty, events: readonly TimelineEvent[]): Deadline[] {
  const timeline = sortTimeline(events.filter((event) => ruleRelevantTypes.has(event.type)));
  const bindings = partyBoundDeadlines(treaty, timeline);
  const withdrawals = withdrawalDeadlines(treaty, timeline, bindings);
  const deadlines = [
    ...withdrawals,
    ...earliestNoticeDeadlines(treaty),
    ...termDeadlines(treaty, timeline),
    ...renewalDeadlines(treaty, withdrawals),
    ...windowDeadlines(treaty),
    ...ultimatumDeadlines(treaty, timeline),
    ...bindings,
  ];
  return deadlines.sort(compareDeadlines);
}

function compareDeadlines(a: Deadline, b: Deadline): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind);
  const partyA = a.party ?? "";
  const partyB = b.party ?? "";
  if (partyA !== partyB) return partyA < partyB ? -1 : 1;
  return 0;
}

/**
 * The exit a recorded notice sets off. A notice known only to the month gives a date when every day of that month
 * gives the same one (six months from any day of March never lands on one day, but "the first of the month after
 * three months" from any day of March is 1 July); otherwise no honest date can be computed, and none is.
 */
function noticeDeadline(treaty: Treaty, notice: TimelineEvent, bindings: readonly Deadline[]): Deadline | undefined {
  const precision = parsePartialDate(notice.date).precision;
  if (precision === "year") return undefined;
  const scenario = (noticeOn: CivilDateString): Deadline => {
    const boundOn = bindings
      .filter((binding) => binding.party === notice.party && binding.date <= noticeOn)
      .map((binding) => binding.date)
      .at(-1);
    return withdrawalDeadline(treaty, {
      noticeOn,
      ...partyField(notice.party),
      ...(boundOn === undefined ? {} : { boundOn }),
      triggerEventId: notice.id,
      ...(notice.type === "expelled" ? { expelled: true } : {}),
      ...(notice.receivedOn === undefined ? {} : { receivedOn: notice.receivedOn }),
      ...(notice.effectiveOn === undefined ? {} : { effectiveOn: notice.effectiveOn }),
      ...(notice.claimedEffectiveOn === undefined ? {} : { claimedEffectiveOn: notice.claimedEffectiveOn }),
    });
  };
  if (precision === "day") return scenario(notice.date);
  const first = scenario(firstDayOf(notice.date));
  const last = scenario(lastDayOf(notice.date));
  if (first.date !== last.date) return undefined;
  const month = formatPartialDate(notice.date);
  return {
    ...first,
    basis: {
      ...first.basis,
      explanation: sentences(
        `Notice given in ${month}; the day is not recorded, but counted from any day of ${month} the rule gives the same date, ${formatLongDate(first.date)}.`,
        first.basis.explanation.replace(
          /^Notice (?:delivered on|dated) [^.]*\. /,
          "Counted from the first of the month: ",
        ),
      ),
      warnings: first.basis.warnings.filter((warning) => !warning.includes("no receipt date is recorded")),
    },
  };
}

function withdrawalDeadlines(
  treaty: Treaty,
  timeline: readonly TimelineEvent[],
  bindings: readonly Deadline[],
): Deadline[] {
  const liveByParty = new Map<string, { notice: TimelineEvent; deadline: Deadline; warnings: string[] }[]>();

  for (const notice of timeline) {
    if (!NOTICE_TYPES.has(notice.type)) continue;
    const deadline = noticeDeadline(treaty, notice, bindings);
    if (deadline === undefined) continue;
    const retractions = timeline.filter(
      (event) =>
        event.type === "notice_retracted" &&
        sameParty(event.party, notice.party) &&
        mayBeOnOrAfter(event.date, notice.date),
    );
    if (retractions.some((retraction) => mayBeBefore(retraction.date, deadline.date))) continue;
    const warnings = retractions.map(
      (retraction) =>
        `A retraction of this notice is recorded ${onDate(retraction.date)}, after the withdrawal took effect ${onDate(deadline.date)}; ` +
        `a notice can be revoked only before it takes effect (${VCLT_ARTICLE_68}), so the deadline stands. Check the sources.`,
    );
    const key = notice.party ?? "";
    liveByParty.set(key, [...(liveByParty.get(key) ?? []), { notice, deadline, warnings }]);
  }

  const deadlines: Deadline[] = [];
  for (const live of liveByParty.values()) {
    const latest = live[live.length - 1];
    if (latest === undefined) continue;
    const { notice, deadline } = latest;
    const warnings = [...deadline.basis.warnings, ...latest.warnings];
    for (const earlier of live.slice(0, -1)) {
      // An earlier exit that took effect before this notice is history (the party left and came back), not a rival notice.
      if (earlier.deadline.date <= notice.date) continue;
      warnings.push(
        `An earlier notice${notice.party === undefined ? "" : ` by ${notice.party}`} delivered ${onDate(earlier.notice.date)} ` +
          `is also on record and was not retracted; this deadline counts from the latest notice, ${formatPartialDate(notice.date)}. ` +
          `Counted from the earlier notice, withdrawal would have taken effect ${onDate(earlier.deadline.date)}.`,
      );
    }
    for (const recorded of timeline) {
      if (recorded.type !== "withdrawal_effective") continue;
      if (recorded.party !== undefined && recorded.party !== notice.party) continue;
      if (!mayBeOnOrAfter(recorded.date, notice.date)) continue;
      if (deadline.date.startsWith(recorded.date)) continue;
      warnings.push(
        `The record shows the withdrawal taking effect ${onDate(recorded.date)}, but ${ruleLabel(treaty, notice.party)} gives ` +
          `${formatLongDate(deadline.date)} (${ruleSummary(treaty, deadline)}). ` +
          "Check the sources; neither date has been chosen silently.",
      );
    }
    deadlines.push({ ...deadline, basis: { ...deadline.basis, warnings } });
  }
  return deadlines;
}

function ruleLabel(treaty: Treaty, party: string | undefined): string {
  if (treaty.renewal !== undefined && treaty.withdrawal === undefined) return treaty.renewal.article;
  return clauseInUse(treaty, party).label;
}

/** "2 February 2019 + six months": the rule's arithmetic in brackets. */
function ruleSummary(treaty: Treaty, deadline: Deadline): string {
  if (treaty.renewal !== undefined && treaty.withdrawal === undefined) {
    return RENEWAL_SUMMARY;
  }
  return applyEffectRule(clauseInUse(treaty, deadline.party).rule, deadline.basis.triggerDate).summary;
}

function earliestNoticeDeadlines(treaty: Treaty): Deadline[] {
  const deadlines: Deadline[] = [];
  const treatyClause = treaty.withdrawal;
  if (treatyClause?.earliestNotice !== undefined && treaty.inForceOn !== undefined) {
    deadlines.push(earliestNotice(treaty, treatyClause.article, treatyClause.earliestNotice, treaty.inForceOn));
  }
  for (const party of treaty.parties) {
    const clause = party.withdrawal ?? treatyClause;
    if (clause?.earliestNotice === undefined) continue;
    const inForceOn = party.inForceOn ?? (party.withdrawal === undefined ? undefined : treaty.inForceOn);
    if (inForceOn === undefined || (party.withdrawal === undefined && inForceOn === treaty.inForceOn)) continue;
    deadlines.push(earliestNotice(treaty, clause.article, clause.earliestNotice, inForceOn, party.code));
  }
  return deadlines;
}

function earliestNotice(
  treaty: Treaty,
  article: string,
  wait: NonNullable<Treaty["withdrawal"]>["earliestNotice"] & object,
  inForce: CivilDateString,
  party?: string,
): Deadline {
  const inForceOn = parseCivilDate(inForce, "entry-into-force date");
  const { date } = addPeriod(inForceOn, wait);
  const period = describePeriod(wait);
  const forWhom = party === undefined ? "" : ` for ${party}`;
  return {
    kind: "earliest_notice",
    date,
    ...partyField(party),
    basis: {
      rule: `Notice of withdrawal may be given no earlier than ${period} after entry into force${party === undefined ? "" : " for the party"}.`,
      article: `${treaty.shortName}, ${article}`,
      triggerDate: inForceOn,
      explanation: sentences(
        `Entered into force${forWhom} on ${formatLongDate(inForceOn)}.`,
        `${article}: notice of withdrawal may be given no earlier than ${period} after entry into force${party === undefined ? "" : " for the party"}.`,
        `${formatLongDate(inForceOn)} + ${describePeriodInFigures(wait)} = ${formatLongDate(date)}.`,
        clampNote(inForceOn, wait),
      ),
      warnings: [],
    },
  };
}

/** Each denunciation window, opening and closing, for treaties whose clause has them. */
function windowDeadlines(treaty: Treaty): Deadline[] {
  const clause = treaty.withdrawal;
  if (clause?.windows === undefined || treaty.inForceOn === undefined) return [];
  const { windows } = clause;
  const inForceOn = parseCivilDate(treaty.inForceOn, "entry-into-force date");
  const terms =
    `${clause.article}: notice may be given within ${describePeriod(windows.length)} after ${describePeriod(windows.firstAfter)} in force, ` +
    `and again within ${describePeriod(windows.length)} after each further ${describePeriod(windows.every)}.`;
  return noticeWindows(windows, inForceOn).flatMap((window, n) => {
    const ordinal = n === 0 ? "The first window" : `Window ${n + 1}`;
    const basis = {
      rule: `Notice may be given only within ${describePeriod(windows.length)} after each period of ${describePeriod(windows.every)} in force.`,
      article: `${treaty.shortName}, ${clause.article}`,
      triggerDate: inForceOn,
      warnings: [],
    };
    return [
      {
        kind: "notice_window_opens" as const,
        date: window.opens,
        basis: {
          ...basis,
          explanation: sentences(
            `Entered into force on ${formatLongDate(inForceOn)}.`,
            terms,
            `${ordinal} opens on ${formatLongDate(window.opens)} and closes at the end of ${formatLongDate(window.closes)}.`,
          ),
        },
      },
      {
        kind: "notice_window_closes" as const,
        date: window.closes,
        basis: {
          ...basis,
          explanation: sentences(
            `Entered into force on ${formatLongDate(inForceOn)}.`,
            terms,
            `${ordinal} opened on ${formatLongDate(window.opens)}; ${formatLongDate(window.closes)} is its last day.`,
          ),
        },
      },
    ];
  });
}

/**
 * A renewing term: each period's end and the last day to give notice before it, until a notice ends the treaty
 * (for a bilateral treaty, any party's; otherwise the series runs on for the parties that stay).
 */
function renewalDeadlines(treaty: Treaty, withdrawals: readonly Deadline[]): Deadline[] {
  const renewal = treaty.renewal;
  if (renewal === undefined || treaty.inForceOn === undefined) return [];
  const inForceOn = parseCivilDate(treaty.inForceOn, "entry-into-force date");
  const endsWith = treaty.bilateral ? withdrawals.map((w) => w.date).sort()[0] : undefined;
  const terms = `${renewal.article}: the treaty runs for ${describePeriod(renewal.initialTerm)} from entry into force and renews for ${describePeriod(renewal.renewFor)} at a time unless a party gives notice at least ${describePeriod(renewal.noticeBefore)} before a period ends.`;
  const deadlines: Deadline[] = [];
  let end = addPeriod(inForceOn, renewal.initialTerm).date;
  for (let n = 0; n < MAX_OCCURRENCES && end <= DERIVATION_HORIZON; n += 1) {
    if (endsWith !== undefined && end > endsWith) break;
    const dueBy = subtractPeriod(end, renewal.noticeBefore);
    const basis = { article: `${treaty.shortName}, ${renewal.article}`, triggerDate: inForceOn, warnings: [] };
    deadlines.push({
      kind: "renewal_notice_deadline",
      date: dueBy,
      basis: {
        ...basis,
        rule: `Notice to end the treaty must be given at least ${describePeriod(renewal.noticeBefore)} before a period ends.`,
        explanation: sentences(
          `Entered into force on ${formatLongDate(inForceOn)}.`,
          terms,
          `The period ending on ${formatLongDate(end)} needs notice by ${formatLongDate(dueBy)} (${formatLongDate(end)} − ${describePeriodInFigures(renewal.noticeBefore)}).`,
        ),
      },
    });
    if (end !== endsWith) {
      deadlines.push({
        kind: "term_renewal",
        date: end,
        basis: {
          ...basis,
          rule: `Unless notice is given in time, the treaty renews for ${describePeriod(renewal.renewFor)} on this day.`,
          explanation: sentences(
            `Entered into force on ${formatLongDate(inForceOn)}.`,
            terms,
            `A period ends on ${formatLongDate(end)}; without notice by ${formatLongDate(dueBy)} the treaty renews until ${formatLongDate(addPeriod(end, renewal.renewFor).date)}.`,
          ),
        },
      });
    }
    end = addPeriod(end, renewal.renewFor).date;
  }
  return deadlines;
}

/** When each deposited instrument binds its party, under the treaty's entry-into-force clause for parties. */
function partyBoundDeadlines(treaty: Treaty, timeline: readonly TimelineEvent[]): Deadline[] {
  const clause = treaty.partyEntryIntoForce;
  if (clause === undefined) return [];
  const deadlines: Deadline[] = [];
  for (const event of timeline) {
    if (event.type !== "ratified" || event.party === undefined || !isCivilDate(event.date)) continue;
    const landing = applyEffectRule(clause.takesEffect, event.date);
    // A deposit made before the treaty itself entered into force binds the party from that day instead.
    const waitsForTreaty = treaty.inForceOn !== undefined && treaty.inForceOn > landing.date;
    const date = waitsForTreaty && treaty.inForceOn !== undefined ? treaty.inForceOn : landing.date;
    deadlines.push({
      kind: "party_bound",
      date,
      party: event.party,
      basis: {
        rule: `The treaty enters into force for a party ${describeWhen(clause.takesEffect, "deposit of its instrument")}.`,
        article: `${treaty.shortName}, ${clause.article}`,
        triggerEventId: event.id,
        triggerDate: event.date,
        explanation: sentences(
          `Instrument deposited on ${formatLongDate(event.date)}.`,
          `${clause.article}: the treaty enters into force for a party ${describeWhen(clause.takesEffect, "deposit of its instrument")}.`,
          landing.arithmetic,
          waitsForTreaty
            ? `The treaty itself entered into force only on ${formatLongDate(date)}, so it binds the party from that day.`
            : "",
        ),
        warnings: [],
      },
    });
  }
  return deadlines;
}

function termDeadlines(treaty: Treaty, timeline: readonly TimelineEvent[]): Deadline[] {
  if (treaty.term === undefined || treaty.inForceOn === undefined) return [];
  const inForceOn = parseCivilDate(treaty.inForceOn, "entry-into-force date");
  let expiry = addPeriod(inForceOn, treaty.term).date;
  const explanation = [
    `Entered into force on ${formatLongDate(inForceOn)}.`,
    `The treaty runs for ${describePeriod(treaty.term)}: ${formatLongDate(inForceOn)} + ${describePeriodInFigures(treaty.term)} = ${formatLongDate(expiry)}.`,
    clampNote(inForceOn, treaty.term),
  ];
  const warnings: string[] = [];
  let lastExtension: TimelineEvent | undefined;

  for (const event of timeline) {
    if (event.type !== "extended") continue;
    const { until, extension } = event.extension ?? {};
    if (until !== undefined) {
      const newExpiry = parseCivilDate(until, "extension date");
      explanation.push(`Extended ${onDate(event.date)} until ${formatLongDate(newExpiry)}.`);
      if (extension !== undefined) {
        const byPeriod = addPeriod(expiry, extension).date;
        if (byPeriod !== newExpiry) {
          warnings.push(
            `The extension recorded ${onDate(event.date)} gives both a new date, ${formatLongDate(newExpiry)}, and a period, ` +
              `${describePeriod(extension)}, which would give ${formatLongDate(byPeriod)}; the date was used. Check the sources.`,
          );
        }
      }
      expiry = newExpiry;
      lastExtension = event;
    } else if (extension !== undefined) {
      const sum = addPeriod(expiry, extension).date;
      explanation.push(
        sentences(
          `Extended ${onDate(event.date)} by ${describePeriod(extension)}: ${formatLongDate(expiry)} + ${describePeriodInFigures(extension)} = ${formatLongDate(sum)}.`,
          clampNote(expiry, extension),
        ),
      );
      expiry = sum;
      lastExtension = event;
    } else {
      warnings.push(
        `An extension is recorded ${onDate(event.date)} without a new date or a period, so it has not moved the expiry. Add one to the event.`,
      );
    }
  }

  const extended = lastExtension !== undefined;
  return [
    {
      kind: "term_expiry",
      date: expiry,
      basis: {
        rule: `The treaty stays in force for ${describePeriod(treaty.term)} after entry into force${extended ? ", as extended" : ""}.`,
        article: `${treaty.shortName}, term of the treaty`,
        // The clock is the treaty's own until someone extends it; then the latest extension sets it.
        ...triggerField(lastExtension?.id),
        triggerDate: lastExtension !== undefined && isCivilDate(lastExtension.date) ? lastExtension.date : inForceOn,
        explanation: sentences(...explanation),
        warnings,
      },
    },
  ];
}

function ultimatumDeadlines(treaty: Treaty, timeline: readonly TimelineEvent[]): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const event of timeline) {
    if (event.type !== "ultimatum" || event.ultimatum === undefined) continue;
    const { endsOn, period } = event.ultimatum;
    const fullDate = isCivilDate(event.date);
    const byPeriod = period !== undefined && fullDate ? addPeriod(event.date, period).date : undefined;
    const date = endsOn !== undefined ? parseCivilDate(endsOn, "ultimatum end date") : byPeriod;
    if (date === undefined) continue;
    const given = `Ultimatum given ${onDate(event.date)}${event.party === undefined ? "" : ` by ${event.party}`}`;
    const warnings: string[] = [];
    let explanation: string;
    if (endsOn === undefined && period !== undefined) {
      explanation = sentences(
        `${given}: ${describePeriod(period)}.`,
        `${formatLongDate(event.date)} + ${describePeriodInFigures(period)} = ${formatLongDate(date)}.`,
        clampNote(event.date, period),
      );
    } else {
      explanation = `${given}, ending on ${formatLongDate(date)}.`;
      if (byPeriod !== undefined && period !== undefined && byPeriod !== date) {
        warnings.push(
          `The ultimatum gives both an end date, ${formatLongDate(date)}, and a period, ${describePeriod(period)}, ` +
            `which would end on ${formatLongDate(byPeriod)}; the end date was used. Check the sources.`,
        );
      }
    }
    deadlines.push({
      kind: "ultimatum_end",
      date,
      ...partyField(event.party),
      basis: {
        rule:
          endsOn === undefined && period !== undefined
            ? `The ultimatum runs for ${describePeriod(period)}.`
            : `The ultimatum ends on ${formatLongDate(date)}.`,
        article: `${treaty.shortName}: ${event.title} (${formatPartialDate(event.date)})`,
        triggerEventId: event.id,
        // An ultimatum dated only to the month or year starts the clock on the first day it could have.
        triggerDate: fullDate ? event.date : `${event.date}-01-01`.slice(0, 10),
        explanation,
        warnings,
      },
    });
  }
  return deadlines;
}
