import { createHmac, randomBytes } from "node:crypto";

/**
 * Reminders are signed as the Standard Webhooks specification says
 * (https://www.standardwebhooks.com/, "Signature scheme"), so a receiver verifies them with the
 * `standardwebhooks` package or any of its ports:
 *
 * - `webhook-id`: the delivery id, the same on every retry of one reminder;
 * - `webhook-timestamp`: seconds since the epoch when this attempt was signed;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, one per
 *   secret in force, separated by spaces (during a rotation, the new secret's and the old's).
 *
 * Secrets are `whsec_` + the standard base64 of 32 random bytes; the HMAC key is those bytes.
 */
export const WEBHOOK_ID_HEADER = "webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

const SECRET_PREFIX = "whsec_";

export const newSubscriptionSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;

/**
 * The key bytes of a secret. Node's base64 decoder also reads the URL-safe alphabet, so
 * secrets issued before the switch to the specification (whsec_ + base64url) keep working.
 */
const keyOf = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, "utf8").digest("base64")}`;
}

/** The three headers of one attempt, signed with every secret given (newest first). */
export function signedHeaders(
  secrets: readonly string[],
  id: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: secrets.map((secret) => signatureOf(secret, id, timestamp, body)).join(" "),
  };
}

/** How long the secret a rotation replaces still signs deliveries beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** The secrets that sign a delivery now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  subscription: { secret: string; previousSecret?: string; previousSecretExpiresAt?: string },
  now: Date = new Date(),
): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = subscription;
  const overlapping =
    previousSecret !== undefined &&
    previousSecretExpiresAt !== undefined &&
    Date.parse(previousSecretExpiresAt) > now.getTime();
  return overlapping ? [secret, previousSecret] : [secret];
}
