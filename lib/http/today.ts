/**
 * Answers that depend on today's date: which day "today" is for a request, and until when an answer
 * computed for today may be cached. The one HTTP module that needs the calendar (luxon), so the
 * request and cache-header modules every function loads stay without it.
 */
import { civilDateAt, startOfNextDay } from "#domain/calendar";
import type { CivilDateString } from "#domain/types";
import { EDITS, type Freshness } from "#http/cache-control";
import { now } from "#lib/clock";

/** An answer computed at `now` for today's date in `zone`: caches keep it no later than midnight there. */
export const dependsOnToday = (zone: string, moment: Date): Freshness => ({
  kind: "today",
  now: moment,
  nextMidnight: startOfNextDay(zone, moment),
});

/**
 * The civil date a query's `asOf` (default: this moment, from the clock seam) names on the calendar of its `tz`
 * (default UTC), and how long the answer may be cached: without `asOf` the answer is today's, so caches keep it
 * no later than midnight in its zone.
 */
export function asOfFrom(
  query: { asOf?: string | undefined; tz?: string | undefined },
  moment: Date = now(),
): { asOf: CivilDateString; timeZone: string; freshness: Freshness } {
  const timeZone = query.tz ?? "UTC";
  return {
    asOf: civilDateAt(query.asOf ?? moment.toISOString(), timeZone),
    timeZone,
    freshness: query.asOf ? EDITS : dependsOnToday(timeZone, moment),
  };
}
