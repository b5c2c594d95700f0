import type { Deadline, DeadlineKind } from "#domain/types";

/**
 * Kinds of deadline that remain "the same deadline" when a new trigger replaces the old: a
 * party has one withdrawal (a later notice replaces an earlier one) and a treaty one term
 * (each extension moves it). Other kinds are one deadline per triggering event.
 */
export const ONE_PER_PARTY: ReadonlySet<DeadlineKind> = new Set(["withdrawal_effective", "term_expiry"]);

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

/**
 * The identity of a deadline over time. Calendars key their entries on it, and the store
 * raises its sequence each time the date under that identity moves, in either direction.
 */
export function deadlineSeries(deadline: Deadline): string {
  const stem = `${deadline.kind}#${deadline.party ?? "-"}`;
  if (ONE_PER_PARTY.has(deadline.kind)) return stem;
  if (ONE_PER_DATE.has(deadline.kind)) return `${stem}#${deadline.date}`;
  return `${stem}#${deadline.basis.triggerEventId ?? "-"}`;
}
