import { requireWriter } from "#http/auth";
import { openCursor, sealCursor } from "#http/cursor";
import { HttpError } from "#http/errors";
import { httpHandler, ok } from "#http/handler";
import { pathParameter, readQuery } from "#http/request";
import { DEFAULT_DELIVERIES_LIMIT, deliveriesQuery, SUBSCRIPTION_ID_PATTERN } from "#http/subscription-schemas";
import { requiredEnv } from "#lib/config";
import { listDeliveryLog } from "#store/deliveries";
import { getSubscription } from "#store/subscriptions";

const cursorSecret = requiredEnv("CURSOR_SECRET", "set it to a random string that signs page cursors.");

/**
 * GET /subscriptions/{subscriptionId}/deliveries (key): what happened to the subscription's
 * reminders, newest first, one Query a page; entries expire 90 days after their outcome.
 */
export const handler = httpHandler(async (event) => {
  await requireWriter(event);
  const id = pathParameter(event, "subscriptionId");
  const query = readQuery(event, deliveriesQuery);
  const notFound = new HttpError(404, "Not found", `No subscription with id "${id}" is on record.`);
  if (!SUBSCRIPTION_ID_PATTERN.test(id)) throw notFound;
  const fingerprint = JSON.stringify(["deliveries", id]);
  const before = query.cursor ? openCursor(cursorSecret, fingerprint, query.cursor) : undefined;
  const [subscription, page] = await Promise.all([
    getSubscription(id),
    listDeliveryLog(id, { limit: Number(query.limit ?? DEFAULT_DELIVERIES_LIMIT), before }),
  ]);
  if (!subscription) throw notFound;
  return ok(
    {
      subscriptionId: id,
      deliveries: page.entries,
      nextCursor: page.lastSortKey ? sealCursor(cursorSecret, fingerprint, page.lastSortKey) : null,
    },
    { "cache-control": "private, no-store" },
  );
});
