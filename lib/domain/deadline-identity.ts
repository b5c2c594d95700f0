/**
 * Who a deadline is over time. Three things hang on it: the store's key for the deadline, the
 * calendar entry's UID, and the SEQUENCE a calendar entry carries so subscribed calendars update
 * an entry instead of adding a second one.
 */
import type { Deadline, DeadlineKind } from "#domain/types";

/** The kinds of deadline on which a party leaves or the treaty ends: a withdrawal taking effect, a term expiring. */
export const EXIT_KINDS: ReadonlySet<DeadlineKind> = new Set(["withdrawal_effective", "term_expiry"]);

/**
 * Kinds of deadline that remain "the same deadline" when a new trigger replaces the old: the exits.
 * A party has one withdrawal (a later notice replaces an earlier one) and a treaty one term (each
 * extension moves it). Other kinds are one deadline per triggering event.
 */
export const ONE_PER_PARTY: ReadonlySet<DeadlineKind> = EXIT_KINDS;

/**
 * Kinds that recur on dates fixed by the treaty itself (each denunciation window, each renewal period): no event
 * triggers them and their dates never move, so the date tells one from the next.
 */
export const ONE_PER_DATE: ReadonlySet<DeadlineKind> = new Set([
  "notice_window_opens",
  "notice_window_closes",
  "renewal_notice_deadline",
  "term_renewal",
]);

/** What tells two deadlines of one kind and party apart: the triggering event, or the fixed date. */
function occurrence(deadline: Deadline, none: string): string {
  return ONE_PER_DATE.has(deadline.kind) ? deadline.date : (deadline.basis.triggerEventId ?? none);
}

/** One deadline as derived from one trigger: kind, party and triggering event. Stored deadlines are keyed on it. */
export function deadlineIdentity(deadline: Deadline): string {
  return `${deadline.kind}#${deadline.party ?? "-"}#${occurrence(deadline, "-")}`;
}

/**
 * The identity of a deadline over time, whichever notice or extension set its date for the kinds
 * that are one per party. Calendars key their entries on it, and its sequence rises each time the
 * date under that identity moves, in either direction.
 */
export function deadlineSeries(deadline: Deadline): string {
  const stem = `${deadline.kind}#${deadline.party ?? "-"}`;
  return ONE_PER_PARTY.has(deadline.kind) ? stem : `${stem}#${occurrence(deadline, "-")}`;
}

/**
 * The calendar UID of a deadline series: the same whatever date the deadline falls on. Its spelling
 * is published in subscribed calendars, so it never changes.
 */
export function deadlineUid(treatyId: string, deadline: Deadline): string {
  const entry = `${treatyId}-${deadline.kind}-${deadline.party ?? "all"}`;
  if (ONE_PER_PARTY.has(deadline.kind)) return `${entry}@treaty-clock`;
  return `${entry}-${occurrence(deadline, "treaty")}@treaty-clock`;
}

/** The date a series last had, and how many times that date has moved. */
export interface SeriesSequence {
  date: string;
  sequence: number;
}

/** Per deadline series, its sequence; kept with the treaty, entries stay for deadlines that went away. */
export type DeadlineSequences = Readonly<Record<string, SeriesSequence>>;

/** The SEQUENCE rule: 0 the first time a series is seen, unchanged while its date stays, one more each time it moves. */
export function sequenceAfter(previous: SeriesSequence | undefined, date: string): SeriesSequence {
  if (previous === undefined) return { date, sequence: 0 };
  return previous.date === date ? previous : { date, sequence: previous.sequence + 1 };
}

/** The sequences after `deadlines` replace the previous ones; entries are kept for removed deadlines. */
export function nextSequences(
  previous: DeadlineSequences | undefined,
  deadlines: readonly Deadline[],
): Record<string, SeriesSequence> {
  const next: Record<string, SeriesSequence> = { ...previous };
  for (const deadline of deadlines) {
    const series = deadlineSeries(deadline);
    next[series] = sequenceAfter(next[series], deadline.date);
  }
  return next;
}

/** The SEQUENCE of a deadline's calendar entry, from the sequences kept with its treaty. */
export function calendarSequence(deadline: Deadline, sequences: DeadlineSequences | undefined): number {
  return sequenceAfter(sequences?.[deadlineSeries(deadline)], deadline.date).sequence;
}
