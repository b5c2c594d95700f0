import { selectExit } from "#domain/countdown";
import type { TreatyRecord } from "#domain/records";
import type { Countdown, Deadline, DeadlineBasis, DeadlineKind } from "#domain/types";

/** The treaty as the API shows it: the treaty's own fields, then what treaty-clock derived. */
export function treatyView(record: TreatyRecord) {
  return {
    ...record.treaty,
    deadlines: record.deadlines,
    eventCount: record.eventCount,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The exit a countdown would use today, when it is still ahead. */
export function nextExit(deadlines: Deadline[], today: string): Deadline | null {
  const exit = selectExit(deadlines, today);
  return exit && exit.date >= today ? exit : null;
}

export function treatySummary(record: TreatyRecord, today: string) {
  const { id, name, shortName } = record.treaty;
  return { id, name, shortName, nextExit: nextExit(record.deadlines, today) };
}

/** Who a countdown speaks of: the party asked about or the one exit's party, and every party whose exit it is. */
interface CountdownSubject {
  treatyId: string;
  party: string | null;
  parties: readonly string[];
  /** Withdrawals pending in all; shown only when no party was asked about. */
  pendingWithdrawals?: number;
}

/** What follows the count: the treaty's end or a contested date, then the basis (and each party's, when several). */
interface CountdownFacts {
  treatyEnded?: { date: string; reason: string };
  contested?: boolean;
  claimedDate?: string;
  basis: (DeadlineBasis & { party?: string }) | null;
  bases?: readonly (DeadlineBasis & { party: string | null })[];
}

/**
 * The countdown answer (the Countdown schema in responses.ts), its fields in one order whichever path built it:
 * an exit ahead or past, the treaty's end, or a notice asked about (`whatIf`).
 */
export function countdownView(
  subject: CountdownSubject,
  exit: { kind: DeadlineKind | null; count: Countdown; whatIf: boolean; ended?: boolean },
  facts: CountdownFacts,
) {
  const { count } = exit;
  return {
    treatyId: subject.treatyId,
    party: subject.party,
    parties: subject.parties,
    ...(subject.pendingWithdrawals === undefined ? {} : { pendingWithdrawals: subject.pendingWithdrawals }),
    asOf: count.asOf,
    timeZone: count.timeZone,
    exitDate: count.date,
    kind: exit.kind,
    daysUntil: count.daysUntil,
    businessDaysUntil: count.businessDaysUntil,
    status: exit.ended ? "ended" : count.status,
    breakdown: count.breakdown,
    whatIf: exit.whatIf,
    ...facts,
  };
}

/** The countdown answer when no exit is on record: every field of the count null. */
export function noCountdownView(subject: CountdownSubject, asOf: string, timeZone: string) {
  return {
    ...subject,
    asOf,
    timeZone,
    exitDate: null,
    kind: null,
    daysUntil: null,
    businessDaysUntil: null,
    status: "none",
    breakdown: null,
    basis: null,
  };
}
