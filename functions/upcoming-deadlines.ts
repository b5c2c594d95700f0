import { addPeriod, todayIn } from "#domain/calendar";
import { EDITS } from "#http/cache-control";
import { BadRequestError } from "#http/errors";
import { httpHandler, ok } from "#http/handler";
import { readOptionalQuery } from "#http/request";
import { dependsOnToday } from "#http/today";
import { now } from "#lib/clock";
import { listDeadlinesBetween } from "#store/deadlines";

const MAX_WINDOW_YEARS = 25;

/** GET /deadlines?from=&to=: deadlines of every treaty in a window, soonest first. Default: the coming year. */
export const handler = httpHandler(async (event) => {
  // The plain "coming year" read has no query, so the schemas load only when a request brings a window.
  const query = await readOptionalQuery(event, async () => (await import("#http/schemas")).deadlinesWindowQuery);
  const moment = now();
  const from = query.from ?? todayIn("UTC", moment);
  const to = query.to ?? addPeriod(from, { years: 1 }).date;
  if (from > to) throw new BadRequestError(`from (${from}) is after to (${to}).`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= MAX_WINDOW_YEARS) {
    throw new BadRequestError(`The window may span at most ${MAX_WINDOW_YEARS} calendar years; ask for a shorter one.`);
  }
  const found = await listDeadlinesBetween(from, to);
  const deadlines = found
    .filter((entry) => !query.kind || entry.deadline.kind === query.kind)
    .map(({ treatyId, treatyShortName, deadline }) => ({ treatyId, treatyShortName, ...deadline }));
  return { ...ok({ from, to, deadlines }), freshness: query.from ? EDITS : dependsOnToday("UTC", moment) };
});
