import { randomUUID } from "node:crypto";
import { addEvent } from "#app/events";
import type { StoredEvent } from "#domain/records";
import { requireWriter } from "#http/auth";
import { idempotencyKeyFrom } from "#http/event-changes";
import { created, httpHandler } from "#http/handler";
import { readJsonBody, treatyIdFrom } from "#http/request";
import { eventInput } from "#http/schemas";
import { requestFingerprint } from "#store/idempotency";

/**
 * POST /treaties/{treatyId}/events (key): adds an event; the treaty's deadlines follow in the same
 * transaction. With an Idempotency-Key, a retry of the same request answers with the first event
 * and stores nothing; the same key with another request is refused (422).
 */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treatyId = treatyIdFrom(event);
  const idempotencyKey = idempotencyKeyFrom(event);
  const input = readJsonBody(event, eventInput);
  const now = new Date();
  const candidate: StoredEvent = {
    ...input,
    id: randomUUID(),
    treatyId,
    createdAt: now.toISOString(),
    version: 1,
    createdBy: writer.id,
  };
  const guard = idempotencyKey
    ? { writerId: writer.id, key: idempotencyKey, fingerprint: requestFingerprint(treatyId, input) }
    : undefined;
  const { event: stored, replayed } = await addEvent(candidate, now, guard);
  const reply = created(stored, `/treaties/${treatyId}/events/${stored.id}`);
  return replayed ? { ...reply, headers: { ...reply.headers, "idempotent-replayed": "true" } } : reply;
});
