import type { Deadline, DeadlineKind } from "#domain/types";

/**
 * Kinds of deadline that remain "the same deadline" when a new trigger replaces the old: a
 * party has one withdrawal (a later notice replaces an earlier one) and a treaty one term
 * (each extension moves it). Other kinds are one deadline per triggering event.
 */
export const ONE_PER_PARTY: ReadonlySet<DeadlineKind> = new Set(["withdrawal_effective", "term_expiry"]);

/**
 * The identity of a deadline over time. Calendars key their entries on it, and the store
 * raises its sequence each time the date under that identity moves, in either direction.
 */
export function deadlineSeries(deadline: Deadline): string {
  const stem = `${deadline.kind}#${deadline.party ?? "-"}`;
  return ONE_PER_PARTY.has(deadline.kind) ? stem : `${stem}#${deadline.basis.triggerEventId ?? "-"}`;
}
