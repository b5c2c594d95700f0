import { httpHandler, ok } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { noQuery } from "#http/schemas";
import { getTreaty } from "#store/treaties";

/** GET /treaties/{treatyId}/deadlines: every derived deadline with its basis. One GetItem. */
export const handler = httpHandler(async (event) => {
  readQuery(event, noQuery);
  const record = await getTreaty(treatyIdFrom(event));
  return ok({ treatyId: record.treaty.id, deadlines: record.deadlines });
});
