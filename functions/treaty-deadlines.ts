import { httpHandler, ok } from "#http/handler";
import { noQueryParameters, treatyIdFrom } from "#http/request";
import { getTreaty } from "#store/treaties";

/** GET /treaties/{treatyId}/deadlines: every derived deadline with its basis. One GetItem. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const record = await getTreaty(treatyIdFrom(event));
  return ok({ treatyId: record.treaty.id, deadlines: record.deadlines });
});
