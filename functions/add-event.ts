import { randomUUID } from "node:crypto";
import { requireWriter } from "#http/auth";
import { created, httpHandler } from "#http/handler";
import { readJsonBody, treatyIdFrom } from "#http/request";
import { eventInput } from "#http/schemas";
import { putEvent } from "#store/events";

/** POST /treaties/{treatyId}/events (key): adds an event; the treaty's deadlines follow in the same transaction. */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treatyId = treatyIdFrom(event);
  const input = readJsonBody(event, eventInput);
  const now = new Date();
  const { event: stored } = await putEvent(
    { ...input, id: randomUUID(), treatyId, createdAt: now.toISOString(), version: 1, createdBy: writer.id },
    now,
  );
  return created(stored, `/treaties/${treatyId}/events/${stored.id}`);
});
