import { requireWriter } from "#http/auth";
import { HttpError } from "#http/errors";
import { httpHandler, ok } from "#http/handler";
import { pathParameter, readJsonBody } from "#http/request";
import { SUBSCRIPTION_ID_PATTERN, secretRotationInput } from "#http/subscription-schemas";
import { newSubscriptionSecret, ROTATION_OVERLAP_MS } from "#lib/reminders/signature";
import { rotateSubscriptionSecret } from "#store/subscriptions";

/**
 * POST /subscriptions/{subscriptionId}/secret (key): a new signing secret, shown only in this
 * answer. For the next 24 hours deliveries carry a signature by the new secret and one by the
 * old, so a newsroom can switch its receiver over without missing a reminder; then the new alone.
 */
export const handler = httpHandler(async (event) => {
  await requireWriter(event);
  const id = pathParameter(event, "subscriptionId");
  if ((event.body ?? "").trim() !== "") readJsonBody(event, secretRotationInput);
  const rotated = SUBSCRIPTION_ID_PATTERN.test(id)
    ? await rotateSubscriptionSecret(id, newSubscriptionSecret(), { now: new Date(), overlapMs: ROTATION_OVERLAP_MS })
    : undefined;
  if (!rotated) throw new HttpError(404, "Not found", `No subscription with id "${id}" is on record.`);
  return ok(
    {
      id: rotated.id,
      secret: rotated.secret,
      rotatedAt: rotated.secretRotatedAt,
      previousSecretExpiresAt: rotated.previousSecretExpiresAt,
    },
    { "cache-control": "no-store" },
  );
});
