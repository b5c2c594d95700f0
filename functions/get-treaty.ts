import { httpHandler, ok } from "#http/handler";
import { noQueryParameters, treatyIdFrom } from "#http/request";
import { treatyView } from "#http/views";
import { getTreaty } from "#store/treaties";

/** GET /treaties/{treatyId}: the treaty with its derived deadlines. One GetItem. */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const record = await getTreaty(treatyIdFrom(event));
  return ok(treatyView(record));
});
