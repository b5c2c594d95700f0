/**
 * Deadlines a treaty's rules and history imply, each with the arithmetic shown in words so a reporter
 * can check it against the text of the treaty.
 */
import { formatLongDate, formatPartialDate, isCivilDate, parseCivilDate, parsePartialDate } from "#domain/civil-date";
import { addPeriod, clampNote, describePeriod, describePeriodInFigures } from "#domain/period";
import { sortTimeline } from "#domain/timeline";
import {
  type CivilDateString,
  DEADLINE_KINDS,
  type Deadline,
  type EventType,
  type PartialDateString,
  type Period,
  type TimelineEvent,
  type Treaty,
} from "#domain/types";

/**
 * The event types deriveDeadlines reads. Given only the events of these types it returns exactly what it
 * returns given the whole history, so a store may keep just these beside the treaty.
 */
export const ruleRelevantTypes: ReadonlySet<EventType> = new Set<EventType>([
  "withdrawal_notice",
  "notice_retracted",
  "withdrawal_effective",
  "ultimatum",
  "extended",
]);

export const VCLT_ARTICLE_56 = "Vienna Convention on the Law of Treaties, Article 56(2)";
const VCLT_ARTICLE_68 = "Vienna Convention on the Law of Treaties, Article 68";
const VCLT_NOTICE_PERIOD: Period = { months: 12 };

interface ClauseInUse {
  /** How the clause is named inside a sentence: "Article XV(2)". */
  label: string;
  /** Full citation: "INF Treaty, Article XV(2)". */
  citation: string;
  noticePeriod: Period;
  conditions: string[];
  /** The sentence that says what the clause provides, without the leading label. */
  provides: string;
  rule: string;
  /** Set when the treaty has no withdrawal clause and the Vienna Convention's minimum stands in. */
  defaultWarning?: string;
}

function clauseInUse(treaty: Treaty): ClauseInUse {
  const clause = treaty.withdrawal;
  if (clause !== undefined) {
    const period = describePeriod(clause.noticePeriod);
    return {
      label: clause.article,
      citation: `${treaty.shortName}, ${clause.article}`,
      noticePeriod: clause.noticePeriod,
      conditions: clause.conditions ?? [],
      provides: `withdrawal takes effect ${period} after notice.`,
      rule: `Withdrawal takes effect ${period} after notice.`,
    };
  }
  return {
    label: VCLT_ARTICLE_56,
    citation: VCLT_ARTICLE_56,
    noticePeriod: VCLT_NOTICE_PERIOD,
    conditions: [],
    provides: "a party must give not less than twelve months' notice of withdrawal.",
    rule: "Withdrawal takes effect no earlier than twelve months after notice.",
    defaultWarning:
      `The ${treaty.shortName} has no withdrawal clause. Under the Vienna Convention on the Law of Treaties, Article 56, ` +
      "a party may withdraw from such a treaty only if the parties meant to allow it or the treaty's nature implies it, " +
      "and must give not less than twelve months' notice; the date shown is that minimum, not a date the treaty fixes.",
  };
}

/** "on 2 February 2019", "in May 1991", "in 1991". */
function onDate(d: PartialDateString): string {
  return `${parsePartialDate(d).precision === "day" ? "on" : "in"} ${formatPartialDate(d)}`;
}

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

function sentences(...parts: string[]): string {
  return parts.filter((part) => part !== "").join(" ");
}

export interface WithdrawalScenario {
  noticeOn: CivilDateString;
  party?: string;
  triggerEventId?: string;
  /** True for a what-if: the explanation says "If notice were delivered on ...". */
  hypothetical?: boolean;
}

/**
 * The withdrawal_effective deadline that notice on `noticeOn` produces under the treaty's clause, or under
 * the Vienna Convention's twelve-month minimum when the treaty has none. The clause's conditions travel as warnings.
 */
