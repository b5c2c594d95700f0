import { todayIn } from "#domain/calendar";
import { httpHandler, ok } from "#http/handler";
import { noQueryParameters } from "#http/request";
import { treatySummary } from "#http/views";
import { listTreaties } from "#store/treaties";

/** GET /treaties: every treaty with its next exit, if one is ahead. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const today = todayIn("UTC", new Date());
  const records = await listTreaties();
  return ok({ treaties: records.map((record) => treatySummary(record, today)) });
});
