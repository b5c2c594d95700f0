/**
 * What a countdown reports about a treaty's exit on a given day, before any words are chosen: the exit (with every
 * party whose exit falls on that same date, so a sentence never drops two of three countries), how many
 * withdrawals are pending in all, or that the treaty as a whole is over.
 */
import { countdown, selectExit } from "#domain/countdown";
import { type TreatyEnd, treatyEnd } from "#domain/parties";
import type { CivilDateString, Countdown, Deadline, DeadlineKind, TimelineEvent, Treaty } from "#domain/types";

export interface ExitGroup {
  status: "exit";
  kind: DeadlineKind;
  date: CivilDateString;
  /** Every party whose exit of this kind falls on `date`, in the order a sentence names them; empty for a term. */
  parties: string[];
  /** The deadlines behind it, in the same order as `parties` (one for a term expiry). */
  deadlines: Deadline[];
  count: Countdown;
  /**
   * Withdrawals pending on the as-of date (notice given, not yet in effect), these included; only counted when no
   * party was asked about. 0 when the exit has passed.
   */
  pendingWithdrawals: number;
}

export interface EndedTreaty {
  status: "ended";
  end: TreatyEnd;
  count: Countdown;
}

export type ExitSummary = ExitGroup | EndedTreaty | { status: "none" };

/**
 * The exit that matters on `asOf` (as `selectExit` picks it), grouped with every other exit of the same kind on
 * the same date, or the treaty's end when it ended before `asOf` (or on it, by a recorded termination or expiry). With `party`, only that party's exit.
 * Parties are ordered by the name the treaty records ("Estonia, Latvia and Lithuania").
 */
export function exitSummary(
  treaty: Treaty,
  deadlines: readonly Deadline[],
  events: readonly TimelineEvent[],
  asOf: CivilDateString,
  timeZone: string,
  party?: string,
): ExitSummary {
  const ended = treatyEnd(treaty, deadlines, events, asOf);
  // On the day an exit ends the treaty, the countdown still says "today"; from the next day, that it ended.
  if (ended !== undefined && !(ended.deadline !== undefined && ended.date === asOf))
    return { status: "ended", end: ended, count: countdown(ended.date, asOf, timeZone) };
  const exit = selectExit(deadlines, asOf, party);
  if (exit === undefined) return { status: "none" };
  const nameOf = (code: string | undefined) => treaty.parties.find((p) => p.code === code)?.name ?? code ?? "";
  const group =
    party !== undefined || exit.party === undefined
      ? [exit]
      : deadlines
          .filter((d) => d.kind === exit.kind && d.date === exit.date && d.party !== undefined)
          .sort((a, b) => nameOf(a.party).localeCompare(nameOf(b.party), "en"));
  const count = countdown(exit.date, asOf, timeZone);
  const pending =
    party !== undefined || count.daysUntil < 0
      ? 0
      : deadlines.filter(
          (d) =>
            d.kind === "withdrawal_effective" &&
            d.date >= count.asOf &&
            (d.basis.triggerDate <= count.asOf || group.includes(d)),
        ).length;
  return {
    status: "exit",
    kind: exit.kind,
    date: exit.date,
    parties: group.flatMap((d) => (d.party === undefined ? [] : [d.party])),
    deadlines: group,
    count,
    pendingWithdrawals: pending,
  };
}
