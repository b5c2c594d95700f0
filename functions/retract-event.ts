import { retractEvent } from "#app/events";
import { requireWriter } from "#http/auth";
import { eventIdFrom, eventRetraction, expectedVersionFrom } from "#http/event-changes";
import { httpHandler, ok } from "#http/handler";
import { readJsonBody, treatyIdFrom } from "#http/request";

/**
 * DELETE /treaties/{treatyId}/events/{eventId} (key, body {reason}, If-Match optional): retracts an
 * event. It stays in the history marked `retracted`, with who, when and why, and stops counting
 * for deadlines; nothing disappears.
 */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treatyId = treatyIdFrom(event);
  const eventId = eventIdFrom(event, treatyId);
  const expectedVersion = expectedVersionFrom(event, { required: false });
  const { reason } = readJsonBody(event, eventRetraction);
  const { event: retracted } = await retractEvent(
    { treatyId, eventId, expectedVersion, by: writer.id, reason },
    new Date(),
  );
  return ok(retracted);
});
