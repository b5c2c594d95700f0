import { todayIn } from "#domain/civil-date";
import { httpHandler, ok } from "#http/handler";
import { readQuery } from "#http/request";
import { noQuery } from "#http/schemas";
import { treatySummary } from "#http/views";
import { listTreaties } from "#store/treaties";

/** GET /treaties: every treaty with its next exit, if one is ahead. */
export const handler = httpHandler(async (event) => {
  readQuery(event, noQuery);
  const today = todayIn("UTC", new Date());
  const records = await listTreaties();
  return ok({ treaties: records.map((record) => treatySummary(record, today)) });
});
