import { todayIn } from "#domain/calendar";
import { dependsOnToday } from "#http/cache-control";
import { httpHandler, ok } from "#http/handler";
import { noQueryParameters } from "#http/request";
import { treatySummary } from "#http/views";
import { now } from "#lib/clock";
import { listTreaties } from "#store/treaties";

/** GET /treaties: every treaty with its next exit, if one is ahead. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const moment = now();
  const today = todayIn("UTC", moment);
  const records = await listTreaties();
  // Each treaty's next exit is the next one after today.
  return {
    ...ok({ treaties: records.map((record) => treatySummary(record, today)) }),
    freshness: dependsOnToday("UTC", moment),
  };
});
