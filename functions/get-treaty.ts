import { httpHandler, ok } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { noQuery } from "#http/schemas";
import { treatyView } from "#http/views";
import { getTreaty } from "#store/treaties";

/** GET /treaties/{treatyId}: the treaty with its derived deadlines. One GetItem. */
export const handler = httpHandler(async (event) => {
  readQuery(event, noQuery);
  const record = await getTreaty(treatyIdFrom(event));
  return ok(treatyView(record));
});
