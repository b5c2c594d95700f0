import { randomBytes } from "node:crypto";
import { TreatyNotFoundError } from "#domain/errors";
import { requireWriter } from "#http/auth";
import { HttpError } from "#http/errors";
import { created, httpHandler } from "#http/handler";
import { readJsonBody } from "#http/request";
import { subscriptionInput } from "#http/subscription-schemas";
import { DEFAULT_OFFSETS_DAYS } from "#lib/reminders/schedule";
import { newSubscriptionSecret } from "#lib/reminders/signature";
import { maskWebhookUrl } from "#lib/reminders/webhook-url";
import { putSubscription, type SubscriptionRecord } from "#store/subscriptions";
import { getTreaty } from "#store/treaties";

/**
 * POST /subscriptions (key): reminders before deadlines, posted to a webhook. The URL must
 * resolve to public addresses only (422 naming `url` otherwise). The secret is shown only here.
 */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const input = readJsonBody(event, subscriptionInput);
  await assertWebhookAllowed(input.url);
  if (input.treatyId) await assertTreatyExists(input.treatyId);
  const record: SubscriptionRecord = {
    id: `sub_${randomBytes(12).toString("base64url")}`,
    url: input.url,
    ...(input.treatyId ? { treatyId: input.treatyId } : {}),
    offsetsDays: [...(input.offsetsDays ?? DEFAULT_OFFSETS_DAYS)].sort((a, b) => b - a),
    ...(input.label ? { label: input.label } : {}),
    secret: newSubscriptionSecret(),
    createdAt: new Date().toISOString(),
    createdBy: writer.id,
  };
  await putSubscription(record);
  const { secret, createdBy: _, ...shown } = record;
  return created({ ...shown, maskedUrl: maskWebhookUrl(record.url), secret }, `/subscriptions/${record.id}`);
});

/**
 * The URL must point at public addresses now (the job checks again before every post). The address checks
 * (ipaddr.js's ranges, a DNS lookup) load here, once the key and the body have passed: a refused request never
 * pays for them at a cold start.
 */
async function assertWebhookAllowed(url: string): Promise<void> {
  const { checkWebhookTarget } = await import("#lib/reminders/webhook-target");
  const check = await checkWebhookTarget(url);
  if (check.ok) return;
  throw new HttpError(422, "Webhook not allowed", `The url ${check.problem}.`, [
    { path: "url", message: check.problem },
  ]);
}

async function assertTreatyExists(treatyId: string): Promise<void> {
  try {
    await getTreaty(treatyId);
  } catch (error) {
    if (!(error instanceof TreatyNotFoundError)) throw error;
    throw new HttpError(422, "Unknown treaty", error.message, [
      { path: "treatyId", message: "must be the id of a treaty on record" },
    ]);
  }
}
