import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Reminders are signed like GitHub webhooks: `x-treaty-clock-signature: sha256=<hex>`, the
 * HMAC-SHA256 of the exact bytes of the body under the subscription's secret.
 */
export const SIGNATURE_HEADER = "x-treaty-clock-signature";
export const DELIVERY_HEADER = "x-treaty-clock-delivery";

export const newSubscriptionSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