export function withdrawalDeadline(treaty: Treaty, scenario: WithdrawalScenario): Deadline {
  const clause = clauseInUse(treaty);
  const noticeOn = parseCivilDate(scenario.noticeOn, "notice date");
  const { date } = addPeriod(noticeOn, clause.noticePeriod);
  const opening = scenario.hypothetical
    ? `If notice were delivered on ${formatLongDate(noticeOn)}, withdrawal would take effect on ${formatLongDate(date)}.`
    : `Notice delivered on ${formatLongDate(noticeOn)}.`;
  const explanation = sentences(
    opening,
    `${clause.label}: ${clause.provides}`,
    `${formatLongDate(noticeOn)} + ${describePeriodInFigures(clause.noticePeriod)} = ${formatLongDate(date)}.`,
    clampNote(noticeOn, clause.noticePeriod),
  );
  const warnings = [...(clause.defaultWarning === undefined ? [] : [clause.defaultWarning]), ...clause.conditions];
  return {
    kind: "withdrawal_effective",
    date,
    ...partyField(scenario.party),
    basis: {
      rule: clause.rule,
      article: clause.citation,
      ...triggerField(scenario.triggerEventId),
      triggerDate: noticeOn,
      explanation,
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
 * - `earliest_notice`: entry into force + the clause's `earliestNotice`.
 * - `term_expiry`: entry into force + the treaty's term, moved by each `extended` event in date order.
 * - `ultimatum_end`: each ultimatum's `endsOn`, or its date + its period.
 */
export function deriveDeadlines(treaty: Treaty, events: readonly TimelineEvent[]): Deadline[] {
  const timeline = sortTimeline(events.filter((event) => ruleRelevantTypes.has(event.type)));
  const deadlines = [
    ...withdrawalDeadlines(treaty, timeline),
    ...earliestNoticeDeadlines(treaty),
    ...termDeadlines(treaty, timeline),
    ...ultimatumDeadlines(treaty, timeline),
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

function withdrawalDeadlines(treaty: Treaty, timeline: readonly TimelineEvent[]): Deadline[] {
  const clause = clauseInUse(treaty);
  const liveByParty = new Map<string, { notice: TimelineEvent; deadline: Deadline; warnings: string[] }[]>();

  for (const notice of timeline) {
    if (notice.type !== "withdrawal_notice" || !isCivilDate(notice.date)) continue;
    const deadline = withdrawalDeadline(treaty, {
      noticeOn: notice.date,
      ...partyField(notice.party),
      triggerEventId: notice.id,
    });
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
      warnings.push(
        `An earlier notice${notice.party === undefined ? "" : ` by ${notice.party}`} delivered ${onDate(earlier.notice.date)} ` +
          `is also on record and was not retracted; this deadline counts from the latest notice, ${formatLongDate(notice.date)}. ` +
          `Counted from the earlier notice, withdrawal would have taken effect ${onDate(earlier.deadline.date)}.`,
      );
    }
    for (const recorded of timeline) {
      if (recorded.type !== "withdrawal_effective") continue;
      if (recorded.party !== undefined && recorded.party !== notice.party) continue;
      if (!mayBeOnOrAfter(recorded.date, notice.date)) continue;
      if (deadline.date.startsWith(recorded.date)) continue;
      warnings.push(
        `The record shows the withdrawal taking effect ${onDate(recorded.date)}, but ${clause.label} gives ` +
          `${formatLongDate(deadline.date)} (${formatLongDate(notice.date)} + ${describePeriod(clause.noticePeriod)}). ` +
          "Check the sources; neither date has been chosen silently.",
      );
    }
    deadlines.push({ ...deadline, basis: { ...deadline.basis, warnings } });
  }
  return deadlines;
}

function earliestNoticeDeadlines(treaty: Treaty): Deadline[] {
  const clause = treaty.withdrawal;
  if (clause?.earliestNotice === undefined || treaty.inForceOn === undefined) return [];
  const inForceOn = parseCivilDate(treaty.inForceOn, "entry-into-force date");
  const { date } = addPeriod(inForceOn, clause.earliestNotice);
  const period = describePeriod(clause.earliestNotice);
  return [
    {
      kind: "earliest_notice",
      date,
      basis: {
        rule: `Notice of withdrawal may be given no earlier than ${period} after entry into force.`,
        article: `${treaty.shortName}, ${clause.article}`,
        triggerDate: inForceOn,
        explanation: sentences(
          `Entered into force on ${formatLongDate(inForceOn)}.`,
          `${clause.article}: notice of withdrawal may be given no earlier than ${period} after entry into force.`,
          `${formatLongDate(inForceOn)} + ${describePeriodInFigures(clause.earliestNotice)} = ${formatLongDate(date)}.`,
          clampNote(inForceOn, clause.earliestNotice),
        ),
        warnings: [],
      },
    },
  ];
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
