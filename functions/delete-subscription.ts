import { requireWriter } from "#http/auth";
import { HttpError } from "#http/errors";
import { httpHandler } from "#http/handler";
import { pathParameter } from "#http/request";
import { SUBSCRIPTION_ID_PATTERN } from "#http/subscription-schemas";
import { deleteSubscription } from "#store/subscriptions";

/** DELETE /subscriptions/{subscriptionId} (key): no more reminders for it; 404 when unknown. */
export const handler = httpHandler(async (event) => {
  await requireWriter(event);
  const id = pathParameter(event, "subscriptionId");
  const deleted = SUBSCRIPTION_ID_PATTERN.test(id) && (await deleteSubscription(id));
  if (!deleted) throw new HttpError(404, "Not found", `No subscription with id "${id}" is on record.`);
  return { status: 204 };
});
