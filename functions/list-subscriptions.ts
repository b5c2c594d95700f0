import { requireWriter } from "#http/auth";
import { httpHandler, ok } from "#http/handler";
import { readQuery } from "#http/request";
import { noQuery } from "#http/schemas";
import { maskWebhookUrl } from "#lib/reminders/webhook-url";
import { listSubscriptions } from "#store/subscriptions";

/** GET /subscriptions (key): every subscription, oldest first; URLs masked (they can be secret webhooks), no secrets. */
export const handler = httpHandler(async (event) => {
  await requireWriter(event);
  readQuery(event, noQuery);
  const subscriptions = await listSubscriptions();
  return ok(
    {
      subscriptions: subscriptions.map(({ id, url, treatyId, offsetsDays, label, createdAt }) => ({
        id,
        url: maskWebhookUrl(url),
        treatyId: treatyId ?? null,
        offsetsDays,
        ...(label ? { label } : {}),
        createdAt,
      })),
    },
    { "cache-control": "private, no-store" },
  );
});
