/** How far away a deadline is, which exit applies, and what a notice on a chosen day would set off. */
import {
  addPeriod,
  assertTimeZone,
  businessDaysBetween,
  civilDateAt,
  dayNumber,
  daysBetween,
  describePeriod,
  formatLongDate,
  monthsAndDaysBetween,
  parseCivilDate,
} from "#domain/calendar";
import { clauseInUse, inForceFor, windowFor } from "#domain/clauses";
import { EXIT_KINDS } from "#domain/deadline-identity";
import { withdrawalDeadline } from "#domain/deadlines";
import { NoticeNotAllowedError } from "#domain/errors";
import type { CivilDateString, Countdown, CountdownStatus, Deadline, Treaty } from "#domain/types";
import { assertParty } from "#domain/validation";

/** Avoids a -0 that would print as "-0" in some places and fail strict equality checks in others. */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * The count from `asOf` to a deadline `date`.
 * @param asOf a civil date `YYYY-MM-DD`, or an instant with an offset, read on the calendar in `timeZone`.
 * @throws InvalidDateError, PartialDateError, UnknownTimeZoneError.
 */
export function countdown(date: CivilDateString, asOf: string, timeZone: string): Countdown {
  const zone = assertTimeZone(timeZone);
  const deadline = parseCivilDate(date, "deadline");
  const from = civilDateAt(asOf, zone);
  const daysUntil = daysBetween(from, deadline);
  const status: CountdownStatus = daysUntil > 0 ? "pending" : daysUntil === 0 ? "today" : "passed";
  const businessDaysUntil = businessDaysBetween(from, deadline);
  const ahead = daysUntil >= 0;
  const span = ahead ? monthsAndDaysBetween(from, deadline) : monthsAndDaysBetween(deadline, from);
  const months = ahead ? span.months : -span.months;
  const days = ahead ? span.days : -span.days;
  return {
    asOf: from,
    timeZone: zone,
    date: deadline,
    daysUntil,
    businessDaysUntil,
    status,
    breakdown: { months: noNegativeZero(Math.trunc(months)), days: noNegativeZero(Math.round(days)) },
  };
}

/**
 * The exit that matters on `asOf`: among withdrawal and term-expiry deadlines (for `party` when given; a term
 * expiry, or a withdrawal with no party recorded, applies to every party), the earliest on or after `asOf`,
 * else the latest before it.
 */
export function selectExit(
  deadlines: readonly Deadline[],
  asOf: CivilDateString,
  party?: string,
): Deadline | undefined {
  const day = parseCivilDate(asOf, "as-of date");
  const exits = deadlines.filter(
    (deadline) =>
      EXIT_KINDS.has(deadline.kind) &&
      (party === undefined ||
        deadline.kind === "term_expiry" ||
        deadline.party === undefined ||
        deadline.party === party),
  );
  let nextExit: Deadline | undefined;
  let lastExit: Deadline | undefined;
  for (const exit of exits) {
    if (exit.date >= day) {
      if (nextExit === undefined || exit.date < nextExit.date) nextExit = exit;
    } else if (lastExit === undefined || exit.date > lastExit.date) {
      lastExit = exit;
    }
  }
  return nextExit ?? lastExit;
}

/**
 * The withdrawal deadline notice on `noticeOn` would produce. No event triggers it, so it has no triggerEventId.
 *
 * Notice earlier than the clause's `earliestNotice` allows is refused. Notice before the treaty entered into force
 * (or while it is not recorded as in force) is computed anyway with a warning: whether such a notice is possible is
 * a legal question the arithmetic cannot settle, and a newsroom may want to model it.
 * @throws NoticeNotAllowedError naming the first allowed date; UnknownPartyError for a party the treaty does not have.
 */
export function whatIfNotice(treaty: Treaty, noticeOn: CivilDateString, party?: string): Deadline {
  const notice = parseCivilDate(noticeOn, "notice date");
  if (party !== undefined) assertParty(treaty, party);
  const warnings: string[] = [];
  const clause = clauseInUse(treaty, party);
  const inForce = inForceFor(treaty, party);
  if (inForce === undefined) {
    warnings.push(
      `The ${treaty.shortName} is not recorded as in force; a notice of withdrawal may have no effect until it is. Check the sources.`,
    );
  } else {
    const inForceOn = parseCivilDate(inForce, "entry-into-force date");
    const forWhom = inForce === treaty.inForceOn ? "" : ` for ${party}`;
    if (clause.earliestNotice !== undefined) {
      const firstAllowed = addPeriod(inForceOn, clause.earliestNotice).date;
      if (notice < firstAllowed) {
        throw new NoticeNotAllowedError(
          `Under ${clause.label} of the ${treaty.shortName}, notice of withdrawal may be given no earlier than ` +
            `${describePeriod(clause.earliestNotice)} after entry into force${forWhom} (${formatLongDate(inForceOn)}), ` +
            `that is from ${formatLongDate(firstAllowed)}; ${formatLongDate(notice)} is too early. ` +
            `Try a date on or after ${firstAllowed}.`,
        );
      }
    }
    if (clause.windows !== undefined && treaty.inForceOn !== undefined) {
      const { within, next } = windowFor(clause.windows, treaty.inForceOn, notice);
      if (within === undefined) {
        throw new NoticeNotAllowedError(
          `Under ${clause.label} of the ${treaty.shortName}, notice may be given only within a window; ` +
            `${formatLongDate(notice)} falls outside every window` +
            (next === undefined
              ? "."
              : `. The next opens on ${formatLongDate(next.opens)} and closes on ${formatLongDate(next.closes)}; try a date from ${next.opens} to ${next.closes}.`),
        );
      }
    }
    if (dayNumber(notice) < dayNumber(inForceOn)) {
      warnings.push(
        `The ${treaty.shortName} entered into force${forWhom} on ${formatLongDate(inForceOn)}, after this notice date; ` +
          "whether notice can be given before entry into force is for the treaty's text and lawyers to say.",
      );
    }
  }
  const deadline = withdrawalDeadline(treaty, {
    noticeOn: notice,
    hypothetical: true,
    ...(party === undefined ? {} : { party }),
  });
  return { ...deadline, basis: { ...deadline.basis, warnings: [...deadline.basis.warnings, ...warnings] } };
}
