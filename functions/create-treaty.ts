import { createTreaty } from "#app/treaties";
import { requireWriter } from "#http/auth";
import { created, httpHandler } from "#http/handler";
import { readJsonBody } from "#http/request";
import { treatyInput } from "#http/schemas";
import { treatyView } from "#http/views";

/** POST /treaties (key): a new treaty; 409 when the id is taken. */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treaty = readJsonBody(event, treatyInput);
  const record = await createTreaty(treaty, writer.id, new Date());
  return created(treatyView(record), `/treaties/${treaty.id}`);
});
