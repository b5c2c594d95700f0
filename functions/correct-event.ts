import { correctEvent } from "#app/events";
import { requireWriter } from "#http/auth";
import { applyCorrection, eventCorrection, eventIdFrom, expectedVersionFrom } from "#http/event-changes";
import { httpHandler, ok } from "#http/handler";
import { readJsonBody, treatyIdFrom } from "#http/request";

/**
 * PATCH /treaties/{treatyId}/events/{eventId} (key, If-Match: <version>): corrects an event with a
 * reason. The previous version is kept as a revision and the deadlines follow, in one transaction.
 */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treatyId = treatyIdFrom(event);
  const eventId = eventIdFrom(event, treatyId);
  const expectedVersion = expectedVersionFrom(event, { required: true });
  const correction = readJsonBody(event, eventCorrection);
  const { event: corrected } = await correctEvent(
    { treatyId, eventId, expectedVersion, by: writer.id, reason: correction.reason },
    (current) => applyCorrection(current, correction),
    new Date(),
  );
  return ok(corrected);
});
