import { eventIdFrom, revisionView } from "#http/event-changes";
import { httpHandler, ok } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { noQuery } from "#http/schemas";
import { getEvent } from "#store/events";
import { listRevisions } from "#store/revisions";

/**
 * GET /treaties/{treatyId}/events/{eventId}/revisions: the event as it is now and every earlier
 * version, oldest first, each with who replaced it, when and why.
 */
export const handler = httpHandler(async (event) => {
  readQuery(event, noQuery);
  const treatyId = treatyIdFrom(event);
  const eventId = eventIdFrom(event, treatyId);
  const [current, revisions] = await Promise.all([getEvent(treatyId, eventId), listRevisions(treatyId, eventId)]);
  return ok({ treatyId, eventId, current, revisions: revisions.map(revisionView) });
});
